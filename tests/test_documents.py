"""Documents: job descriptions and development plans, written as Word, HTML and Markdown and read back."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from document_readers import PLAN_SECTIONS, read_any, read_docx, read_html, read_markdown, write

from conftest import REPOSITORY, SHIPPED_DATA, guide_commands, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"
LEARNING = "Indicative learning and development"
CPD = "Continuing professional development"
APPENDIX = "Appendix: Career Framework level and competences"


def urls() -> dict[str, str]:
    return {c["code"]: c["url"] for c in raw_competences() if c.get("code") and c.get("url")}


def titles() -> dict[str, str]:
    return {c.get("code") or c["id"]: c["title"] for c in raw_competences()}


def role_file(role: str) -> dict:
    """A role's own file, shipped or in examples/local."""
    for folder in (SHIPPED_DATA, LOCAL):
        path = folder / "roles" / f"{role}.yaml"
        if path.exists():
            return raw(path)
    raise AssertionError(role)


def expected_sections(role: str) -> list[str]:
    """The sections of a role's job description, in the order of NHS job descriptions, from its file (and the
    file of the role it is based on): a section the data gives nothing for is left out."""
    own = role_file(role)
    base = role_file(own["based_on"]) if "based_on" in own else {}

    def given(key: str) -> bool:
        return bool(own.get(key) or base.get(key))

    sections = ["Job details"]
    sections += ["Job summary"] if given("purpose") or given("scope") else []
    sections += ["Key responsibilities"] if given("duties") else []
    sections += ["Person specification"] if given("person_specification") else []
    sections += ["Working conditions and effort"] if given("working_conditions") else []
    sections += [APPENDIX]
    sections += [LEARNING] if given("learning") else []
    sections += [CPD] if given("cpd") else []
    sections += ["Notes"] if given("notes") else []
    return [*sections, "Sources"]


# Job descriptions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_a_job_description_has_its_sections_in_order_and_every_competence_once(run, tmp_path, extension):
    path = write(run, tmp_path, f"jd{extension}", "job-description", "engagement-worker")
    read = read_any(path)
    assert read.title == "Job description and person specification: Engagement Worker"
    assert read.sections() == expected_sections("engagement-worker")
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
    # The framework is an appendix: every competence table comes after the person specification.
    headings = [text for _, text in read.headings]
    assert headings.index(APPENDIX) > headings.index("Person specification")


@pytest.mark.parametrize("role", ["registered-worker-band-6", "lincolnshire-senior-practitioner"])
def test_a_local_job_description_follows_the_order_of_an_nhs_job_description(run, tmp_path, role):
    read = read_docx(write(run, tmp_path, "jd.docx", "job-description", role, data=LOCAL))
    assert read.sections() == expected_sections(role)
    assert read.sections()[:4] == ["Job details", "Job summary", "Key responsibilities", "Person specification"]


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_a_national_job_description_says_once_what_the_employer_adds(run, tmp_path, extension):
    read = read_any(write(run, tmp_path, f"jd{extension}", "job-description", "practitioner"))
    role = raw(SHIPPED_DATA / "roles" / "practitioner.yaml")
    for key in ("duties", "person_specification", "purpose", "scope", "reports_to", "afc_band", "learning"):
        assert key not in role  # the 2018 report gives the Practitioner none of these
    note = (
        "This is the national profile of the role in the L&D Career and Competence Framework: the Agenda for "
        "Change band, reporting lines, a job summary, key responsibilities and a person specification are added "
        "by the employer."
    )
    assert read.text.count(note) == 1
    assert read.text.index(note) < read.text.index("Job title")  # at the top, before the job details
    assert "Not given" not in read.text
    assert "overlay" not in read.text.lower()
    assert read.sections() == expected_sections("practitioner")
    assert read.text.count("The framework gives no indicative learning and development for this role.") == 1


def test_a_local_job_description_carries_its_employer_band_duties_and_local_competences(run, tmp_path):
    path = write(run, tmp_path, "jd.docx", "job-description", "registered-worker-band-6", data=LOCAL)
    read = read_docx(path)
    role = raw(LOCAL / "roles" / "registered-worker-band-6.yaml")
    assert read.pairs["Employer"] == role["employer"]
    assert read.pairs["Agenda for Change band"].startswith("6. Career Framework levels are not Agenda for Change bands")
    for key, label in (("reports_to", "Reports to"), ("accountable_to", "Accountable to"),
                       ("responsible_for", "Responsible for"), ("location", "Location")):  # fmt: skip
        assert read.pairs[label] == role[key]
    duty_headings = [group["heading"] for group in role["duties"]]
    level_two = [text for level, text in read.headings if level == 2]
    assert [text for text in level_two if text in duty_headings] == duty_headings
    for group in role["duties"]:
        for duty in group["duties"]:
            assert " ".join(duty["text"].split()) in read.text
    added = read.table(f"Locality-specific competences added by {role['employer']}")
    every_title = {**titles(), **{c["id"]: c["title"] for c in raw(LOCAL / "competences.yaml")["competences"]}}
    added_here = role["locality_specific"][0]["competences"]
    assert sorted(row[1] for row in added[1:]) == sorted(every_title[key] for key in added_here)
    national = read.table("Locality-specific competences (")
    assert sorted(row[0] for row in national[1:]) == sorted(raw_listed_locality("specialist-practitioner"))


def raw_listed_locality(role: str) -> list[str]:
    return [code for group in role_file(role).get("locality_specific", []) for code in group["competences"]]


def test_a_local_role_says_not_given_for_each_job_detail_its_job_description_lacks(run, tmp_path):
    read = read_docx(write(run, tmp_path, "jd.docx", "job-description", "lincolnshire-senior-practitioner", data=LOCAL))
    role = raw(LOCAL / "roles" / "lincolnshire-senior-practitioner.yaml")
    for key in ("afc_band", "accountable_to", "responsible_for"):
        assert key not in role
    for label in ("Agenda for Change band", "Accountable to", "Responsible for"):
        assert read.pairs[label] == "Not given"
    assert read.pairs["Reports to"] == role["reports_to"]


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_the_person_specification_keeps_the_essential_and_desirable_split(run, tmp_path, extension):
    path = write(run, tmp_path, f"jd{extension}", "job-description", "registered-worker-band-6", data=LOCAL)
    rows = read_any(path).table("Person specification")
    # The job description does not say how each requirement is assessed, so there is no such column.
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
    for table in word.tables[1:]:  # the first is the job details, labelled values without a header row
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
            assert attributes.get("scope") in ("col", "row")


def test_without_output_the_document_is_markdown_on_standard_output(run):
    result = run("doc", "job-description", "practitioner")
    assert result.exit_code == 0
    read = read_markdown(result.stdout)
    assert read.sections() == expected_sections("practitioner")


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
    assert read.sections() == PLAN_SECTIONS
    required = raw_holdings("practitioner")
    held = {"GEN97", "SFJAB1", "HT4"}
    met = read.table("Held (")
    assert met[0] == ["Code", "Title", "Evidence", "Date"]
    assert sorted(row[0] for row in met[1:]) == sorted(held & required)
    assert ["GEN97", titles()["GEN97"], "Induction workbook signed off", "2025-03-01"] in met
    towards = read.table("Working towards (")
    assert [row[0] for row in towards[1:]] == ["GEN23"]
    assert towards[1][2:] == ["Supervision course", "2027-01"]
    rest = read.table("Still to acquire")
    assert rest[0] == ["Code", "Title", "Category"]
    priorities = [title for level, title in read.headings if title.startswith("Priority ")]
    assert priorities == [f"Priority {number}" for number in range(1, 6)]
    # Every competence the target needs is in exactly one place: a priority, held, working towards or the rest.
    shown = priority_codes(read) + [row[0] for row in met[1:] + towards[1:] + rest[1:]]
    assert sorted(shown) == sorted(required)
    share = len(held & required)
    assert read.pairs["Share met"] == f"{share} of {len(required)} competences ({share / len(required):.0%})"
    assert read.pairs["Level change"] == "level 4 to level 5 (+1)"
    sign_off = read.table("Sign-off")
    assert sign_off[0] == ["Signed by", "Name", "Signature", "Date"]
    assert [row[:2] for row in sign_off[1:]] == [
        ["Staff member", "Sam Example"],
        ["Appraiser or supervisor", ""],
        ["Line manager, if not the appraiser", ""],
    ]
    assert all(row[2:] == ["", ""] for row in sign_off[1:])
    assert "learning" not in raw(SHIPPED_DATA / "roles" / "practitioner.yaml")
    assert read.text.count("The framework gives no indicative learning for Practitioner.") == 1


def priority_codes(read) -> list[str]:
    """The code of each priority's development need, in order, whatever the format."""
    from_tables = [row[1].split()[0] for title, rows in read.tables if title.startswith("Priority ") for row in rows
                   if row[0] == "Development need"]  # fmt: skip
    return from_tables or re.findall(r"\*\*Development need:\*\* (\S+)", read.text)


def test_a_role_to_role_plan_lists_what_the_move_adds(run, tmp_path):
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "support-worker", "practitioner"))
    assert read.title == "Development plan: Support Worker to Practitioner"
    needed = raw_holdings("practitioner") - raw_holdings("support-worker")
    rest = read.table("Still to acquire")
    assert sorted(priority_codes(read) + [row[0] for row in rest[1:]]) == sorted(needed)
    met = read.table("Held as Support Worker")
    assert sorted(row[0] for row in met[1:]) == sorted(raw_holdings("practitioner") & raw_holdings("support-worker"))
    assert read.pairs["Staff member"] == ""  # to write in


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
    assert read.sections() == expected_sections("engagement-worker")
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
    assert read.pairs["Reports to"] == "L&D Team Manager"
    assert "(NOS: HPC1)" in read.text


def test_a_requirement_with_commas_is_one_requirement(run, tmp_path):
    # The Lincolnshire job description's one qualification, as its text gives it (a YAML flow list would split
    # it at its commas into three).
    source = REPOSITORY / "tests" / "fixtures" / "sources" / "lincolnshire-senior-practitioner-job-description.txt"
    qualification = "Qualified in, or working towards, NVQ Level 4 Advice and Guidance."
    assert qualification in source.read_text(encoding="utf-8")
    path = write(run, tmp_path, "jd.md", "job-description", "lincolnshire-senior-practitioner", data=LOCAL)
    rows = read_any(path).table("Person specification")
    assert [row[1] for row in rows[1:] if row[0] == "Qualifications"] == [qualification]


def test_the_engagement_worker_vetting_requirement_is_one_requirement(run, tmp_path):
    # The 2023 template's Basic Information: "DBS clearance or vetting, where appropriate." is one requirement.
    path = write(run, tmp_path, "jd.md", "job-description", "engagement-worker")
    rows = read_any(path).table("Person specification")
    assert [row[1] for row in rows[1:] if row[0] == "Other requirements"] == [
        "DBS clearance or vetting, where appropriate."
    ]
