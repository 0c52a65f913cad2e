"""The pre-commit hook and the example CI workflow, run as another repository would run them."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPOSITORY

FIXTURES = Path(__file__).parent / "fixtures"


def hook() -> dict:
    hooks = yaml.safe_load((REPOSITORY / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(entry for entry in hooks if entry["id"] == "ldcf-validate")


def run_hook(repository: Path) -> subprocess.CompletedProcess:
    """Run the hook as pre-commit would: its entry and args, in the repository, with the ldcf it installed."""
    definition = hook()
    command = shlex.split(definition["entry"]) + list(definition.get("args", []))
    executable = shutil.which(command[0], path=str(Path(sys.executable).parent))
    assert executable, "the ldcf command is not installed beside this Python"
    return subprocess.run([executable, *command[1:]], cwd=repository, capture_output=True, text=True, check=False)


def test_the_hook_checks_the_whole_folder_on_any_yaml_change():
    definition = hook()
    assert definition["pass_filenames"] is False
    assert definition["language"] == "python"
    assert re.search(definition["files"], "data/roles/practitioner.yaml")
    assert not re.search(definition["files"], "README.md")


def test_the_hook_passes_a_good_repository(tmp_path):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    completed = run_hook(tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize(
    "case", ["unknown-competence/unknown-code", "duplicate-key/duplicate-key", "wrong-type/level-as-quoted-text"]
)
def test_the_hook_fails_a_bad_repository_with_the_line(tmp_path, case):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    shutil.copyfile(FIXTURES / "rules" / f"{case}.yaml", tmp_path / "data" / "roles" / "example-role.yaml")
    completed = run_hook(tmp_path)
    assert completed.returncode == 1
    assert re.search(r"^data/roles/example-role\.yaml:\d+:\d+: error: ", completed.stdout, re.MULTILINE), (
        completed.stdout
    )


def test_the_hook_does_not_pass_a_repository_without_data(tmp_path):
    """Without a data folder the hook must fail, not quietly check the data shipped with ldcf."""
    result = run_hook(tmp_path)
    assert result.returncode == 2
    assert "data: no such folder" in result.stderr


def test_the_documented_workflow_runs_validate_on_the_data_folder():
    text = (REPOSITORY / "docs" / "data-repository-ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.search(r"```yaml\n(name: framework data.*?)```", text, re.DOTALL).group(1))
    commands = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert "ldcf validate data --strict" in commands


def test_the_documented_review_workflow_validates_then_diffs_against_the_base_branch():
    text = (REPOSITORY / "docs" / "data-repository-ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.search(r"```yaml\n(name: framework review.*?)```", text, re.DOTALL).group(1))
    steps = workflow["jobs"]["review"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert commands.index("ldcf validate data --strict") < next(
        index for index, command in enumerate(commands) if "diff --git" in command
    )
    assert steps[0]["with"]["fetch-depth"] == 0
