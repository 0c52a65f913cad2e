"""Several data layers, one with a broken competences file (issue 22). README "Editing the data" and
docs/validation.md: `validate` checks every file of every folder in one pass and prints each problem as
`FILE:LINE:COL: error: message (rule-id)`; an error anywhere is always listed, because no framework can be built
from data with an error; a command that needs the framework exits 1.

The layers: a copy of the shipped data as the base (with an error of its own in one role file), a copy of
`examples/local` whose competences are broken, and a small overlay with a role of its own that has an unknown
key. Every layer's problem is reported at its own file and line, and nothing is built."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import REPOSITORY, SHIPPED_DATA, edit
from ldcf.building.dataset import open_data_set

EXAMPLE = REPOSITORY / "examples" / "local"
TITLE = "    title: Flexibility to meet evolving service needs\n"  # the third competence of examples/local


class Planted(NamedTuple):
    """A problem put into a file on purpose: where it must be reported, and as what."""

    file: Path
    line: int
    column: int | None  # None where the YAML parser, not ldcf, decides the column
    rule: str


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line == text]
    return index + 1


class Layers(NamedTuple):
    folders: list[Path]
    broken: Planted  # in the competences of examples/local
    others: list[Planted]  # in the other two layers


# How the competences of examples/local are broken: the line that replaces TITLE, the rule, and the column of the
# problem on that line (counted from 1), where ldcf decides it.
BREAKS = {
    # A title YAML reads as a boolean: wrong-type, at the value.
    "wrong-type": ("    title: no\n", "wrong-type", len("    title: ") + 1),
    # A second ': ' inside a plain scalar: not YAML at all.
    "yaml-syntax": ("    title: Flexibility: to meet evolving service needs\n", "yaml-syntax", None),
    # A key a competence does not have: at the key.
    "unknown-key": (TITLE + "    titel: Flexibility\n", "unknown-key", len("    ") + 1),
}


def make_layers(tmp_path: Path, how: str, split: bool = False) -> Layers:
    base = Path(shutil.copytree(SHIPPED_DATA, tmp_path / "base"))
    local = Path(shutil.copytree(EXAMPLE, tmp_path / "local"))
    extra = tmp_path / "extra"
    (extra / "roles").mkdir(parents=True)
    # The base's own error: a level written as text (wrong-type), in a role nothing is based on.
    volunteer = base / "roles" / "volunteer.yaml"
    edit(volunteer, "level: 2\n", 'level: "2"\n')
    base_problem = Planted(volunteer, line_of(volunteer, 'level: "2"\n'), len("level: ") + 1, "wrong-type")
    # The third layer's own error: a misspelt key in a role of its own.
    role = extra / "roles" / "extra-role.yaml"
    role.write_text(
        "id: extra-role\ntitle: Extra Role\nbased_on: practitioner\nsource:\n  document: A local job description\n"
        "emplyer: A trust\n",
        encoding="utf-8",
    )
    extra_problem = Planted(role, 6, 1, "unknown-key")
    # The broken competences: the local overlay's file, or the second of two files in a competences/ folder.
    competences = local / "competences.yaml"
    if split:
        text = competences.read_text(encoding="utf-8")
        head, tail = text.split("  - id: flexibility-to-meet-evolving-service-needs\n")
        (local / "competences").mkdir()
        (local / "competences" / "a.yaml").write_text(head, encoding="utf-8")
        competences.unlink()
        competences = local / "competences" / "b.yaml"
        competences.write_text(
            "competences:\n  - id: flexibility-to-meet-evolving-service-needs\n" + tail, encoding="utf-8"
        )
    replacement, rule, column = BREAKS[how]
    edit(competences, TITLE, replacement)
    broken_line = line_of(competences, replacement.splitlines(keepends=True)[-1])
    return Layers([base, local, extra], Planted(competences, broken_line, column, rule), [base_problem, extra_problem])


def assert_reported(problems: list[dict], planted: Planted) -> None:
    found = [p for p in problems if p["file"] == str(planted.file) and p["severity"] == "error"]
    assert len(found) == 1, (planted, problems)
    (problem,) = found
    assert (problem["line"], problem["rule"]) == (planted.line, planted.rule), problem
    if planted.column is not None:
        assert problem["column"] == planted.column, problem


@pytest.mark.parametrize("how", list(BREAKS))
@pytest.mark.parametrize("split", [False, True], ids=["competences.yaml", "competences-folder"])
def test_every_layers_problem_is_reported_at_its_file_and_line(run, tmp_path, how, split):
    layers = make_layers(tmp_path, how, split)
    arguments = [argument for folder in layers.folders for argument in ("--data", str(folder))]
    result = run("--no-cache", *arguments, "validate", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    for planted in [layers.broken, *layers.others]:
        assert_reported(errors, planted)
    # These three and nothing else: the local roles name competences of the broken file, which are not reported
    # as unknown (a catalogue that failed to load says nothing about which names exist).
    assert len(errors) == 3, errors
    assert report["errors"] == 3
    # The text report: FILE:LINE:COL: error: message (rule-id), as the README shows.
    text = run("--no-cache", *arguments, "validate")
    assert text.exit_code == 1
    broken = layers.broken
    lines = [line for line in text.stdout.splitlines() if line.startswith(f"{broken.file}:{broken.line}:")]
    assert len(lines) == 1, text.stdout
    assert ": error: " in lines[0]
    assert lines[0].endswith(f"({broken.rule})")


@pytest.mark.parametrize("how", list(BREAKS))
def test_no_framework_is_built_and_commands_that_need_one_exit_1(run, tmp_path, how):
    layers = make_layers(tmp_path, how)
    data_set = open_data_set(layers.folders)
    assert data_set.framework is None
    assert data_set.has_errors
    places = {(problem.file, problem.line, problem.rule) for problem in data_set.problems}
    for planted in [layers.broken, *layers.others]:
        assert (str(planted.file), planted.line, planted.rule) in places
    arguments = [argument for folder in layers.folders for argument in ("--data", str(folder))]
    for command in (["role", "show", "practitioner"], ["gap", "support-worker", "practitioner"]):
        result = run("--no-cache", *arguments, *command, "--format", "json")
        assert result.exit_code == 1, (command, result.output)
        assert result.stdout == ""
        assert f"{layers.broken.file}:{layers.broken.line}:" in result.stderr


def test_the_same_layers_without_the_breaks_build(tmp_path):
    """The control: the copies themselves are sound, so the problems above are the planted ones."""
    base = Path(shutil.copytree(SHIPPED_DATA, tmp_path / "base"))
    local = Path(shutil.copytree(EXAMPLE, tmp_path / "local"))
    data_set = open_data_set([base, local])
    assert data_set.framework is not None, data_set.problems
    assert "lincolnshire-senior-practitioner" in data_set.framework.roles
