"""The team report, its workbook, and the manager's sign-off written back into the records."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import FIXTURES, guide_commands

TEAM = FIXTURES / "team"  # three people: two support workers (one aiming at practitioner) and a practitioner
RECORDS = {path.name: path.read_text(encoding="utf-8") for path in sorted(TEAM.glob("*.yaml"))}


@pytest.fixture
def team(tmp_path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    for name, text in RECORDS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def report(run, folder: Path, *options: str) -> dict:
    result = run("team", "report", str(folder), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def gap_of(run, record: Path, role: str) -> dict:
    result = run("gap", "--have", str(record), role, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_person_is_their_own_gap(run, team):
    people = {person["name"]: person for person in report(run, team)["people"]}
    for file, text in RECORDS.items():
        record = yaml.safe_load(text)
        person = people[record["name"]]
        own = gap_of(run, team / file, record["role"])
        assert person["role"] == record["role"]
        assert person["share_met"] == own["share_met"]
        assert [entry["id"] for entry in person["missing"]] == [entry["id"] for entry in own["to_acquire"]]
        if "target" in record:
            assert person["target"] == record["target"]
            assert person["target_share_met"] == gap_of(run, team / file, record["target"])["share_met"]
        else:
            assert person["target_share_met"] is None


def test_training_needs_are_the_sum_of_the_people_and_ranked(run, team):
    found = report(run, team)
    records = [yaml.safe_load(text) for text in RECORDS.values()]
    missing: dict[str, int] = {}
    for_target: dict[str, int] = {}
    unconfirmed: dict[str, int] = {}
    for file, record in zip(RECORDS, records, strict=True):
        confirmed = {entry["code"] for entry in record["held"] if "confirmed_by" in entry}
        own = gap_of(run, team / file, record["role"])
        gaps = [own] + ([gap_of(run, team / file, record["target"])] if "target" in record else [])
        for entry in own["to_acquire"]:
            missing[entry["id"]] = missing.get(entry["id"], 0) + 1
        for key in {entry["id"] for gap in gaps[1:] for entry in gap["to_acquire"]}:
            for_target[key] = for_target.get(key, 0) + 1
        for key in {entry["id"] for gap in gaps for entry in gap["retained"]} - confirmed:
            unconfirmed[key] = unconfirmed.get(key, 0) + 1
    needs = {need["id"]: need for need in found["training_needs"]}
    # Only what someone lacks, for their role or a target: what everyone holds is no training need.
    assert set(needs) == set(missing) | set(for_target)
    assert {key: need["missing"] for key, need in needs.items() if need["missing"]} == missing
    assert {key: need["missing_for_target"] for key, need in needs.items() if need["missing_for_target"]} == for_target
    assert {key: need["unconfirmed"] for key, need in needs.items()} == {key: unconfirmed.get(key, 0) for key in needs}
    ranks = [(need["missing"], need["missing_for_target"], need["unconfirmed"]) for need in found["training_needs"]]
    assert ranks == sorted(ranks, reverse=True)
    assert needs["SCDHSC0024"]["roles"] == ["support-worker", "practitioner"]
    assert "GEN97" not in needs  # all three hold it


def test_roles_count_their_people_and_who_meets_them_fully(run, team, tmp_path):
    complete = json.loads(run("role", "show", "support-worker", "--format", "json").stdout)["competences"]
    held = "".join(f"  - code: {entry['id']}\n" for entry in complete)
    (team / "dee.yaml").write_text(f"name: Dee Example\nrole: support-worker\nheld:\n{held}", encoding="utf-8")
    roles = {role["id"]: role for role in report(run, team)["roles"]}
    assert roles["support-worker"] == {"id": "support-worker", "people": 3, "meeting_fully": 1}
    assert roles["practitioner"] == {"id": "practitioner", "people": 1, "meeting_fully": 0}


def test_a_target_assesses_everyone_against_one_role(run, team):
    found = report(run, team, "--target", "practitioner")
    lacking: dict[str, int] = {}
    for person, (file, _) in zip(found["people"], sorted(RECORDS.items()), strict=True):
        against = gap_of(run, team / file, "practitioner")
        assert person["target"] == "practitioner"
        assert [target["id"] for target in person["targets"]] == ["practitioner"]  # --target overrides their own
        assert [entry["id"] for entry in person["missing"]] == [entry["id"] for entry in against["to_acquire"]]
        for entry in against["to_acquire"]:
            lacking[entry["id"]] = lacking.get(entry["id"], 0) + 1
    needs = found["training_needs"]
    assert {need["id"]: need["missing_for_target"] for need in needs if need["missing_for_target"]} == lacking
    counts = [need["missing_for_target"] for need in needs]
    assert counts == sorted(counts, reverse=True)  # with --target, the target's needs come first


def test_several_targets_each_count_once_per_person(run, team):
    text = RECORDS["ana.yaml"].replace("target: practitioner\n", "targets: [practitioner, specialist-practitioner]\n")
    (team / "ana.yaml").write_text(text, encoding="utf-8")
    found = report(run, team)
    ana = next(person for person in found["people"] if person["name"] == "Ana Example")
    assert [target["id"] for target in ana["targets"]] == ["practitioner", "specialist-practitioner"]
    for target in ana["targets"]:
        assert target["share_met"] == gap_of(run, team / "ana.yaml", target["id"])["share_met"]
    lacking = {entry["id"] for role in ("practitioner", "specialist-practitioner")
               for entry in gap_of(run, team / "ana.yaml", role)["to_acquire"]}  # fmt: skip
    needs = {need["id"]: need["missing_for_target"] for need in found["training_needs"]}
    assert {key for key, count in needs.items() if count} == lacking
    assert set(needs.values()) <= {0, 1}  # one person, however many of their targets need it


@pytest.mark.parametrize("output_format", ["table", "json", "markdown", "csv"])
def test_pseudonyms_are_stable_and_leak_no_name(run, team, output_format):
    options = ("team", "report", str(team), "--format", output_format, "--pseudonymise", "--salt", SALT)
    first, second = run(*options), run(*options)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    for text in RECORDS.values():
        name = yaml.safe_load(text)["name"]
        assert name not in first.stdout
        assert name.split()[0] not in first.stdout
    for file in RECORDS:
        assert file not in first.stdout
    other = run("team", "report", str(team), "--format", output_format, "--pseudonymise", "--salt", SALT + "!")
    assert other.stdout != first.stdout


SALT = "a secret of our team"  # at least 16 characters


def test_pseudonyms_are_listed_in_their_own_order(run, team):
    people = report(run, team, "--pseudonymise", "--salt", SALT)["people"]
    names = [person["name"] for person in people]
    assert names == sorted(names)
    assert all(name.startswith("P-") for name in names)


def test_a_short_salt_is_refused(run, team):
    result = run("team", "report", str(team), "--pseudonymise", "--salt", "fifteen chars!!")
    assert result.exit_code == 2
    assert "at least 16" in result.stderr
    assert run("team", "report", str(team), "--pseudonymise", "--salt", "sixteen chars!!!").exit_code == 0


def test_a_pseudonymised_report_names_no_record_file_even_in_its_messages(run, team):
    (team / "dee-smith.yaml").write_text("name: Dee Smith\nrole: support-worker\nheld:\n  - code: GEN9999\n",
                                         encoding="utf-8")  # fmt: skip
    result = run("team", "report", str(team), "--pseudonymise", "--salt", SALT)
    assert result.exit_code == 1
    assert "1 record(s) have errors" in result.stderr
    for text in (result.stdout, result.stderr):
        assert "dee" not in text.lower()
        assert "Smith" not in text


def test_pseudonymising_needs_a_salt(run, team):
    result = run("team", "report", str(team), "--pseudonymise")
    assert result.exit_code == 2
    assert "--salt" in result.stderr


def test_a_bad_record_is_reported_and_the_rest_of_the_team_still_is(run, team):
    (team / "bad.yaml").write_text(
        "name: Bad Example\nrole: support-worker\nheld:\n  - code: GEN9999\n", encoding="utf-8"
    )
    result = run("team", "report", str(team), "--format", "json")
    assert result.exit_code == 1
    assert f"{team / 'bad.yaml'}:4:" in result.stderr
    assert "GEN9999" in result.stderr
    assert len(json.loads(result.stdout)["people"]) == len(RECORDS)


def test_records_are_never_cached(run, team):
    report(run, team)
    cache = Path(os.environ["LDCF_CACHE_DIR"])
    for path in cache.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"Ana Example" not in content
            assert b"Induction workbook" not in content


# The workbook -------------------------------------------------------------------------------------------------


def workbook(run, team: Path, path: Path, *options: str) -> Path:
    result = run("team", "report", str(team), "-o", str(path), *options)
    assert result.exit_code == 0, result.output
    return path


HEADER_ROW, FIRST_ROW, NAME, ROLE, REVIEWER, REVIEWED_ON, FIRST_STATUS = 4, 5, 1, 2, 4, 5, 6  # as docs/team.md says


def matrix_codes(sheet) -> list[str | None]:
    """Each column's code, as its header shows it ("CODE Title"), by index."""
    return [str(cell.value).split()[0] if cell.value else None for cell in sheet[HEADER_ROW]]


def matrix_statuses(path: Path) -> dict[tuple[str, str], str]:
    sheet = load_workbook(path)["Matrix"]
    codes = matrix_codes(sheet)[FIRST_STATUS:]
    statuses = {}
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        for code, cell in zip(codes, row[FIRST_STATUS:], strict=True):
            if cell.value:
                statuses[(row[NAME].value, code)] = cell.value
    return statuses


def test_the_workbook_has_its_sheets_and_a_matrix_a_manager_can_read(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:5] == ["Read me", "Matrix", "Matrix to print", "Training needs", "People"]
    assert book["ldcf"].sheet_state == "veryHidden"
    sheet = book["Matrix"]
    assert sheet.freeze_panes == "G5"
    assert sheet.auto_filter.ref.startswith("A4:")
    assert len(sheet.conditional_formatting) >= 1
    statuses = matrix_statuses(path)
    found = report(run, team)
    for person in found["people"]:
        for entry in person["missing"]:
            assert statuses[(person["name"], entry["code"] or "(no code)")] in ("✗ Missing", "→ Working towards")
    assert statuses[("Ana Example", "SFJAB1")] == "✔ Confirmed"
    assert statuses[("Ana Example", "GEN97")] == "○ Not yet confirmed"
    assert statuses[("Ana Example", "GEN36")] == "→ Working towards"
    # Every status cell has a drop-down (a held one to decide on, a missing one to confirm); no other cell has.
    validated = {
        (row, column)
        for validation in sheet.data_validations.dataValidation
        for cells in validation.sqref.ranges
        for column in range(cells.min_col, cells.max_col + 1)
        for row in range(cells.min_row, cells.max_row + 1)
    }
    assert len(validated) == len(statuses)
    assert all(sheet.cell(row=row, column=column).value in statuses.values() for row, column in validated)
    needs = load_workbook(path)["Training needs"]
    assert [row[1].value for row in needs.iter_rows(min_row=2)] == [
        need["code"] or "(no code)" for need in found["training_needs"]
    ]


def test_text_that_looks_like_a_formula_stays_text(run, team, tmp_path):
    (team / "odd.yaml").write_text('name: "=HYPERLINK(\\"http://x\\")"\nrole: support-worker\n', encoding="utf-8")
    sheet = load_workbook(workbook(run, team, tmp_path / "team.xlsx"))["Matrix"]
    cells = [row[NAME] for row in sheet.iter_rows(min_row=FIRST_ROW) if str(row[NAME].value).startswith("=")]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)


def decide(path: Path, decisions: dict[tuple[str, str], str], reviewer: str | None, on: object) -> Path:
    book = load_workbook(path)
    sheet = book["Matrix"]
    codes = matrix_codes(sheet)
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        for (person, code), value in decisions.items():
            if row[NAME].value == person:
                row[codes.index(code)].value = value
                row[REVIEWER].value = reviewer
                row[REVIEWED_ON].value = on
    edited = path.with_name("edited.xlsx")
    book.save(edited)
    return edited


def test_the_sign_off_round_trip_writes_exactly_the_decisions(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    edited = decide(
        path,
        {("Ana Example", "GEN97"): "✔ Confirmed", ("Ana Example", "SFJAB1"): "✗ Rejected"},
        "Lee Manager",
        datetime.date(2026, 11, 20),
    )
    result = run("team", "import", str(edited), str(team), "--yes")
    assert result.exit_code == 0, result.output
    assert f"wrote {team / 'ana.yaml'}" in result.stderr
    text = (team / "ana.yaml").read_text(encoding="utf-8")
    record = yaml.safe_load(text)
    held = {entry["code"]: entry for entry in record["held"]}
    assert held["GEN97"]["confirmed_by"] == "Lee Manager"
    assert held["GEN97"]["confirmed_on"] == "2026-11-20"
    assert held["GEN97"]["evidence"] == "Induction workbook"  # the person's claim beside the decision
    # A rejection keeps the claim where it was, with who rejected it and when, and replaces the confirmation.
    assert held["SFJAB1"] == {"code": "SFJAB1", "rejected_by": "Lee Manager", "rejected_on": "2026-11-20"}
    assert record["working_towards"] == [{"code": "GEN36", "target_date": "2027-01"}]
    # Comments and everything else stay as Ana wrote them.
    assert text.startswith("# Ana's self-assessment, kept by Ana\n")
    assert "    evidence: Induction workbook   # signed by the team lead\n" in text
    assert "  - code: HT4\n" in text
    for file in ("ben.yaml", "cat.yaml"):
        assert (team / file).read_text(encoding="utf-8") == RECORDS[file]
    again = run("gap", "--have", str(team / "ana.yaml"), "practitioner")
    assert again.exit_code == 0


def test_import_shows_the_changes_and_writes_nothing_when_declined(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    edited = decide(path, {("Ben Example", "GEN97"): "✔ Confirmed"}, "Lee Manager", "2026-11-20")
    result = run("team", "import", str(edited), str(team), input="n\n")
    assert '+    confirmed_by: "Lee Manager"' in result.stdout
    assert (team / "ben.yaml").read_text(encoding="utf-8") == RECORDS["ben.yaml"]
    assert "nothing written" in result.stderr


def test_a_record_changed_since_the_workbook_is_left_alone(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    edited = decide(
        path,
        {("Ben Example", "GEN97"): "✔ Confirmed", ("Ana Example", "GEN97"): "✔ Confirmed"},
        "Lee Manager",
        "2026-11-20",
    )
    changed = RECORDS["ben.yaml"] + "  - code: HT4\n"
    (team / "ben.yaml").write_text(changed, encoding="utf-8")
    result = run("team", "import", str(edited), str(team), "--yes")
    assert result.exit_code == 1
    assert f"{team / 'ben.yaml'}: changed since the workbook was written" in result.stderr
    assert (team / "ben.yaml").read_text(encoding="utf-8") == changed
    assert 'confirmed_by: "Lee Manager"' in (team / "ana.yaml").read_text(encoding="utf-8").split("HT4")[0]


def test_a_workbook_edited_outside_its_decision_cells_is_refused(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx")
    book = load_workbook(path)
    book["Matrix"]["C5"].value = "Strategic Manager"
    book.save(path)
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1
    assert "Matrix!C5 was changed (it was 'Support Worker', it is 'Strategic Manager')" in result.stderr
    assert "make a new workbook with `ldcf team report -o`" in result.stderr
    for file, text in RECORDS.items():
        assert (team / file).read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("value", "reviewer", "on", "message"),
    [
        ("Yes", "Lee Manager", "2026-11-20", "holds 'Yes': choose one of"),
        ("✔ Confirmed", None, "2026-11-20", "a decision needs the reviewer's name"),
        ("✔ Confirmed", "Lee Manager", "next week", "a decision needs the date it was made in Reviewed on"),
        ("✗ Rejected", "Lee Manager", "31/02/2026", "not a date of the calendar"),
        ("✔ Confirmed", "Lee Manager", "11/20/2026", "not a date of the calendar"),
        ("✔ Confirmed", "Lee Manager", "2026-11", "a decision needs the date it was made"),
        ("✔ Confirmed", "Lee\nManager", "2026-11-20", "must be on one line"),
        ("✔ Confirmed", "Lee\u202eManager", "2026-11-20", "invisible character"),
        ("✔ Confirmed", "Lee\u2028Manager", "2026-11-20", "must be on one line"),
        ("✔ Confirmed", "Lee Manager", "２０/１１/２０２６", "a decision needs the date"),  # full-width digits
        ("✔ Confirmed", "Lee Manager", "２０２６-１１-２０", "not a date of the calendar"),
    ],
)
def test_a_decision_that_cannot_be_written_is_refused_with_its_cell(run, team, tmp_path, value, reviewer, on, message):
    edited = decide(workbook(run, team, tmp_path / "team.xlsx"), {("Ben Example", "GEN97"): value}, reviewer, on)
    result = run("team", "import", str(edited), str(team), "--yes")
    assert result.exit_code == 1
    assert "Matrix!" in result.stderr
    assert message in result.stderr
    assert (team / "ben.yaml").read_text(encoding="utf-8") == RECORDS["ben.yaml"]


def test_a_pseudonymised_workbook_cannot_be_imported(run, team, tmp_path):
    path = workbook(run, team, tmp_path / "team.xlsx", "--pseudonymise", "--salt", SALT)
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1
    assert "pseudonymised" in result.stderr


def test_a_file_that_is_not_a_workbook_is_refused(run, team, tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    result = run("team", "import", str(path), str(team), "--yes")
    assert result.exit_code == 1
    assert f"{path}: not an Excel workbook (.xlsx)" in result.stderr


GUIDE = (Path(__file__).parent.parent / "docs" / "team.md").read_text(encoding="utf-8")


def test_every_command_in_the_team_guide_works(run, team, monkeypatch):
    monkeypatch.chdir(team.parent)
    commands = guide_commands(GUIDE)
    assert len(commands) == 5
    for arguments in commands:
        result = run(*arguments, *(["--yes"] if arguments[:2] == ["team", "import"] else []))
        assert result.exit_code == 0, (arguments, result.output)
    assert (team.parent / "team.xlsx").is_file()


def test_the_record_in_the_team_guide_is_valid(run, tmp_path):
    import re

    example = re.search(r"```yaml\n(.*?)```", GUIDE, flags=re.S).group(1)
    record = tmp_path / "ana.yaml"
    record.write_text(example, encoding="utf-8")
    result = run("gap", "--have", str(record), "practitioner", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["from_role"] == "support-worker"
