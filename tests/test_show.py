"""`ldcf role show` and `ldcf level show`, and the JSON contract they keep."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import SHIPPED_DATA, raw_core, raw_listed


def show(run, *arguments):
    return run("--data", str(SHIPPED_DATA), *arguments)


def test_role_show_json_contract(run, framework):
    result = show(run, "role", "show", "practitioner", "--format", "json")
    assert result.exit_code == 0
    profile = json.loads(result.stdout)
    assert {"id", "title", "level", "competences"} <= set(profile)
    assert (profile["id"], profile["title"], profile["level"]) == ("practitioner", "Practitioner", 5)
    for entry in profile["competences"]:
        assert {"code", "title", "category"} <= set(entry)
        assert entry["category"] in ("core", "role-specific", "locality-specific")
    categories = [entry["category"] for entry in profile["competences"]]
    assert categories.count("core") == len(framework.core_competences(5))
    assert categories.count("role-specific") == len(raw_listed("practitioner", "role_specific"))


def test_uncoded_competences_have_a_null_code(run):
    profile = json.loads(show(run, "role", "show", "engagement-worker", "--format", "json").stdout)
    uncoded = [entry for entry in profile["competences"] if entry["code"] is None]
    listed = raw_listed("engagement-worker", "role_specific")
    assert len(uncoded) == len([reference for reference in listed if reference.islower()])
    assert all(entry["category"] == "role-specific" for entry in uncoded)


def test_role_show_finds_roles_by_title_and_alias_in_any_case(run):
    for name in ("Support Worker", "SUPPORT-WORKER", "Liaison and Diversion Service Support Worker"):
        profile = json.loads(show(run, "role", "show", name, "--format", "json").stdout)
        assert profile["id"] == "support-worker"


def test_role_show_table_lists_every_category(run):
    result = show(run, "role", "show", "specialist-practitioner")
    assert result.exit_code == 0
    assert f"Core competences ({len(raw_core(6))})" in result.stdout
    assert f"Role-specific competences ({len(raw_listed('specialist-practitioner', 'role_specific'))})" in result.stdout
    assert f"Locality-specific competences ({len(raw_listed('specialist-practitioner', 'locality_specific'))})" in (
        result.stdout
    )
    assert "SFJBI202" in result.stdout


def test_unknown_role_exits_2_with_a_suggestion(run):
    result = show(run, "role", "show", "practioner")
    assert result.exit_code == 2
    assert "did you mean 'practitioner'" in result.stderr
    assert "Traceback" not in result.output


def test_level_show_json_contract(run):
    result = show(run, "level", "show", "4", "--format", "json")
    profile = json.loads(result.stdout)
    assert (profile["level"], profile["indicative_title"]) == (4, "Assistant/Associate Practitioner")
    assert profile["descriptor"].startswith("People at level 4")
    assert [role["id"] for role in profile["roles"]] == ["engagement-worker", "senior-administrator", "support-worker"]
    assert len(profile["core"]) == len(raw_core(4))
    assert {"code", "title"} <= set(profile["core"][0])


def test_unknown_level_exits_2(run):
    result = show(run, "level", "show", "12")
    assert result.exit_code == 2
    assert "unknown level '12'" in result.stderr


def test_commands_refuse_invalid_data_with_exit_1(run, data_copy):
    (data_copy / "roles/volunteer.yaml").write_text("id: volunteer\n", encoding="utf-8")
    result = run("--data", str(data_copy), "role", "show", "practitioner")
    assert result.exit_code == 1
    assert "volunteer.yaml:1:1: error: title: required key is missing" in result.stderr
    assert "run `ldcf validate`" in result.stderr


def test_the_installed_command_works_from_any_directory(tmp_path):
    """Run as a user would, outside the repository, with no data folder around: the shipped data is used."""
    environment = {key: value for key, value in os.environ.items() if key != "LDCF_DATA"}
    completed = subprocess.run(
        [sys.executable, "-m", "ldcf", "role", "show", "practitioner", "--format", "json"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["level"] == 5
