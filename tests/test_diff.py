"""`ldcf diff`: hand-made edits of the shipped data, and exactly the changes they make for people."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, edit, raw, raw_core, raw_holdings, raw_listed

ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))


@pytest.fixture
def copy(tmp_path) -> Path:
    return Path(shutil.copytree(SHIPPED_DATA, tmp_path / "data"))


def diff(run, old: Path, new: Path, *options: str) -> dict:
    result = run("diff", str(old), str(new), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def nothing_but(found: dict, **expected) -> None:
    """Every part of the diff is empty except those given, which equal what is given."""
    parts = {
        "levels": found["levels"],
        **{f"competences_{key}": value for key, value in found["competences"].items()},
        **{f"roles_{key}": value for key, value in found["roles"].items()},
    }
    for name, value in parts.items():
        assert value == expected.get(name, []), name


def test_the_same_data_has_no_changes(run, copy):
    nothing_but(diff(run, SHIPPED_DATA, copy))
    assert "No changes." in run("diff", str(SHIPPED_DATA), str(copy)).stdout


def test_a_retitled_competence_is_that_alone(run, copy):
    edit(copy / "competences.yaml", "title: Use digital communications\n", "title: Use digital communication tools\n")
    nothing_but(
        diff(run, SHIPPED_DATA, copy),
        competences_retitled=[
            {"code": "ESKITU020", "old": "Use digital communications", "new": "Use digital communication tools"}
        ],
    )


def test_a_new_code_that_keeps_the_old_as_an_alias_is_a_recode(run, copy):
    text = (copy / "competences.yaml").read_text(encoding="utf-8")
    assert text.count("code: GEN36\n") == 1
    (copy / "competences.yaml").write_text(
        text.replace("code: GEN36\n", "code: GEN360\n    aliases: [GEN36]\n"), encoding="utf-8"
    )
    for path in (copy / "roles").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("GEN36\n", "GEN360\n").replace("GEN36]", "GEN360]"))
    validated = run("validate", str(copy))
    assert validated.exit_code == 0, validated.output
    nothing_but(diff(run, SHIPPED_DATA, copy), competences_recoded=[{"old": "GEN36", "new": "GEN360"}])


def test_a_competence_removed_from_a_role_is_lost_by_that_role_only(run, copy):
    listed = raw_listed("practitioner", "role_specific")
    gone = listed[-1]
    text = (copy / "roles" / "practitioner.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    index = max(i for i, line in enumerate(lines) if line.strip() == f"- {gone}")
    (copy / "roles" / "practitioner.yaml").write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")
    nothing_but(
        diff(run, SHIPPED_DATA, copy),
        roles_changed=[
            {"id": "practitioner", "level": None, "added": [], "removed": [{"code": gone, "category": "role-specific"}]}
        ],
    )


def test_a_role_moved_to_another_level_changes_its_core(run, copy):
    edit(copy / "roles" / "support-worker.yaml", "level: 4\n", "level: 5\n")
    found = diff(run, SHIPPED_DATA, copy)
    (change,) = found["roles"]["changed"]
    assert change["id"] == "support-worker"
    assert change["level"] == [4, 5]
    listed = set(raw_listed("support-worker", "role_specific")) | set(raw_listed("support-worker", "locality_specific"))
    before = raw_core(4) | listed
    after = raw_core(5) | listed
    assert {entry["code"] for entry in change["added"]} >= after - before
    assert {entry["code"] for entry in change["removed"]} >= before - after
    assert {entry["code"] for entry in change["added"] if entry["category"] == "core"} == raw_core(5) - raw_core(4)
    assert found["levels"] == []


def test_a_competence_made_core_at_a_level_reaches_every_role_there(run, copy):
    code = "CHS177"
    assert 5 not in next(c for c in raw(SHIPPED_DATA / "competences.yaml")["competences"] if c.get("code") == code).get(
        "core_levels", []
    )
    text = (copy / "competences.yaml").read_text(encoding="utf-8")
    start = text.index(f"code: {code}\n")
    end = text.index("\n  - ", start)
    entry = text[start:end]
    new_entry = (
        entry.replace("core_levels: [", "core_levels: [5, ")
        if "core_levels" in entry
        else entry + "\n    core_levels: [5]"
    )
    (copy / "competences.yaml").write_text(text[:start] + new_entry + text[end:], encoding="utf-8")
    found = diff(run, SHIPPED_DATA, copy)
    assert found["levels"] == [{"level": 5, "changes": [f"core added {code}"]}]
    assert found["competences"]["changed"] == [{"code": code, "fields": ["core_levels"]}]
    at_five = [role for role in ROLES if raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"] == 5]
    changed = {change["id"]: change for change in found["roles"]["changed"]}
    assert sorted(changed) == sorted(role for role in at_five if code not in raw_core(5))
    for role in at_five:
        assert {"code": code, "category": "core"} in changed[role]["added"]
        if code in raw_holdings(role):
            assert changed[role]["removed"] == [{"code": code, "category": "role-specific"}]


def test_records_show_whose_share_met_changes(run, copy, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "sam.yaml").write_text("name: Sam\nrole: practitioner\nheld:\n  - code: GEN97\n", encoding="utf-8")
    (team / "kim.yaml").write_text("name: Kim\nrole: volunteer\nheld:\n  - code: GEN97\n", encoding="utf-8")
    gone = raw_listed("practitioner", "role_specific")[-1]
    text = (copy / "roles" / "practitioner.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    index = max(i for i, line in enumerate(lines) if line.strip() == f"- {gone}")
    (copy / "roles" / "practitioner.yaml").write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")
    found = diff(run, SHIPPED_DATA, copy, "--records", str(team))
    required = len(raw_holdings("practitioner"))
    assert found["impact"] == [
        {
            "person": "Sam",
            "record": "sam.yaml",
            "role": "practitioner",
            "old": round(1 / required, 4),
            "new": round(1 / (required - 1), 4),
            "note": "",
        }
    ]


def test_an_invalid_side_exits_1_naming_it(run, copy):
    edit(copy / "roles" / "practitioner.yaml", "level: 5\n", "level: 12\n")
    result = run("diff", str(SHIPPED_DATA), str(copy))
    assert result.exit_code == 1
    assert "NEW (" in result.stderr
    assert "has errors" in result.stderr


@pytest.mark.parametrize("output_format", ["table", "markdown", "csv"])
def test_every_format_shows_the_change(run, copy, output_format):
    edit(copy / "competences.yaml", "title: Use digital communications\n", "title: Use digital communication tools\n")
    result = run("diff", str(SHIPPED_DATA), str(copy), "--format", output_format)
    assert result.exit_code == 0
    assert "Use digital communication tools" in result.stdout


def test_under_github_actions_the_summary_gets_the_markdown(run, copy, tmp_path):
    edit(copy / "competences.yaml", "title: Use digital communications\n", "title: Use digital communication tools\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("diff", str(SHIPPED_DATA), str(copy), env=env)
    assert result.exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier steps\n# Changes from")
    assert "Use digital communication tools" in text


def _git(repository: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        check=True,
        capture_output=True,
    )


def test_git_revisions_are_read_without_a_checkout(run, tmp_path, monkeypatch):
    repository = tmp_path / "repository"
    shutil.copytree(SHIPPED_DATA, repository / "data")
    _git(repository, "init", "-q")
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "first")
    edit(repository / "data" / "competences.yaml", "title: Use digital communications\n", "title: Use digital tools\n")
    _git(repository, "commit", "-qam", "second")
    edit(repository / "data" / "roles" / "support-worker.yaml", "level: 4\n", "level: 5\n")
    monkeypatch.chdir(repository)
    between = json.loads(run("diff", "--git", "HEAD~1..HEAD", "--format", "json").stdout)
    assert between["competences"]["retitled"] == [
        {"code": "ESKITU020", "old": "Use digital communications", "new": "Use digital tools"}
    ]
    assert between["roles"]["changed"] == []
    working = json.loads(run("diff", "--git", "HEAD", "--format", "json").stdout)
    assert working["competences"]["retitled"] == []
    assert [change["id"] for change in working["roles"]["changed"]] == ["support-worker"]
    assert (repository / "data" / "roles" / "support-worker.yaml").read_text(encoding="utf-8").count("level: 5") == 1
    missing = run("diff", "--git", "no-such-revision")
    assert missing.exit_code == 1
    assert "--git no-such-revision:" in missing.stderr
