"""Tables for the terminal, drawn with rich. Text from the data is never read as rich markup."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from ldcf.render.blocks import Block, Bullets, Fields, Heading, Paragraph, Table
from ldcf.render.layout import layout
from ldcf.render.plain import LONGEST_TEXT, URL, shown_text

# rich folds a word longer than its column in time that grows with the square of the word's length: a word is
# cut into pieces of at most _LONGEST_WORD characters, so that no text can stall the terminal.
_LONGEST_WORD = 80
_LONG_WORD = re.compile(rf"\S{{{_LONGEST_WORD + 1},}}")


def _cut(found: re.Match[str]) -> str:
    word = found.group()
    return "\n".join(word[start : start + _LONGEST_WORD] for start in range(0, len(word), _LONGEST_WORD))


def _text(text: str, style: str = "") -> Text:
    """Text from the data for rich: never markup, long words cut (not web addresses), very long text in part."""
    if URL.fullmatch(text) and len(text) <= LONGEST_TEXT:
        return Text(text, style=style)
    return Text(_LONG_WORD.sub(_cut, shown_text(text)), style=style)


def _renderables(block: Block) -> Iterator[RenderableType]:
    if isinstance(block, Heading):
        yield _text(block.text, style="bold" if block.level == 1 else "bold underline")
    elif isinstance(block, Paragraph):
        yield _text(block.text)
    elif isinstance(block, Fields):
        if block.pairs:
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(overflow="fold")
            width = max(len(label) for label, _ in block.pairs)
            addresses = [(label, value) for label, value in block.pairs if URL.fullmatch(value)]
            for label, value in block.pairs:
                if (label, value) not in addresses:
                    grid.add_row(_text(label), _text(value))
            yield grid
            for label, value in addresses:  # an address cut across lines cannot be followed: it may overflow
                yield Text(f"{label:<{width}}  {value}", no_wrap=True, overflow="ignore")
    elif isinstance(block, Bullets):
        yield _text(block.title, style="bold")
        items = RichTable.grid(padding=(0, 1))
        items.add_column(no_wrap=True)
        items.add_column(overflow="fold")
        for item in block.items:
            items.add_row("  -", _text(item))  # a wrapped item stays indented under its first line
        yield items
    elif isinstance(block, Table):
        table = RichTable(title=_text(block.title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD)
        for header in block.headers:
            table.add_column(_text(header), overflow="fold")
        for row in block.rows:
            table.add_row(*(_text(cell) for cell in row))
        yield table


def render(result: object, width: int = 100, color: bool = False) -> str:
    output = io.StringIO()
    console = Console(
        file=output,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        highlight=False,
        emoji=False,
    )
    for index, block in enumerate(layout(result)):
        if index and isinstance(block, (Heading, Table)):
            console.print()
        for renderable in _renderables(block):
            # A line that must not wrap (a web address) is printed whole, past the width if it must be.
            console.print(renderable, soft_wrap=isinstance(renderable, Text) and renderable.no_wrap is True)
    # rich pads every line to the width; the padding is noise in a file or a pipe.
    return "".join(line.rstrip() + "\n" for line in output.getvalue().splitlines())
