"""Tables for the terminal, drawn with rich. Text from the data is never read as rich markup."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from ldcf.render.layout import Block, Bullets, Fields, Heading, Paragraph, Table, layout

# rich folds a word longer than its column in time that grows with the square of the word's length, and draws
# any text slowly: a word is cut into pieces of at most _LONGEST_WORD characters, and a text longer than
# _LONGEST_TEXT is shown in part (the other formats give it whole), so that no text can stall the terminal.
_LONGEST_WORD = 80
_LONGEST_TEXT = 2000
_LONG_WORD = re.compile(rf"\S{{{_LONGEST_WORD + 1},}}")


def _cut(found: re.Match[str]) -> str:
    word = found.group()
    return "\n".join(word[start : start + _LONGEST_WORD] for start in range(0, len(word), _LONGEST_WORD))


def _text(text: str, style: str = "") -> Text:
    """Text from the data for rich: never markup, long words cut, very long text shown in part."""
    if len(text) > _LONGEST_TEXT:
        text = f"{text[:_LONGEST_TEXT]}... ({len(text) - _LONGEST_TEXT:,} more characters in --format json)"
    return Text(_LONG_WORD.sub(_cut, text), style=style)


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
            for label, value in block.pairs:
                grid.add_row(_text(label), _text(value))
            yield grid
    elif isinstance(block, Bullets):
        yield _text(block.title, style="bold")
        for item in block.items:
            yield _text(f"  - {item}")
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
            console.print(renderable)
    # rich pads every line to the width; the padding is noise in a file or a pipe.
    return "".join(line.rstrip() + "\n" for line in output.getvalue().splitlines())
