"""Documents in the shape their readers expect: NHS page furniture in Word (A4, 20 mm margins, Arial, the title
or "Confidential" and the person's name with "Page X of Y" in the footer), headings printed once, tables whose
rows never split and whose header rows repeat, codes that never break, room to sign; what a local role adds
named by its employer, never by a folder; and how a person specification says each requirement is assessed."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import docx
import pytest
from document_readers import read_any, read_docx, read_html, write
from docx.oxml.ns import qn

from conftest import REPOSITORY, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"
EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(part).decode("utf-8")


def _record(tmp_path: Path, text: str = "") -> Path:
    record = tmp_path / "record.yaml"
    record.write_text(
        "name: Sam Example\nrole: support-worker\nheld:\n  - code: GEN97\n    evidence: Induction workbook\n" + text,
        encoding="utf-8",
    )
    return record


# Page furniture --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [("job-description", "practitioner"), ("development-plan", "support-worker", "practitioner")],
    ids=["job-description", "development-plan"],
)
def test_word_pages_are_a4_with_20_mm_margins_in_arial(run, tmp_path, arguments):
    path = write(run, tmp_path, "document.docx", *arguments)
    section = docx.Document(str(path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
        assert round(margin.mm) == 20
    styles = _xml(path, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:ascii="Arial"' in defaults
    assert 'w:hAnsi="Arial"' in defaults
    # No style falls back to the theme's fonts (Calibri, Cambria): every font named is Arial.
    assert "Theme=" not in styles.replace("w:themeColor", "").replace("w:themeShade", "")
    assert "Cambria" not in styles
    assert "Calibri" not in styles
    fonts = _xml(path, "word/fontTable.xml")
    assert '<w:font w:name="Arial"><w:altName w:val="Liberation Sans"/>' in fonts  # the fallback
    theme = _xml(path, "word/theme/theme1.xml")
    assert 'typeface="Cambria"' not in theme
    assert 'typeface="Calibri"' not in theme


def _footer(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(package.read(name).decode() for name in package.namelist() if name.startswith("word/footer"))


def test_a_job_description_footer_has_its_title_and_page_x_of_y(run, tmp_path):
    path = write(run, tmp_path, "jd.docx", "job-description", "registered-worker-band-6", data=LOCAL)
    footer = _footer(path)
    assert "<w:instrText" in footer
    assert " PAGE " in footer
    assert " NUMPAGES " in footer
    title = raw(LOCAL / "roles" / "registered-worker-band-6.yaml")["title"]
    text = "".join(paragraph.text for paragraph in docx.Document(str(path)).sections[0].footer.paragraphs)
    assert text.startswith(f"Job description and person specification: {title}\tPage ")
    assert " of " in text


def test_a_plan_footer_says_confidential_with_the_person_name_and_page_x_of_y(run, tmp_path):
    path = write(run, tmp_path, "plan.docx", "development-plan", "--have", str(_record(tmp_path)), "practitioner")
    footer = _footer(path)
    assert " PAGE " in footer
    assert " NUMPAGES " in footer
    text = "".join(paragraph.text for paragraph in docx.Document(str(path)).sections[0].footer.paragraphs)
    assert text.startswith("Confidential: Sam Example\tPage ")


def test_html_prints_the_footer_and_page_x_of_y_and_no_link_address_inside_a_table(run, tmp_path):
    path = write(run, tmp_path, "plan.html", "development-plan", "--have", str(_record(tmp_path)), "practitioner")
    html = path.read_text(encoding="utf-8")
    assert '@bottom-right { content: "Page " counter(page) " of " counter(pages);' in html
    assert '@bottom-left { content: "Confidential\\00003a  Sam Example";' in html
    assert "td a[href]::after, th a[href]::after { content: none; }" in html
    _, reader = read_html(path)
    code_cells = [attributes for tag, attributes in reader.tags if tag == "td" and attributes.get("class") == "code"]
    assert code_cells  # codes never wrap


def test_text_in_the_footer_cannot_leave_the_style_sheet(run, tmp_path):
    record = tmp_path / "record.yaml"
    record.write_text('name: "x\\"; } body { display: none } </style><script>alert(1)</script>"\n', encoding="utf-8")
    path = write(run, tmp_path, "plan.html", "development-plan", "--have", str(record), "practitioner")
    html = path.read_text(encoding="utf-8")
    assert html.count("</style>") == 1
    assert "display: none" not in html.split("<style>")[1].split("</style>")[0]
    _, reader = read_html(path)
    assert "script" not in [tag for tag, _ in reader.tags]


# Tables ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ("job-description", "registered-worker-band-6"),
        ("development-plan", "support-worker", "registered-worker-band-6"),
    ],
    ids=["job-description", "development-plan"],
)
def test_word_rows_never_split_and_header_rows_repeat(run, tmp_path, arguments):
    path = write(run, tmp_path, "document.docx", *arguments, data=LOCAL)
    word = docx.Document(str(path))
    with_headers = 0
    for table in word.tables:
        for row in table.rows:
            properties = row._tr.trPr
            assert properties is not None
            assert properties.find(qn("w:cantSplit")) is not None
        first = table.rows[0]._tr.trPr
        if first.find(qn("w:tblHeader")) is not None:
            with_headers += 1
            assert all(cell.paragraphs[0].runs[0].bold for cell in table.rows[0].cells)
        # Tables fill the text width, 170 mm, in fixed columns.
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert abs(sum(column.width for column in table.columns) / EMU_PER_MM - 170) < 1
    assert with_headers >= 4


def test_sign_off_rows_have_room_for_a_signature(run, tmp_path):
    path = write(run, tmp_path, "plan.docx", "development-plan", "--have", str(_record(tmp_path)), "practitioner")
    word = docx.Document(str(path))
    sign_off = next(table for table in word.tables if table.rows[0].cells[0].text == "Signed by")
    for row in sign_off.rows[1:]:
        height = row._tr.trPr.find(qn("w:trHeight"))
        assert height is not None
        assert int(height.get(qn("w:val"))) >= 15 * TWIPS_PER_MM  # 1.5 cm
        assert height.get(qn("w:hRule")) == "atLeast"
    review = next(table for table in word.tables if table.rows[0].cells[0].text == "Date")
    for row in review.rows[1:]:
        assert int(row._tr.trPr.find(qn("w:trHeight")).get(qn("w:val"))) >= 25 * TWIPS_PER_MM


def test_a_code_column_never_wraps_and_holds_the_longest_code(run, tmp_path):
    path = write(run, tmp_path, "jd.docx", "job-description", "registered-worker-band-6", data=LOCAL)
    word = docx.Document(str(path))
    code_tables = [table for table in word.tables if table.rows[0].cells[0].text == "Code"]
    assert code_tables
    for table in code_tables:
        codes = [row.cells[0].text for row in table.rows[1:]]
        for row in table.rows:
            assert row.cells[0]._tc.tcPr.find(qn("w:noWrap")) is not None
        # Arial's capitals and digits are about 0.7 em wide: 2.5 mm each at 10 point, with the cell's margins.
        width_mm = table.columns[0].width / EMU_PER_MM
        assert width_mm >= 2.5 * max(len(code) for code in codes) + 3.8


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
@pytest.mark.parametrize(
    "arguments",
    [
        ("job-description", "registered-worker-band-6"),
        ("development-plan", "support-worker", "registered-worker-band-6"),
    ],
    ids=["job-description", "development-plan"],
)
def test_no_heading_is_printed_twice(run, tmp_path, arguments, extension):
    read = read_any(write(run, tmp_path, f"document{extension}", *arguments, data=LOCAL))
    texts = [text for _, text in read.headings]
    for before, after in itertools.pairwise(texts):
        assert before.casefold() != after.casefold(), before
    assert "Person specification" not in [text for level, text in read.headings if level != 1]


# Where a local role comes from -----------------------------------------------------------------------------------


def _overlay(tmp_path: Path, employer: str | None) -> Path:
    """A local role in a folder called overlay, with a local competence, based on the Practitioner."""
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "competences.yaml").write_text(
        "competences:\n  - id: cover-the-custody-suite-rota\n    title: Cover the custody suite rota\n"
        "    source: Our job description\n",
        encoding="utf-8",
    )
    (overlay / "roles" / "our-practitioner.yaml").write_text(
        "id: our-practitioner\ntitle: Our Practitioner\nbased_on: practitioner\n"
        "source:\n  document: Anytown job description, L&D Practitioner\n"
        + (f"employer: {employer}\n" if employer else "")
        + "locality_specific:\n  - competences: [cover-the-custody-suite-rota, GEN99]\n",
        encoding="utf-8",
    )
    return overlay


@pytest.mark.parametrize("employer", ["Anytown NHS Trust", None], ids=["with-employer", "without-employer"])
@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
@pytest.mark.parametrize("kind", ["job-description", "development-plan"])
def test_no_document_names_a_folder_or_an_overlay(run, tmp_path, kind, extension, employer):
    overlay = _overlay(tmp_path, employer)
    arguments = ("our-practitioner",) if kind == "job-description" else ("support-worker", "our-practitioner")
    path = write(run, tmp_path, f"document{extension}", kind, *arguments, data=overlay)
    text = read_any(path).text
    if extension == ".docx":
        text += "".join(p.text for p in docx.Document(str(path)).sections[0].footer.paragraphs)
        text += docx.Document(str(path)).core_properties.author
    else:
        text += path.read_text(encoding="utf-8")  # the markup too: attributes, properties, the style sheet
    assert str(tmp_path) not in text
    assert "overlay" not in text.lower()
    if kind == "job-description":
        who = employer or "Anytown job description, L&D Practitioner"
        assert f"Locality-specific competences added by {who} (2)" in text.replace("\\", "")


# How a requirement is assessed, and working conditions -------------------------------------------------------------

ASSESSED = """\
id: assessed-role
title: Assessed Role
based_on: practitioner
source:
  document: A test job description
employer: Anytown NHS Trust
person_specification:
  qualifications:
    essential: [Professional registration]
    assessed_by: [application, reference]
  experience:
    essential: [Experience of working in custody]
    desirable: [Experience of court work]
  skills:
    essential: [Writes clear reports]
    assessed_by: [test, interview]
working_conditions:
  - Works in police custody suites, with exposure to verbal aggression.
  - Sits for long periods at a screen.
"""


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_the_person_specification_says_how_each_requirement_is_assessed_where_given(run, tmp_path, extension):
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "assessed-role.yaml").write_text(ASSESSED, encoding="utf-8")
    assert run("validate", str(overlay)).exit_code == 0
    read = read_any(write(run, tmp_path, f"jd{extension}", "job-description", "assessed-role", data=overlay))
    rows = read.table("Person specification")
    assert rows[0] == ["Area", "Requirement", "Essential or desirable", "How assessed"]
    assert rows[1:] == [
        ["Qualifications", "Professional registration", "Essential", "Application, reference"],
        ["Experience", "Experience of working in custody", "Essential", "Not given"],
        ["Experience", "Experience of court work", "Desirable", "Not given"],
        ["Skills", "Writes clear reports", "Essential", "Test, interview"],
    ]
    sections = read.sections()
    assert sections.index("Working conditions and effort") == sections.index("Person specification") + 1
    assert "Sits for long periods at a screen." in read.text


def test_an_unknown_way_of_assessing_is_an_error_at_its_line(run, tmp_path):
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "assessed-role.yaml").write_text(
        ASSESSED.replace("[test, interview]", "[test, presentation]"), encoding="utf-8"
    )
    result = run("validate", str(overlay))
    assert result.exit_code == 1
    assert "assessed-role.yaml:16:" in result.output
    assert "'application', 'interview', 'test' or 'reference'" in result.output


def test_every_nos_code_of_the_job_description_is_in_its_appendix(run, tmp_path):
    read = read_docx(write(run, tmp_path, "jd.docx", "job-description", "specialist-practitioner"))
    coded = {c["code"] for c in raw_competences() if c.get("code")}
    assert sorted(code for code in read.competence_codes() if code != "(no code)") == sorted(
        raw_holdings("specialist-practitioner") & coded
    )
