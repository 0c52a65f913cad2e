"""What a Word template's plain tags cannot do, finished after docxtpl has filled it: a table cell that names a
NOS (`{{ cell }}`) becomes a link to the NOS document in the run formatting of its tag; the columns of a table
laid out by the document's rows get widths from what they hold (or the document's own), rows to write in get
room, a form's labels are bold and a short table or form stays on one page; a section that starts a page does
so; and a line that holds only a value with nothing to show is left out. Each is done from a mark that the
tag's text carries, made of characters no text of a document holds.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, RGBColor, Twips
from docx.table import _Cell
from docx.text.font import Font
from markupsafe import escape

from ldcf.render.blocks import Document
from ldcf.render.context import template_context

# Characters of Unicode's private use area, which no text of a document holds (they are taken out of it): the
# start of a mark, the start of the text it marks, and its end. Between the first two: the number of the table
# the text belongs to, the number of its link, and flags: h, a table's header; b, bold; p, a paragraph that
# starts a page; e, a paragraph left out when it holds nothing else.
_START, _TEXT, _END = "\ue000", "\ue001", "\ue002"
_MARK = re.compile(f"{_START}(\\d*)\\.(\\d*)\\.([a-z]*){_TEXT}(.*?){_END}", re.DOTALL)
_MARK_CHARACTERS = re.compile(f"[{_START}{_TEXT}{_END}]")
# What docxtpl turns into Word XML after filling (a tab, a line break, a new paragraph, a page break), so that a
# mark would be split across runs and shown: a marked text is one line, with spaces in their place.
_BREAKS = re.compile("[\t\n\r\x07\x0b\x0c]")
LINK_COLOUR = RGBColor(0x1D, 0x4E, 0xD8)
LABEL_FILL = "F3F2F1"  # the shading of a label's cell


class _Marked(str):
    """A text as a template shows it with `{{ ... }}`: a value, a title, a table's header or cell (a link, where it
    names a NOS), marked for what ldcf finishes after filling. Otherwise it is the text itself, for filters and
    comparisons; `.text` and `.link` are the text and the address alone, for a template that wants them so."""

    link: str | None
    _mark: str

    def __new__(cls, text: str, table: int | None = None, link: int | None = None, flags: str = "") -> _Marked:
        marked = super().__new__(cls, text)
        marked.link = ""
        marked._mark = f"{'' if table is None else table}.{'' if link is None else link}.{flags}"
        return marked

    @property
    def text(self) -> str:
        return str.__str__(self)

    def __html__(self) -> str:
        text = _BREAKS.sub(" ", str.__str__(self))
        return f"{_START}{self._mark}{_TEXT}{escape(text)}{_END}"


def _unmarked(value: Any) -> Any:
    """`value` with no character that could pass for a mark."""
    if isinstance(value, str):
        return _MARK_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [_unmarked(item) for item in value]
    if isinstance(value, dict):
        return {key: _unmarked(item) for key, item in value.items()}
    return value


KEEP_TOGETHER_ROWS = 5  # a table of at most this many rows is kept on one page, as is a form of any length
_MM_PER_CHARACTER = 2.1  # the width of an average character of 10 pt Arial, with room for a bold one


def _column_shares(total_mm: float, table: dict[str, Any]) -> list[float]:
    """The share of a table's width each column gets: the document's own widths where it gives them, else at
    least as wide as its longest word and the rest in proportion to how much each column holds (an empty
    column, left to fill in by hand, still gets room to write); a column that must not wrap is as wide as its
    longest text."""
    texts = table["texts"]
    count = len(texts[0]) if texts else 0
    columns = [[row[index] if index < len(row) else "" for row in texts] for index in range(count)]
    layout = table["layout"]
    if len(layout["widths"]) == count and sum(layout["widths"]) > 0:
        widths = [total_mm * width / sum(layout["widths"]) for width in layout["widths"]]
    else:
        words = [[word for text in column for word in re.split(r"[\s-]+", text) if word] for column in columns]
        longest = [max((len(word) for word in found), default=0) for found in words]
        least = [min(length * _MM_PER_CHARACTER + 4, total_mm / 3) for length in longest]
        weights = [min(max((len(text) for text in column[1:]), default=0), 60) or 14 for column in columns]
        spare = max(total_mm - sum(least), 0)
        widths = [floor + spare * weight / sum(weights) for floor, weight in zip(least, weights, strict=True)]
    for index in layout["nowrap"]:
        if 0 <= index < count:
            needed = max((len(text) for text in columns[index]), default=0) * _MM_PER_CHARACTER + 4
            if widths[index] < needed < total_mm / 2:
                others = sum(widths) - widths[index]
                widths = [needed if at == index else w * (total_mm - needed) / others for at, w in enumerate(widths)]
    return [width / sum(widths) for width in widths] if sum(widths) else []


class Filling:
    """The context of one filling, and what is left to do after it: the addresses of the links and the layout of
    the tables whose marks the filled document holds."""

    def __init__(self, document: Document) -> None:
        self.links: list[str] = []
        self.tables: list[dict[str, Any]] = []
        self.context = _unmarked(template_context(document))
        for name, value in self.context.items():
            if isinstance(value, str) and name != "kind":
                self.context[name] = _Marked(value, flags="e")
        self.context["fields"] = {label: _Marked(value, flags="e") for label, value in self.context["fields"].items()}
        for section in self.context["sections"]:
            section["heading"] = _Marked(section["heading"], flags="p" if section["new_page"] else "")
            for block in section["blocks"]:
                if "title" in block:
                    block["title"] = _Marked(block["title"], flags="e")
                if block["kind"] == "table":
                    self._mark_table(block)

    def _mark_table(self, block: dict[str, Any]) -> None:
        number = len(self.tables)
        texts = [[cell["text"] for cell in row] for row in block["rows"]]
        self.tables.append({"texts": [block["headers"], *texts] if block["headers"] else texts, **block})
        block["headers"] = [_Marked(header, number, flags="hb") for header in block["headers"]]
        labels = block.pop("layout")["row_labels"]
        block["rows"] = [
            [self._cell(cell, number, "b" if labels and column == 0 else "") for column, cell in enumerate(row)]
            for row in block["rows"]
        ]

    def _cell(self, cell: dict[str, Any], table: int, flags: str) -> _Marked:
        link = None
        if cell.get("link"):
            self.links.append(cell["link"])
            link = len(self.links) - 1
        marked = _Marked(cell["text"], table, link, flags)
        marked.link = cell.get("link") or ""
        return marked

    # After filling ---------------------------------------------------------------------------------------------

    def finish(self, word: WordDocument) -> None:
        """Carry out the marks of the filled document (links, bold, column widths, row heights, page breaks,
        empty titles left out), and take out any that are left."""
        self._hyperlink_style = any(
            style.style_id == "Hyperlink" and style.type == WD_STYLE_TYPE.CHARACTER for style in word.styles
        )
        section = word.sections[0]
        margins = int(section.left_margin or 0) + int(section.right_margin or 0)
        width = int(section.page_width or Mm(210)) - margins
        self._text_width = Emu(width) if width > 0 else Mm(170)
        self._laid_out: set[Any] = set()
        self._maybe_empty: list[Any] = []
        for part in word.part.package.iter_parts():
            element = getattr(part, "_element", None)
            if element is not None:
                for text in list(element.iter(qn("w:t"))):
                    if _MARK_CHARACTERS.search(text.text or ""):
                        self._finish_text(part, text)
            elif _START.encode() in (blob := getattr(part, "blob", b"") or b""):
                # A part python-docx holds as bytes (the footnotes): each mark gives way to the text it marks.
                shown = _MARK.sub(lambda found: found.group(4), blob.decode("utf-8"))
                part._blob = _MARK_CHARACTERS.sub("", shown).encode("utf-8")
        for paragraph in self._maybe_empty:
            parent = paragraph.getparent()
            alone = parent is not None and parent.tag == qn("w:tc") and len(parent.findall(qn("w:p"))) == 1
            if parent is not None and not alone and not "".join(paragraph.itertext()).strip():
                parent.remove(paragraph)
        properties = word.core_properties
        for name in ("author", "comments", "identifier", "subject", "title", "keywords", "category"):
            value = getattr(properties, name)
            if isinstance(value, str) and _MARK_CHARACTERS.search(value):
                setattr(properties, name, _MARK_CHARACTERS.sub("", value))

    def _finish_text(self, part: Any, text: Any) -> None:
        pieces: list[tuple[str, str | None, bool]] = []  # text, link, bold
        position = 0
        content = text.text or ""
        paragraph = next(text.iterancestors(qn("w:p")), None)
        for found in _MARK.finditer(content):
            table, link, flags, shown = found.groups()
            pieces.append((content[position : found.start()], None, False))
            if table and int(table) < len(self.tables):
                self._lay_out(text, self.tables[int(table)])
            if paragraph is not None and "p" in flags:
                paragraph.get_or_add_pPr().pageBreakBefore_val = True
            if paragraph is not None and "e" in flags:
                self._maybe_empty.append(paragraph)
            address = self.links[int(link)] if link and int(link) < len(self.links) else None
            pieces.append((shown, address, "b" in flags))
            position = found.end()
        pieces.append((content[position:], None, False))
        pieces = [(_MARK_CHARACTERS.sub("", piece), link, bold) for piece, link, bold in pieces if piece]
        run = text.getparent()
        in_paragraph = run is not None and run.tag == qn("w:r") and run.getparent().tag == qn("w:p")
        if not in_paragraph or not any(link or bold for _, link, bold in pieces):
            text.text = "".join(piece for piece, _, _ in pieces)
            return
        # The run is split where its links and bold words are: what comes before them, each piece, what after.
        at = list(run).index(text)
        before, after = copy.deepcopy(run), copy.deepcopy(run)
        for child in list(before)[at:]:
            before.remove(child)
        for index, child in enumerate(list(after)):
            if index <= at and child.tag != qn("w:rPr"):
                after.remove(child)
        properties = run.find(qn("w:rPr"))
        replacements = [before] if len(before) > (properties is not None) else []
        replacements += [self._piece(part, piece, link, bold, properties) for piece, link, bold in pieces]
        if len(after) > (properties is not None):
            replacements.append(after)
        for replacement in replacements:
            run.addprevious(replacement)
        run.getparent().remove(run)

    def _piece(self, part: Any, text: str, link: str | None, bold: bool, properties: Any) -> Any:
        run = OxmlElement("w:r")
        if properties is not None:
            run.append(copy.deepcopy(properties))
        shown = OxmlElement("w:t")
        shown.text = text.replace("\n", " ")
        shown.set(qn("xml:space"), "preserve")
        run.append(shown)
        if bold:
            Font(run).bold = True
        if link is None:
            return run
        if self._hyperlink_style:
            run.get_or_add_rPr().style = "Hyperlink"
        else:
            font = Font(run)
            font.color.rgb = LINK_COLOUR
            font.underline = True
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        hyperlink.append(run)
        return hyperlink

    def _lay_out(self, text: Any, table: dict[str, Any]) -> None:
        """The columns' widths, the body rows' least height and the columns that do not wrap, of the table that
        `text` is in, once."""
        element = next(text.iterancestors(qn("w:tbl")), None)
        if element is None or element in self._laid_out:
            return
        self._laid_out.add(element)
        grid = element.find(qn("w:tblGrid"))
        columns = [] if grid is None else grid.findall(qn("w:gridCol"))
        total = sum(int(column.get(qn("w:w")) or 0) for column in columns) or self._text_width.twips
        widths = [int(total * share) for share in _column_shares(Twips(total).mm, table)]
        if grid is not None and widths:
            for column in columns:
                grid.remove(column)
            for width in widths:
                column = OxmlElement("w:gridCol")
                column.set(qn("w:w"), str(width))
                grid.append(column)
        layout = table["layout"]
        rows = element.findall(qn("w:tr"))
        # A short table, a form and a table to write in are kept on one page, as in ldcf's own layout.
        together = len(rows) <= KEEP_TOGETHER_ROWS or layout["row_labels"] or layout["row_height"] > 0
        for number, row in enumerate(rows):
            if together and number < len(rows) - 1:
                for paragraph in row.iter(qn("w:p")):
                    paragraph.get_or_add_pPr().keepNext_val = True
            cells = row.findall(qn("w:tc"))
            if len(cells) == len(widths):
                for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
                    cell_properties = cell.get_or_add_tcPr()
                    cell_properties.width = Twips(width)
                    if index in layout["nowrap"] and cell_properties.find(qn("w:noWrap")) is None:
                        _insert_no_wrap(cell_properties)
            header = any("h" in found.group(3) for t in row.iter(qn("w:t")) for found in _MARK.finditer(t.text or ""))
            if layout["row_labels"] and not header and cells:
                shade(cells[0], LABEL_FILL)
            if layout["row_height"] > 0 and not header:
                row_properties = row.get_or_add_trPr()
                row_properties.trHeight_val = Mm(layout["row_height"])
                row_properties.trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST


def shade(cell: _Cell | Any, fill: str) -> None:
    """Fill a cell (python-docx's, or its w:tc element) with a colour, in place of any fill it had."""
    properties = (cell._tc if isinstance(cell, _Cell) else cell).get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    following = next((child for child in properties if child.tag in {qn(tag) for tag in _AFTER_SHADING}), None)
    if following is None:
        properties.append(shading)
    else:
        following.addprevious(shading)


# What follows w:noWrap, and w:shd, in a cell's properties, in the order the file format sets.
_AFTER_NO_WRAP = ("w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:tcPrChange")
_AFTER_SHADING = ("w:noWrap", *_AFTER_NO_WRAP)


def _insert_no_wrap(cell_properties: Any) -> None:
    no_wrap = OxmlElement("w:noWrap")
    following = next((child for child in cell_properties if child.tag in {qn(tag) for tag in _AFTER_NO_WRAP}), None)
    if following is None:
        cell_properties.append(no_wrap)
    else:
        following.addprevious(no_wrap)
