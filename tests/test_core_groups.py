"""A role's core_groups: how a source groups the core competences of the role's level, by underpinning principle
and reference function. They add nothing to what the role holds, which its level decides; each competence in
them must be core at that level (rule not-core-at-level)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES

MINIMAL = FIXTURES / "minimal"

ROLE = """\
id: example-role
title: Example Role
level: 5
source:
  document: A test document
core_groups:
  - principle: 1. Communication
    function: Communicate effectively
    competences: [{codes}]
role_specific:
  - competences: [SFJAB1, FM12]
"""


def data_with_core_groups(tmp_path: Path, codes: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "roles" / "example-role.yaml").write_text(ROLE.format(codes=codes), encoding="utf-8")
    return data


def test_role_show_gives_each_core_competence_its_group(run):
    shown = json.loads(run("role", "show", "engagement-worker", "--format", "json").stdout)
    core = [entry for entry in shown["competences"] if entry["category"] == "core"]
    assert len(core) == 14
    assert core[0] == {
        **core[0],
        "code": "GEN97",
        "principle": "1. Communication",
        "function": "Communicate effectively",
    }
    assert all(entry["function"] for entry in core)


def test_the_core_table_has_a_reference_function_column_only_where_the_role_groups_its_core(run):
    grouped = run("role", "show", "engagement-worker", "--format", "markdown").stdout
    core_table = grouped[grouped.index("Core competences") : grouped.index("Role-specific competences")]
    assert "Reference function" in core_table
    assert "Protect individuals from abuse" in core_table
    ungrouped = run("role", "show", "support-worker", "--format", "markdown").stdout
    assert "Reference function" not in ungrouped[: ungrouped.index("Role-specific competences")]


def test_core_groups_add_nothing_to_what_a_role_holds(framework):
    role = framework.find_role("engagement-worker")
    held = {h.competence.key for h in framework.holdings(role)}
    plain = framework.find_role("support-worker")  # the same level, no core groups
    core = {h.competence.key for h in framework.holdings(plain) if h.category == "core"}
    assert core <= held
    assert [h.category for h in framework.holdings(role)].count("core") == len(core)


def test_a_role_based_on_another_inherits_its_core_groups(run, tmp_path):
    overlay = tmp_path / "overlay" / "roles"
    overlay.mkdir(parents=True)
    (overlay / "our-worker.yaml").write_text(
        "id: our-worker\ntitle: Our Engagement Worker\nbased_on: engagement-worker\nsource:\n  document: Ours\n",
        encoding="utf-8",
    )
    result = run("--data", str(tmp_path / "overlay"), "role", "show", "our-worker", "--format", "json")
    core = [entry for entry in json.loads(result.stdout)["competences"] if entry["category"] == "core"]
    assert len(core) == 14
    assert all(entry.get("function") for entry in core)


def test_a_core_group_of_the_levels_core_is_valid(run, tmp_path):
    result = run("validate", str(data_with_core_groups(tmp_path, "GEN97")))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("codes", "rule", "message"),
    [
        ("SFJAB1", "not-core-at-level", "SFJAB1 is not core at level 5"),
        ("GEN98", "unknown-competence", "unknown competence 'GEN98'"),
        ("GEN 97", "non-canonical-code", "'GEN 97' is another spelling of GEN97"),
        ("GEN97, GEN97", "listed-twice", "GEN97 is listed twice in this role's core groups"),
    ],
)
def test_a_core_group_names_only_the_core_of_the_roles_level_once_by_code(run, tmp_path, codes, rule, message):
    result = run("validate", str(data_with_core_groups(tmp_path, codes)))
    assert result.exit_code == 1
    assert any(message in line and line.endswith(f"({rule})") for line in result.output.splitlines()), result.output
