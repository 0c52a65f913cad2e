"""Renderers: turn query results into text for people or for machines. No business logic here.

Each output format is a module with `render(result) -> str`; the table renderer also takes the terminal width
and whether to use colour.
"""

from __future__ import annotations

import importlib

OUTPUT_FORMATS = ("table", "json", "markdown", "csv")


def render(result: object, output_format: str, width: int = 100, color: bool = False) -> str:
    module = importlib.import_module(f"ldcf.render.{output_format}")
    if output_format == "table":
        return module.render(result, width=width, color=color)
    return module.render(result)
