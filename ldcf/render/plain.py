"""The table format when the output is not a terminal: the same blocks as plain aligned text, without rich.

A file or a pipe needs no colour, no box drawing and no terminal measurements, and rich costs more to import
than everything else a view does; so when stdout is not a terminal (the `gh` convention), this module draws
the table format. It shows what the terminal renderer shows: the same words in the same order, wrapped to the
width, with web addresses never broken and wrapped items indented under their first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ldcf.render.blocks import Block, Bullets, Fields, Heading, Paragraph, Table
from ldcf.render.layout import layout

# A text longer than this is shown in part in the table format, in a terminal or not (the other formats give
# it whole): rich draws long text slowly, and both table renderers show the same thing.
LONGEST_TEXT = 2000
URL = re.compile(r"https?://\S+")
_COLUMN_GAP = "  "
_LONGEST_KEPT_WORD = 30


def shown_text(text: str) -> str:
    """`text` as the table format shows it: whole, or its first LONGEST_TEXT characters and how many more."""
    if len(text) <= LONGEST_TEXT:
        return text
    return f"{text[:LONGEST_TEXT]}... ({len(text) - LONGEST_TEXT:,} more characters in --format json)"


def _wrapped(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (a web address is never broken, and may be longer)."""
    lines: list[str] = []
    for part in shown_text(text).split("\n"):
        if URL.fullmatch(part):
            lines.append(part)
        elif len(part) <= width and part.isprintable():  # what textwrap would make of it, without its cost
            lines.append(part.rstrip(" "))
        else:
            lines.extend(_words_wrapped(part, width) or _textwrapped(part, width))
    return lines


def _textwrapped(text: str, width: int) -> list[str]:
    import textwrap  # only for text _words_wrapped leaves to it: most views never need it

    return textwrap.wrap(text, width=max(width, 1), break_on_hyphens=False) or [""]


def _words_wrapped(text: str, width: int) -> list[str] | None:
    """What `textwrap.wrap(text, width, break_on_hyphens=False)` makes of words with one space between them, none
    of them longer than `width` (a search's titles): as many words to a line as fit. None for any other text
    (two spaces together, a space at either end, another kind of space, a word to break), left to textwrap."""
    words = text.split(" ")
    if not text.isprintable() or "" in words or max(map(len, words)) > width:
        return None
    lines, line = [], words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _column_widths(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], width: int) -> list[int]:
    """Each column as wide as its longest cell when the table fits. Otherwise every column keeps its longest
    word (up to _LONGEST_KEPT_WORD), so that a code is never broken, and the room left is shared in proportion
    to what each column's cells hold beyond that."""
    columns = list(zip(*(headers, *rows), strict=True))
    natural = [max(len(shown_text(cell)) for cell in column) for column in columns]
    available = width - len(_COLUMN_GAP) * (len(headers) - 1)
    if sum(natural) <= available:
        return natural
    minimum = [
        min(max(map(len, " ".join(map(shown_text, column)).split()), default=1), _LONGEST_KEPT_WORD)
        for column in columns
    ]
    spare = available - sum(minimum)
    extra = [most - least for most, least in zip(natural, minimum, strict=True)]
    if spare <= 0 or not sum(extra):
        return minimum
    return [least + spare * more // sum(extra) for least, more in zip(minimum, extra, strict=True)]


def _table_lines(block: Table, width: int) -> Iterator[str]:
    widths = _column_widths(block.headers, block.rows, width)
    yield block.title
    yield ""
    for index, row in enumerate((block.headers, *block.rows)):
        wrapped = [_wrapped(cell, column_width) for cell, column_width in zip(row, widths, strict=True)]
        for line in range(max(len(cell) for cell in wrapped)):
            parts = [cell[line] if line < len(cell) else "" for cell in wrapped]
            yield _COLUMN_GAP.join(part.ljust(column_width) for part, column_width in zip(parts, widths, strict=True))
        if index == 0:
            yield _COLUMN_GAP.join("-" * column_width for column_width in widths)


def _lines(block: Block, width: int) -> Iterator[str]:
    if isinstance(block, (Heading, Paragraph)):
        yield from _wrapped(block.text, width)
    elif isinstance(block, Fields):
        label_width = max((len(label) for label, _ in block.pairs), default=0)
        indent = " " * (label_width + len(_COLUMN_GAP))
        for label, value in block.pairs:
            lines = [value] if URL.fullmatch(value) else _wrapped(value, width - len(indent))
            yield f"{label.ljust(label_width)}{_COLUMN_GAP}{lines[0]}"
            yield from (indent + line for line in lines[1:])
    elif isinstance(block, Bullets):
        yield from _wrapped(block.title, width)
        for item in block.items:
            lines = _wrapped(item, width - 4)
            yield f"  - {lines[0]}"
            yield from ("    " + line for line in lines[1:])
    elif isinstance(block, Table):
        yield from _table_lines(block, width)


def render(result: object, width: int = 100) -> str:
    lines: list[str] = []
    for index, block in enumerate(layout(result)):
        if index and isinstance(block, (Heading, Table)):
            lines.append("")
        lines.extend(_lines(block, width))
    return "".join(line.rstrip() + "\n" for line in lines)
