"""Workbooks handed back to `ldcf team import` that are damaged or hostile in their zip or their XML (issue 26):
each is refused in one line that names the file and what is wrong, with what to do, exit 1, never a traceback or
an "internal error", and no record changes. The XML bombs run in a child process with limits of memory and time,
so that a regression ends the test, not the machine."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES

MATRIX_PART = "xl/worksheets/sheet2.xml"  # the Matrix: the second sheet ldcf writes
HINT = "make a new workbook with `ldcf team report -o`"
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space the child ldcf may use
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)


@pytest.fixture
def team(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURES / "team", tmp_path / "team"))


@pytest.fixture
def written(run, team, tmp_path) -> Path:
    path = tmp_path / "team.xlsx"
    result = run("team", "report", str(team), "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def _changed(source: Path, path: Path, changes: dict[str, Callable[[bytes], bytes]]) -> Path:
    """A copy of the workbook `source` with its parts changed (or added) as `changes` says."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        names = original.namelist()
        for name in names:
            content = original.read(name)
            out.writestr(name, changes[name](content) if name in changes else content)
        for name in set(changes) - set(names):
            out.writestr(name, changes[name](b""))
    return path


def _cell(xml: str) -> Callable[[bytes], bytes]:
    """A change that puts `xml`, a row of cells, first in a sheet's data."""
    return lambda content: content.replace(b"<sheetData>", b"<sheetData>" + xml.encode(), 1)


def _declared(declaration: str, cell: str) -> Callable[[bytes], bytes]:
    """A change that gives a sheet a document type declaration and a cell that uses its entity."""
    return lambda content: declaration.encode() + _cell(cell)(content)


SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(content: bytes) -> bytes:
    """[Content_Types].xml, also naming a part of shared strings."""
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/></Types>'
    return content.replace(b"</Types>", override.encode())


DAMAGES = {
    "a sheet cut short": (
        {MATRIX_PART: lambda content: content[: len(content) // 2]},
        f"damaged: its part '{MATRIX_PART}' is not well-formed XML (",  # where it ends says which token
    ),
    "the workbook part cut short": (
        {"xl/workbook.xml": lambda content: content[:-20]},
        "damaged: its part 'xl/workbook.xml' is not well-formed XML",
    ),
    "the content types not XML": (
        {"[Content_Types].xml": lambda content: b"<not xml"},
        "damaged: its part '[Content_Types].xml' is not well-formed XML",
    ),
    "shared strings not well-formed": (
        {
            "xl/sharedStrings.xml": lambda content: b"<sst><si><t>oops</si>",
            "[Content_Types].xml": _with_shared_strings,
        },
        "damaged: its part 'xl/sharedStrings.xml' is not well-formed XML (mismatched tag",
    ),
    "a shared string that is not there": (
        {MATRIX_PART: _cell('<row r="900"><c r="A900" t="s"><v>99999</v></c></row>')},
        "not a workbook that can be read (IndexError",
    ),
    "a malformed cell coordinate": (
        {MATRIX_PART: _cell('<row r="900"><c r="ZZZZZ99999999" t="inlineStr"><is><t>x</t></is></c></row>')},
        "not a workbook that can be read (ValueError: 'ZZZZZ' is not a valid column name",
    ),
    "a number that is not one": (
        {MATRIX_PART: _cell('<row r="900"><c r="A900" t="n"><v>abc</v></c></row>')},
        "not a workbook that can be read (ValueError: invalid literal for int()",
    ),
    "an undefined entity": (
        {MATRIX_PART: _cell('<row r="900"><c r="A900" t="inlineStr"><is><t>&nosuch;</t></is></c></row>')},
        f"damaged: its part '{MATRIX_PART}' is not well-formed XML (undefined entity",
    ),
}


def _refused(run, path: Path, team: Path, says: str) -> None:
    before = {file.name: file.read_bytes() for file in team.iterdir()}
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"Error: {path}: "), message
    assert says in message, message
    assert "internal error" not in message
    assert "Traceback" not in message
    assert {file.name: file.read_bytes() for file in team.iterdir()} == before


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_workbook_is_one_line_naming_what_is_wrong(run, team, written, tmp_path, damage):
    changes, says = DAMAGES[damage]
    path = _changed(written, tmp_path / "damaged.xlsx", changes)
    _refused(run, path, team, says)
    assert HINT in run("team", "import", str(path), str(team), "--yes").stderr


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not really a zip" * 10, b"", b"PK\x05\x06" + bytes(18)],
    ids=["garbage", "empty", "an empty zip"],
)
def test_a_file_that_is_not_a_zip_or_not_a_workbook_is_one_line(run, team, tmp_path, content):
    path = tmp_path / "team.xlsx"
    path.write_bytes(content)
    _refused(run, path, team, "not an Excel workbook (.xlsx)")


def test_a_workbook_cut_short_is_one_line(run, team, written, tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(written.read_bytes()[:-100])  # the zip's directory is lost: BadZipFile
    _refused(run, path, team, "not an Excel workbook (.xlsx), or damaged: File is not a zip file")


@pytest.mark.parametrize(
    "extra",
    [{f"xl/media/part{n}.bin": b"" for n in range(5000)}, {f"xl/media/part{n}.bin": bytes(51 << 20) for n in range(2)}],
    ids=["more than 5,000 parts", "more than 100 MB in all"],
)
def test_a_workbook_beyond_the_limits_of_a_package_is_refused_before_it_is_unpacked(
    run, team, written, tmp_path, extra
):
    path = _changed(
        written, tmp_path / "large.xlsx", {name: lambda _, content=content: content for name, content in extra.items()}
    )
    assert path.stat().st_size < 2 * 1024 * 1024
    _refused(run, path, team, "unpacks to more than 104,857,600 bytes or 5000 parts, the limits")


def test_a_hidden_sheet_that_is_a_chart_is_one_line(run, team, written, tmp_path):
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference

    book = load_workbook(written)
    place = book.sheetnames.index("ldcf")
    del book["ldcf"]
    chart = BarChart()
    chart.add_data(Reference(book["People"], min_col=1, min_row=1, max_row=3))
    book.create_chartsheet("ldcf", place).add_chart(chart)
    book.save(tmp_path / "chart.xlsx")
    _refused(run, tmp_path / "chart.xlsx", team, "its sheet ldcf is not a sheet of cells")


def test_a_hidden_sheet_nested_deeper_than_python_reads_is_one_line(run, team, written, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(written)
    hidden = book["ldcf"]
    for row in range(2, hidden.max_row + 1):
        hidden.cell(row=row, column=1).value = None
    for row in range(2, 6):
        hidden.cell(row=row, column=1).value = "[" * 30000  # 120,000 arrays deep: json raised RecursionError
    book.save(tmp_path / "deep.xlsx")
    _refused(run, tmp_path / "deep.xlsx", team, "its hidden sheet ldcf was changed")


def test_a_dimension_that_claims_the_whole_sheet_costs_nothing(run, team, written, tmp_path):
    def whole_sheet(content: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', content)

    path = _changed(written, tmp_path / "wide.xlsx", {MATRIX_PART: whole_sheet})
    started = time.monotonic()
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 20


def _ldcf(*arguments: str) -> subprocess.CompletedProcess[str]:
    """ldcf in a child process with a memory limit and a time limit."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    environment = {**os.environ, "LDCF_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "ldcf", *arguments], capture_output=True, text=True, timeout=60,
                          env=environment, preexec_fn=limit, check=False)  # fmt: skip


BOMBS = {
    "a billion laughs in a sheet": (MATRIX_PART, LAUGHS, "&lol9;"),
    "a billion laughs in the workbook part": ("xl/workbook.xml", LAUGHS, ""),
    "an external entity in a sheet": (MATRIX_PART, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),
    "a billion laughs in the shared strings": ("xl/sharedStrings.xml", LAUGHS, "&lol9;"),
}


@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_an_xml_bomb_is_refused_before_it_is_parsed(team, written, tmp_path, bomb):
    part, declaration, entity = BOMBS[bomb]
    cell = f'<row r="900"><c r="A900" t="inlineStr"><is><t>{entity}</t></is></c></row>'
    changes = {part: _declared(declaration, cell)}
    if part == "xl/sharedStrings.xml":
        changes = {
            part: lambda content: f"{LAUGHS}<sst><si><t>&lol9;</t></si></sst>".encode(),
            "[Content_Types].xml": _with_shared_strings,
        }
    path = _changed(written, tmp_path / "bomb.xlsx", changes)
    before = {file.name: file.read_bytes() for file in team.iterdir()}
    started = time.monotonic()
    result = _ldcf("team", "import", str(path), str(team), "--yes")
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stderr
    message = result.stderr.strip()
    assert message == (
        f"Error: {path}: its part '{part}' declares a document type (<!DOCTYPE), which an Office file never does "
        f"and which could make it expand to fill memory or read other files; {HINT}"
    )
    assert {file.name: file.read_bytes() for file in team.iterdir()} == before


PEOPLE_PART = "xl/worksheets/sheet5.xml"  # the People sheet


def _after_data(xml: str) -> Callable[[bytes], bytes]:
    return lambda content: content.replace(b"</sheetData>", b"</sheetData>" + xml.encode(), 1)


WHOLE_SHEET = {
    "merged cells": (
        {PEOPLE_PART: _after_data('<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')},
        f"its part '{PEOPLE_PART}' merges A1:XFD1048576: its merged cells, links and comments cover more than "
        "100,000 cells, the limit",
    ),
    "merged cells under another prefix": (
        {
            PEOPLE_PART: _after_data(
                '<x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
                '<x:mergeCell ref="A1:XFD1048576"/></x:mergeCells>'
            )
        },
        "merges A1:XFD1048576",
    ),
    "merged whole rows": (
        {PEOPLE_PART: _after_data('<mergeCells count="1"><mergeCell ref="1:1048576"/></mergeCells>')},
        f"its part '{PEOPLE_PART}' merges '1:1048576', which is not a cell or range of cells",
    ),
    "a link over a range, its colon a character reference": (
        {PEOPLE_PART: _after_data('<hyperlinks><hyperlink ref="A1&#58;XFD1048576" location="x"/></hyperlinks>')},
        "links A1:XFD1048576",
    ),
    "many small merged ranges": (
        {
            PEOPLE_PART: _after_data(
                '<mergeCells count="2000">'
                + "".join(f'<mergeCell ref="H{row}:BZ{row}"/>' for row in range(1, 4000, 2))
                + "</mergeCells>"
            )
        },
        "cover more than 100,000 cells, the limit",
    ),
    "a comment over a range": (
        {
            "xl/comments1.xml": lambda content: (
                b'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>x'
                b'</author></authors><commentList><comment ref="A1:XFD1048576" authorId="0"><text><t>x</t></text>'
                b"</comment></commentList></comments>"
            )
        },
        "its part 'xl/comments1.xml' comments on A1:XFD1048576",
    ),
}


@pytest.mark.parametrize("case", WHOLE_SHEET, ids=list(WHOLE_SHEET))
def test_a_range_that_openpyxl_would_fill_cell_by_cell_is_refused_before_it_is_read(team, written, tmp_path, case):
    """openpyxl makes a cell object of every cell a merged range, a link or a comment covers: a few bytes of
    A1:XFD1048576 took all the memory there was."""
    changes, says = WHOLE_SHEET[case]
    path = _changed(written, tmp_path / "ranges.xlsx", changes)
    before = {file.name: file.read_bytes() for file in team.iterdir()}
    started = time.monotonic()
    result = _ldcf("team", "import", str(path), str(team), "--yes")
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"Error: {path}: "), message
    assert says in message, message
    assert {file.name: file.read_bytes() for file in team.iterdir()} == before


def test_a_few_merged_cells_and_a_comment_of_the_managers_own_import(run, team, written, tmp_path):
    merged = '<mergeCells count="2"><mergeCell ref="H1:J3"/><mergeCell ref="$K$1:$L$2"/></mergeCells>'
    path = _changed(written, tmp_path / "merged.xlsx", {PEOPLE_PART: _after_data(merged)})
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("part", [PEOPLE_PART, MATRIX_PART], ids=["People", "Matrix"])
def test_a_sheet_not_named_as_xml_fills_no_range_either(team, written, tmp_path, part):
    """A sheet's part may have any name its relationship gives it, so the check of the XML parts, which goes by
    name, does not see a sheet named sheet5.dat: ldcf reads only the cells of the sheets it needs, never their
    merged cells, links or comments, so a whole-sheet range there costs nothing either."""
    renamed = part.replace(".xml", ".dat")
    bombs = (
        '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
        '<hyperlinks><hyperlink ref="A1:XFD1048576" location="x"/></hyperlinks>'
    )
    path = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(written) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in original.namelist():
            content = original.read(name)
            if name == part:
                name, content = renamed, _after_data(bombs)(content)
            elif name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                content = content.replace(part.removeprefix("xl/").encode(), renamed.removeprefix("xl/").encode())
            out.writestr(name, content)
    started = time.monotonic()
    result = _ldcf("team", "import", str(path), str(team), "--yes")
    assert time.monotonic() - started < 30
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "no decisions to write"
