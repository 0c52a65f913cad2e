"""`ldcf team import` edits records as their owners would want (issue 25): only the lines a decision concerns
change; line endings, byte-order mark, encoding, document end marker, permissions and symbolic links stay; a
record that cannot be edited so is named and left alone while the others are written; the workbook gets the
permissions the umask gives.

Expected bytes are built here from the original record by hand."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import FIXTURES, definition_digest, raw_title

HEADER_ROW, FIRST_ROW = 4, 5
BEN = "name: Ben Example\nrole: support-worker\nheld:\n  - code: GEN97\n  - code: SFJAB1\n"


def confirmed(code: str) -> str:
    """The lines a confirmation of `code` (of the shipped data) adds, as team import writes them."""
    digest = definition_digest(code, raw_title(code))
    return f'    confirmed_by: "Lee Manager"\n    confirmed_on: "2026-11-20"\n    confirmed_edition: "{digest}"\n'


@pytest.fixture
def team(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURES / "team", tmp_path / "team"))


def sign_off(run, team: Path, tmp_path: Path, decisions: dict[tuple[str, str], str]) -> Path:
    path = tmp_path / "team.xlsx"
    if path.exists():
        path.unlink()
    result = run("team", "report", str(team), "-o", str(path))
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    sheet = book["Matrix"]
    headers = {str(cell.value).split()[0]: cell.column for cell in sheet[HEADER_ROW] if cell.value}
    by = next(cell.column for cell in sheet[HEADER_ROW] if cell.value == "Reviewed by")
    rows = {row[1].value: row[0].row for row in sheet.iter_rows(min_row=FIRST_ROW)}
    for (person, code), value in decisions.items():
        sheet.cell(row=rows[person], column=headers[code]).value = value
        sheet.cell(row=rows[person], column=by).value = "Lee Manager"
        sheet.cell(row=rows[person], column=by + 1).value = "2026-11-20"
    book.save(path)
    return path


def test_crlf_a_byte_order_mark_and_a_document_end_are_kept(run, team, tmp_path):
    original = "\ufeff" + BEN.replace("\n", "\r\n") + "...\r\n"
    (team / "ben.yaml").write_bytes(original.encode("utf-8"))
    path = sign_off(run, team, tmp_path, {("Ben Example", "GEN97"): "✔ Confirmed"})
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    expected = original.replace("  - code: GEN97\r\n", "  - code: GEN97\r\n" + confirmed("GEN97").replace("\n", "\r\n"))
    assert (team / "ben.yaml").read_bytes() == expected.encode("utf-8")


def test_a_record_with_tabs_before_its_comments_is_edited_in_its_lines_only(run, team, tmp_path):
    original = BEN.replace("Ben Example\n", "Ben Example\t# me\n").replace("GEN97\n", "GEN97\t# the first\n")
    original += "    evidence: Induction\t# signed\n"
    (team / "ben.yaml").write_text(original, encoding="utf-8")
    path = sign_off(run, team, tmp_path, {("Ben Example", "SFJAB1"): "✔ Confirmed"})
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    assert (team / "ben.yaml").read_text(encoding="utf-8") == original + confirmed("SFJAB1")


def test_a_utf16_record_stays_utf16(run, team, tmp_path):
    (team / "ben.yaml").write_bytes(BEN.encode("utf-16"))  # with its byte-order mark, as PowerShell writes
    path = sign_off(run, team, tmp_path, {("Ben Example", "SFJAB1"): "✔ Confirmed"})
    assert run("team", "import", str(path), str(team), "--yes").exit_code == 0
    assert (team / "ben.yaml").read_bytes() == (BEN + confirmed("SFJAB1")).encode("utf-16")


def test_a_record_keeps_its_permissions(run, team, tmp_path):
    os.chmod(team / "ben.yaml", 0o640)
    path = sign_off(run, team, tmp_path, {("Ben Example", "GEN97"): "✔ Confirmed"})
    assert run("team", "import", str(path), str(team), "--yes").exit_code == 0
    assert stat.S_IMODE(os.stat(team / "ben.yaml").st_mode) == 0o640
    assert confirmed("GEN97") in (team / "ben.yaml").read_text(encoding="utf-8")


def test_a_link_inside_the_folder_is_written_through_and_one_leading_out_is_refused(run, team, tmp_path):
    kept = team / "kept"
    kept.mkdir()
    (team / "ben.yaml").rename(kept / "ben-record.yaml")
    (team / "ben.yaml").symlink_to(Path("kept") / "ben-record.yaml")
    outside = tmp_path / "elsewhere.yaml"
    (team / "cat.yaml").rename(outside)
    (team / "cat.yaml").symlink_to(outside)
    cat_before = outside.read_bytes()
    decisions = {("Ben Example", "GEN97"): "✔ Confirmed", ("Cat Example", "SCDHSC0024"): "✔ Confirmed"}
    path = sign_off(run, team, tmp_path, decisions)
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1
    assert (team / "ben.yaml").is_symlink()  # still the link, its target written
    assert (kept / "ben-record.yaml").read_text(encoding="utf-8") == BEN.replace(
        "  - code: GEN97\n", "  - code: GEN97\n" + confirmed("GEN97")
    )
    assert (team / "cat.yaml").is_symlink()
    assert outside.read_bytes() == cat_before
    assert "outside" in result.stderr
    assert f"wrote {team / 'ben.yaml'}" in result.stderr


def test_a_record_that_cannot_be_edited_is_named_and_the_others_are_written(run, team, tmp_path):
    (team / "ben.yaml").write_text("name: Ben Example\nrole: support-worker\nheld: [{code: GEN97}, {code: SFJAB1}]\n",
                                   encoding="utf-8")  # fmt: skip
    before = (team / "ben.yaml").read_bytes()
    decisions = {("Ben Example", "GEN97"): "✔ Confirmed", ("Ana Example", "GEN97"): "✔ Confirmed"}
    path = sign_off(run, team, tmp_path, decisions)
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1
    assert f"{team / 'ben.yaml'}: cannot be edited: its held list is written in [...]" in result.stderr
    assert (team / "ben.yaml").read_bytes() == before
    assert 'confirmed_by: "Lee Manager"' in (team / "ana.yaml").read_text(encoding="utf-8")


def test_a_competence_confirmed_at_review_moves_out_of_working_towards_and_not_yet_assessed(run, team, tmp_path):
    (team / "ben.yaml").write_text(
        "name: Ben Example\nrole: support-worker\nheld:\n  - code: GEN97\nworking_towards:\n  - code: SFJAB1\n"
        "    target_date: 2027-01\nnot_yet_assessed:\n  # Perform hand hygiene\n  - code: IPC2.2012\n"
        "  # Health and safety\n  - code: PROHSS1\n",
        encoding="utf-8",
    )
    decisions = {("Ben Example", "SFJAB1"): "✔ Confirmed", ("Ben Example", "IPC2.2012"): "✔ Confirmed"}
    path = sign_off(run, team, tmp_path, decisions)
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    assert (team / "ben.yaml").read_text(encoding="utf-8") == (
        "name: Ben Example\nrole: support-worker\nheld:\n  - code: GEN97\n"
        # in the order of the columns
        f'  - code: "IPC2.2012"\n{confirmed("IPC2.2012")}  - code: "SFJAB1"\n{confirmed("SFJAB1")}'
        "working_towards: []\nnot_yet_assessed:\n  # Health and safety\n  - code: PROHSS1\n"
    )


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ("", f'held:\n  - code: "GEN97"\n{confirmed("GEN97")}'),
        ("held: []\n", f'held:\n  - code: "GEN97"\n{confirmed("GEN97")}'),
        ("held:\n  # nothing yet\n", f'held:\n  - code: "GEN97"\n{confirmed("GEN97")}  # nothing yet\n'),
    ],
    ids=["no-held", "empty-flow", "only-a-comment"],
)
def test_a_record_that_holds_nothing_gains_a_held_list(run, team, tmp_path, held, expected):
    (team / "ben.yaml").write_text(f"name: Ben Example\nrole: support-worker\n{held}", encoding="utf-8")
    path = sign_off(run, team, tmp_path, {("Ben Example", "GEN97"): "✔ Confirmed"})
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    assert (team / "ben.yaml").read_text(encoding="utf-8") == f"name: Ben Example\nrole: support-worker\n{expected}"


def test_setting_a_decision_back_removes_only_its_lines(run, team, tmp_path):
    path = sign_off(run, team, tmp_path, {("Ana Example", "SFJAB1"): "○ Not yet confirmed"})
    assert run("team", "import", str(path), str(team), "--yes").exit_code == 0
    original = (FIXTURES / "team" / "ana.yaml").read_text(encoding="utf-8")
    assert (team / "ana.yaml").read_text(encoding="utf-8") == original.replace(
        "    confirmed_by: Lee Manager\n    confirmed_on: 2025-06-01\n", ""
    )


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o600), (0o277, 0o400)])
def test_the_workbook_is_private_and_the_umask_can_only_take_more_away(run, team, tmp_path, mask, mode):
    previous = os.umask(mask)
    try:
        result = run("team", "report", str(team), "-o", str(tmp_path / "team.xlsx"))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(tmp_path / "team.xlsx").st_mode) == mode


def test_a_rejected_claim_counts_as_not_held_and_keeps_the_evidence(run, team, tmp_path):
    path = sign_off(run, team, tmp_path, {("Ana Example", "GEN97"): "✗ Rejected"})
    assert run("team", "import", str(path), str(team), "--yes").exit_code == 0
    held = {entry["code"]: entry for entry in yaml.safe_load((team / "ana.yaml").read_text(encoding="utf-8"))["held"]}
    assert held["GEN97"]["evidence"] == "Induction workbook"
    assert (held["GEN97"]["rejected_by"], held["GEN97"]["rejected_on"]) == ("Lee Manager", "2026-11-20")

    gap = json.loads(run("gap", "--have", str(team / "ana.yaml"), "support-worker", "--format", "json").stdout)
    assert "GEN97" in {entry["id"] for entry in gap["to_acquire"]}
    assert "GEN97" not in {entry["id"] for entry in gap["retained"]}
    rows = run("team", "report", str(team), "--format", "csv").stdout.splitlines()
    assert next(row for row in rows if row.startswith("Ana Example,") and ",GEN97,GEN97," in row).endswith(",Rejected")
