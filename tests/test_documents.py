"""Documents: job descriptions and development plans, written as Word, HTML and Markdown and read back."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from conftest import REPOSITORY, SHIPPED_DATA, guide_commands, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"
NOT_GIVEN_NATIONALLY = "Not given in the national framework: add it in a local overlay."
# The order of the 2023 role template and of NHS job descriptions, as the issue sets it out.
JOB_DESCRIPTION_SECTIONS = [
    "Job details",
    "Reporting lines",
    "Job purpose and scope",
    "Main duties",
    "Competences",
    "Person specification",
    "Indicative learning and development",
    "Continuing professional development",
]


def urls() -> dict[str, str]:
    return {c["code"]: c["url"] for c in raw_competences() if c.get("code") and c.get("url")}


def titles() -> dict[str, str]:
    return {c.get("code") or c["id"]: c["title"] for c in raw_competences()}


# Reading documents back ------------------------------------------------------------------------------------------


@dataclass
class Read:
    """What a reader of a document finds in it, whatever its format."""

    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[tuple[str, list[list[str]]]] = field(default_factory=list)  # (title, rows with the header first)
    links: dict[str, str] = field(default_factory=dict)  # link text to address
    text: str = ""

    def sections(self) -> list[str]:
        return [text for level, text in self.headings if level == 1]

    def table(self, start: str) -> list[list[str]]:
        found = [rows for title, rows in self.tables if title.startswith(start)]
        assert len(found) == 1, (start, [title for title, _ in self.tables])
        return found[0]

    def competence_codes(self) -> list[str]:
        """The first cell of every row of the competence tables."""
        return [
            row[0]
            for title, rows in self.tables
            if title.split(" (")[0].endswith("competences") and rows[0][0] == "Code"
            for row in rows[1:]
        ]


def read_docx(path: Path) -> Read:
    word = docx.Document(str(path))
    read = Read(title=word.core_properties.title)
    last_heading = ""
    texts = []
    for item in word.iter_inner_content():
        if isinstance(item, WordParagraph):
            texts.append(item.text)
            style = item.style.name if item.style is not None else ""
            if style == "Title":
                read.headings.append((0, item.text))
            elif style.startswith("Heading "):
                # Word's Heading 1 holds the document's sections; they are level 1 here as in HTML's h2.
                read.headings.append((int(style.removeprefix("Heading ")), item.text))
                last_heading = item.text
        elif isinstance(item, WordTable):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            texts += [cell for row in rows for cell in row]
            read.tables.append((last_heading, rows))
            for row in item.rows:
                for hyperlink in row.cells[0].paragraphs[0].hyperlinks:
                    read.links[hyperlink.text] = hyperlink.address
    read.text = "\n".join(texts)
    return read


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read = Read()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.buffer: list[str] = []
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.last_heading = ""
        self.href: str | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "td", "th", "a", "title"):
            self.buffer = []
        if tag == "a":
            self.href = dict(attrs).get("href")
        if tag == "tr":
            self.row = []
        if tag == "table":
            self.rows = []

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self.buffer).strip()
        if tag == "title":
            self.read.title = text
        elif tag in ("h1", "h2", "h3"):
            self.read.headings.append((int(tag[1]) - 1, text))
            self.last_heading = text
        elif tag == "a" and self.href:
            self.read.links[text] = self.href
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(text)
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.read.tables.append((self.last_heading, self.rows))

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)
        self.texts.append(data)


def read_html(path: Path) -> tuple[Read, _HtmlReader]:
    reader = _HtmlReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.read.text = "".join(reader.texts)
    return reader.read, reader


def read_markdown(text: str) -> Read:
    read = Read()
    lines = text.splitlines()
    last_heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            hashes = len(line) - len(line.lstrip("#"))
            read.headings.append((hashes - 1, line[hashes + 1 :]))
            last_heading = line[hashes + 1 :]
        elif line.startswith("| "):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                if not lines[index].startswith("| ---") and not lines[index].startswith("|---"):
                    cells = [cell.strip() for cell in lines[index].strip("|").split(" | ")]
                    rows.append([_markdown_cell(cell) for cell in cells])
                index += 1
            read.tables.append((last_heading, rows))
            continue
        index += 1
    read.title = read.headings[0][1] if read.headings else ""
    read.text = text
    return read


def _markdown_cell(cell: str) -> str:
    if cell.startswith("[") and "](" in cell:
        cell = cell[1 : cell.index("](")]
    return cell.replace("\\", "")


def write(run, tmp_path: Path, name: str, *arguments: str, data: Path | None = None) -> Path:
    output = tmp_path / name
    result = run(*(["--data", str(data)] if data else []), "doc", *arguments, "-o", str(output))
    assert result.exit_code == 0, result.output
    assert f"wrote {output}" in result.stderr
    return output


def read_any(path: Path) -> Read:
    if path.suffix == ".docx":
        return read_docx(path)
    if path.suffix == ".html":
        return read_html(path)[0]
    return read_markdown(path.read_text(encoding="utf-8"))


# Job descriptions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_a_job_description_has_its_sections_in_order_and_every_competence_once(run, tmp_path, extension):
    path = write(run, tmp_path, f"jd{extension}", "job-description", "engagement-worker")
    read = read_any(path)
    assert read.title == "Job description and person specification: Engagement Worker"
    assert read.sections()[: len(JOB_DESCRIPTION_SECTIONS)] == JOB_DESCRIPTION_SECTIONS
    assert read.sections()[-1] == "Sources"
    expected = sorted(key if key.isupper() else "(no code)" for key in raw_holdings("engagement-worker"))
    shown = read.competence_codes()
    assert sorted(shown) == expected
    coded = [code for code in shown if code != "(no code)"]
    assert len(coded) == len(set(coded))
    # Uncoded competences are there by title, each once.
    uncoded_titles = [titles()[key] for key in raw_holdings("engagement-worker") if not key.isupper()]
    for title in uncoded_titles:
        assert read.text.count(title) >= 1
    if extension != ".md":
        for code in coded:
            if code in urls():
                assert read.links[code] == urls()[code]


def test_a_national_job_description_says_what_the_framework_does_not_give(run, tmp_path):
    read = read_docx(write(run, tmp_path, "jd.docx", "job-description", "practitioner"))
    role = raw(SHIPPED_DATA / "roles" / "practitioner.yaml")
    assert "learning" not in role  # the 2018 report gives the Practitioner no indicative learning
    empty = ["Reporting lines", "Job purpose and scope", "Main duties", "Person specification"]
    empty += ["Indicative learning and development", "Continuing professional development"]
    for section in empty:
        start = read.text.index(section)
        assert read.text[start:].splitlines()[1] == NOT_GIVEN_NATIONALLY


def test_a_local_job_description_carries_its_employer_band_duties_and_local_competences(run, tmp_path):
    path = write(run, tmp_path, "jd.docx", "job-description", "registered-worker-band-6", data=LOCAL)
    read = read_docx(path)
    role = raw(LOCAL / "roles" / "registered-worker-band-6.yaml")
    assert f"Employer: {role['employer']}" in read.text
    assert "Agenda for Change band: 6. Career Framework levels are not Agenda for Change bands" in read.text
    assert f"Reports to: {role['reports_to']}" in read.text
    duty_headings = [group["heading"] for group in role["duties"]]
    level_two = [text for level, text in read.headings if level == 2]
    assert [text for text in level_two if text in duty_headings] == duty_headings
    for group in role["duties"]:
        for duty in group["duties"]:
            assert " ".join(duty["text"].split()) in read.text
    locality = read.table("Locality-specific competences")
    every_title = {**titles(), **{c["id"]: c["title"] for c in raw(LOCAL / "competences.yaml")["competences"]}}
    added_here = role["locality_specific"][0]["competences"]
    marked = sorted(row[1] for row in locality[1:] if "added locally" in row[-1])
    assert marked == sorted(every_title[key] for key in added_here)


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_the_person_specification_keeps_the_essential_and_desirable_split(run, tmp_path, extension):
    path = write(run, tmp_path, f"jd{extension}", "job-description", "registered-worker-band-6", data=LOCAL)
    rows = read_any(path).table("Person specification")
    assert rows[0] == ["Area", "Requirement", "Essential or desirable"]
    specification = raw(LOCAL / "roles" / "registered-worker-band-6.yaml")["person_specification"]
    for need in ("essential", "desirable"):
        expected = sorted(" ".join(text.split()) for area in specification.values() for text in area.get(need, []))
        shown = sorted(row[1].replace("\\", "") for row in rows[1:] if row[2] == need.capitalize())
        assert shown == expected


def test_role_notes_reach_the_job_description_with_their_source(run, tmp_path):
    read = read_docx(write(run, tmp_path, "jd.docx", "job-description", "specialist-practitioner"))
    assert "Notes" in read.sections()
    assert "court appointed intermediaries" in read.text
    assert "Liaison and Diversion Services Role Profile Templates" in read.text


def test_word_documents_have_properties_a4_pages_and_repeating_header_rows(run, tmp_path):
    path = write(run, tmp_path, "jd.docx", "job-description", "practitioner")
    word = docx.Document(str(path))
    properties = word.core_properties
    assert properties.title == "Job description and person specification: Practitioner"
    assert properties.language == "en-GB"
    assert properties.author
    assert properties.subject == "Job description and person specification"
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    for table in word.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None
        assert header.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    with zipfile.ZipFile(path) as package:
        styles = package.read("word/styles.xml").decode()
    assert 'w:lang w:val="en-GB"' in styles


def test_html_documents_are_self_contained_and_printable(run, tmp_path):
    path = write(run, tmp_path, "jd.html", "job-description", "practitioner")
    read, reader = read_html(path)
    html = path.read_text(encoding="utf-8")
    assert ("html", {"lang": "en-GB"}) in reader.tags
    assert read.title == "Job description and person specification: Practitioner"
    assert read.headings[0][0] == 0
    assert [tag for tag, _ in reader.tags].count("h1") == 1
    # Nothing is fetched from elsewhere: no scripts, style sheets, images or frames by address.
    for tag, attributes in reader.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
        assert "src" not in attributes
    assert "@page" in html
    assert "size: A4" in html
    assert 'content: " (" attr(href) ")"' in html
    for tag, attributes in reader.tags:
        if tag == "th":
            assert attributes.get("scope") == "col"


def test_without_output_the_document_is_markdown_on_standard_output(run):
    result = run("doc", "job-description", "practitioner")
    assert result.exit_code == 0
    read = read_markdown(result.stdout)
    assert read.sections()[: len(JOB_DESCRIPTION_SECTIONS)] == JOB_DESCRIPTION_SECTIONS


# Development plans -----------------------------------------------------------------------------------------------

RECORD = """\
name: Sam Example
role: support-worker
held:
  - code: GEN97
    evidence: Induction workbook signed off
    date: 2025-03-01
  - code: SFJAB1
    evidence: Observed practice
    date: 2025-06-12
  - code: HT4
working_towards:
  - code: GEN23
    target_date: 2027-01
    plan: Supervision course
"""


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_a_development_plan_from_a_record(run, tmp_path, extension):
    record = tmp_path / "record.yaml"
    record.write_text(RECORD, encoding="utf-8")
    path = write(run, tmp_path, f"plan{extension}", "development-plan", "--have", str(record), "practitioner")
    read = read_any(path)
    assert read.title.replace("\\", "") == "Development plan: Sam Example to Practitioner"
    required = raw_holdings("practitioner")
    held = {"GEN97", "SFJAB1", "HT4"}
    met = read.table("Already met")
    assert met[0] == ["Code", "Title", "Category", "Evidence", "Date"]
    assert sorted(row[0] for row in met[1:]) == sorted(held & required)
    assert ["GEN97", titles()["GEN97"], "core", "Induction workbook signed off", "2025-03-01"] in met
    to_acquire = [
        row[0] for title, rows in read.tables if title.split(" (")[0].endswith("competences") for row in rows[1:]
    ]
    assert sorted(to_acquire) == sorted(required - held - {"GEN23"})
    for title, rows in read.tables:
        if title.split(" (")[0].endswith("competences"):
            assert rows[0] == ["Code", "Title", "Planned learning", "Support needed", "Target date", "Review date"]
            assert all(row[2:] == ["", "", "", ""] for row in rows[1:])
    towards = read.table("Working towards")
    assert [row[0] for row in towards[1:]] == ["GEN23"]
    assert "Supervision course" in towards[1]
    assert "2027-01" in towards[1]
    share = len(held & required)
    assert f"{share} of {len(required)} competences ({share / len(required):.0%})" in read.text
    assert "Level change" in read.text
    assert "level 4 to level 5 (+1)" in read.text
    sign_off = read.table("Sign-off")
    assert [row[0] for row in sign_off[1:]] == ["Staff member", "Supervisor"]
    assert read.sections()[-1] == "Sign-off"
    assert "learning" not in raw(SHIPPED_DATA / "roles" / "practitioner.yaml")
    assert "Indicative learning for Practitioner" in read.sections()
    assert NOT_GIVEN_NATIONALLY in read.text


def test_a_role_to_role_plan_lists_what_the_move_adds(run, tmp_path):
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "support-worker", "practitioner"))
    assert read.title == "Development plan: Support Worker to Practitioner"
    to_acquire = [
        row[0] for title, rows in read.tables if title.split(" (")[0].endswith("competences") for row in rows[1:]
    ]
    assert sorted(to_acquire) == sorted(raw_holdings("practitioner") - raw_holdings("support-worker"))
    met = read.table("Already met")
    assert sorted(row[0] for row in met[1:]) == sorted(raw_holdings("practitioner") & raw_holdings("support-worker"))


def test_a_development_plan_needs_from_and_to_or_a_record(run):
    result = run("doc", "development-plan", "practitioner")
    assert result.exit_code == 2
    assert "give FROM and TO" in result.stderr


# Writing safely --------------------------------------------------------------------------------------------------


def test_an_existing_file_is_kept_unless_forced(run, tmp_path):
    path = tmp_path / "jd.docx"
    path.write_bytes(b"the manager's own edits")
    refused = run("doc", "job-description", "practitioner", "-o", str(path))
    assert refused.exit_code == 1
    assert f"{path} exists already; --force replaces it" in refused.stderr
    assert path.read_bytes() == b"the manager's own edits"
    forced = run("doc", "job-description", "practitioner", "-o", str(path), "--force")
    assert forced.exit_code == 0
    assert read_docx(path).title.endswith("Practitioner")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_link_in_the_way_is_never_written_through(run, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "jd.html"
    link.symlink_to(victim)
    refused = run("doc", "job-description", "practitioner", "-o", str(link))
    assert refused.exit_code == 1
    forced = run("doc", "job-description", "practitioner", "-o", str(link), "--force")
    assert forced.exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink()


@pytest.mark.parametrize("name", ["jd.pdf", "jd", "jd.DOCX.txt"])
def test_an_unknown_extension_is_a_usage_error(run, tmp_path, name):
    result = run("doc", "job-description", "practitioner", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert "cannot tell the format from its extension; use .docx, .html, .md" in result.stderr
    assert not (tmp_path / name).exists()


def test_an_unknown_role_is_a_usage_error_with_a_suggestion(run, tmp_path):
    result = run("doc", "job-description", "practioner", "-o", str(tmp_path / "jd.docx"))
    assert result.exit_code == 2
    assert "practitioner" in result.stderr
    assert not (tmp_path / "jd.docx").exists()


# Templates -------------------------------------------------------------------------------------------------------


def test_the_starter_template_is_filled_with_the_document(run, tmp_path):
    template = write(run, tmp_path, "trust.docx", "template")
    filled = tmp_path / "filled.docx"
    result = run("doc", "job-description", "engagement-worker", "--template", str(template), "-o", str(filled))
    assert result.exit_code == 0, result.output
    read = read_docx(filled)
    assert read.headings[0] == (0, "Job description and person specification: Engagement Worker")
    assert read.sections()[: len(JOB_DESCRIPTION_SECTIONS)] == JOB_DESCRIPTION_SECTIONS
    shown = [row[0] for title, rows in read.tables if title.startswith(("Core", "Role")) for row in rows[1:]]
    coded = sorted(key for key in raw_holdings("engagement-worker") if key.isupper())
    assert sorted(code for code in shown if code != "(no code)") == coded
    assert "{{" not in read.text
    assert "{%" not in read.text
    assert docx.Document(str(filled)).core_properties.language == "en-GB"


def test_a_trust_template_keeps_its_own_text_and_fills_its_tags(run, tmp_path):
    trust = docx.Document()
    trust.add_paragraph("Anytown NHS Trust")
    trust.add_paragraph("Post: {{ fields['Job title'] }} at level {{ fields['Career Framework level'][:1] }}")
    template = tmp_path / "trust.docx"
    trust.save(str(template))
    filled = tmp_path / "filled.docx"
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(filled))
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(filled)).paragraphs]
    assert paragraphs == ["Anytown NHS Trust", "Post: Practitioner at level 5"]


def test_a_template_that_is_not_a_word_document_is_refused(run, tmp_path):
    template = tmp_path / "trust.docx"
    template.write_text("not a zip", encoding="utf-8")
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert f"{template}: not a Word document (.docx)" in result.stderr


def test_a_template_that_unpacks_too_large_is_refused_before_it_is_read(run, tmp_path):
    template = tmp_path / "bomb.docx"
    with zipfile.ZipFile(template, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * (101 * 1024 * 1024))
    assert template.stat().st_size < 1024 * 1024
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert "unpacks to more than" in result.stderr


def test_a_template_needs_a_word_output(run, tmp_path):
    template = write(run, tmp_path, "trust.docx", "template")
    for output in ([], ["-o", str(tmp_path / "jd.html")]):
        result = run("doc", "job-description", "practitioner", "--template", str(template), *output)
        assert result.exit_code == 2
        assert "--template fills a Word document: give -o FILE.docx" in result.stderr


# Hostile text ----------------------------------------------------------------------------------------------------

MARKUP = "<script>alert(1)</script> & {{ title }} {% if 1 %}x{% endif %} **bold** | [link](javascript:x) ]]>"


def _overlay_with_markup(tmp_path: Path) -> Path:
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "hostile-role.yaml").write_text(
        f"id: hostile-role\ntitle: {MARKUP!r}\n".replace("'", '"', 2)
        + "based_on: practitioner\n"
        "source:\n  document: A test document\n"
        "duties:\n  - heading: Odd text\n    duties:\n"
        f"      - text: {MARKUP!r}\n".replace("'", '"', 2),
        encoding="utf-8",
    )
    return overlay


@pytest.mark.parametrize("extension", [".docx", ".html", ".md", "template"])
def test_markup_in_the_data_stays_text_in_every_format(run, tmp_path, extension):
    overlay = _overlay_with_markup(tmp_path)
    if extension == "template":
        template = write(run, tmp_path, "trust.docx", "template")
        output = tmp_path / "jd.docx"
        result = run("--data", str(overlay), "doc", "job-description", "hostile-role", "--template", str(template),
                     "-o", str(output))  # fmt: skip
        assert result.exit_code == 0, result.output
    else:
        output = write(run, tmp_path, f"jd{extension}", "job-description", "hostile-role", data=overlay)
    read = read_any(output)
    if extension == ".md":
        text = output.read_text(encoding="utf-8")
        assert "<script" not in text
        assert "[link](javascript:x)" not in text.replace("\\[link\\](javascript:x)", "")
        assert all(not line.startswith("# ") for line in text.splitlines()[1:])
    else:
        assert read.text.count(MARKUP) >= 2  # the title and the duty, as written
    if extension == ".html":
        _, reader = read_html(output)
        assert "script" not in [tag for tag, _ in reader.tags]
        assert all(not (attributes.get("href") or "").startswith("javascript") for _, attributes in reader.tags)


def test_characters_that_xml_cannot_hold_never_break_a_document():
    from ldcf.render import render_document
    from ldcf.render.blocks import Document, Section, bullets, paragraphs, table

    hostile = "bell\x07 escape\x1b[31m nul\x00 reversed\u202e surrogate\ud800 non-character\uffff end"
    document = Document(
        kind="job-description",
        title=hostile,
        subject=hostile,
        author=hostile,
        sections=(
            Section(hostile, (*paragraphs(hostile), *bullets(hostile, [hostile]), table(hostile, ["h"], [[hostile]]))),
        ),
    )
    for extension in (".docx", ".html", ".md"):
        content = render_document(document, extension)
        if extension == ".docx":
            import io

            word = docx.Document(io.BytesIO(content))
            assert "end" in word.paragraphs[-1].text or any("end" in p.text for p in word.paragraphs)
        else:
            text = content.decode("utf-8", errors="strict")
            assert "\x1b" not in text
            assert "\x00" not in text
            assert "\u202e" not in text


# The guide -------------------------------------------------------------------------------------------------------

GUIDE = (REPOSITORY / "docs" / "documents.md").read_text(encoding="utf-8")


def test_every_command_in_the_documents_guide_works(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPOSITORY / "examples")
    commands = guide_commands(GUIDE)
    assert len(commands) >= 10
    for words in commands:
        command = " ".join(words)
        redirect = words.index(">") if ">" in words else None
        arguments = words[:redirect]
        result = run(*arguments)
        assert result.exit_code == 0, (command, result.output)
        if redirect is not None:
            (tmp_path / words[redirect + 1]).write_text(result.stdout, encoding="utf-8")
        if "-o" in words:
            written = tmp_path / words[words.index("-o") + 1]
            assert read_any(written).title, command


def test_the_overlay_example_in_the_documents_guide_is_valid_and_makes_its_job_description(run, tmp_path):
    example = re.search(r"```yaml\n(.*?)```", GUIDE, flags=re.S).group(1)
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "our-practitioner.yaml").write_text(example, encoding="utf-8")
    validated = run("validate", str(overlay))
    assert validated.exit_code == 0, validated.output
    assert "0 error(s), 0 warning(s)" in validated.stderr
    read = read_docx(write(run, tmp_path, "jd.docx", "job-description", "our-practitioner", data=overlay))
    assert "Reports to: L&D Team Manager" in read.text
    assert "(covered by HPC1)" in read.text
