"""Word (.docx), with python-docx: real heading styles for the navigation pane, tables whose header row repeats
on every page, NOS codes linked to their documents, A4 pages, and the document's title, author and language
set in its properties."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from ldcf.render.blocks import (
    GENERATOR,
    Block,
    Bullets,
    Document,
    Fields,
    Heading,
    Paragraph,
    Table,
    clean,
    web_address,
)

_LINK_COLOUR = RGBColor(0x1D, 0x4E, 0xD8)


def _set_language(word: WordDocument, language: str) -> None:
    """The proofing language of all text, so that Word checks spelling in UK English."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    properties = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if properties is None:
        return
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    properties.append(lang)


PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 20  # A4
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM


def _page_setup(word: WordDocument) -> None:
    for section in word.sections:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(MARGIN_MM)


def _add_link(paragraph: WordParagraph, text: str, address: str) -> None:
    relationship = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run = paragraph.add_run(clean(text))
    run.font.underline = True
    run.font.color.rgb = _LINK_COLOUR
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def _mark_row(row_properties: object, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row_properties.append(element)  # type: ignore[attr-defined]


def _cell(cell: _Cell, text: str, link: str | None = None, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if link:
        _add_link(paragraph, text, link)
    else:
        paragraph.add_run(clean(text)).bold = bold


def _column_widths(block: Table) -> list[Length]:
    """Widths across the page: each column at least as wide as its longest word (so that a NOS code is never
    broken), and the rest shared in proportion to how much each column holds; a column left empty to fill in
    by hand still gets room to write."""
    columns = [[header, *(row[index] for row in block.rows)] for index, header in enumerate(block.headers)]
    least = [min(max(len(word) for text in texts for word in text.split() or [""]) * 2.7 + 5, 60) for texts in columns]
    weights = [min(max(len(text) for text in texts[1:] or [""]), 60) or 14 for texts in columns]
    spare = max(TEXT_WIDTH_MM - sum(least), 0)
    widths = [floor + spare * weight / sum(weights) for floor, weight in zip(least, weights, strict=True)]
    scale = TEXT_WIDTH_MM / sum(widths)
    return [Mm(width * scale) for width in widths]


def _table(word: WordDocument, block: Table) -> None:
    word.add_heading(clean(block.title), level=2)
    if not block.rows:
        word.add_paragraph("None.")
        return
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    table.style = word.styles["Table Grid"]
    table.autofit = False
    for column, width in enumerate(_column_widths(block)):
        table.columns[column].width = width
        for cell in table.columns[column].cells:
            cell.width = width
    for row in table.rows:
        # A row is never split across pages; the header row repeats at the top of each page the table spans.
        _mark_row(row._tr.get_or_add_trPr(), "w:cantSplit")
    _mark_row(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        _cell(cell, header, bold=True)
    for index, (row, values) in enumerate(zip(table.rows[1:], block.rows, strict=True)):
        link = web_address(block.links[index]) if index < len(block.links) else None
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            _cell(cell, value, link if column == 0 else None)


def _block(word: WordDocument, block: Block) -> None:
    if isinstance(block, Heading):
        word.add_heading(clean(block.text), level=2)
    elif isinstance(block, Paragraph):
        word.add_paragraph(clean(block.text))
    elif isinstance(block, Fields):
        for label, value in block.pairs:
            paragraph = word.add_paragraph()
            paragraph.add_run(clean(f"{label}: ")).bold = True
            paragraph.add_run(clean(value))
    elif isinstance(block, Bullets):
        word.add_heading(clean(block.title), level=2)
        for item in block.items:
            word.add_paragraph(clean(item), style="List Bullet")
    else:
        _table(word, block)


def render(document: Document) -> bytes:
    word = docx.Document()
    properties = word.core_properties
    properties.title = clean(document.title)
    properties.subject = clean(document.subject)
    properties.author = clean(document.author)
    properties.last_modified_by = GENERATOR
    properties.language = document.language
    properties.comments = f"Made by {GENERATOR} from the L&D Career and Competence Framework data"
    properties.created = properties.modified = datetime.now(timezone.utc)
    properties.revision = 1
    _set_language(word, document.language)
    _page_setup(word)
    word.add_heading(clean(document.title), level=0)
    for section in document.sections:
        word.add_heading(clean(section.heading), level=1)
        for block in section.blocks:
            _block(word, block)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
