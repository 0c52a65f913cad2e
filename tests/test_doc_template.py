"""A Trust's own Word template (`ldcf doc template`, `ldcf doc ... --template`): the starter template as a Word user
finds it, and what filling a template keeps. Documents are read back with python-docx; expected values come from
the data files and from docs/documents.md, never from what ldcf prints."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import NamedTuple

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import REPOSITORY, SHIPPED_DATA, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"
LOCAL_ROLE = "registered-worker-band-6"  # a local role with an Agenda for Change band
GUIDE = (REPOSITORY / "docs" / "documents.md").read_text(encoding="utf-8")
LISTED = "the tags are listed in docs/documents.md"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")

# The documents a template fills: (data folder or None for the national data, the command's words).
DOCUMENTS = {
    "national job description": (None, ("job-description", "practitioner")),
    "local job description": (LOCAL, ("job-description", LOCAL_ROLE)),
    "national development plan": (None, ("development-plan", "support-worker", "practitioner")),
    "local development plan": (LOCAL, ("development-plan", "specialist-practitioner", LOCAL_ROLE)),
}


def _normal(tag: str) -> str:
    """A tag with its spaces as one space each, and Word's curly quotes straight."""
    return " ".join(tag.replace("\u201c", '"').replace("\u201d", '"').split())


def _template(run, tmp_path: Path) -> Path:
    path = tmp_path / "trust.docx"
    result = run("doc", "template", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def _fill(run, tmp_path: Path, template: Path, name: str, document: str, record: Path | None = None) -> Path:
    data, words = DOCUMENTS[document]
    output = tmp_path / f"{name}.docx"
    arguments = [*(("--data", str(data)) if data else ()), "doc", *words]
    if record is not None:
        arguments = ["doc", "development-plan", "--have", str(record), words[-1]]
    result = run(*arguments, "--template", str(template), "-o", str(output))
    assert result.exit_code == 0, result.output
    return output


def _word_template(tmp_path: Path, *paragraphs: str) -> Path:
    """A Trust's own template: a plain Word document with these paragraphs."""
    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    path = tmp_path / "own-template.docx"
    word.save(str(path))
    return path


def _all_text(word) -> str:
    """Every text of a Word document: its body, tables included, and its headers and footers."""
    parts = ["".join(element.itertext()) for element in word.element.body.iter(qn("w:p"))]
    for section in word.sections:
        for part in (section.header, section.footer):
            parts += [paragraph.text for paragraph in part.paragraphs]
    return "\n".join(parts)


def _tables_by_first_cell(word) -> dict[str, list]:
    return {table.rows[0].cells[0].text: table for table in word.tables}


def _details(word) -> dict[str, str]:
    """The labelled values of the details table at the top: each row's label and the first line of its value."""
    return {row.cells[0].text: row.cells[1].paragraphs[0].text for row in word.tables[0].rows}


def _code_tables(word) -> list:
    """The tables whose first column holds competence codes."""
    return [table for table in word.tables if table.rows[0].cells[0].text == "Code"]


def _urls() -> dict[str, str]:
    return {c["code"]: c["url"] for c in raw_competences() if c.get("code") and c.get("url")}


def _band_in_data(document: str) -> str:
    """The role's afc_band, as its YAML file gives it; empty for a national role, which gives none."""
    data, words = DOCUMENTS[document]
    folder = (data or SHIPPED_DATA) / "roles"
    band = raw(folder / f"{words[-1]}.yaml").get("afc_band")
    return "" if band is None else str(band)


# The starter template ------------------------------------------------------------------------------------------


def test_the_starter_template_is_a4_with_20_mm_margins_in_arial(run, tmp_path):
    word = docx.Document(str(_template(run, tmp_path)))
    for section in word.sections:
        assert abs(section.page_width - Mm(210)) <= Mm(1)
        assert abs(section.page_height - Mm(297)) <= Mm(1)
        for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
            assert abs(margin - Mm(20)) <= Mm(0.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = word.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:ascii")) == "Arial", name
        assert fonts.get(qn("w:asciiTheme")) is None, name
    assert word.core_properties.language == "en-GB"


def test_the_starter_templates_first_page_explains_every_tag_it_uses(run, tmp_path):
    word = docx.Document(str(_template(run, tmp_path)))
    body = list(word.element.body)
    assert body[0].tag == qn("w:tbl")  # the box comes first, at the top of the first page
    box = word.tables[0]
    box_text = "\n".join(cell.text for row in box.rows for cell in row.cells)
    assert box_text.startswith("About this template")
    assert "delete this box" in box_text
    explained = {_normal(tag) for tag in TAG.findall(box_text)}
    word.element.body.remove(box._tbl)
    used = {_normal(tag) for tag in TAG.findall(_all_text(word))}
    assert {"{{ job_title }}", "{{ band }}", "{{ career_framework_level }}", "{{ employer }}"} <= used
    assert "{%tr for row in block.rows %}" in used  # table rows repeat as rows, which Word users can move
    assert used - explained == set()


def test_the_starter_templates_tags_are_the_documented_ones(run, tmp_path):
    """Every tag the starter template uses is listed in docs/documents.md."""
    word = docx.Document(str(_template(run, tmp_path)))
    word.element.body.remove(word.tables[0]._tbl)
    used = {_normal(tag) for tag in TAG.findall(_all_text(word))}
    documented = {_normal(tag) for tag in _documented_tags()}
    structure = {"{%p else %}", "{%p endif %}", "{%p endfor %}", "{%tr endfor %}", "{%tc endfor %}", "{%tr endif %}"}
    undocumented = {tag for tag in used - documented - structure if not tag.startswith(("{%p if", "{%p elif"))}
    assert undocumented == set()


# Filling: the band, links, bold labels, rows ---------------------------------------------------------------------


@pytest.mark.parametrize("document", ["national job description", "local job description"])
def test_the_band_is_the_plain_value_of_the_role_file(run, tmp_path, document):
    template = _template(run, tmp_path)
    word = docx.Document(str(_fill(run, tmp_path, template, "jd", document)))
    band = _band_in_data(document)
    details = _details(word)
    assert details["Agenda for Change band"] == band
    data, words = DOCUMENTS[document]
    assert details["Job title"] == raw((data or SHIPPED_DATA) / "roles" / f"{words[-1]}.yaml")["title"]
    note = "not Agenda for Change bands"
    assert (note in "\n".join(p.text for p in word.tables[0].rows[1].cells[1].paragraphs)) == bool(band)
    own = _word_template(tmp_path, "[{{ band }}]", '[{{ fields["Agenda for Change band"] }}]', "{{ band_note }}")
    paragraphs = [p.text for p in docx.Document(str(_fill(run, tmp_path, own, "own", document))).paragraphs]
    assert paragraphs[:2] == [f"[{band}]", f"[{band}]"]
    assert (len(paragraphs) == 3 and note in paragraphs[2]) == bool(band)  # an empty note's line is left out


@pytest.mark.parametrize("document", ["national job description", "local job description"])
def test_every_nos_code_of_a_filled_job_description_links_to_its_nos_document(run, tmp_path, document):
    template = _template(run, tmp_path)
    word = docx.Document(str(_fill(run, tmp_path, template, "jd", document)))
    urls = _urls()
    codes = [row.cells[0].text for table in _code_tables(word) for row in table.rows[1:]]
    if document.startswith("national"):
        assert sorted(code for code in codes if code.isupper()) == sorted(
            key for key in raw_holdings("practitioner") if key.isupper()
        )
    for table in _code_tables(word):
        for row in table.rows[1:]:
            code = row.cells[0].text
            links = row.cells[0].paragraphs[0].hyperlinks
            if code in urls:
                assert [(link.text, link.address) for link in links] == [(code, urls[code])], code
            else:
                assert links == [], code
    relationships = [rel.target_ref for rel in word.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK]
    linked = {urls[code] for code in codes if code in urls}
    assert sorted(relationships) == sorted(linked)  # one relationship per coded competence with a NOS document
    assert len(linked) > 10


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_a_filled_template_keeps_bold_labels_rows_whole_and_repeating_headers(run, tmp_path, document):
    template = _template(run, tmp_path)
    word = docx.Document(str(_fill(run, tmp_path, template, "filled", document)))
    assert "About this template" not in _all_text(word)
    details = word.tables[0]
    for row in details.rows:
        runs = [run for paragraph in row.cells[0].paragraphs for run in paragraph.runs if run.text]
        assert runs, row.cells[0].text
        assert all(run.bold for run in runs), row.cells[0].text
    assert _code_tables(word)
    for table in word.tables:
        grid = table._tbl.tblGrid.gridCol_lst
        assert abs(sum(column.w for column in grid) - Mm(170)) <= Mm(1)  # the template's width, kept
        for row in table.rows:
            properties = row._tr.trPr
            assert properties is not None
            assert properties.find(qn("w:cantSplit")) is not None
    for table in _code_tables(word):
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in header.cells for paragraph in cell.paragraphs for run in paragraph.runs)
        code_width = table._tbl.tblGrid.gridCol_lst[0].w
        longest = max(len(row.cells[0].text) for row in table.rows)
        assert code_width >= Mm(longest * 1.8)  # wide enough that no code is broken
    assert "{{" not in _all_text(word)
    assert "{%" not in _all_text(word)


def test_the_details_table_keeps_the_widths_the_template_sets(run, tmp_path):
    path = _template(run, tmp_path)
    widths = [column.w for column in docx.Document(str(path)).tables[1]._tbl.tblGrid.gridCol_lst]
    word = docx.Document(str(_fill(run, tmp_path, path, "jd", "local job description")))
    assert [column.w for column in word.tables[0]._tbl.tblGrid.gridCol_lst] == widths


def _cells_template(tmp_path: Path, cell: str, italic: bool = False) -> Path:
    """A Trust's own template with one table row for each row of each of the document's tables, holding `cell`
    (a text with tags of the row's first `cell`)."""
    own = docx.Document()
    for text in (
        "{%p for section in sections %}",
        "{%p for block in section.blocks %}",
        '{%p if block.kind == "table" %}',
    ):
        own.add_paragraph(text)
    table = own.add_table(rows=3, cols=1)
    table.rows[0].cells[0].text = "{%tr for row in block.rows %}"
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{% for cell in row[:1] %}}{cell}{{% endfor %}}").italic = italic
    table.rows[2].cells[0].text = "{%tr endfor %}"
    for text in ("{%p endif %}", "{%p endfor %}", "{%p endfor %}"):
        own.add_paragraph(text)
    path = tmp_path / "cells-template.docx"
    own.save(str(path))
    return path


def test_a_link_keeps_the_formatting_of_its_tag(run, tmp_path):
    path = _cells_template(tmp_path, "Code: {{ cell }}", italic=True)
    word = docx.Document(str(_fill(run, tmp_path, path, "jd", "national job description")))
    urls = _urls()
    links = [link for table in word.tables for row in table.rows for link in row.cells[0].paragraphs[0].hyperlinks]
    assert links
    for link in links:
        assert link.address == urls[link.text]
        assert all(run.italic for run in link.runs)
        assert link.runs[0]._r.getparent().getparent().xpath("string(.)").startswith("Code: ")


# Every documented tag, on every kind of document -------------------------------------------------------------


def _documented_tags() -> list[str]:
    """The tags the table of docs/documents.md's template section lists, as written there."""
    section = GUIDE[GUIDE.index("## Word: styles") : GUIDE.index("## HTML and printing")]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) >= 10
    return [tag for row in rows for tag in re.findall(r"`(\{\{.*?\}\}|\{%.*?%\})`", row)]


def _value_tags() -> list[str]:
    """The documented tags of one value, which a template can use anywhere: not those of a loop's variable."""
    tags = _documented_tags()
    looped = {name for tag in tags for name in re.findall(r"\bfor (\w+) in\b", tag)}
    return [
        tag
        for tag in tags
        if (found := re.fullmatch(r"\{\{ (\w+|fields\[.*\]) \}\}", tag)) and found.group(1) not in looped
    ]


def test_the_guide_documents_every_value_that_ldcf_fills():
    from ldcf.render.context import VALUE_TAGS

    documented = {tag.strip("{} ") for tag in _value_tags()}
    assert set(VALUE_TAGS) <= documented
    assert {"job_title", "band", "band_note", "career_framework_level", "employer"} <= documented


@pytest.mark.parametrize("document", [*DOCUMENTS, "development plan from a record"])
def test_every_documented_tag_fills_on_every_kind_of_document(run, tmp_path, document):
    record = None
    if document == "development plan from a record":
        record = tmp_path / "me.yaml"
        record.write_text(run("record", "template", "support-worker").stdout, encoding="utf-8")
        document = "national development plan"
    values = _value_tags()
    own = _word_template(tmp_path, *(f"{index}: {tag}" for index, tag in enumerate(values)))
    word = docx.Document(str(_fill(run, tmp_path, own, "own", document, record)))
    assert "{{" not in _all_text(word)
    assert [p.text.split(":")[0] for p in word.paragraphs] == [str(index) for index in range(len(values))]
    template = _template(run, tmp_path)
    starter = docx.Document(str(_fill(run, tmp_path, template, "starter", document, record)))
    assert "{{" not in _all_text(starter)
    loop_tags = {_normal(tag) for tag in _documented_tags()} - {_normal(tag) for tag in values}
    starter_template = docx.Document(str(template))
    starter_template.element.body.remove(starter_template.tables[0]._tbl)
    cells = _cells_template(tmp_path, "[{{ cell.text }}|{{ cell.link }}]")
    filled = docx.Document(str(_fill(run, tmp_path, cells, "cells", document, record)))
    shown = [re.fullmatch(r"\[(.*)\|(.*)\]", row.cells[0].text) for table in filled.tables for row in table.rows]
    assert shown
    assert all(shown)
    assert {found.group(2) for found in shown} - {""} <= set(_urls().values())
    used = {_normal(tag) for tag in TAG.findall(_all_text(starter_template))} | {"{{ cell.text }}", "{{ cell.link }}"}
    assert loop_tags <= used


def test_a_value_the_document_lacks_is_empty(run, tmp_path):
    own = _word_template(
        tmp_path,
        'a[{{ fields["No such label"] }}]',
        "b[{{ fields.nothing.deeper }}]",
        "c[{{ staff_member }}{{ employer }}{{ band }}{{ band_note }}]",
        "d[{% for section in sections %}{{ section.no_such_key }}{% endfor %}]",
    )
    word = docx.Document(str(_fill(run, tmp_path, own, "own", "national job description")))
    assert [p.text for p in word.paragraphs] == ["a[]", "b[]", "c[]", "d[]"]


# Tags that fail ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ bnd }}", f"the template uses {{{{ bnd }}}}, which ldcf does not fill; {LISTED}"),
        ("{% if bnd %}x{% endif %}", "the template uses {{ bnd }}, which ldcf does not fill"),
        ("{{ bnd.value }}", "the template uses {{ bnd }}, which ldcf does not fill"),
        ("{% for x in bnd %}{% endfor %}", "the template uses {{ bnd }}, which ldcf does not fill"),
        ("{{ title.__class__.__mro__ }}", "a tag of the template failed"),
        ("{% for x in %}", "a tag of the template failed"),
    ],
)
def test_a_template_tag_that_fails_is_one_line_naming_the_template(run, tmp_path, text, message):
    template = _word_template(tmp_path, text)
    output = tmp_path / "out.docx"
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(output))
    assert result.exit_code == 1
    assert f"{template}: " in result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not output.exists()


# What the command line does not reach: a section that starts a page, a form's layout ---------------------------


class _Section(NamedTuple):
    heading: str
    blocks: tuple
    new_page: bool = False


class _Form(NamedTuple):
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: tuple[str | None, ...] = ()
    widths: tuple[float, ...] = ()
    row_height: float = 0.0
    nowrap: tuple[int, ...] = ()
    row_labels: bool = False


def test_a_section_that_starts_a_page_and_a_form_to_write_in_keep_their_layout(run, tmp_path):
    from ldcf.render.blocks import Document, Paragraph
    from ldcf.render.docx_template import render

    form = _Form("Sign-off", (), (("Staff member", ""), ("Supervisor", "")), widths=(30, 70), row_height=16,
                 row_labels=True)  # fmt: skip
    document = Document(
        kind="development-plan",
        title="A plan",
        subject="Development plan",
        author="ldcf",
        sections=(_Section("First", (Paragraph("Text."),)), _Section("Appendix", (form,), new_page=True)),
    )
    word = docx.Document(io.BytesIO(render(document, _template(run, tmp_path).read_bytes())))
    appendix = next(p for p in word.paragraphs if p.text == "Appendix")
    assert appendix.paragraph_format.page_break_before
    first = next(p for p in word.paragraphs if p.text == "First")
    assert not first.paragraph_format.page_break_before
    table = _tables_by_first_cell(word)["Staff member"]
    assert [row.cells[0].text for row in table.rows] == ["Staff member", "Supervisor"]  # no empty header row
    widths = [column.w for column in table._tbl.tblGrid.gridCol_lst]
    assert abs(widths[0] - Mm(51)) <= Mm(1)
    assert abs(widths[1] - Mm(119)) <= Mm(1)
    for row in table.rows:
        assert row.height >= Mm(15.9)
        assert all(run.bold for run in row.cells[0].paragraphs[0].runs)
