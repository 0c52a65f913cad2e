"""A document as plain data (dicts, lists and strings) for templates: the HTML renderer's own and the Word
templates of `doc --template`, whose tags are documented in docs/documents.md. Every text is cleaned here, so
that no template can receive a character that breaks its output."""

from __future__ import annotations

from typing import Any

from ldcf.render.blocks import Block, Bullets, Document, Fields, Heading, Paragraph, Table, clean, web_address


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text}
    if isinstance(block, Fields):
        return {"kind": "fields", "pairs": [{"label": label, "value": value} for label, value in block.pairs]}
    if isinstance(block, Bullets):
        return {"kind": "list", "title": block.title, "entries": list(block.items)}
    return _table(block)


def _table(table: Table) -> dict[str, Any]:
    rows = []
    for index, row in enumerate(table.rows):
        link = web_address(table.links[index]) if index < len(table.links) else None
        rows.append([{"text": cell, "link": link if column == 0 else None} for column, cell in enumerate(row)])
    return {"kind": "table", "title": table.title, "headers": list(table.headers), "rows": rows}


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    return value


def document_context(document: Document) -> dict[str, Any]:
    sections = [
        {"heading": section.heading, "blocks": [_block(block) for block in section.blocks]}
        for section in document.sections
    ]
    fields = {
        label: value
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Fields)
        for label, value in block.pairs
    }
    context: dict[str, Any] = _cleaned(
        {
            "kind": document.kind,
            "title": document.title,
            "subject": document.subject,
            "author": document.author,
            "language": document.language,
            "fields": fields,
            "sections": sections,
        }
    )
    return context
