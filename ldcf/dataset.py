"""A data folder read, validated and indexed in one pass: what `validate` reports and every command uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ldcf.framework import Framework, build_framework
from ldcf.gap import check_record
from ldcf.loader import load_directory, load_record
from ldcf.problems import Problem, has_errors

if TYPE_CHECKING:
    from ldcf.models import Record


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


def open_framework(directory: Path, use_cache: bool = True) -> DataSet:
    """The data set for commands that only read the framework: from the cache when the data is unchanged."""
    from ldcf import cache

    if not use_cache or cache.cache_disabled():
        return open_data_set(directory)
    fingerprint, framework = cache.cached_framework(directory)
    if framework is not None:
        return DataSet(directory, framework, ())
    data_set = open_data_set(directory)
    if data_set.framework is not None and fingerprint is not None:
        cache.store(directory, fingerprint, data_set.framework)
    return data_set


@dataclass(frozen=True)
class RecordFile:
    name: str
    record: Optional[Record]
    problems: tuple[Problem, ...]


def open_record(path: Path, framework: Framework) -> RecordFile:
    """Load a person's record and check its codes against the framework; the record is None on any error."""
    record, loaded = load_record(path)
    name = next(iter(loaded.documents), str(path))
    problems = list(loaded.problems)
    if record is not None:
        problems.extend(loaded.locate(finding) for finding in check_record(framework, record, name))
    if has_errors(problems):
        record = None
    return RecordFile(name, record, tuple(sorted(problems, key=lambda problem: problem.sort_key)))
