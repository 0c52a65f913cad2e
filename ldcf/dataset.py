"""A data folder read, validated and indexed in one pass: what `validate` reports and every command uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ldcf.framework import Framework, build_framework
from ldcf.loader import load_directory
from ldcf.problems import Problem, has_errors


@dataclass(frozen=True)
class DataSet:
    directory: Path
    framework: Optional[Framework]
    problems: tuple[Problem, ...]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)


def open_data_set(directory: Path) -> DataSet:
    """Load and check every file; the framework is None when any error was found."""
    loaded = load_directory(directory)
    framework, findings = build_framework(
        loaded.levels, loaded.levels_file, loaded.competences, loaded.competences_file, loaded.roles
    )
    problems = [*loaded.problems, *(loaded.locate(finding) for finding in findings)]
    if has_errors(problems):
        framework = None
    return DataSet(directory, framework, tuple(sorted(problems, key=lambda problem: problem.sort_key)))
