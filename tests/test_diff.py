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
    title = raw(SHIPPED_DATA / "roles" / "practitioner.yaml")["title"]
    removed = [{"code": gone, "category": "role-specific"}]
    nothing_but(
        diff(run, SHIPPED_DATA, copy),
        roles_changed=[{"id": "practitioner", "title": title, "level": None, "added": [], "removed": removed}],
    )
    # People read the role by its title, not its id.
    table = run("diff", str(SHIPPED_DATA), str(copy), "--format", "markdown")
    assert table.exit_code == 0, table.output
    (row,) = [line for line in table.stdout.splitlines() if f"{gone} " in line and "role-specific" in line]
    assert row.startswith(f"| {title} |"), row


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


def remove_last_listed(copy: Path, role: str, keep: frozenset[str] = frozenset()) -> str:
    """Take the last role-specific competence (not in `keep`, nor core) out of a role file of the copy; returns its
    code."""
    level = raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"]
    gone = [code for code in raw_listed(role, "role_specific") if code not in keep | raw_core(level)][-1]
    path = copy / "roles" / f"{role}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = max(i for i, line in enumerate(lines) if line.strip() == f"- {gone}")
    path.write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")
    return gone


def title_of(code: str) -> str:
    return next(c["title"] for c in raw(SHIPPED_DATA / "competences.yaml")["competences"] if c.get("code") == code)


def test_records_show_whose_share_met_changes(run, copy, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "sam.yaml").write_text("name: Sam\nrole: practitioner\nheld:\n  - code: GEN97\n", encoding="utf-8")
    (team / "kim.yaml").write_text("name: Kim\nrole: volunteer\nheld:\n  - code: GEN97\n", encoding="utf-8")
    gone = remove_last_listed(copy, "practitioner")
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
            "changes": [
                {
                    "for": "role",
                    "id": "practitioner",
                    "title": "Practitioner",
                    "old": {"met": 1, "required": required},
                    "new": {"met": 1, "required": required - 1},
                    "moved": True,
                    "lines": [f"no longer needs {gone} {title_of(gone)}: did not hold it"],
                }
            ],
            "to_reconfirm": [],
        }
    ]


def test_a_person_is_told_what_changes_for_their_target_and_what_they_work_towards(run, copy, tmp_path):
    gone = remove_last_listed(copy, "practitioner", frozenset(raw_holdings("support-worker")))
    team = tmp_path / "team"
    team.mkdir()
    # Ana aims at the practitioner and works towards the competence it no longer needs; Dee holds it already;
    # Kim's volunteer role and nothing she holds or works towards changes.
    (team / "ana.yaml").write_text(
        f"name: Ana\nrole: support-worker\ntarget: practitioner\nheld:\n  - code: GEN97\n"
        f"working_towards:\n  - code: {gone}\n",
        encoding="utf-8",
    )
    (team / "dee.yaml").write_text(
        f"name: Dee\nrole: volunteer\ntargets: [support-worker, practitioner]\nheld:\n  - code: {gone}\n",
        encoding="utf-8",
    )
    (team / "kim.yaml").write_text("name: Kim\nrole: volunteer\nheld:\n  - code: GEN97\n", encoding="utf-8")
    needed = raw_holdings("practitioner")
    found = diff(run, SHIPPED_DATA, copy, "--records", str(team))
    people = {person["person"]: person for person in found["impact"]}
    assert set(people) == {"Ana", "Dee"}  # Kim's share of nothing moves: left out
    title = title_of(gone)
    ana = {change["for"]: change for change in people["Ana"]["changes"]}
    assert set(ana) == {"target", "working towards"}  # her own role does not change
    held = len({"GEN97"} & needed)
    assert ana["target"]["old"] == {"met": held, "required": len(needed)}
    assert ana["target"]["new"] == {"met": held, "required": len(needed) - 1}
    assert ana["target"]["lines"] == [f"no longer needs {gone} {title}: was working towards it"]
    assert ana["working towards"]["lines"] == [f"working towards {gone} {title}: none of their roles needs it now"]
    (dee,) = [change for change in people["Dee"]["changes"] if change["id"] == "practitioner"]
    assert dee["for"] == "target"
    assert dee["lines"] == [f"no longer needs {gone} {title}: held it"]
    assert (dee["old"]["met"], dee["new"]["met"]) == (1, 0)
    table = run("diff", str(SHIPPED_DATA), str(copy), "--records", str(team)).stdout
    assert "no change" not in table
    rows = run("diff", str(SHIPPED_DATA), str(copy), "--format", "csv").stdout
    assert f"role,practitioner,lost,{gone} {title} (role-specific)" in rows  # the role's loss, with its title
    everyone = diff(run, SHIPPED_DATA, copy, "--records", str(team), "--all")
    kim = next(person for person in everyone["impact"] if person["person"] == "Kim")
    assert kim["changes"] == []
    text = run("diff", str(SHIPPED_DATA), str(copy), "--records", str(team), "--all", "--format", "csv").stdout
    assert "person,Kim,,no change" in text.replace("\r\n", "\n")


def test_a_share_that_does_not_move_is_not_shown_as_moving(run, copy, tmp_path):
    # The practitioner loses one competence Sam holds and one he does not: 2 of N becomes 1 of N-2 only if ...;
    # here he holds every one but the lost: before N-1 of N, after N-1 of N-1, which moves; and a person holding
    # none stays at 0 of N and 0 of N-1: that moves nothing and leaves them out.
    gone = remove_last_listed(copy, "practitioner")
    team = tmp_path / "team"
    team.mkdir()
    (team / "zed.yaml").write_text("name: Zed\nrole: practitioner\n", encoding="utf-8")
    assert diff(run, SHIPPED_DATA, copy, "--records", str(team))["impact"] == []
    everyone = diff(run, SHIPPED_DATA, copy, "--records", str(team), "--all")["impact"]
    (zed,) = everyone
    (change,) = zed["changes"]
    assert change["moved"] is False
    assert change["lines"] == [f"no longer needs {gone} {title_of(gone)}: did not hold it"]
    table = run("diff", str(SHIPPED_DATA), str(copy), "--records", str(team), "--all").stdout
    needed = len(raw_holdings("practitioner"))
    assert f"0 of {needed} (0%)" in table.replace("\n", " ") or f"0 of {needed}" in table


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
