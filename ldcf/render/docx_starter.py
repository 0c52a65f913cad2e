"""ldcf's starter Word template (`ldcf doc template`), the starting point for a Trust's own: A4 with 20 mm
margins, in Arial, laid out as ldcf lays out its own documents (the title, a table of the job's or the plan's
details with bold labels, then the rest of the document section by section), with its tags in plain words and
explained in a box at the top of its first page, which ldcf leaves out of the documents it fills. The tags are
those of docs/documents.md; ldcf.render.docx_template fills them."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell

from ldcf.render.docx_marks import LABEL_FILL, LINK_COLOUR, shade

GUIDE = "docs/documents.md"  # where the tags are listed, as a user is told when a template names another
NOTE_HEADING = "About this template"  # the box of notes on the starter template, which no filled document holds

PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 20  # A4, as ldcf's own Word documents
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
DETAILS_ROW_HEIGHT_MM = 7  # the least height of a row of details, which may be left empty to write in
FONT = "Arial"
_TEXT_COLOUR = RGBColor(0x0B, 0x0C, 0x0C)
_INSTRUCTION_COLOUR = RGBColor(0x50, 0x5A, 0x5F)
_HEADER_FILL, _NOTE_FILL = "E8E8E8", "FFF7D6"
INSTRUCTION = "Template instruction"  # the style of the lines that hold {%p ... %}, which no filled document holds
TABLE_TEXT = "Table text"
NOTE_TEXT = "Template note"  # the style of the box of notes
SPACER = "Space after table"

# The box on the starter template's first page: each tag it uses, with what the tag holds.
NOTES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("{{ title }}", "{{ footer }}"),
        'The document\'s title, such as "Job description and person specification: Practitioner", and the '
        "line for the foot of each page (in a plan, it says the plan is confidential).",
    ),
    (
        ('{%p if kind == "job-description" %}', "{%p else %}", "{%p endif %}"),
        "What lies between the first two is used in job descriptions, what lies between the last two in "
        "development plans.",
    ),
    (("{{ job_title }}",), "The job's title."),
    (
        ("{{ band }}", "{{ band_note }}"),
        "The Agenda for Change band, such as 6, where the employer gives one (empty for a national role), and the "
        "reminder that Career Framework levels are not bands (empty without a band).",
    ),
    (
        ("{{ career_framework_level }}", "{{ career_framework_title }}"),
        "The job's Career Framework level, a number such as 5, and the Career Framework's indicative title for "
        "that level.",
    ),
    (("{{ employer }}", "{{ location }}", "{{ area_of_work }}"), "Where the job is."),
    (("{{ reports_to }}", "{{ accountable_to }}", "{{ responsible_for }}"), "The reporting lines."),
    (
        ("{{ based_on }}", "{{ also_known_as }}"),
        "The national role a local one is based on; other titles of the job.",
    ),
    (
        ("{{ staff_member }}", "{{ current_role }}", "{{ target_role }}", "{{ level_change }}", "{{ share_met }}"),
        "In a development plan: the person (from their record), their role and the target role with their "
        "levels, the change of level, and the share of the target role's competences already held.",
    ),
    (
        ("{{ appraiser }}", "{{ plan_date }}", "{{ next_review_date }}"),
        "In a development plan: the appraiser or supervisor, the plan's date and the next review's, where they "
        "are given (else empty, to write in).",
    ),
    (
        ("{{ details_note }}",),
        "What the document says with these details: for a national role, what the employer adds; in a plan, "
        "what the Career Framework says of the target level.",
    ),
    (
        ("{%p for section in sections %}", "{{ section.heading }}", "{%p endfor %}"),
        "Repeats what lies between for each section of the rest of the document (responsibilities, person "
        "specification, competences, learning...), under its heading. The values above are not repeated in them.",
    ),
    (
        (
            "{%p for block in section.blocks %}",
            '{%p if block.kind == "paragraph" %}',
            '{%p elif block.kind == "heading" %}',
            '{%p elif block.kind == "list" %}',
            '{%p elif block.kind == "fields" %}',
            '{%p elif block.kind == "table" %}',
        ),
        "Each part of a section, laid out by its kind: a paragraph, a heading, a list, labelled values or a table.",
    ),
    (
        ("{{ block.text }}", "{{ block.title }}"),
        "A paragraph's or heading's text; a list's or table's title (a line that holds only an empty title is "
        "left out).",
    ),
    (("{%p for entry in block.entries %}", "{{ entry }}"), "Each entry of a list."),
    (
        ("{%tr for pair in block.pairs %}", "{{ pair.label }}", "{{ pair.value }}", "{%tr endfor %}"),
        "One row for each labelled value, such as Credits or Funding.",
    ),
    (
        (
            "{%tr if block.headers %}",
            "{%tc for header in block.headers %}",
            "{{ header }}",
            "{%tc endfor %}",
            "{%tr endif %}",
        ),
        "A table's header row, if it has one, with a cell for each column heading.",
    ),
    (
        ("{%tr for row in block.rows %}", "{%tc for cell in row %}", "{{ cell }}"),
        "One row for each row of the table, one cell for each of its cells: a NOS code links to its NOS document. "
        "ldcf sizes the columns from what they hold and gives rows to write in room to write.",
    ),
)
NOTES_INTRODUCTION = (
    "ldcf fills this template with a job description or a development plan "
    "(ldcf doc job-description ROLE --template this-file.docx -o job.docx). Restyle it as you like: fonts, "
    "colours, logo, header and footer. Move, copy or delete the tags below: a tag in double braces, {{ ... }}, "
    "becomes the text it names, in the tag's own font and formatting. A grey line or table row holding "
    "{%p ... %} or {%tr ... %} repeats or chooses what lies between it and its end, and is itself left out: "
    "move it together with its end. A line that holds only a tag with nothing to show is left out. ldcf never "
    f"copies this box into a document; the tags are listed in full in {GUIDE}."
)


def _fonts(word: WordDocument, language: str) -> None:
    """Arial everywhere, in place of the theme's fonts, and the proofing language, for Word's spelling."""
    styles = word.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), FONT)
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        for old in defaults.findall(qn("w:lang")):
            defaults.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), language)
        defaults.append(lang)


def _styles(word: WordDocument) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = FONT, Pt(11), _TEXT_COLOUR
    normal.paragraph_format.space_after = Pt(6)
    for name, size, before in (("Title", 20, 12), ("Heading 1", 14, 18), ("Heading 2", 12, 12)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = _TEXT_COLOUR
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(6)
        style.paragraph_format.keep_with_next = True
    table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(10)
    table_text.paragraph_format.space_before = table_text.paragraph_format.space_after = Pt(2)
    instruction = styles.add_style(INSTRUCTION, WD_STYLE_TYPE.PARAGRAPH)
    instruction.base_style = normal
    instruction.font.size, instruction.font.color.rgb = Pt(8), _INSTRUCTION_COLOUR
    instruction.paragraph_format.space_after = Pt(0)
    note = styles.add_style(NOTE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(8)
    note.paragraph_format.space_before = note.paragraph_format.space_after = Pt(0)
    note.paragraph_format.line_spacing = 1.0
    spacer = styles.add_style(SPACER, WD_STYLE_TYPE.PARAGRAPH)
    spacer.base_style = normal
    spacer.font.size = Pt(4)
    spacer.paragraph_format.space_before = spacer.paragraph_format.space_after = Pt(0)
    footer = styles["Footer"]
    footer.font.size = Pt(8)
    footer.paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb, link.font.underline = LINK_COLOUR, True


def _page(word: WordDocument) -> None:
    for section in word.sections:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
        section.header_distance = section.footer_distance = Mm(10)
        footer = section.footer.paragraphs[0]
        footer.style = word.styles["Footer"]
        footer.add_run("{{ footer }}\tPage ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _row_flag(row: Any, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _table(word: WordDocument, widths_mm: Iterable[float], rows: int) -> WordTable:
    """A table across the text width, its columns as wide as given and fixed, and no row split across pages."""
    widths = list(widths_mm)
    table: WordTable = word.add_table(rows=rows, cols=len(widths))
    table.style = word.styles["Table Grid"]
    table.autofit = False
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(Mm(sum(widths)).twips))
    width.set(qn("w:type"), "dxa")
    properties.append(width)
    for index, column_width in enumerate(widths):
        table.columns[index].width = Mm(column_width)
        for cell in table.columns[index].cells:
            cell.width = Mm(column_width)
    for row in table.rows:
        _row_flag(row, "w:cantSplit")
    return table


def _write(cell: _Cell, text: str, bold: bool = False, style: str = TABLE_TEXT, size: float | None = None) -> None:
    """`text` in the cell's first empty paragraph, or in a new one."""
    paragraph = cell.paragraphs[-1]
    if paragraph.text or paragraph.runs:
        paragraph = cell.add_paragraph()
    paragraph.style = style
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)


def _instruction_row(table: WordTable, index: int, text: str) -> None:
    """A row that holds only a {%tr ... %} instruction, across the table."""
    row = table.rows[index]
    cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    _write(cell, text, style=INSTRUCTION)


def _notes(word: WordDocument) -> None:
    table = _table(word, (72, TEXT_WIDTH_MM - 72), 2 + len(NOTES))
    heading = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    _write(heading, f"{NOTE_HEADING}: delete this box when you no longer need it", bold=True, size=10)
    _write(heading, NOTES_INTRODUCTION, style=NOTE_TEXT)
    _write(table.rows[1].cells[0], "Tag", bold=True, style=NOTE_TEXT)
    _write(table.rows[1].cells[1], "What it holds", bold=True, style=NOTE_TEXT)
    for row, (tags, meaning) in zip(table.rows[2:], NOTES, strict=True):
        for tag in tags:
            _write(row.cells[0], tag, style=NOTE_TEXT, size=7.5)
        _write(row.cells[1], meaning, style=NOTE_TEXT)
    for row in table.rows:
        for cell in row.cells:
            shade(cell, _NOTE_FILL)


def _details(word: WordDocument, heading: str, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
    """A heading and a table of labelled values, the labels bold."""
    word.add_paragraph(heading, style="Heading 1")
    listed = list(rows)
    table = _table(word, (55, TEXT_WIDTH_MM - 55), len(listed))
    for row, (label, tags) in zip(table.rows, listed, strict=True):
        row.height, row.height_rule = Mm(DETAILS_ROW_HEIGHT_MM), WD_ROW_HEIGHT_RULE.AT_LEAST  # room to write in
        _write(row.cells[0], label, bold=True)
        shade(row.cells[0], LABEL_FILL)
        for index, tag in enumerate(tags):
            _write(row.cells[1], tag, size=8.5 if index else None)
    _spacer(word)


def _spacer(word: WordDocument) -> None:
    """A small empty paragraph after a table, apart from what follows it."""
    word.add_paragraph(style=SPACER)


def _instruction(word: WordDocument, text: str) -> None:
    word.add_paragraph(text, style=INSTRUCTION)


JOB_DETAILS = (
    ("Job title", ("{{ job_title }}",)),
    ("Agenda for Change band", ("{{ band }}", "{{ band_note }}")),
    ("Career Framework level", ("{{ career_framework_level }}",)),
    ("Indicative title of the level", ("{{ career_framework_title }}",)),
    ("Employer", ("{{ employer }}",)),
    ("Location", ("{{ location }}",)),
    ("Reports to", ("{{ reports_to }}",)),
    ("Accountable to", ("{{ accountable_to }}",)),
    ("Responsible for", ("{{ responsible_for }}",)),
    ("Area of work", ("{{ area_of_work }}",)),
    ("Based on", ("{{ based_on }}",)),
    ("Also known as", ("{{ also_known_as }}",)),
)
PLAN_DETAILS = (
    ("Staff member", ("{{ staff_member }}",)),
    ("Current role", ("{{ current_role }}",)),
    ("Target role", ("{{ target_role }}",)),
    ("Level change", ("{{ level_change }}",)),
    ("Share held", ("{{ share_met }}",)),
    ("Appraiser or supervisor", ("{{ appraiser }}",)),
    ("Plan date", ("{{ plan_date }}",)),
    ("Next review date", ("{{ next_review_date }}",)),
)


def _sections(word: WordDocument) -> None:
    """The loop that lays out the rest of the document, section by section and block by block."""
    _instruction(word, "{%p for section in sections %}")
    word.add_paragraph("{{ section.heading }}", style="Heading 1")
    _instruction(word, "{%p for block in section.blocks %}")
    _instruction(word, '{%p if block.kind == "paragraph" %}')
    word.add_paragraph("{{ block.text }}")
    _instruction(word, '{%p elif block.kind == "heading" %}')
    word.add_paragraph("{{ block.text }}", style="Heading 2")
    _instruction(word, '{%p elif block.kind == "list" %}')
    word.add_paragraph("{{ block.title }}", style="Heading 2")
    _instruction(word, "{%p for entry in block.entries %}")
    word.add_paragraph("{{ entry }}", style="List Bullet")
    _instruction(word, "{%p endfor %}")
    _instruction(word, '{%p elif block.kind == "fields" %}')
    pairs = _table(word, (55, TEXT_WIDTH_MM - 55), 3)
    _instruction_row(pairs, 0, "{%tr for pair in block.pairs %}")
    _write(pairs.rows[1].cells[0], "{{ pair.label }}", bold=True)
    shade(pairs.rows[1].cells[0], LABEL_FILL)
    _write(pairs.rows[1].cells[1], "{{ pair.value }}")
    _instruction_row(pairs, 2, "{%tr endfor %}")
    _spacer(word)
    _instruction(word, '{%p elif block.kind == "table" %}')
    word.add_paragraph("{{ block.title }}", style="Heading 2")
    side = 45
    table = _table(word, (side, TEXT_WIDTH_MM - 2 * side, side), 6)
    _instruction_row(table, 0, "{%tr if block.headers %}")
    header, body = table.rows[1], table.rows[4]
    _row_flag(header, "w:tblHeader")
    header_cells = ("{%tc for header in block.headers %}", "{{ header }}", "{%tc endfor %}")
    for cell, text in zip(header.cells, header_cells, strict=True):
        _write(cell, text, bold=True, style=TABLE_TEXT if text == "{{ header }}" else INSTRUCTION)
        shade(cell, _HEADER_FILL)
    _instruction_row(table, 2, "{%tr endif %}")
    _instruction_row(table, 3, "{%tr for row in block.rows %}")
    body_cells = ("{%tc for cell in row %}", "{{ cell }}", "{%tc endfor %}")
    for cell, text in zip(body.cells, body_cells, strict=True):
        _write(cell, text, style=TABLE_TEXT if text == "{{ cell }}" else INSTRUCTION)
    _instruction_row(table, 5, "{%tr endfor %}")
    _spacer(word)
    _instruction(word, "{%p endif %}")
    _instruction(word, "{%p endfor %}")
    _instruction(word, "{%p endfor %}")


def starter_template(language: str = "en-GB") -> bytes:
    """ldcf's starter Word template, the starting point for a Trust's own: A4 with 20 mm margins, Arial, a box of
    notes on every tag it uses, a table of the job's (or the plan's) details, and a loop over the rest."""
    word = docx.Document()
    word.core_properties.title = "ldcf document template"
    word.core_properties.language = language
    _fonts(word, language)
    _styles(word)
    _page(word)
    _notes(word)
    word.add_paragraph("{{ title }}", style="Title")
    _instruction(word, '{%p if kind == "job-description" %}')
    _details(word, "Job details", JOB_DETAILS)
    _instruction(word, "{%p else %}")
    _details(word, "About this plan", PLAN_DETAILS)
    _instruction(word, "{%p endif %}")
    word.add_paragraph("{{ details_note }}")
    _sections(word)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
