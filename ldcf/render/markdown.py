"""Markdown, for job descriptions, training plans and documentation."""

from __future__ import annotations

import re

from ldcf.render.blocks import Block, Bullets, Document, Fields, Heading, Paragraph, clean, shown_title, web_address
from ldcf.render.layout import layout

# Characters that start Markdown syntax anywhere in a line: code, emphasis, links and images, strikethrough,
# table cells, and the backslash itself.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]~|])")
# What makes a line a heading, quote, list item or setext underline when it starts one.
_LINE_START_SYNTAX = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


# An ampersand is text in Markdown unless it starts something that reads as an HTML entity (&amp; &#38;).
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def _text(text: str) -> str:
    """Data as literal Markdown text: never HTML (< and entity-like & written as entities), never a link, image,
    emphasis or code span (backslash escapes), never a heading, list or quote (the first character escaped), on
    one line."""
    escaped = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    escaped = " ".join(_INLINE_SYNTAX.sub(r"\\\1", escaped).splitlines())
    return _LINE_START_SYNTAX.sub(lambda found: found[1] + "\\" + found[2] if not found[2].isdigit()
                                  else found[1] + found[2] + "\\", escaped)  # fmt: skip


def _cell(text: str) -> str:
    return _text(text)


# A value left empty in a document's form: a line to write on.
WRITE_IN = "\\_" * 12


def _title(title: str) -> list[str]:
    return [f"### {_text(title)}", ""] if title else []


def _lines(block: Block, section_heading: str = "") -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _text(block.text)]
    if isinstance(block, Paragraph):
        return [_text(block.text)]
    if isinstance(block, Fields):
        return [f"- **{_text(label)}:** {_text(value) or WRITE_IN}" for label, value in block.pairs]
    if isinstance(block, Bullets):
        return _title(shown_title(block.title, section_heading)) + [f"- {_text(item)}" for item in block.items]
    lines = _title(shown_title(block.title, section_heading))
    if not block.rows:
        return [*lines, "(none)"]
    if block.row_labels and not block.headers:  # a form: each label with its value, or a line to write on
        return lines + [f"- **{_text(row[0])}:** {' '.join(_text(cell) for cell in row[1:]) or WRITE_IN}"
                        for row in block.rows]  # fmt: skip
    lines.append("| " + " | ".join(_cell(header) for header in block.headers) + " |")
    lines.append("|" + "|".join(" --- " for _ in block.headers) + "|")
    for index, row in enumerate(block.rows):
        link = block.links[index] if index < len(block.links) else None
        cells = [_link(row[0], link), *(_cell(cell) for cell in row[1:])] if row else []
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _link(text: str, address: str | None) -> str:
    """A cell that links to the NOS document, when its address is a plain web address."""
    address = web_address(address)
    if address is None:
        return _cell(text)
    return f"[{_cell(text)}]({address.replace('(', '%28').replace(')', '%29')})"


def _document(document: Document) -> list[list[str]]:
    """A document: its title, each section's heading and blocks, a heading within a section one level down."""
    parts = [[f"# {_text(clean(document.title))}"]]
    for section in document.sections:
        parts.append([f"## {_text(clean(section.heading))}"])
        for block in section.blocks:
            if isinstance(block, Heading):
                block = block._replace(level=3)
            parts.append(_lines(block, section.heading))
    return parts


def render(result: object) -> str:
    """A view's result, or a document, as Markdown."""
    parts = _document(result) if isinstance(result, Document) else [_lines(block) for block in layout(result)]
    blocks = [lines for lines in parts if lines]
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"
