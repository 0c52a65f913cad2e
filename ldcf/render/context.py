"""A document as plain data (dicts, lists and strings) for templates: the HTML renderer's own and the Word
templates of `doc --template`, whose tags are documented in docs/documents.md. Every text is cleaned here, so
that no template can receive a character that breaks its output."""

from __future__ import annotations

import re
from typing import Any

from ldcf.framework.entities import AFC_NOTE
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
    links = getattr(table, "links", ())
    for index, row in enumerate(table.rows):
        link = web_address(links[index]) if index < len(links) else None
        rows.append([{"text": cell, "link": link if column == 0 else None} for column, cell in enumerate(row)])
    return {
        "kind": "table",
        "title": getattr(table, "title", ""),
        "headers": list(getattr(table, "headers", ())),
        "rows": rows,
    }


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


# Word templates (`doc --template`) -------------------------------------------------------------------------------

# The values a Word template names by a tag of its own, in plain words, by the label the document gives them. A
# label ldcf does not know stays in its section, so that nothing a document holds is lost to a template.
NAMED_FIELDS = {
    "Job title": "job_title",
    "Agenda for Change band": "band",
    "Career Framework level": "career_framework_level",
    "Employer": "employer",
    "Location": "location",
    "Reports to": "reports_to",
    "Accountable to": "accountable_to",
    "Responsible for": "responsible_for",
    "Area of work": "area_of_work",
    "Based on": "based_on",
    "Also known as": "also_known_as",
    "Staff member": "staff_member",
    "Current role": "current_role",
    "Target role": "target_role",
    "Level change": "level_change",
    "Share met": "share_met",
    "Appraiser or supervisor": "appraiser",
    "Plan date": "plan_date",
    "Next review date": "next_review_date",
}
# Every tag of a single value that a Word template can use (docs/documents.md lists them): each is in the context
# of every document, empty where the document has no such value.
VALUE_TAGS = (
    "title",
    "subject",
    "author",
    "language",
    "kind",
    "footer",
    "details_note",
    *NAMED_FIELDS.values(),
    "career_framework_title",
    "band_note",
)
_LEVEL = re.compile(r"(\d+)\b\s*(?:\((?:[^:()]*:\s*)?(?P<title>[^()]*)\))?")


def _level(text: str) -> tuple[str, str]:
    """A level as the document shows it, '5 (the Career Framework's indicative title for this level:
    Practitioner)', as its number and its indicative title; of text of another shape, the number it starts with,
    or else the whole text."""
    found = _LEVEL.fullmatch(text.strip())
    if found is not None:
        return found.group(1), (found.group("title") or "").strip()
    number = re.match(r"\s*(\d+)\b", text)
    return (number.group(1), "") if number else (text, "")


def _band(text: str) -> tuple[str, str]:
    """The band alone, without the reminder that levels are not bands that the document adds to it, and the
    reminder, for a band that is given."""
    band = text.replace(AFC_NOTE, "").strip().rstrip(".").strip()
    return band, AFC_NOTE if AFC_NOTE in text or band[:1].isdigit() else ""


def _plain_block(block: object, section_heading: str) -> dict[str, Any] | None:
    """A block as plain data, whatever kind it is (one the renderers do not know yet is kept by what it holds),
    with the title it is shown under: none where it would only repeat its section's heading."""
    if isinstance(block, Paragraph | Heading | Fields | Bullets | Table):
        plain = _block(block)
    elif hasattr(block, "rows"):
        plain = _table(block)  # type: ignore[arg-type]
    elif isinstance(getattr(block, "text", None), str):
        plain = {"kind": "paragraph", "text": block.text}  # type: ignore[attr-defined]
    else:
        return None
    if "title" in plain and plain["title"].strip().casefold() == section_heading.strip().casefold():
        plain["title"] = ""
    if plain["kind"] == "table":
        plain["headers"] = list(getattr(block, "headers", ()) or ())
        columns = max([len(plain["headers"]), *(len(row) for row in plain["rows"])])
        if not plain["rows"]:
            plain["rows"] = [[{"text": "None." if column == 0 else "", "link": None} for column in range(columns)]]
        plain["layout"] = {
            "widths": [float(width) for width in getattr(block, "widths", ())],
            "row_height": float(getattr(block, "row_height", 0) or 0),
            "nowrap": [int(column) for column in getattr(block, "nowrap", ())],
            "row_labels": bool(getattr(block, "row_labels", False)),
        }
    return plain


def template_context(document: Document) -> dict[str, Any]:
    """What a Word template's tags (docs/documents.md) name: every value tag, empty where the document has no
    such value; `fields`, each labelled value by its label; and `sections`, the rest of the document in order,
    each with `heading`, `new_page` and `blocks`. The values named by a tag of their own are taken out of the
    sections; the paragraphs of the section they come from (the details) are `details_note`, and a section left
    with nothing is left out."""
    values: dict[str, Any] = dict.fromkeys(VALUE_TAGS, "")
    values.update(
        title=document.title,
        subject=document.subject,
        author=document.author,
        language=document.language,
        kind=document.kind,
        footer=getattr(document, "footer", "") or document.title,
    )
    fields: dict[str, str] = {}
    sections = []
    details_found = False
    for section in document.sections:
        heading = getattr(section, "heading", "")
        blocks = [plain for block in getattr(section, "blocks", ()) if (plain := _plain_block(block, heading))]
        named = any(pair["label"] in NAMED_FIELDS for b in blocks if b["kind"] == "fields" for pair in b["pairs"])
        is_details, details_found = named and not details_found, details_found or named
        kept = []
        for block in blocks:
            if block["kind"] == "fields":
                for pair in block["pairs"]:
                    fields.setdefault(pair["label"], pair["value"])
                    tag = NAMED_FIELDS.get(pair["label"])
                    if tag is not None and not values[tag]:
                        values[tag] = pair["value"]
                block["pairs"] = [pair for pair in block["pairs"] if pair["label"] not in NAMED_FIELDS]
                if block["pairs"]:
                    kept.append(block)
            elif is_details and block["kind"] == "paragraph":
                values["details_note"] = "\n".join(filter(None, (values["details_note"], block["text"])))
            else:
                kept.append(block)
        if kept:
            sections.append({"heading": heading, "new_page": bool(getattr(section, "new_page", False)), "blocks": kept})
    if values["career_framework_level"]:
        values["career_framework_level"], values["career_framework_title"] = _level(values["career_framework_level"])
    if values["band"]:
        values["band"], values["band_note"] = _band(values["band"])
        fields["Agenda for Change band"] = values["band"]
    context: dict[str, Any] = _cleaned({**values, "fields": fields, "sections": sections})
    return context
