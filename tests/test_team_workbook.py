"""The skills matrix as a manager really uses it (issue 25): sorted, filtered, with columns inserted and hidden,
saved again by LibreOffice; its colours, by exact match of each status; its print settings; and a workbook whose
hidden keys were tampered with, refused.

Expected decisions come from the edits the tests make; colours from evaluating the conditional formats' own
formulas with a small evaluator written here, not ldcf's."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import FIXTURES, definition_digest, raw_title

TEAM = FIXTURES / "team"
HEADER_ROW, FIRST_ROW = 4, 5
NAME = 2  # the column of names, from 1 (A is the hidden key column)
STATUS_WORDS = ("✔ Confirmed", "↻ To confirm again", "○ Not yet confirmed", "✗ Rejected", "→ Working towards",
                "✗ Missing")  # fmt: skip

# What the tests decide: a held claim confirmed, another rejected, and a competence shown missing confirmed.
DECISIONS = {
    ("Ana Example", "GEN97"): "✔ Confirmed",
    ("Ana Example", "HT4"): "✗ Rejected",
    ("Ben Example", "IPC2.2012"): "✔ Confirmed",
}


@pytest.fixture
def team(tmp_path) -> Path:
    return Path(shutil.copytree(TEAM, tmp_path / "team"))


def workbook(run, team: Path, path: Path, *options: str) -> Path:
    result = run("team", "report", str(team), "-o", str(path), *options)
    assert result.exit_code == 0, result.output
    return path


def columns_by_code(sheet) -> dict[str, int]:
    return {str(cell.value).split()[0]: cell.column for cell in sheet[HEADER_ROW] if cell.value}


def rows_by_name(sheet) -> dict[str, int]:
    return {row[NAME - 1].value: row[0].row for row in sheet.iter_rows(min_row=FIRST_ROW) if row[NAME - 1].value}


def decide(sheet, decisions: dict[tuple[str, str], str], reviewer: object = "Lee Manager", on: object = "20/11/2026"):
    codes, rows = columns_by_code(sheet), rows_by_name(sheet)
    headers = {str(cell.value): cell.column for cell in sheet[HEADER_ROW] if cell.value}
    by = headers["Reviewed by"]
    on_column = next(column for header, column in headers.items() if header.startswith("Reviewed on"))
    for (person, code), value in decisions.items():
        sheet.cell(row=rows[person], column=codes[code]).value = value
        sheet.cell(row=rows[person], column=by).value = reviewer
        sheet.cell(row=rows[person], column=on_column).value = on


def imported(run, path: Path, team: Path) -> dict[str, dict]:
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    return {file.name: yaml.safe_load(file.read_text(encoding="utf-8")) for file in sorted(team.glob("*.yaml"))}


def expected_records(run, team: Path, tmp_path: Path) -> dict[str, dict]:
    """The records after the decisions imported from an unedited workbook: what every edited one must give."""
    clean = Path(shutil.copytree(team, tmp_path / "clean-team"))
    path = workbook(run, clean, tmp_path / "clean.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], DECISIONS)
    book.save(path)
    return imported(run, path, clean)


def test_the_decisions_are_written_as_decided(run, team, tmp_path):
    records = expected_records(run, team, tmp_path)
    ana = {entry["code"]: entry for entry in records["ana.yaml"]["held"]}
    assert ana["GEN97"] == {"code": "GEN97", "evidence": "Induction workbook", "date": datetime.date(2025, 3, 1),
                            "confirmed_by": "Lee Manager", "confirmed_on": "2026-11-20",
                            "confirmed_edition": definition_digest("GEN97", raw_title("GEN97"))}  # fmt: skip
    assert ana["HT4"] == {"code": "HT4", "rejected_by": "Lee Manager", "rejected_on": "2026-11-20"}
    ben = {entry["code"]: entry for entry in records["ben.yaml"]["held"]}
    digest = definition_digest("IPC2.2012", raw_title("IPC2.2012"))
    assert ben["IPC2.2012"] == {"code": "IPC2.2012", "confirmed_by": "Lee Manager", "confirmed_on": "2026-11-20",
                                "confirmed_edition": digest}  # fmt: skip
    assert records["cat.yaml"] == yaml.safe_load((TEAM / "cat.yaml").read_text(encoding="utf-8"))


def test_sorted_filtered_with_a_column_inserted_and_hidden_it_imports_the_same(run, team, tmp_path):
    expected = expected_records(run, team, tmp_path)
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    sheet = book["Matrix"]
    # Sorted by role: every row's cells, its hidden key with them, move as the spreadsheet moves them.
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=FIRST_ROW)]
    rows.sort(key=lambda values: (values[2] or "", values[1] or ""))
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=FIRST_ROW + offset, column=column).value = value
    assert rows_by_name(sheet)["Cat Example"] == FIRST_ROW  # the practitioner first: the order did change
    # A Notes column inserted before the competences, with notes in it; another column hidden; a row filtered out.
    sheet.insert_cols(4)
    sheet.cell(row=HEADER_ROW, column=4).value = "Notes"
    sheet.cell(row=FIRST_ROW, column=4).value = "Seen at supervision"
    sheet.column_dimensions["H"].hidden = True
    sheet.row_dimensions[FIRST_ROW + 1].hidden = True
    sheet.auto_filter.add_filter_column(2, ["Support Worker"])
    # A row of the manager's own below the team, and a note far out in the sheet.
    sheet.cell(row=FIRST_ROW + 5, column=2).value = "Team meeting on Tuesday"
    decide(sheet, DECISIONS, reviewer="Lee Manager", on="20/11/2026")
    book.save(path)
    assert imported(run, path, team) == expected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_again_by_libreoffice_imports_the_same(run, team, tmp_path):
    expected = expected_records(run, team, tmp_path)
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], DECISIONS)
    book.save(path)
    saved = tmp_path / "calc"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    again = saved / "team.xlsx"
    assert again.read_bytes() != path.read_bytes()  # LibreOffice wrote it its own way
    assert imported(run, again, team) == expected


def test_a_date_cell_and_uk_date_text_are_both_dates(run, team, tmp_path):
    import datetime

    day = "2026-11-20"
    for on, read in ((datetime.datetime(2026, 11, 20), day), ("20/11/2026", day), (day, day), (" 20/11/2026 ", day),
                     ("5/1/2026", "2026-01-05")):  # fmt: skip
        folder = Path(shutil.copytree(TEAM, tmp_path / f"team-{len(list(tmp_path.iterdir()))}"))
        path = workbook(run, folder, tmp_path / f"{folder.name}.xlsx")
        book = load_workbook(path)
        decide(book["Matrix"], {("Ana Example", "GEN97"): "✔ Confirmed"}, on=on)
        book.save(path)
        held = {entry["code"]: entry for entry in imported(run, path, folder)["ana.yaml"]["held"]}
        assert held["GEN97"]["confirmed_on"] == read, on


@pytest.mark.parametrize("reviewer", ["Yes", "On", "no", "~", "null", "2026", "- Lee", "Lee: Manager", "#1"])
def test_a_reviewer_whose_name_yaml_would_read_otherwise_stays_text(run, team, tmp_path, reviewer):
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], {("Ana Example", "GEN97"): "✔ Confirmed"}, reviewer=reviewer)
    book.save(path)
    held = {entry["code"]: entry for entry in imported(run, path, team)["ana.yaml"]["held"]}
    assert held["GEN97"]["confirmed_by"] == reviewer
    assert run("gap", "--have", str(team / "ana.yaml"), "practitioner").exit_code == 0


# Colours, the key and the print ------------------------------------------------------------------------------

EXACT = re.compile(r'EXACT\(([A-Z]+)([0-9]+),"(.*)"\)')


def rule_colours(sheet) -> list[tuple[str, str]]:
    """Each conditional format of the status area as (the text it matches exactly, its fill colour)."""
    found = []
    for area in sheet.conditional_formatting:
        for rule in area.rules:
            (formula,) = rule.formula
            match = EXACT.fullmatch(formula)
            assert match, formula  # every rule is an exact match of the cell's text, never "contains"
            found.append((match.group(3), rule.dxf.fill.bgColor.rgb[-6:]))
    return found


def test_each_status_has_a_colour_of_its_own_by_exact_match(run, team, tmp_path):
    sheet = load_workbook(workbook(run, team, tmp_path / "team.xlsx"))["Matrix"]
    rules = rule_colours(sheet)

    def colours_of(text: str) -> list[str]:  # the rules that would paint a cell holding `text`
        return [colour for literal, colour in rules if literal == text]

    painted = {status: colours_of(status) for status in STATUS_WORDS}
    assert all(len(colours) == 1 for colours in painted.values()), painted
    assert len({colours[0] for colours in painted.values()}) == len(STATUS_WORDS)  # a colour each
    for other in ("Confirmed", "✔ confirmed", "Not yet confirmed", "", "✗ Missing "):
        assert colours_of(other) == [], other
    # The key on the sheet shows each status in its colour, with its symbol.
    key = {cell.value: cell.fill.fgColor.rgb[-6:] for row in sheet.iter_rows(max_row=2) for cell in row if cell.value}
    assert {status: key[status] for status in STATUS_WORDS} == {status: painted[status][0] for status in STATUS_WORDS}


def test_every_sheet_prints_landscape_a4_one_page_wide_with_its_titles(run, team, tmp_path):
    book = load_workbook(workbook(run, team, tmp_path / "team.xlsx"))
    for name in ("Read me", "Matrix", "Matrix to print", "Training needs", "People"):
        sheet = book[name]
        setup = sheet.page_setup
        assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9"), name  # 9: A4
        assert (str(setup.fitToWidth), str(setup.fitToHeight)) == ("1", "0"), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
    assert book["Matrix"].print_title_rows == "$1:$4"  # the key and the header
    assert book["Matrix"].print_title_cols == "$A:$B"  # the names
    for name in ("Read me", "Training needs", "People"):
        assert book[name].print_title_rows == "$1:$1", name
    assert book["Matrix to print"].print_title_rows == "$9:$9"  # the names, below a key of six statuses
    assert book["Matrix to print"].print_title_cols == "$A:$B"  # the codes and titles


def test_the_matrix_to_print_shows_each_status_as_the_matrix_does_turned(run, team, tmp_path):
    book = load_workbook(workbook(run, team, tmp_path / "team.xlsx"))
    matrix, printed = book["Matrix"], book["Matrix to print"]
    symbols = {"✔ Confirmed": "✔", "↻ To confirm again": "↻", "○ Not yet confirmed": "○", "✗ Rejected": "⊘",
               "→ Working towards": "→", "✗ Missing": "✗"}  # fmt: skip
    codes = columns_by_code(matrix)
    people = [cell.value for cell in printed[9]][2:]
    assert people == list(rows_by_name(matrix))
    for row in printed.iter_rows(min_row=10):
        code = row[0].value
        for name, cell in zip(people, row[2:], strict=False):
            shown = matrix.cell(row=rows_by_name(matrix)[name], column=codes[code]).value
            assert cell.value == (symbols[shown] if shown else None), (name, code)
            if shown:
                assert cell.fill.fgColor.rgb[-6:] == dict(rule_colours(matrix))[shown]
    assert book["Read me"].max_column == 1  # one column of paragraphs
    assert all(cell.alignment.wrap_text for (cell,) in book["Read me"].iter_rows(min_row=2) if cell.value
               and not cell.font.b)  # fmt: skip


def test_people_read_titles_not_ids(run, team, tmp_path):
    book = load_workbook(workbook(run, team, tmp_path / "team.xlsx"))
    matrix = book["Matrix"]
    roles = {row[2].value for row in matrix.iter_rows(min_row=FIRST_ROW)}
    assert roles == {"Support Worker", "Practitioner"}
    needs = {row[6].value for row in book["Training needs"].iter_rows(min_row=2)}
    assert needs <= {"Support Worker", "Practitioner", "Support Worker, Practitioner", "Practitioner, Support Worker"}
    people = {row[1].value for row in book["People"].iter_rows(min_row=2)}
    assert people == {"Support Worker", "Practitioner"}
    assert "practitioner" not in {cell.value for row in book["People"].iter_rows() for cell in row}


def test_one_drop_down_a_kind_of_decision_however_many_cells(run, team, tmp_path):
    sheet = load_workbook(workbook(run, team, tmp_path / "team.xlsx"))["Matrix"]
    validations = sheet.data_validations.dataValidation
    lists = [validation.formula1 for validation in validations]
    assert len(lists) == len(set(lists)) <= 3
    held = next(validation for validation in validations if "Rejected" in validation.formula1)
    assert held.formula1 == '"✔ Confirmed,○ Not yet confirmed,✗ Rejected"'
    missing = next(validation for validation in validations if "Missing" in validation.formula1)
    assert missing.formula1 == '"✗ Missing,✔ Confirmed"'


# Pseudonyms --------------------------------------------------------------------------------------------------


def test_a_pseudonymised_workbook_holds_no_file_name_or_digest(run, team, tmp_path):
    import hashlib
    import zipfile

    path = workbook(run, team, tmp_path / "team.xlsx", "--pseudonymise", "--salt", "a secret of our team")
    with zipfile.ZipFile(path) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    for file in TEAM.glob("*.yaml"):
        assert file.name.encode() not in everything
        assert hashlib.sha256(file.read_bytes()).hexdigest().encode() not in everything
        name = yaml.safe_load(file.read_text(encoding="utf-8"))["name"]
        assert name.encode() not in everything
    names = [row[NAME - 1].value for row in load_workbook(path)["Matrix"].iter_rows(min_row=FIRST_ROW)]
    assert names == sorted(names)


# Tampering ---------------------------------------------------------------------------------------------------


def refused(run, path: Path, team: Path, *says: str) -> str:
    before = {file.name: file.read_bytes() for file in team.glob("*.yaml")}
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1, result.output
    for words in says:
        assert words in result.stderr, result.stderr
    assert {file.name: file.read_bytes() for file in team.glob("*.yaml")} == before
    return result.stderr


def test_hidden_keys_swapped_between_rows_are_refused(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    sheet = book["Matrix"]
    decide(sheet, {("Ana Example", "GEN97"): "✔ Confirmed"})
    first, second = sheet.cell(row=FIRST_ROW, column=1), sheet.cell(row=FIRST_ROW + 1, column=1)
    first.value, second.value = second.value, first.value
    book.save(path)
    refused(run, path, team, f"Matrix!B{FIRST_ROW} was changed")


def test_a_column_key_pointed_at_another_code_is_refused(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    sheet = book["Matrix"]
    column = columns_by_code(sheet)["GEN97"]
    sheet.cell(row=3, column=column).value = "competence:SFJAB1"
    book.save(path)
    refused(run, path, team, "hold the same hidden key 'competence:SFJAB1'")
    sheet.cell(row=3, column=column).value = "competence:NOSUCH1"  # a competence the workbook has no column for
    book.save(path)
    refused(run, path, team, "unknown hidden key 'competence:NOSUCH1'")


def test_a_decision_pointed_at_another_code_in_the_hidden_sheet_is_refused(run, team, tmp_path):
    import json

    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    hidden = book["ldcf"]
    state = json.loads("".join(row[0].value for row in hidden.iter_rows(min_row=2)))
    ana = next(key for key, cells in state["cells"].items() if cells.get("detail:name") == "Ana Example")
    decision = state["decisions"][ana].pop("competence:GEN97")
    state["decisions"][ana]["competence:SCDHSC0024"] = decision
    for row in range(2, hidden.max_row + 1):
        hidden.cell(row=row, column=1).value = None
    hidden.cell(row=2, column=1).value = json.dumps(state)
    book.save(path)
    refused(run, path, team, "Matrix!")


def _rewrite_state(book, change) -> None:
    """The hidden sheet's state, changed by `change` (which gets the state and Ana's key) and written back."""
    import json

    hidden = book["ldcf"]
    state = json.loads("".join(row[0].value for row in hidden.iter_rows(min_row=2) if row[0].value))
    ana = next((key for key, cells in state["cells"].items() if cells.get("detail:name") == "Ana Example"), None)
    change(state, ana)
    for row in range(2, hidden.max_row + 1):
        hidden.cell(row=row, column=1).value = None
    hidden.cell(row=2, column=1).value = json.dumps(state)


def _swap_people(state, first: str, second: str) -> None:
    """The hidden sheet's record file and digest of the rows showing the names `first` and `second`, swapped."""
    one, other = (next(key for key, cells in state["cells"].items() if cells.get("detail:name") == name)
                  for name in (first, second))  # fmt: skip
    state["people"][one], state["people"][other] = state["people"][other], state["people"][one]


def test_file_and_digest_swapped_between_rows_of_the_hidden_sheet_are_refused(run, team, tmp_path):
    """Ana's decision, made in Ana's row, would be written into Ben's record."""

    def swap(state, _):
        _swap_people(state, "Ana Example", "Ben Example")

    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], {("Ana Example", "GEN97"): "✔ Confirmed"})
    _rewrite_state(book, swap)
    book.save(path)
    refused(run, path, team, "it gives the row of Ana Example the record ben.yaml, which is Ben Example's")


def test_one_record_file_for_two_rows_of_the_hidden_sheet_is_refused(run, team, tmp_path):
    def same_file(state, ana):
        for key in state["people"]:
            state["people"][key] = dict(state["people"][ana])

    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], {("Ana Example", "GEN97"): "✔ Confirmed", ("Ben Example", "IPC2.2012"): "✔ Confirmed"})
    _rewrite_state(book, same_file)
    book.save(path)
    refused(run, path, team, "its hidden sheet ldcf was changed")


def test_column_keys_swapped_with_the_hidden_sheet_to_match_are_refused(run, team, tmp_path):
    """Two columns' hidden keys swapped, and the hidden sheet's headings and decisions swapped to agree: a
    decision made under GEN97's heading would go to SFJAB1. The heading the manager sees decides."""
    one, other = "competence:GEN97", "competence:SFJAB1"

    def swap(state, ana):
        for inner in (*state["cells"].values(), *state["decisions"].values()):
            first, second = inner.pop(one, None), inner.pop(other, None)
            inner.update({key: value for key, value in ((one, second), (other, first)) if value is not None})

    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    sheet = book["Matrix"]
    keys = {sheet.cell(row=3, column=column).value: column for column in range(1, sheet.max_column + 1)}
    sheet.cell(row=3, column=keys[one]).value, sheet.cell(row=3, column=keys[other]).value = other, one
    _rewrite_state(book, swap)
    decide(sheet, {("Ana Example", "GEN97"): "✔ Confirmed"})
    book.save(path)
    refused(run, path, team, "is in the column headed 'GEN97 ", "but the column's hidden key names 'SFJAB1 ",
            "the hidden keys were changed")  # fmt: skip


def test_a_range_or_a_far_cell_is_a_clean_refusal_or_costs_nothing(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], {("Ana Example", "GEN97"): "✔ Confirmed"})
    book["Matrix"]["XFD1048576"] = "a note at the end of the sheet"  # after: iter_rows would now span the sheet
    book.save(path)
    started = time.monotonic()
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 20  # only the cells present are read, not the whole sheet's range
    # A hidden key copied to the far end of the key column, and the hidden sheet's state replaced by a range.
    book = load_workbook(path)
    book["Matrix"]["A1048576"] = book["Matrix"].cell(row=FIRST_ROW, column=1).value
    book.save(path)
    refused(run, path, team, "hold the same hidden key", "A1048576")
    book = load_workbook(workbook(run, team, tmp_path / "again.xlsx"))
    book["ldcf"]["A2"] = "A1:XFD1048576"
    book.save(tmp_path / "again.xlsx")
    refused(run, tmp_path / "again.xlsx", team, "its hidden sheet ldcf was changed")


def test_a_deleted_row_or_a_record_file_outside_the_folder_is_refused(run, team, tmp_path):
    import json

    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    book["Matrix"].delete_rows(FIRST_ROW)
    book.save(path)
    refused(run, path, team, "the row of Ana Example was deleted")
    book = load_workbook(workbook(run, team, tmp_path / "other.xlsx"))
    decide(book["Matrix"], {("Ana Example", "GEN97"): "✔ Confirmed"})
    hidden = book["ldcf"]
    text = "".join(row[0].value for row in hidden.iter_rows(min_row=2))
    hidden["A2"], hidden["A3"] = text.replace('"ana.yaml"', '"../ana.yaml"'), None
    json.loads(hidden["A2"].value)
    book.save(tmp_path / "other.xlsx")
    refused(run, tmp_path / "other.xlsx", team, "not in the team folder")


# Two people with the same name (two Ana Examples in the same role) -------------------------------------------------


@pytest.fixture
def namesakes(team) -> Path:
    """The team with a second Ana Example, in the same role, whose record differs: HT4 not claimed."""
    text = (team / "ana.yaml").read_text(encoding="utf-8")
    (team / "ana-2.yaml").write_text(text.replace("  - code: HT4\n", ""), encoding="utf-8")
    return team


def test_people_with_the_same_name_are_told_apart_by_their_record(run, namesakes, tmp_path):
    import json

    shown = json.loads(run("team", "report", str(namesakes), "--format", "json").stdout)
    names = {person["file"]: person["name"] for person in shown["people"]}
    assert names == {
        "ana.yaml": "Ana Example (ana.yaml)",
        "ana-2.yaml": "Ana Example (ana-2.yaml)",
        "ben.yaml": "Ben Example",
        "cat.yaml": "Cat Example",
    }
    path = workbook(run, namesakes, tmp_path / "team.xlsx")
    book = load_workbook(path)
    assert {"Ana Example (ana.yaml)", "Ana Example (ana-2.yaml)"} <= set(rows_by_name(book["Matrix"]))
    decide(book["Matrix"], {("Ana Example (ana-2.yaml)", "GEN97"): "✔ Confirmed"})
    book.save(path)
    records = imported(run, path, namesakes)
    confirmed = {
        file: [entry["code"] for entry in record["held"] if entry.get("confirmed_by") == "Lee Manager"]
        for file, record in records.items()
        if file.startswith("ana")
    }
    assert confirmed == {"ana.yaml": ["SFJAB1"], "ana-2.yaml": ["GEN97", "SFJAB1"]}


def test_namesakes_rows_swapped_in_the_hidden_sheet_are_refused(run, namesakes, tmp_path):
    def swap(state, _):
        _swap_people(state, "Ana Example (ana.yaml)", "Ana Example (ana-2.yaml)")

    path = workbook(run, namesakes, tmp_path / "team.xlsx")
    book = load_workbook(path)
    decide(book["Matrix"], {("Ana Example (ana-2.yaml)", "GEN97"): "✔ Confirmed"})
    _rewrite_state(book, swap)
    book.save(path)
    refused(run, path, namesakes, "it gives the row of Ana Example (ana-2.yaml) the record ana.yaml")


def test_namesakes_hidden_keys_swapped_between_rows_are_refused(run, namesakes, tmp_path):
    path = workbook(run, namesakes, tmp_path / "team.xlsx")
    book = load_workbook(path)
    sheet = book["Matrix"]
    decide(sheet, {("Ana Example (ana-2.yaml)", "GEN97"): "✔ Confirmed"})
    rows = rows_by_name(sheet)
    first = sheet.cell(row=rows["Ana Example (ana.yaml)"], column=1)
    second = sheet.cell(row=rows["Ana Example (ana-2.yaml)"], column=1)
    first.value, second.value = second.value, first.value
    book.save(path)
    refused(run, path, namesakes, "was changed")


def test_the_matrix_to_print_has_room_for_each_name_turned(run, namesakes, tmp_path):
    book = load_workbook(workbook(run, namesakes, tmp_path / "team.xlsx"))
    sheet = book["Matrix to print"]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Code")
    names = [cell.value for cell in sheet[header][2:] if cell.value]
    assert "Ana Example (ana-2.yaml)" in names
    # A character of bold 11-point text is about 6 points wide (Calibri's and Arial's average is 5.5 to 6.5).
    assert sheet.row_dimensions[header].height >= 6 * max(map(len, names))
