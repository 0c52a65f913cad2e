"""HTML: one self-contained page (inline style, no outside requests), for reading on screen and printing on A4."""

from __future__ import annotations

import functools

import jinja2

from ldcf.render.blocks import Document
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


def render(document: Document) -> str:
    return _environment().get_template("document.html.jinja").render(document_context(document))
