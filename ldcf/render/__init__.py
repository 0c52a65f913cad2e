"""Renderers: turn query results into text for people or for machines. No business logic here.

Each output format is a module with `render(result) -> str`; the table renderer also takes the terminal width
and whether to use colour.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

OUTPUT_FORMATS = ("table", "json", "markdown", "csv")


def render(result: object, output_format: str, width: int = 100, color: bool = False) -> str:
    """`result` in one of OUTPUT_FORMATS; each is the module of that name, imported only when used."""
    renderer: Callable[..., str] = importlib.import_module(f"ldcf.render.{output_format}").render
    if output_format == "table":
        return renderer(result, width=width, color=color)
    return renderer(result)
