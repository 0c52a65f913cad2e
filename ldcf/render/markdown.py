"""Markdown, for job descriptions, training plans and documentation."""

from __future__ import annotations

import re

from ldcf.render.blocks import Block, Bullets, Document, Fields, Heading, Paragraph, web_address
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


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _text(block.text)]
    if isinstance(block, Paragraph):
        return [_text(block.text)]
    if isinstance(block, Fields):
        return [f"- **{label}:** {_text(value)}" for label, value in block.pairs]
    if isinstance(block, Bullets):
        return [f"### {_text(block.title)}", ""] + [f"- {_text(item)}" for item in block.items]
    lines = [f"### {_text(block.title)}", ""]
    if not block.rows:
        return [*lines, "(none)"]
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


def render(result: object) -> str:
    """A view's result, or a document, as Markdown."""
    parts = result.blocks() if isinstance(result, Document) else layout(result)
    blocks = [lines for lines in (_lines(block) for block in parts) if lines]
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"
