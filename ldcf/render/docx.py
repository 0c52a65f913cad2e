"""Word (.docx), with python-docx, laid out as NHS documents are: A4 with 20 mm margins, Arial (Liberation Sans
or Helvetica where Arial is missing), real heading styles for the navigation pane, a footer with the document's
footer text and "Page X of Y". Tables fill the text width in the relative widths the document gives; a column
of codes is never narrower than its longest code and never wraps; rows never split across pages, header rows
repeat on each page, small tables are kept on one page, and rows to write in or sign have a least height.
NOS codes link to their documents; the title, author and language (en-GB, for spelling) are set."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table as WordTable
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
    shown_title,
    web_address,
)

FONT = "Arial"
FALLBACK_FONT = "Liberation Sans"  # metric-compatible with Arial: lines and pages break where they would in Arial
_TEXT_COLOUR = RGBColor(0x21, 0x2B, 0x32)  # NHS.UK's text colour
_LINK_COLOUR = RGBColor(0x00, 0x5E, 0xB8)  # NHS blue
_SHADING = "E8EDEE"  # NHS pale grey, behind header rows and labels
BODY_SIZE, TABLE_SIZE, FOOTER_SIZE = Pt(11), Pt(10), Pt(9)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 20  # A4
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
CELL_MARGIN_MM = 1.9  # Table Grid's left and right cell margins (108 twentieths of a point)
FIELD_ROW_HEIGHT_MM = 9.0  # a labelled value left to write in
KEEP_TOGETHER_ROWS = 5  # a table of at most this many rows is kept on one page, as is a form of any length


# Styles ----------------------------------------------------------------------------------------------------------


def _set_language(word: WordDocument, language: str) -> None:
    """The proofing language of all text, so that Word checks spelling in UK English."""
    properties = word.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if properties is None:
        return
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    properties.append(lang)


_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(word: WordDocument) -> None:
    """Arial everywhere: the default, every style (theme fonts, Calibri and Cambria, taken out), the theme itself
    and the font table, which names a fallback for a computer without Arial."""
    for fonts in word.styles.element.iter(qn("w:rFonts")):
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
    for part in word.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith("/word/theme/"):
            part._blob = re.sub(rb'(<a:latin typeface=")[^"]*(")', rb"\1" + FONT.encode() + rb"\2", part.blob)
        elif name == "/word/fontTable.xml":
            entry = (
                f'<w:font w:name="{FONT}"><w:altName w:val="{FALLBACK_FONT}"/>'
                '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>'
                '<w:pitch w:val="variable"/></w:font>'
            ).encode()
            part._blob = part.blob.replace(b"</w:fonts>", entry + b"</w:fonts>")


def _style_text(word: WordDocument) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = _TEXT_COLOUR
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before, after in (
        ("Title", 20, 0, 12),
        ("Heading 1", 15, 18, 6),
        ("Heading 2", 12.5, 12, 4),
        ("Heading 3", 11, 10, 4),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = _TEXT_COLOUR
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"].element.find(qn("w:pPr"))
    if title is not None:  # the template's blue rule under the title
        for border in title.findall(qn("w:pBdr")):
            title.remove(border)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = TABLE_SIZE
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    footer = styles["Footer"]
    footer.font.size = FOOTER_SIZE
    footer_properties = footer.element.find(qn("w:pPr"))
    if footer_properties is not None:  # the template's tab stops, for US Letter; the footer sets its own
        for tabs in footer_properties.findall(qn("w:tabs")):
            footer_properties.remove(tabs)


def _page_setup(word: WordDocument) -> None:
    for section in word.sections:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
        section.header_distance = section.footer_distance = Mm(10)


def _field(paragraph: WordParagraph, instruction: str) -> None:
    """A field Word computes as it lays out the page, such as PAGE (this page's number) or NUMPAGES."""
    for kind, text in (("begin", None), ("instruction", instruction), ("separate", None), ("result", "1")):
        run = paragraph.add_run()
        if kind == "instruction":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
            run._r.append(element)
        elif kind == "result":
            run.text = text or ""
        else:
            _field_char(run._r, kind)
    _field_char(paragraph.add_run()._r, "end")


def _field_char(run: object, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run.append(element)  # type: ignore[attr-defined]


def _footer(word: WordDocument, text: str) -> None:
    """The footer of every page: the document's footer text, then "Page X of Y" at the right margin."""
    for section in word.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.style = word.styles["Footer"]
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(clean(text))
        paragraph.add_run("\tPage ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES")


# Text ------------------------------------------------------------------------------------------------------------


def _add_link(paragraph: WordParagraph, text: str, address: str) -> None:
    relationship = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run = paragraph.add_run(clean(text))
    run.font.underline = True
    run.font.color.rgb = _LINK_COLOUR
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def _heading(word: WordDocument, text: str, level: int, new_page: bool = False) -> None:
    if text:
        word.add_heading(clean(text), level=level).paragraph_format.page_break_before = new_page


# Tables ----------------------------------------------------------------------------------------------------------

# Advance widths of Arial's characters in thousandths of an em (Helvetica's metrics, which Arial shares), for
# sizing a column to the longest code it holds; a character not listed counts as the widest capital.
_WIDTHS = {
    **dict.fromkeys("0123456789", 556),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
                                              722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611),
               strict=True)),
    **dict.fromkeys("abcdeghnopqu", 556), **dict.fromkeys("fjt", 278), **dict.fromkeys("il", 222),
    "k": 500, "m": 833, "r": 333, "s": 500, "v": 500, "w": 722, "x": 500, "y": 500, "z": 500,
    " ": 278, ".": 278, ",": 278, "-": 333, "(": 333, ")": 333, "&": 667, "_": 556, "/": 278, ":": 278,
}  # fmt: skip
_POINT_MM = 25.4 / 72


def text_width_mm(text: str, size: float = 10.0, bold: bool = False) -> float:
    """How wide `text` is, set on one line in Arial at `size` points."""
    ems = sum(_WIDTHS.get(character, 944) for character in text) / 1000
    return ems * size * _POINT_MM * (1.06 if bold else 1.0)


def column_widths(block: Table) -> list[float]:
    """Widths across the text width in millimetres: in the block's relative widths, or else in proportion to
    how much each column holds; a column that must not wrap is widened to its longest text (taking the room
    from the widest other column), so that no code is ever broken."""
    columns = block.columns
    texts = [[*block.headers[index : index + 1], *(row[index] for row in block.rows if index < len(row))]
             for index in range(columns)]  # fmt: skip
    if len(block.widths) == columns:
        weights = list(block.widths)
    else:
        weights = [min(max((len(text) for text in column[1:]), default=0), 60) or 14 for column in texts]
    widths = [TEXT_WIDTH_MM * weight / sum(weights) for weight in weights]
    for index in block.nowrap:
        if index >= columns:
            continue
        words = texts[index][1:] if block.headers else texts[index]
        least = max((text_width_mm(text) for text in words), default=0)
        header = block.headers[index] if index < len(block.headers) else ""
        least = max(least, max((text_width_mm(word, bold=True) for word in header.split()), default=0))
        least += 2 * CELL_MARGIN_MM + 1.5
        if widths[index] < least:
            widest = max((i for i in range(columns) if i != index), key=lambda i: widths[i], default=index)
            widths[widest] -= least - widths[index]
            widths[index] = least
    return widths


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _SHADING)
    cell._tc.get_or_add_tcPr().append(shading)


def _no_wrap(cell: _Cell) -> None:
    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _mark_row(row_properties: object, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row_properties.append(element)  # type: ignore[attr-defined]


def _fixed_layout(table: WordTable) -> None:
    """Columns as wide as set, whatever they hold, and a little room above and below the text of each cell."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:  # the whole text width, in twentieths of a point
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(round(TEXT_WIDTH_MM / _POINT_MM * 20)))
    layout = table._tbl.tblPr.get_or_add_tblLayout()
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 34), ("left", 108), ("bottom", 34), ("right", 108)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    layout.addnext(margins)  # next in the order Word requires: tblLayout, tblCellMar, tblLook


def _cell(cell: _Cell, text: str, link: str | None = None, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = "Table Text"
    if link:
        _add_link(paragraph, text, link)
    elif text:
        paragraph.add_run(clean(text)).bold = bold


def _grid(
    word: WordDocument,
    headers: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths: list[float],
    block: Table,
) -> WordTable:
    """A table of `rows` under `headers` (no header row when there are none), in `widths` millimetres."""
    table: WordTable = word.add_table(rows=bool(headers) + len(rows), cols=len(widths))
    table.style = word.styles["Table Grid"]
    table.autofit = False
    _fixed_layout(table)
    lengths: list[Length] = [Mm(width) for width in widths]
    for column, width in zip(table.columns, lengths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    body = table.rows[1:] if headers else table.rows
    for row in table.rows:
        # A row is never split across pages; the header row repeats at the top of each page the table spans.
        _mark_row(row._tr.get_or_add_trPr(), "w:cantSplit")
    if headers:
        _mark_row(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
        for column, (cell, header) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
            _cell(cell, header, bold=True)
            _shade(cell)
            if column in block.nowrap:
                _no_wrap(cell)
    for index, (row, values) in enumerate(zip(body, rows, strict=True)):
        link = web_address(block.links[index]) if index < len(block.links) else None
        if block.row_height:
            row.height, row.height_rule = Mm(block.row_height), WD_ROW_HEIGHT_RULE.AT_LEAST
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            label = block.row_labels and column == 0
            _cell(cell, value, link if column == 0 and not label else None, bold=label)
            if label:
                _shade(cell)
            if column in block.nowrap:
                _no_wrap(cell)
    if len(table.rows) <= KEEP_TOGETHER_ROWS or block.row_labels or block.row_height:
        for row in table.rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    return table


def _table(word: WordDocument, block: Table, section_heading: str) -> None:
    _heading(word, shown_title(block.title, section_heading), 2)
    if not block.rows:
        word.add_paragraph("None.")
        return
    _grid(word, block.headers, block.rows, column_widths(block), block)
    word.add_paragraph().paragraph_format.space_after = Pt(2)  # apart from what follows


def _fields(word: WordDocument, block: Fields) -> None:
    """Labelled values as a two-column table, labels shaded; a value left empty has room to write in."""
    form = Table("", (), block.pairs, row_labels=True)
    table = _grid(word, (), block.pairs, [TEXT_WIDTH_MM * 0.3, TEXT_WIDTH_MM * 0.7], form)
    for row, (_, value) in zip(table.rows, block.pairs, strict=True):
        if not value:
            row.height, row.height_rule = Mm(FIELD_ROW_HEIGHT_MM), WD_ROW_HEIGHT_RULE.AT_LEAST
    word.add_paragraph().paragraph_format.space_after = Pt(2)


def _block(word: WordDocument, block: Block, section_heading: str) -> None:
    if isinstance(block, Heading):
        _heading(word, block.text, 2)
    elif isinstance(block, Paragraph):
        word.add_paragraph(clean(block.text))
    elif isinstance(block, Fields):
        if block.pairs:
            _fields(word, block)
    elif isinstance(block, Bullets):
        _heading(word, shown_title(block.title, section_heading), 2)
        for item in block.items:
            word.add_paragraph(clean(item), style="List Bullet")
    else:
        _table(word, block, section_heading)


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
    _set_fonts(word)
    _style_text(word)
    _page_setup(word)
    _footer(word, document.footer or document.title)
    word.add_heading(clean(document.title), level=0)
    for section in document.sections:
        _heading(word, section.heading, 1, section.new_page)
        for block in section.blocks:
            _block(word, block, section.heading)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
