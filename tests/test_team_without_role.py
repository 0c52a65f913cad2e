"""A team record without `role:` (issue 22).

What is documented: the record schema (schemas/record.schema.json, `RecordFile`) has no required key, and `role`
defaults to null, so such a record is valid; the README's record example marks `role` as what lets a gap show
the level change. docs/team.md: each person is reported against their current role and their target (the
manager's `--target`, or else the record's own); training needs count apart what each person's current role
needs (`missing`) and what their targets need (`missing_for_target`); roles count the people in each role. So a
person without a role is listed, with no share of a role met, adds to no `missing`, only to what their target
needs, and is in no role's count.

Expected shares come from the shipped YAML (conftest's `raw_holdings`), never from ldcf."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, raw_holdings

HELD = ["GEN97", "SFJAB1"]  # canonical codes of the shipped data
PERSON = "name: Dee Example\nheld:\n" + "".join(f"  - code: {code}\n" for code in HELD)


@pytest.fixture
def team(tmp_path) -> Path:
    """The fixture team (three people, each with a role) in a folder of its own."""
    return Path(shutil.copytree(FIXTURES / "team", tmp_path / "team"))


def report(run, folder: Path, *options: str) -> dict:
    result = run("team", "report", str(folder), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr  # a record without a role is no problem
    return json.loads(result.stdout)


def share(role: str) -> float:
    needed = raw_holdings(role)
    return round(len(needed & set(HELD)) / len(needed), 4)


def dee(found: dict) -> dict:
    (person,) = [person for person in found["people"] if person["name"] == "Dee Example"]
    return person


def test_a_record_without_a_role_is_listed_needs_nothing_and_is_in_no_role(run, team):
    without = report(run, team)
    (team / "dee.yaml").write_text(PERSON, encoding="utf-8")
    found = report(run, team)
    assert dee(found) == {
        "name": "Dee Example",
        "file": "dee.yaml",
        "role": None,
        "target": None,
        "share_met": None,
        "confirmed_share_met": None,
        "target_share_met": None,
        "targets": [],
        "missing": [],
        "working_towards": [],
        "held": [],  # of no role
        "to_reconfirm": [],
    }
    assert len(found["people"]) == len(without["people"]) + 1
    assert found["training_needs"] == without["training_needs"]
    assert found["roles"] == without["roles"]


def test_a_record_without_a_role_but_with_a_target_meets_a_share_of_the_target(run, team):
    without = report(run, team)
    (team / "dee.yaml").write_text(PERSON + "target: practitioner\n", encoding="utf-8")
    found = report(run, team)
    person = dee(found)
    assert (person["role"], person["share_met"]) == (None, None)
    assert person["target"] == "practitioner"
    assert person["target_share_met"] == share("practitioner")
    # Without --target, `missing` counts what each person's current role needs: Dee has none, so adds nothing
    # there; `missing_for_target` counts what targets need: Dee adds one for each competence she lacks for hers.
    assert person["missing"] == []
    before = {need["id"]: need for need in without["training_needs"]}
    after = {need["id"]: need for need in found["training_needs"]}
    lacking = raw_holdings("practitioner") - set(HELD)
    assert set(after) == set(before) | lacking
    assert {key: need["missing"] for key, need in after.items()} == {
        key: before[key]["missing"] if key in before else 0 for key in after
    }
    assert {key: need["missing_for_target"] for key, need in after.items()} == {
        key: (before[key]["missing_for_target"] if key in before else 0) + (key in lacking) for key in after
    }
    assert found["roles"] == without["roles"]


def test_with_a_target_for_everyone_a_record_without_a_role_is_assessed_against_it(run, team):
    without = report(run, team, "--target", "practitioner")
    (team / "dee.yaml").write_text(PERSON, encoding="utf-8")
    found = report(run, team, "--target", "practitioner")
    person = dee(found)
    assert (person["role"], person["share_met"]) == (None, None)
    assert person["target"] == "practitioner"
    assert person["target_share_met"] == share("practitioner")
    lacking = raw_holdings("practitioner") - set(HELD)
    assert {entry["id"] for entry in person["missing"]} == lacking
    # Dee adds one to the count missing for the target of each competence she lacks, and nothing else.
    before = {need["id"]: need for need in without["training_needs"]}
    after = {need["id"]: need for need in found["training_needs"]}
    assert set(after) == set(before) | lacking
    assert {key: after[key]["missing_for_target"] - (before[key]["missing_for_target"] if key in before else 0)
            for key in after} == {key: 1 if key in lacking else 0 for key in after}  # fmt: skip
    assert all(after[key]["missing"] == before[key]["missing"] for key in before)
    assert found["roles"] == without["roles"]


def test_a_gap_from_a_record_without_a_role_has_no_from_role(run, tmp_path):
    record = tmp_path / "dee.yaml"
    record.write_text(PERSON, encoding="utf-8")
    result = run("gap", "--have", str(record), "practitioner", "--format", "json")
    assert result.exit_code == 0, result.output
    gap = json.loads(result.stdout)
    assert (gap["from"], gap["from_role"], gap["from_level"]) == ("Dee Example", None, None)
    assert gap["share_met"] == share("practitioner")
    assert {entry["id"] for entry in gap["to_acquire"]} == raw_holdings("practitioner") - set(HELD)


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_the_table_and_markdown_list_a_person_without_a_role(run, team, output_format):
    (team / "dee.yaml").write_text(PERSON, encoding="utf-8")
    result = run("team", "report", str(team), "--format", output_format)
    assert result.exit_code == 0, result.output
    assert "Dee Example" in result.stdout


def test_the_csv_has_no_row_for_a_person_without_a_role(run, team):
    # docs/team.md: one row for each person and each competence their role needs; without a role, none.
    without = run("team", "report", str(team), "--format", "csv")
    (team / "dee.yaml").write_text(PERSON, encoding="utf-8")
    found = run("team", "report", str(team), "--format", "csv")
    assert (without.exit_code, found.exit_code) == (0, 0), found.output
    assert found.stdout == without.stdout
