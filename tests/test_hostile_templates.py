"""Hostile Word templates (`doc --template`): nothing a template or a person's record carries can run as a tag,
become Word XML, hang ldcf or take its memory. Each case ends, within seconds and under a memory limit, with a
message of one line naming the template and what it tried; the heavy ones run in child processes with limits.
"""

from __future__ import annotations

import io
import os
import re
import resource
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from conftest import SHIPPED_DATA

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
MEMORY_LIMIT = 3 * 1024**3  # bytes of address space a child ldcf may use in these tests
RAW_XML = "</w:t></w:r></w:p><w:p><w:r><w:t>INJECTED"
NAME = "Ana {{ 7*7 }} {_{ 6*6 }_} {{ appraiser.text|safe }}"


def _ldcf(*arguments: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """ldcf in a child process with a memory limit, and how long it took."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    environment = {**os.environ, "LDCF_NO_CACHE": "1"}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "ldcf", "--data", str(SHIPPED_DATA), *arguments],
                            capture_output=True, text=True, timeout=timeout, env=environment, preexec_fn=limit,
                            check=False)  # fmt: skip
    return result, time.monotonic() - started


def _save(word, path: Path) -> Path:
    word.save(str(path))
    return path


def _template(path: Path, *paragraphs: str):
    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    return _save(word, path)


def _footnoted_template(path: Path) -> Path:
    """A template of two sections, with a header and footnotes that use the person's name: docxtpl renders the
    footnotes once for each section."""
    word = docx.Document()
    word.add_paragraph("Plan for {{ staff_member }}")
    word.add_paragraph("Appraiser: {{ appraiser }}")
    word.sections[0].header.paragraphs[0].text = "Header: {{ staff_member }}"
    word.add_section()
    word.add_paragraph("Second section")
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Note: {{ staff_member }}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES, notes.encode("utf-8"), word.part.package)
    word.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    return _save(word, path)


def _texts(element) -> list[str]:
    """The text of each paragraph under `element`, from its w:t elements."""
    return ["".join(text.text or "" for text in paragraph.iter(f"{{{W}}}t")) for paragraph in element.iter(f"{{{W}}}p")]


def test_text_from_a_record_stays_text_in_every_part_of_a_footnoted_template(run, tmp_path):
    import yaml

    record = tmp_path / "ana.yaml"
    record.write_text(
        yaml.safe_dump({"name": NAME, "appraiser": RAW_XML, "role": "support-worker", "target": "practitioner"}),
        encoding="utf-8",
    )
    template = _footnoted_template(tmp_path / "trust.docx")
    output = tmp_path / "plan.docx"
    result = run("doc", "development-plan", "--have", str(record), "practitioner", "--template", str(template),
                 "-o", str(output))  # fmt: skip
    assert result.exit_code == 0, result.output
    word = docx.Document(str(output))
    body = _texts(word.element.body)
    assert f"Plan for {NAME}" in body
    assert f"Appraiser: {RAW_XML}" in body
    assert len(body) == len(_texts(docx.Document(str(template)).element.body))  # no paragraph came from a value
    assert word.sections[0].header.paragraphs[0].text == f"Header: {NAME}"
    with zipfile.ZipFile(output) as package:
        notes = package.read("word/footnotes.xml")
    from lxml import etree

    footnote = etree.fromstring(notes).find(f"{{{W}}}footnote[@{{{W}}}id='1']")
    assert _texts(footnote) == [f"Note: {NAME}"]
    for text in (*body, *_texts(etree.fromstring(notes))):
        assert "49" not in text
        assert "36" not in text
        assert "INJECTED" not in text.replace(RAW_XML, "")


def _reusing_template(path: Path, reuse: str) -> Path:
    word = docx.Document()
    word.add_paragraph("{{ title }}")
    if reuse == "body as header":
        word.part.rels.add_relationship(RELATIONSHIP_TYPE.HEADER, word.part, "rId900")
    else:
        word.sections[0].header.paragraphs[0].text = "{{ title }}"
        word.part.rels.add_relationship(RELATIONSHIP_TYPE.HEADER, word.sections[0].header.part, "rId900")
    return _save(word, path)


@pytest.mark.parametrize(("reuse", "part"), [("body as header", "document"), ("one header twice", "header1")])
def test_a_template_that_would_render_a_part_twice_is_refused(run, tmp_path, reuse, part):
    template = _reusing_template(tmp_path / "trust.docx", reuse)
    output = tmp_path / "out.docx"
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(output))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {template}: the template uses its part /word/{part}.xml more than once, and ldcf renders each "
        "part once only"
    ]
    assert not output.exists()


# Tags without bounds ---------------------------------------------------------------------------------------------

UNBOUNDED = {
    "power": ("{{ (10)**(10**8) }}", "a number beyond the limit of 4,096 bits"),
    "repetition": ("{{ 'x' * 10**10 }}", "by repetition (*), beyond the limit of 1,000,000"),
    "percent width": ("{{ '%999999999d' % 1 }}", "to format a value 999999999 characters wide"),
    "star width": ("{{ '%*d' % (999999999, 1) }}", "a width from an argument"),
    "format width": ("{{ '{:>999999999}'.format(1) }}", "to format a value 999999999 characters wide"),
    "nested format width": ("{{ '{:>{}}'.format(1, 999999999) }}", "a width from an argument"),
    "format filter": ("{{ '%999999999d'|format(1) }}", "to format a value 999999999 characters wide"),
    "center": ("{{ 'x'|center(999999999) }}", "with center"),
    "ljust": ("{{ 'x'.ljust(999999999) }}", "with ljust"),
    "replace": ("{{ ('x' * 900000).replace('', 'yy') }}", "with replace"),
    "join": ("{{ range(9000)|join('x' * 900000) }}", "with join"),
    "doubling with ~": (
        "{% set ns = namespace(x='x') %}{% for i in range(64) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
        "with ~",
    ),
    "doubling with +": (
        "{% set ns = namespace(x='x') %}{% for i in range(64) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
        "with +",
    ),
    "range": ("{% for i in range(10**9) %}{% endfor %}", "a range of more than 10,000 numbers"),
    "nested loops": (
        "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
        "loops and calls ran more than 1,000,000 times",
    ),
    "macro calls": (
        "{% macro m(n) %}{% if n %}{{ m(n-1) }}{{ m(n-1) }}{% endif %}{% endmacro %}{{ m(60) }}",
        "loops and calls ran more than 1,000,000 times",
    ),
    "large values again and again": (
        '{% for i in range(10000) %}{% set y = "x".center(999999) %}{% endfor %}',
        "loops and calls ran more than 1,000,000 times",
    ),
    "recursive macro": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "go deeper than Python allows"),
    "recursive loop": (
        "{% for x in range(5) recursive %}{{ loop(range(5)) }}{% endfor %}",
        "go deeper than Python allows",
    ),
    "output": ("{% for i in range(10000) %}{{ 'x' * 900000 }}{% endfor %}", "characters into one part"),
    "lipsum": ("{{ lipsum(10**6) }}", "the template uses {{ lipsum }}, which ldcf does not fill"),
    "include": ('{% include "/etc/passwd" %}', "the template uses {% include %}, which a Word template cannot"),
    "import": ('{% import "x" as y %}', "the template uses {% import %}"),
    "extends": ('{% extends "x" %}', "the template uses {% extends %}"),
    "autoescape": ("{% autoescape false %}{{ title }}{% endautoescape %}", "the template uses {% autoescape %}"),
    "batch": ('{{ "a"|batch(999999999, "x")|list }}', "with batch"),
    "slice": ("{{ [1, 2]|slice(999999999)|list }}", "more than 10,000 slices"),
    "wordwrap": ("{% set long = 'x ' * 400000 %}{{ long|wordwrap(1, wrapstring=long) }}", "with wordwrap"),
    "nesting": ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "go deeper than Python allows"),
}


@pytest.mark.parametrize("case", UNBOUNDED)
def test_a_tag_without_bounds_ends_within_seconds_with_one_line(tmp_path, case):
    tag, message = UNBOUNDED[case]
    template = _template(tmp_path / "trust.docx", tag)
    output = tmp_path / "out.docx"
    result, took = _ldcf("doc", "job-description", "practitioner", "--template", str(template), "-o", str(output))
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"Error: {template}: "), result.stderr
    assert message in result.stderr
    assert took < 15
    assert not output.exists()


@pytest.mark.parametrize(
    ("tag", "says"),
    [
        ("{{ 1/0 }}", "a tag of the template failed (ZeroDivisionError: division by zero)"),
        ("{{ 'abc'|sum }}", "a tag of the template failed (TypeError: unsupported operand type(s) for +"),
        ("{{ title.split('') }}", "a tag of the template failed (ValueError: empty separator)"),
    ],
)
def test_a_tag_that_fails_is_one_line_that_says_so(run, tmp_path, tag, says):
    template = _template(tmp_path / "trust.docx", tag)
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {template}: {says}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "save it again" not in result.stderr  # the template is not damaged: a tag of it fails


def test_a_value_made_safe_or_escaped_is_still_text(run, tmp_path):
    record = tmp_path / "ana.yaml"
    record.write_text(f"name: '{RAW_XML}'\nrole: support-worker\ntarget: practitioner\n", encoding="utf-8")
    template = _template(tmp_path / "trust.docx", "{{ staff_member.text|safe }}", "{{ staff_member|e }}")
    output = tmp_path / "out.docx"
    result = run("doc", "development-plan", "--have", str(record), "practitioner", "--template", str(template),
                 "-o", str(output))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [paragraph.text for paragraph in docx.Document(str(output)).paragraphs] == [RAW_XML, RAW_XML]


def test_a_tab_or_line_break_in_a_value_shows_as_a_space_never_as_a_mark(run, tmp_path):
    """docxtpl turns a tab into a run of its own after filling, which split the mark ldcf puts round a value, so
    that '..e' showed before a name and '5..' before evidence in a NOS table."""
    record = tmp_path / "ana.yaml"
    record.write_text(
        'name: "Ana\\tExample"\nrole: support-worker\ntarget: practitioner\nheld:\n  - code: GEN97\n'
        '    evidence: "line one\\nline two\\tthree"\n',
        encoding="utf-8",
    )
    template = tmp_path / "trust.docx"
    assert run("doc", "template", "-o", str(template)).exit_code == 0
    output = tmp_path / "plan.docx"
    result = run("doc", "development-plan", "--have", str(record), "practitioner", "--template", str(template),
                 "-o", str(output))  # fmt: skip
    assert result.exit_code == 0, result.output
    word = docx.Document(str(output))
    texts = [paragraph.text for paragraph in word.paragraphs]
    texts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Development plan: Ana Example to Practitioner" in texts
    assert "Ana Example" in texts
    assert "line one line two three" in texts
    for text in texts:
        assert not re.search(r"\d*\.\d*\.[a-z]*(Ana|line one)|[\ue000-\ue002]", text), text


def test_a_character_that_docxtpl_would_make_a_paragraph_or_page_of_is_a_space():
    from ldcf.render.docx_sandbox import as_text

    assert str(as_text("a\ab\fc\x00d\te\nf")) == "a b c d\te\nf"


def _heavy_template(path: Path, paragraphs: int = 20000) -> bytes:
    """A template of many paragraphs of plain text, its body written as XML (python-docx takes long to add them)."""
    plain = _template(path, "x")
    with zipfile.ZipFile(plain) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    body = "".join(f"<w:p><w:r><w:t>a paragraph of plain text, number {n}</w:t></w:r></w:p>" for n in range(paragraphs))
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + body.encode(), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return path.read_bytes()


def test_a_filling_that_runs_on_is_stopped_at_the_time_limit(monkeypatch, tmp_path, framework):
    from ldcf.api.documents import job_description
    from ldcf.render import docx_template

    monkeypatch.setattr(docx_template, "TIME_LIMIT", 0.2)
    document, template = job_description(framework, "practitioner"), _heavy_template(tmp_path / "t.docx")
    started = time.monotonic()
    with pytest.raises(docx_template.TemplateProblem, match=r"took longer than the limit of 0\.2 s"):
        docx_template.render(document, template)
    assert time.monotonic() - started < 2


def test_where_fork_is_not_safe_a_new_interpreter_fills_within_the_same_bounds(run, tmp_path, framework):
    """With a second thread running (as on Windows and macOS, always), the filling runs in a fresh interpreter,
    which never runs the caller's main module again."""
    import threading

    from ldcf.api.documents import job_description
    from ldcf.render import docx_template

    document = job_description(framework, "practitioner")
    good = _template(tmp_path / "good.docx", "{{ job_title }}").read_bytes()
    bad = _template(tmp_path / "bad.docx", UNBOUNDED["repetition"][0]).read_bytes()
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        filled = docx.Document(io.BytesIO(docx_template.render(document, good)))
        with pytest.raises(docx_template.TemplateProblem, match=r"by repetition \(\*\)"):
            docx_template.render(document, bad)
    finally:
        stop.set()
        waiting.join()
    assert filled.paragraphs[0].text == "Practitioner"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the address space is limited where Linux counts it")
def test_a_filling_that_needs_too_much_memory_is_stopped(monkeypatch, tmp_path, framework):
    from ldcf.api.documents import job_description
    from ldcf.render import docx_template

    monkeypatch.setattr(docx_template, "MEMORY_LIMIT", 16 * 1024 * 1024)
    template = _template(tmp_path / "t.docx", "{% for i in range(30) %}{{ 'x' * 1000000 }}{% endfor %}").read_bytes()
    with pytest.raises(docx_template.TemplateProblem, match="memory"):
        docx_template.render(job_description(framework, "practitioner"), template)


def test_a_part_too_large_to_fill_in_good_time_is_refused(run, tmp_path):
    template = tmp_path / "large.docx"
    _heavy_template(template, 40000)  # 2.6 MB of XML
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert "its part /word/document.xml unpacks to" in result.stderr
    assert "more than the limit of 2,097,152 for a part that holds tags" in result.stderr


def test_a_template_of_too_many_tags_is_refused(run, tmp_path):
    template = _template(tmp_path / "tags.docx", *["{{ title }}"] * 5001)
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {template}: the template holds more than 5,000 tags, the limit"


# Zip packages whose directory lies ------------------------------------------------------------------------------


def _lying_package(path: Path, real_bytes: int, stated: int = 1000) -> Path:
    """A Word document whose body unpacks to `real_bytes`, while the zip's directory (and the part's own header)
    states `stated`."""
    word = docx.Document()
    word.add_paragraph("x")
    plain = io.BytesIO()
    word.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
        with out.open("word/document.xml", "w") as part:
            piece = b" " * (1 << 20)
            for _ in range(real_bytes >> 20):
                part.write(piece)
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:  # each entry of the central directory
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, stated)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, stated)
        at += 4
    path.write_bytes(bytes(data))
    return path


def test_a_template_whose_zip_understates_a_part_is_refused_before_it_is_unpacked(tmp_path):
    template = _lying_package(tmp_path / "lying.docx", 1 << 30)
    assert template.stat().st_size < 2 * 1024 * 1024
    output = tmp_path / "out.docx"
    result, took = _ldcf("doc", "job-description", "practitioner", "--template", str(template), "-o", str(output))
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        f"Error: {template}: damaged: its part 'word/document.xml' is stated as 1,000 bytes but unpacks to more "
        f"than 1,000 bytes; {SAVE_AGAIN}"
    )
    assert took < 15


def test_a_workbook_whose_zip_understates_a_part_is_refused(tmp_path):
    from ldcf.reading.packages import PackageProblem, check_package

    package = _lying_package(tmp_path / "lying.xlsx", 200 << 20).read_bytes()
    with pytest.raises(PackageProblem, match="is stated as 1,000 bytes but unpacks to more than 1,000 bytes"):
        check_package(package, "an Excel workbook (.xlsx)", "word/document.xml")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(PackageProblem):
        check_package(package, "an Excel workbook (.xlsx)", "word/document.xml")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KB: never the 200 MB


def test_a_template_with_a_part_over_the_limit_for_any_part_is_refused(run, tmp_path):
    template = _template(tmp_path / "logo.docx", "{{ title }}")
    with zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/media/image9.png", bytes(21 * 1024 * 1024))  # 21 MB of zeros, packed to 20 KB
    assert template.stat().st_size < 1024 * 1024
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {template}: its part 'word/media/image9.png' unpacks to 22,020,096 bytes, more than the limit of "
        "20,971,520"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a Word document (.docx), or damaged"),
        (b"", "not a Word document (.docx), or damaged"),
        (b"PK\x05\x06" + bytes(18), "not a Word document (.docx): it has no word/document.xml"),
    ],
)
def test_a_damaged_template_is_one_line(run, tmp_path, content, message):
    template = tmp_path / "damaged.docx"
    template.write_bytes(content)
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert result.stderr.strip().endswith("or start from `ldcf doc template`")


SAVE_AGAIN = "open it in Word and save it again as a Word document (.docx), or start from `ldcf doc template`"
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{(f"&lol{n - 1};" if n > 1 else "&lol;") * 10}">' for n in range(1, 10))
    + "]>"
)
BROKEN_XML = {
    "the body cut short": (
        "word/document.xml",
        lambda xml: xml[:-40],
        "damaged: its part 'word/document.xml' is not well-formed XML",
    ),
    "the styles cut short": (
        "word/styles.xml",
        lambda xml: xml[:-40],
        "damaged: its part 'word/styles.xml' is not well-formed XML",
    ),
    "relationships not XML": (
        "word/_rels/document.xml.rels",
        lambda xml: b"<Relationships",
        "damaged: its part 'word/_rels/document.xml.rels' is not well-formed XML",
    ),
    "an undefined entity": (
        "word/document.xml",
        lambda xml: xml.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>"),
        "damaged: its part 'word/document.xml' is not well-formed XML (undefined entity",
    ),
}


def _changed_part(template: Path, part: str, change) -> Path:
    with zipfile.ZipFile(template) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(template, "w") as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return template


@pytest.mark.parametrize("broken", BROKEN_XML, ids=list(BROKEN_XML))
def test_broken_xml_in_a_template_is_one_line_naming_the_part(run, tmp_path, broken):
    part, change, says = BROKEN_XML[broken]
    template = _changed_part(_template(tmp_path / "broken.docx", "{{ title }}"), part, change)
    result = run("doc", "job-description", "practitioner", "--template", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"Error: {template}: {says}"), result.stderr
    assert result.stderr.strip().endswith(SAVE_AGAIN)
    assert "internal error" not in result.stderr


def _declared(declaration: str, entity: str):
    def change(xml: bytes) -> bytes:
        body = xml[xml.index(b"?>") + 2 :] if xml.startswith(b"<?xml") else xml
        cell = f"<w:body><w:p><w:r><w:t>{{{{ title }}}} {entity}</w:t></w:r></w:p>".encode()
        return declaration.encode() + body.replace(b"<w:body>", cell, 1)

    return change


@pytest.mark.parametrize(
    ("declaration", "entity"),
    [(LAUGHS, "&lol9;"), ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;")],
    ids=["a billion laughs", "an external entity"],
)
def test_a_template_that_declares_a_document_type_is_refused_before_it_is_parsed(tmp_path, declaration, entity):
    template = _template(tmp_path / "bomb.docx", "x")
    _changed_part(template, "word/document.xml", _declared(declaration, entity))
    output = tmp_path / "out.docx"
    result, took = _ldcf("doc", "job-description", "practitioner", "--template", str(template), "-o", str(output))
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        f"Error: {template}: its part 'word/document.xml' declares a document type (<!DOCTYPE), which an Office "
        f"file never does and which could make it expand to fill memory or read other files; {SAVE_AGAIN}"
    )
    assert not output.exists()
    assert took < 30


def test_the_bounded_filters_still_do_their_work_within_bounds():
    from ldcf.render.docx_sandbox import BoundedSandbox

    sandbox = BoundedSandbox()
    text = "aaa bbb ccc ddd"
    assert sandbox.from_string("{{ text|wordwrap(7) }}").render(text=text) == "aaa bbb\nccc ddd"
    assert sandbox.from_string("{{ text|wordwrap(7, wrapstring=' / ') }}").render(text=text) == "aaa bbb / ccc ddd"
    assert sandbox.from_string("{{ text|center(19) }}").render(text=text) == "  aaa bbb ccc ddd  "
