"""The key names of the JSON results of gap, path, team report and diff (issue 22): "keys may be added, never
renamed" (README "JSON for scripts", docs/team.md, docs/interchange.md). Each set below is written out from those
documents; where ldcf prints a key the documents do not list, it is written out apart, so that renaming any key,
documented or not, fails a test, and adding one is a deliberate edit here (and, best, in the documents)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED_DATA, definition_digest, edit, raw_title

# README, `gap`: {"from", "to", "from_level", "to_level", "to_acquire", "retained", "no_longer_required",
# "share_met"}, each list of {"code", "title", "category", "origin"}; from a record, with "from_role" and
# "record", and an entry being worked towards has "working_towards": true and "target_date".
GAP = {"from", "to", "from_level", "to_level", "to_acquire", "retained", "no_longer_required", "share_met"}
GAP_FROM_A_RECORD = GAP | {"from_role", "record"}
GAP_ENTRY = {"code", "title", "category", "origin"}
GAP_ENTRY_PRINTED = GAP_ENTRY | {"id"}  # not in the README: the competence's code or, uncoded, its id
WORKING_TOWARDS = {"working_towards", "target_date"}
HELD_EVIDENCE = {"evidence", "date"}  # not in the README: what the record says of a competence held

# README, `path`: {"from", "to", "total_to_acquire", "direct_to_acquire", "acquired_but_not_required",
# "steps": [{"from", "to", "to_acquire": [...]}]}.
PATH = {"from", "to", "total_to_acquire", "direct_to_acquire", "acquired_but_not_required", "steps"}
PATH_STEP = {"from", "to", "to_acquire"}
PATH_STEP_PRINTED = PATH_STEP | {"from_level", "to_level"}  # not in the README
COMPETENCE_BRIEF = {"code", "title", "id"}  # acquired_but_not_required entries; their keys are not in the README

# docs/team.md:
# {"people": [{"name", "role", "target", "share_met", "target_share_met", "missing": [{"code", "title", "id"}],
#              "working_towards"}],
#  "training_needs": [{"code", "id", "title", "url", "missing", "unconfirmed", "roles"}],
#  "roles": [{"id", "people", "meeting_fully"}]}
TEAM = {"people", "training_needs", "roles"}
TEAM_PERSON = {"name", "file", "role", "target", "share_met", "confirmed_share_met", "target_share_met", "targets",
               "missing", "working_towards", "held", "to_reconfirm"}  # fmt: skip
TEAM_HELD = {"code", "title", "id", "status", "reconfirm"}
TO_RECONFIRM = {"code", "title", "id", "held_as", "confirmed_by", "confirmed_on", "reason"}
TEAM_TARGET = {"id", "title", "share_met"}
TEAM_MISSING = {"code", "title", "id"}
TEAM_NEED = {"code", "id", "title", "url", "missing", "missing_for_target", "unconfirmed", "roles"}
TEAM_ROLE = {"id", "people", "meeting_fully"}

# docs/interchange.md:
# {"old", "new",
#  "levels": [{"level", "changes": [...]}],
#  "competences": {"added": [{"code", "title", "id"}], "removed": [...], "retitled": [{"code", "old", "new"}],
#                  "recoded": [{"old", "new"}], "changed": [{"code", "fields"}]},
#  "roles": {"added": [{"id", "title", "level"}], "removed": [...],
#            "changed": [{"id", "level": [old, new] or null, "added": [{"code", "category"}],
#                         "removed": [{"code", "category"}]}]},
#  "impact": [{"person", "record", "role", "old", "new", "note",
#              "changes": [{"for", "id", "title", "old", "new", "moved", "lines"}]}]}      (with --records)
DIFF = {"old", "new", "levels", "competences", "roles"}
DIFF_WITH_RECORDS = DIFF | {"impact"}
DIFF_LEVEL = {"level", "changes"}
DIFF_COMPETENCES = {"added", "removed", "retitled", "recoded", "changed"}
DIFF_COMPETENCE = {"code", "title", "id"}  # added, and removed ("[...]": the same)
DIFF_RETITLED = {"code", "old", "new"}
DIFF_RECODED = {"old", "new"}
DIFF_CHANGED = {"code", "fields"}
DIFF_ROLES = {"added", "removed", "changed"}
DIFF_ROLE = {"id", "title", "level"}  # added, and removed
DIFF_ROLE_CHANGE = {"id", "title", "level", "added", "removed"}
DIFF_ROLE_HOLDING = {"code", "category"}
DIFF_IMPACT = {"person", "record", "role", "old", "new", "note", "changes", "to_reconfirm"}
DIFF_IMPACT_CHANGE = {"for", "id", "title", "old", "new", "moved", "lines"}


def json_of(run, *arguments: str) -> dict:
    result = run("--data", str(SHIPPED_DATA), *arguments, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def keys_of_each(entries: list[dict], expected: set[str]) -> None:
    assert entries, "no entry to check the keys of"
    for entry in entries:
        assert set(entry) == expected, entry


def test_gap_keys(run):
    gap = json_of(run, "gap", "volunteer", "practitioner")
    assert set(gap) == GAP
    for part in ("to_acquire", "retained", "no_longer_required"):
        keys_of_each(gap[part], GAP_ENTRY_PRINTED)


def test_gap_from_a_record_keys(run):
    # Ana (tests/fixtures/team) holds GEN97, SFJAB1 and HT4 and works towards GEN36, which the practitioner needs.
    gap = json_of(run, "gap", "--have", str(FIXTURES / "team" / "ana.yaml"), "practitioner")
    assert set(gap) == GAP_FROM_A_RECORD
    planned = [entry for entry in gap["to_acquire"] if entry["id"] == "GEN36"]
    keys_of_each(planned, GAP_ENTRY_PRINTED | WORKING_TOWARDS)
    keys_of_each([entry for entry in gap["to_acquire"] if entry["id"] != "GEN36"], GAP_ENTRY_PRINTED)
    keys_of_each(gap["retained"], GAP_ENTRY_PRINTED | HELD_EVIDENCE)


def test_path_keys(run):
    route = json_of(run, "path", "volunteer", "practitioner")
    assert set(route) == PATH
    keys_of_each(route["steps"], PATH_STEP_PRINTED)
    keys_of_each([entry for step in route["steps"] for entry in step["to_acquire"]], GAP_ENTRY_PRINTED)
    keys_of_each(route["acquired_but_not_required"], COMPETENCE_BRIEF)


def test_team_report_keys(run):
    found = json_of(run, "team", "report", str(FIXTURES / "team"))
    assert set(found) == TEAM
    keys_of_each(found["people"], TEAM_PERSON)
    keys_of_each([target for person in found["people"] for target in person["targets"]], TEAM_TARGET)
    keys_of_each([entry for person in found["people"] for entry in person["missing"]], TEAM_MISSING)
    keys_of_each([entry for person in found["people"] for entry in person["held"]], TEAM_HELD)
    keys_of_each(found["training_needs"], TEAM_NEED)
    keys_of_each(found["roles"], TEAM_ROLE)


GONE_ROLE = "id: gone-role\ntitle: Gone Role\nlevel: 4\nsource:\n  document: A test document\n"
NEW_ROLE = "id: new-role\ntitle: New Role\nlevel: 4\nsource:\n  document: A test document\n"


@pytest.fixture
def editions(tmp_path) -> tuple[Path, Path, Path]:
    """Two editions of the minimal data that differ in every way a diff reports, and a record whose share of
    its role changes between them."""
    old = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "old"))
    (old / "roles" / "gone-role.yaml").write_text(GONE_ROLE, encoding="utf-8")
    new = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "new"))
    # A level's descriptor changes.
    edit(new / "levels.yaml", "comprehensive, specialised knowledge", "comprehensive, specialist knowledge")
    competences = new / "competences.yaml"
    # FM12 is retitled; GEN36 becomes GEN360, keeping GEN36 as an alias (a recode); GEN97 gains a URL (changed);
    # SFJAB1 is removed and NEW01 added; the example role lists NEW01 and GEN360 instead of SFJAB1, so Eve, who
    # holds FM12 of its three competences, then holds one of four.
    edit(competences, "title: Manage hostility and risks", "title: Manage hostility and risk")
    edit(competences, "  - code: GEN36\n", "  - code: GEN360\n    aliases: [GEN36]\n")
    edit(competences, "  - code: GEN97\n", "  - code: GEN97\n    url: https://example.org/GEN97\n")
    text = competences.read_text(encoding="utf-8")
    start = text.index("  - code: SFJAB1\n")
    end = text.index("  - code: FM12\n")
    competences.write_text(
        text[:start] + text[end:] + "  - code: NEW01\n    title: A new competence\n    source: test\n",
        encoding="utf-8",
    )
    edit(new / "roles" / "other-role.yaml", "competences: [GEN36]", "competences: [GEN360]")
    edit(new / "roles" / "example-role.yaml", "      - SFJAB1\n", "      - NEW01\n      - GEN360\n")
    (new / "roles" / "new-role.yaml").write_text(NEW_ROLE, encoding="utf-8")
    team = tmp_path / "team"
    team.mkdir()
    # Eve's FM12 was confirmed in the old edition, which the new one retitles: to confirm again.
    (team / "eve.yaml").write_text(
        "name: Eve\nrole: example-role\nheld:\n  - code: FM12\n    confirmed_by: Lee Manager\n"
        "    confirmed_on: 2026-01-10\n",
        encoding="utf-8",
    )
    return old, new, team


def test_diff_keys(run, editions):
    old, new, team = editions
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) == DIFF
    result = run("diff", str(old), str(new), "--records", str(team), "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert set(found) == DIFF_WITH_RECORDS
    keys_of_each(found["levels"], DIFF_LEVEL)
    assert set(found["competences"]) == DIFF_COMPETENCES
    keys_of_each(found["competences"]["added"], DIFF_COMPETENCE)
    keys_of_each(found["competences"]["removed"], DIFF_COMPETENCE)
    keys_of_each(found["competences"]["retitled"], DIFF_RETITLED)
    keys_of_each(found["competences"]["recoded"], DIFF_RECODED)
    keys_of_each(found["competences"]["changed"], DIFF_CHANGED)
    assert set(found["roles"]) == DIFF_ROLES
    keys_of_each(found["roles"]["added"], DIFF_ROLE)
    keys_of_each(found["roles"]["removed"], DIFF_ROLE)
    keys_of_each(found["roles"]["changed"], DIFF_ROLE_CHANGE)
    for part in ("added", "removed"):
        keys_of_each([entry for change in found["roles"]["changed"] for entry in change[part]], DIFF_ROLE_HOLDING)
    keys_of_each(found["impact"], DIFF_IMPACT)
    keys_of_each([change for person in found["impact"] for change in person["changes"]], DIFF_IMPACT_CHANGE)
    keys_of_each([entry for person in found["impact"] for entry in person["to_reconfirm"]], TO_RECONFIRM)
    # And the edit is what the fixture says it is, so that each list above had something in it for that reason.
    assert [change["level"] for change in found["levels"]] == [5]
    assert [entry["code"] for entry in found["competences"]["removed"]] == ["SFJAB1"]
    assert [entry["code"] for entry in found["competences"]["added"]] == ["NEW01"]
    assert found["competences"]["retitled"][0]["code"] == "FM12"
    assert found["competences"]["recoded"] == [{"old": "GEN36", "new": "GEN360"}]
    assert [entry["code"] for entry in found["competences"]["changed"]] == ["GEN97"]
    assert [entry["id"] for entry in found["roles"]["added"]] == ["new-role"]
    assert [entry["id"] for entry in found["roles"]["removed"]] == ["gone-role"]
    assert [entry["id"] for entry in found["roles"]["changed"]] == ["example-role"]
    assert [entry["person"] for entry in found["impact"]] == ["Eve"]


def test_team_report_to_reconfirm_keys(run, editions):
    old, new, team = editions
    # The confirmation as team import writes it, with what it confirmed: then the new edition retitles FM12.
    edit(team / "eve.yaml", "    confirmed_on: 2026-01-10\n", "    confirmed_on: 2026-01-10\n    confirmed_edition: "
         f"{definition_digest('FM12', raw_title('FM12', old))}\n")  # fmt: skip
    result = run("--data", str(new), "team", "report", str(team), "--format", "json")
    assert result.exit_code == 0, result.output
    (eve,) = json.loads(result.stdout)["people"]
    keys_of_each(eve["to_reconfirm"], TO_RECONFIRM)
    keys_of_each(eve["held"], TEAM_HELD)


def test_diff_role_change_keys_with_a_new_level(run, editions):
    """A role change with a level, [old, new], rather than null."""
    old, new, _ = editions
    edit(new / "roles" / "other-role.yaml", "level: 4\n", "level: 5\n")
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    changes = {change["id"]: change for change in json.loads(result.stdout)["roles"]["changed"]}
    assert set(changes["other-role"]) == DIFF_ROLE_CHANGE
    assert changes["other-role"]["level"] == [4, 5]
