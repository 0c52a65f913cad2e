"""Tables for the terminal, drawn with rich. Text from the data is never read as rich markup."""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from ldcf.render.layout import Block, Bullets, Fields, Heading, Paragraph, Table, layout


def _renderables(block: Block) -> Iterator[RenderableType]:
    if isinstance(block, Heading):
        yield Text(block.text, style="bold" if block.level == 1 else "bold underline")
    elif isinstance(block, Paragraph):
        yield Text(block.text)
    elif isinstance(block, Fields):
        if block.pairs:
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(overflow="fold")
            for label, value in block.pairs:
                grid.add_row(Text(label), Text(value))
            yield grid
    elif isinstance(block, Bullets):
        yield Text(block.title, style="bold")
        for item in block.items:
            yield Text(f"  - {item}")
    elif isinstance(block, Table):
        table = RichTable(title=Text(block.title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD)
        for header in block.headers:
            table.add_column(Text(header), overflow="fold")
        for row in block.rows:
            table.add_row(*(Text(cell) for cell in row))
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
    return output.getvalue()
