"""A manager's confirmation knows what it confirmed (issue 29): `team import` writes `confirmed_edition`, the digest
of the competence's code and title; when a later edition retitles a competence, or replaces it under a new code
with a new title, `team report` marks the entry to confirm again, `diff --records` lists it person by person, and
no credential is issued for it. A recode that keeps the title (the old code kept as an alias) leaves the
confirmation standing, as does a change of anything but the code and title.

Expected digests are computed here from their definition (`conftest.definition_digest`) and the titles in the
fixture's own files; the editions are made by editing copies of those files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import FIXTURES, definition_digest, edit, raw_title

OLD = FIXTURES / "minimal"
HEADER_ROW, FIRST_ROW = 4, 5
REJECTED = "  - code: FM12\n    rejected_by: Kim\n    rejected_on: 2026-02-01\n"


def confirmation(code: str, digest: str | None) -> str:
    lines = f"  - code: {code}\n    confirmed_by: Lee Manager\n    confirmed_on: 2026-01-10\n"
    return lines + (f"    confirmed_edition: {digest}\n" if digest else "")


@pytest.fixture
def new(tmp_path) -> Path:
    """The next edition: FM12 retitled; GEN36 recoded to GEN360 with the same title (GEN36 kept as an alias);
    SFJAB1 replaced by SFJAB10, a new title, SFJAB1 kept as an alias; GEN97 given a web address."""
    folder = Path(shutil.copytree(OLD, tmp_path / "new"))
    competences = folder / "competences.yaml"
    edit(competences, "title: Manage hostility and risks", "title: Manage hostility and risk")
    edit(competences, "  - code: GEN36\n", "  - code: GEN360\n    aliases: [GEN36]\n")
    edit(competences, "  - code: SFJAB1\n    title: Communicate effectively with people\n    aliases: [SfJ AB1]\n",
         "  - code: SFJAB10\n    title: Communicate with people in custody\n"
         "    aliases: [SfJ AB1, SFJAB1]\n")  # fmt: skip
    edit(competences, "  - code: GEN97\n", "  - code: GEN97\n    url: https://example.org/GEN97\n")
    edit(folder / "roles" / "other-role.yaml", "competences: [GEN36]", "competences: [GEN360]")
    edit(folder / "roles" / "example-role.yaml", "      - SFJAB1\n", "      - SFJAB10\n")
    return folder


@pytest.fixture
def team(tmp_path) -> Path:
    """Eve, in the example role, holds its three competences and GEN36, each confirmed in the old edition by
    `team import` (so with the digest of the old definition)."""
    folder = tmp_path / "team"
    folder.mkdir()
    held = "".join(confirmation(code, definition_digest(code, raw_title(code, OLD)))
                   for code in ("GEN97", "SFJAB1", "FM12", "GEN36"))  # fmt: skip
    (folder / "eve.yaml").write_text(f"name: Eve\nrole: example-role\nheld:\n{held}", encoding="utf-8")
    return folder


def report(run, data: Path, team: Path) -> dict:
    result = run("--data", str(data), "team", "report", str(team), "--format", "json")
    assert result.exit_code == 0, result.output
    (person,) = json.loads(result.stdout)["people"]
    return person


def test_in_the_edition_confirmed_nothing_is_to_confirm_again(run, team):
    eve = report(run, OLD, team)
    assert eve["to_reconfirm"] == []
    assert {entry["code"]: entry["reconfirm"] for entry in eve["held"]} == {"GEN97": False, "SFJAB1": False,
                                                                          "FM12": False}  # fmt: skip
    assert eve["confirmed_share_met"] == 1.0


def test_a_retitle_or_a_new_competence_in_place_is_to_confirm_again_a_recode_keeping_the_title_is_not(run, team, new):
    eve = report(run, new, team)
    assert {entry["code"] for entry in eve["to_reconfirm"]} == {"FM12", "SFJAB10"}
    assert {entry["code"]: (entry["reconfirm"], entry["status"]) for entry in eve["held"]} == {
        "GEN97": (False, "Confirmed"),  # only its web address changed
        "SFJAB10": (True, "To confirm again"),  # a new title under a new code
        "FM12": (True, "To confirm again"),  # retitled
    }
    fm12 = next(entry for entry in eve["to_reconfirm"] if entry["code"] == "FM12")
    assert (fm12["title"], fm12["confirmed_by"], fm12["confirmed_on"]) == (
        raw_title("FM12", new), "Lee Manager", "2026-01-10")  # fmt: skip
    assert eve["confirmed_share_met"] == pytest.approx(1 / 3, abs=1e-4)  # GEN97 alone is confirmed as it is now
    # GEN36, recoded to GEN360 with its title kept, is not to confirm again (the example role does not need it).
    other = report(run, new, team_in_role(team, "other-role"))
    assert {entry["code"] for entry in other["to_reconfirm"]} == {"FM12", "SFJAB10"}
    assert {entry["code"]: entry["reconfirm"] for entry in other["held"]} == {"GEN97": False, "GEN360": False}


def test_the_report_s_table_lists_who_to_confirm_again(run, team, new):
    result = run("--data", str(new), "team", "report", str(team), "--format", "markdown")
    assert result.exit_code == 0, result.output
    section = result.stdout.split("### To confirm again (2)", 1)[1].split("###", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| Eve |")]
    assert sorted(rows) == sorted(
        f"| Eve | {code} | {raw_title(code, new)} | Lee Manager | 2026-01-10 |" for code in ("FM12", "SFJAB10")
    )
    assert "To confirm again" not in run("--data", str(OLD), "team", "report", str(team)).stdout


def team_in_role(team: Path, role: str) -> Path:
    edit(team / "eve.yaml", "role: example-role", f"role: {role}")
    return team


def test_a_confirmation_without_its_digest_stands_unless_judged_against_the_previous_edition(run, tmp_path, new):
    team = tmp_path / "hand"
    team.mkdir()
    (team / "eve.yaml").write_text("name: Eve\nrole: example-role\nheld:\n" + confirmation("FM12", None)
                                   + confirmation("SFJAB1", None) + confirmation("GEN97", None),
                                   encoding="utf-8")  # fmt: skip
    eve = report(run, new, team)
    assert eve["to_reconfirm"] == []
    assert {entry["status"] for entry in eve["held"]} == {"Confirmed"}
    # Against the edition it was made in, it is judged by that edition's definition, and the manager can act on it.
    result = run("--data", str(new), "team", "report", str(team), "--previous", str(OLD), "--format", "json")
    assert result.exit_code == 0, result.output
    (eve,) = json.loads(result.stdout)["people"]
    again = {entry["code"]: entry for entry in eve["to_reconfirm"]}
    assert set(again) == {"FM12", "SFJAB10"}
    assert again["SFJAB10"]["held_as"] == "SFJAB1"
    assert again["SFJAB10"]["reason"] == (f"SFJAB1 is now SFJAB10; now titled {raw_title('SFJAB10', new)!r}, was "
                                          f"{raw_title('SFJAB1', OLD)!r}")  # fmt: skip
    assert {entry["code"]: entry["status"] for entry in eve["held"]} == {
        "GEN97": "Confirmed", "SFJAB10": "To confirm again", "FM12": "To confirm again"}  # fmt: skip


def test_import_refuses_a_decision_on_a_competence_the_data_now_defines_otherwise(run, team, new):
    (team / "ann.yaml").write_text("name: Ann\nrole: example-role\nheld:\n  - code: FM12\n  - code: SFJAB1\n",
                                   encoding="utf-8")  # fmt: skip
    before = {path.name: path.read_bytes() for path in team.iterdir()}
    path = team.parent / "old.xlsx"
    assert run("--data", str(OLD), "team", "report", str(team), "-o", str(path)).exit_code == 0
    book = load_workbook(path)
    sheet = book["Matrix"]
    columns = {str(cell.value).split()[0]: cell.column for cell in sheet[HEADER_ROW] if cell.value}
    rows = {row[1].value: row[0].row for row in sheet.iter_rows(min_row=FIRST_ROW) if row[1].value}
    by = next(cell.column for cell in sheet[HEADER_ROW] if cell.value == "Reviewed by")
    for code in ("FM12", "SFJAB1"):
        sheet.cell(row=rows["Ann"], column=columns[code]).value = "✔ Confirmed"
    sheet.cell(row=rows["Ann"], column=by).value = "Kim Lead"
    sheet.cell(row=rows["Ann"], column=by + 1).value = "2026-12-01"
    book.save(path)
    # The workbook showed the old edition's titles; the new edition retitles FM12 and puts SFJAB10 in SFJAB1's place.
    result = run("--data", str(new), "team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1
    shown = [f"is in the column headed '{code} {raw_title(code, OLD)}', but" for code in ("FM12", "SFJAB1")]
    assert any(heading in result.stderr for heading in shown), result.stderr
    assert "import with the data the workbook was made from (--data)" in result.stderr
    assert {path.name: path.read_bytes() for path in team.iterdir()} == before
    # With the data it was made from, it imports, recording what the manager saw.
    result = run("--data", str(OLD), "team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    held = {entry["code"]: entry for entry in yaml.safe_load((team / "ann.yaml").read_text(encoding="utf-8"))["held"]}
    assert held["FM12"]["confirmed_edition"] == definition_digest("FM12", raw_title("FM12", OLD))


def test_the_workbook_shows_it_as_its_own_status_and_a_new_confirmation_records_the_new_definition(run, team, new):
    path = team.parent / "team.xlsx"
    result = run("--data", str(new), "team", "report", str(team), "-o", str(path))
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    sheet = book["Matrix"]
    columns = {str(cell.value).split()[0]: cell.column for cell in sheet[HEADER_ROW] if cell.value}
    cell = sheet.cell(row=FIRST_ROW, column=columns["FM12"])
    assert cell.value == "↻ To confirm again"
    assert sheet.cell(row=FIRST_ROW, column=columns["GEN97"]).value == "✔ Confirmed"
    allowed = [v for v in sheet.data_validations.dataValidation if cell.coordinate in v.sqref]
    assert len(allowed) == 1
    assert "✔ Confirmed" in allowed[0].formula1
    assert "↻ To confirm again" in allowed[0].formula1
    cell.value = "✔ Confirmed"
    by = next(cell.column for cell in sheet[HEADER_ROW] if cell.value == "Reviewed by")
    sheet.cell(row=FIRST_ROW, column=by).value = "Kim Lead"
    sheet.cell(row=FIRST_ROW, column=by + 1).value = "2026-12-01"  # Reviewed on
    book.save(path)
    result = run("--data", str(new), "team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 0, result.output
    held = {entry["code"]: entry for entry in yaml.safe_load((team / "eve.yaml").read_text(encoding="utf-8"))["held"]}
    assert held["FM12"] == {"code": "FM12", "confirmed_by": "Kim Lead", "confirmed_on": "2026-12-01",
                            "confirmed_edition": definition_digest("FM12", raw_title("FM12", new))}  # fmt: skip
    assert [entry["code"] for entry in report(run, new, team)["to_reconfirm"]] == ["SFJAB10"]


def test_diff_records_lists_who_needs_signing_off_again(run, team, new, tmp_path):
    # Ann's confirmation was written by hand, without its digest: judged by the old edition's definition.
    (team / "ann.yaml").write_text("name: Ann\nrole: other-role\nheld:\n" + confirmation("GEN36", None)
                                   + confirmation("FM12", None), encoding="utf-8")  # fmt: skip
    result = run("diff", str(OLD), str(new), "--records", str(team), "--format", "json")
    assert result.exit_code == 0, result.output
    impact = {person["person"]: person for person in json.loads(result.stdout)["impact"]}
    assert {entry["code"] for entry in impact["Ann"]["to_reconfirm"]} == {"FM12"}  # GEN36 kept its title
    assert {entry["code"] for entry in impact["Eve"]["to_reconfirm"]} == {"FM12", "SFJAB10"}
    sfjab10 = next(entry for entry in impact["Eve"]["to_reconfirm"] if entry["code"] == "SFJAB10")
    assert "SFJAB1 is now SFJAB10" in sfjab10["reason"]
    assert raw_title("SFJAB10", new) in sfjab10["reason"]
    table = run("diff", str(OLD), str(new), "--records", str(team))
    assert table.exit_code == 0, table.output
    assert "sign-off: FM12" in table.stdout
    assert "confirm it again" in table.stdout


def test_no_credential_is_issued_for_a_confirmation_to_make_again(run, team, new, tmp_path):
    key = tmp_path / "issuer.key"
    assert run("credential", "key", "-o", str(key), "--name", "Our Trust").exit_code == 0
    out = tmp_path / "credentials"
    result = run("--data", str(new), "credential", "issue", "--have", str(team / "eve.yaml"), "--key", str(key),
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["GEN360.json", "GEN97.json"]
    lines = [line for line in result.stderr.splitlines() if line.startswith("not issued for")]
    assert [line.split(":")[0] for line in lines] == ["not issued for SFJAB1", "not issued for FM12"]
    assert f"confirm FM12 {raw_title('FM12', new)} again" in lines[1]


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("  - code: FM12\n    confirmed_edition: 0123456789abcdef\n", "remove it from an entry that is not confirmed"),
        (REJECTED + "    confirmed_edition: 0123456789abcdef\n", "remove it from an entry that is not confirmed"),
        (confirmation("FM12", "not-a-digest"), "a digest as `team import` writes it"),
        (confirmation("FM12", "0123456789ABCDEF"), "a digest as `team import` writes it"),
    ],
)
def test_a_confirmed_edition_that_is_not_one_is_refused(run, tmp_path, entry, says):
    record = tmp_path / "eve.yaml"
    record.write_text(f"name: Eve\nrole: example-role\nheld:\n{entry}", encoding="utf-8")
    result = run("--data", str(OLD), "gap", "--have", str(record), "example-role")
    assert result.exit_code != 0
    assert says in result.stderr
    assert "Traceback" not in result.output


def test_the_guide_s_worked_digest_is_the_digest_of_the_shipped_gen97():
    import re

    guide = (Path(__file__).parent.parent / "docs" / "team.md").read_text(encoding="utf-8")
    (worked,) = re.findall(r"For GEN97, \"[^\"]+\", it is\s+`([0-9a-f]{16})`", guide)
    assert worked == definition_digest("GEN97", raw_title("GEN97"))
