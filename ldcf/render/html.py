"""HTML: one self-contained page (inline style, no outside requests), for reading on screen and printing on A4
with the document's footer and "Page X of Y" at the foot of each page."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import Markup

from ldcf.render.blocks import Document, Table, clean, shown_title
from ldcf.render.context import document_context


@functools.cache
def _environment() -> jinja2.Environment:
    # Every value is escaped: data and records are text, never markup.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("ldcf", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def css_string(text: str) -> Markup:
    """`text` as a CSS string for the style sheet: every character but letters, digits and spaces escaped, so
    that no text can end the string or the style element."""
    escaped = "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x} " for c in clean(text))
    return Markup(f'"{escaped}"')


def _layout(block: object, section_heading: str) -> dict[str, Any]:
    """What the page shows of a block beyond its content: the title shown (none where it would repeat the
    section's heading) and, for a table, its layout."""
    title = getattr(block, "title", "")
    shown: dict[str, Any] = {"shown_title": clean(shown_title(title, section_heading))}
    if isinstance(block, Table):
        total = sum(block.widths)
        widths = [round(100 * width / total, 1) for width in block.widths] if total else []
        shown |= {
            "widths": widths if len(widths) == block.columns else [],
            "nowrap": list(block.nowrap),
            "row_height": block.row_height,
            "row_labels": block.row_labels,
            "form": block.row_labels and not block.headers,
        }
    return shown


def context(document: Document) -> dict[str, Any]:
    """The template's data: the document as templates see it, with each table's layout and the footer."""
    data = document_context(document)
    for section, shown in zip(document.sections, data["sections"], strict=True):
        shown["new_page"] = section.new_page
        for block, shown_block in zip(section.blocks, shown["blocks"], strict=True):
            shown_block.update(_layout(block, section.heading))
    data["footer_css"] = css_string(document.footer or document.title)
    return data


def render(document: Document) -> str:
    return _environment().get_template("document.html.jinja").render(context(document))
