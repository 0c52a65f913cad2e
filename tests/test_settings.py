"""Adjusting rules with a folder's ldcf.yaml and `# ldcf: disable=` comments, and which problems are whose."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPOSITORY, SHIPPED_DATA, edit

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
GUIDE = (REPOSITORY / "docs" / "validation.md").read_text(encoding="utf-8")
CORE_AS_ROLE_SPECIFIC = "      - SFJAB1\n      - FM12\n"


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The minimal data set with one warning: GEN97, core at level 5, also listed as role-specific."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    edit(folder / "roles/example-role.yaml", CORE_AS_ROLE_SPECIFIC, "      - SFJAB1\n      - GEN97\n")
    return folder


def warnings(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": warning: " in line]


def test_without_settings_the_warning_is_reported(run, data):
    result = run("validate", str(data), "--strict")
    assert result.exit_code == 1
    assert len(warnings(result)) == 1


def test_the_settings_file_of_the_guide_disables_one_rule_and_raises_another(run, data):
    settings = next(block for block in yaml_blocks(GUIDE) if block.startswith("# ldcf.yaml"))
    (data / "ldcf.yaml").write_text(settings, encoding="utf-8")
    assert run("validate", str(data), "--strict").exit_code == 0
    uncoded = "  - id: a-local-duty\n    title: A local duty\n    source: test\n"
    (data / "competences.yaml").write_text((data / "competences.yaml").read_text() + uncoded, encoding="utf-8")
    result = run("validate", str(data))
    assert result.exit_code == 1
    assert any(line.endswith("error: 'A local duty' has no NOS code (uncoded-competence)") for line in
               result.stdout.splitlines())  # fmt: skip


def test_an_error_that_is_adjustable_can_become_a_warning(run, data):
    duplicate = "  - id: make-use-of-supervision\n    title: Make use of supervision\n    source: test\n"
    (data / "competences.yaml").write_text((data / "competences.yaml").read_text() + duplicate, encoding="utf-8")
    assert run("validate", str(data)).exit_code == 1
    (data / "ldcf.yaml").write_text("rules:\n  title-of-a-nos: warning\n", encoding="utf-8")
    result = run("validate", str(data))
    assert result.exit_code == 0
    assert any(line.endswith("(title-of-a-nos)") for line in warnings(result))
    assert run("--data", str(data), "--no-cache", "role", "show", "example-role").exit_code == 0


def test_the_comments_of_the_guide_disable_the_rule_on_their_line_and_the_next(run, data):
    example = next(block for block in yaml_blocks(GUIDE) if "# ldcf: disable=" in block)
    comment = re.search(r"# ldcf: disable=\S+", example).group()
    edit(data / "roles/example-role.yaml", "      - GEN97\n", f"      - GEN97  {comment}\n")
    assert run("validate", str(data), "--strict").exit_code == 0
    edit(data / "roles/example-role.yaml", f"      - GEN97  {comment}\n", f"      {comment}\n      - GEN97\n")
    assert run("validate", str(data), "--strict").exit_code == 0


def test_a_comment_for_another_rule_disables_nothing(run, data):
    edit(data / "roles/example-role.yaml", "      - GEN97\n", "      - GEN97  # ldcf: disable=uncoded-competence\n")
    assert len(warnings(run("validate", str(data)))) == 1


def test_a_guard_cannot_be_disabled_by_comment(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    edit(data / "roles/example-role.yaml", "      - FM12\n", "      - FM99  # ldcf: disable=unknown-competence\n")
    result = run("validate", str(data))
    assert result.exit_code == 1
    rules = [line.rsplit("(", 1)[1] for line in result.stdout.splitlines()]
    assert sorted(rules) == ["rule-not-adjustable)", "unknown-competence)"]


def test_settings_apply_only_to_the_files_of_their_folder(run, data, tmp_path):
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "ldcf.yaml").write_text("rules:\n  core-also-role-specific: disable\n", encoding="utf-8")
    (overlay / "roles/local-role.yaml").write_text(
        "id: local-role\ntitle: Local Role\nbased_on: other-role\nsource:\n  document: Local\n"
        "locality_specific:\n  - competences: [GEN97]\n",
        encoding="utf-8",
    )
    result = run("validate", str(data), str(overlay), "--strict")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in warnings(result)] == [str(data / "roles/example-role.yaml")]


# Scope: the problems of the folders the user named -----------------------------------------------------------


def national_warnings() -> int:
    """Warnings the shipped data must carry, counted from the data files: one per uncoded competence, and one
    per competence a role lists that is core at its level (HT4 for the peer support worker)."""
    competences = (SHIPPED_DATA / "competences.yaml").read_text(encoding="utf-8")
    uncoded = len(re.findall(r"^  - id: ", competences, flags=re.M))
    return uncoded + 1


def test_an_overlay_from_init_passes_strict_validation(run, tmp_path):
    assert run("init", str(tmp_path / "our-service")).exit_code == 0
    result = run("--data", str(tmp_path / "our-service"), "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"{national_warnings()} warning(s) in the shipped national data; --all to list them" in result.stderr


def test_the_worked_overlay_passes_strict_validation(run):
    result = run("--data", str(REPOSITORY / "examples/local"), "validate", "--strict")
    assert result.exit_code == 0, result.output


def test_all_lists_the_shipped_warnings_under_their_package_name(run, tmp_path):
    run("init", str(tmp_path / "our-service"))
    result = run("--data", str(tmp_path / "our-service"), "validate", "--all", "--strict")
    assert result.exit_code == 0
    listed = warnings(result)
    assert len(listed) == national_warnings()
    assert all(line.startswith("ldcf:data/") for line in listed)
    assert "site-packages" not in result.output


def test_an_uncoded_local_competence_is_no_warning_in_an_overlay(run, tmp_path):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "competences.yaml").write_text(
        "competences:\n  - id: a-local-duty\n    title: A local duty\n    source: Our job description\n",
        encoding="utf-8",
    )
    result = run("--data", str(overlay), "validate", "--strict")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_the_shipped_data_named_as_the_folder_to_check_reports_its_own_warnings(run):
    result = run("validate", str(SHIPPED_DATA))
    assert len(warnings(result)) == national_warnings()
    assert "in the shipped national data" not in result.stderr


def test_the_console_example_of_the_guide_is_what_validate_prints(run, tmp_path, monkeypatch):
    block = re.search(r"```console\n\$ ldcf (.*?)\n(.*?)```", GUIDE, flags=re.S)
    monkeypatch.chdir(tmp_path)
    assert run("init", "our-service").exit_code == 0
    result = run(*block.group(1).split())
    assert result.exit_code == 0
    assert result.output.splitlines() == block.group(2).splitlines()


def test_inside_a_clone_an_overlay_lies_on_the_working_data(run, tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    shutil.copytree(SHIPPED_DATA, clone / "data")
    edit(clone / "data" / "roles" / "practitioner.yaml", "title: Practitioner", "title: Practitioner (working copy)")
    run("init", str(clone / "our-service"))
    monkeypatch.chdir(clone)
    result = run("--data", "our-service", "validate")
    assert result.exit_code == 0
    assert "on ./data" in result.stderr
    assert "warning(s) in the base data (data)" in result.stderr
    shown = run("--data", "our-service", "--no-cache", "role", "show", "local-practitioner", "--format", "json")
    assert json.loads(shown.stdout)["based_on"] == "practitioner"
    base = run("--data", "our-service", "--no-cache", "role", "show", "practitioner", "--format", "json")
    assert json.loads(base.stdout)["title"] == "Practitioner (working copy)"
