"""Renderers: turn query results into text for people or for machines. No business logic here.

Each output format is a module with `render(result) -> str`; the table format also takes the width, whether
the output is a terminal (drawn with rich, `table`) or not (plain text, `plain`), and whether to use colour.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable

OUTPUT_FORMATS = ("table", "json", "markdown", "csv")


def render(result: object, output_format: str, width: int = 100, terminal: bool = False, color: bool = False) -> str:
    """`result` in one of OUTPUT_FORMATS; each is the module of that name, imported only when used."""
    if output_format == "table" and not terminal:
        output_format = "plain"
    renderer: Callable[..., str] = importlib.import_module(f"ldcf.render.{output_format}").render
    if output_format == "table":
        return renderer(result, width=width, color=color)
    if output_format == "plain":
        return renderer(result, width=width)
    return renderer(result)


def terminal_width() -> int:
    """The width to draw for: what `shutil.get_terminal_size().columns` gives ($COLUMNS, else the terminal's,
    else 80), without importing shutil, which brings the compression modules with it."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    if sys.__stdout__ is None:
        return 80
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (ValueError, OSError):
        return 80


# Documents are written to files, and the file's extension picks the format.
DOCUMENT_FORMATS = {".docx": "docx", ".html": "html", ".md": "markdown"}


def render_document(document: object, extension: str) -> bytes:
    """A document (`ldcf.render.blocks.Document`) as the content of a file with `extension`, one of
    DOCUMENT_FORMATS."""
    rendered: str | bytes = importlib.import_module(f"ldcf.render.{DOCUMENT_FORMATS[extension]}").render(document)
    return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


_WORKFLOW_COMMAND = re.compile(r"^(\s*)::", flags=re.M)


def for_github_log(text: str) -> str:
    """Text for a GitHub Actions log: a line that starts with :: would be run as a workflow command (setting
    outputs, masking, annotations), so a backslash goes before it. JSON never starts a line so."""
    return _WORKFLOW_COMMAND.sub(r"\1\\::", text)
