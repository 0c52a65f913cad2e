"""Data folders read, validated and indexed in one pass: what `validate` reports and every command uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ldcf.framework import Framework, Layer, build_framework
from ldcf.gap import check_record
from ldcf.loader import is_data_directory, load_directory, load_record, locate
from ldcf.problems import Problem, has_errors

if TYPE_CHECKING:
    from ldcf.models import Record


@dataclass(frozen=True)
class DataSet:
    directories: tuple[Path, ...]
    framework: Framework | None
    problems: tuple[Problem, ...]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)


def _sorted(problems) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda problem: problem.sort_key))


def open_data_set(directories: Sequence[Path]) -> DataSet:
    """Load and check every file of every folder, the first being the base; the framework is None on any error."""
    folders = [
        load_directory(directory, is_base=index == 0 or is_data_directory(directory))
        for index, directory in enumerate(directories)
    ]
    layers = [
        Layer(
            folder.label,
            folder.levels_file,
            folder.levels,
            folder.competences_file,
            folder.competences,
            folder.roles,
            folder.competences_invalid,
        )
        for folder in folders
    ]
    framework, findings = build_framework(layers)
    documents = {name: document for folder in folders for name, document in folder.documents.items()}
    problems = [problem for folder in folders for problem in folder.problems]
    problems += [locate(finding, documents) for finding in findings]
    if has_errors(problems):
        framework = None
    return DataSet(tuple(directories), framework, _sorted(problems))


def open_framework(directories: Sequence[Path], use_cache: bool = True) -> DataSet:
    """The data set for commands that only read the framework: from the cache when the data is unchanged."""
    from ldcf import cache

    if not use_cache or cache.cache_disabled():
        return open_data_set(directories)
    fingerprint, framework = cache.cached_framework(directories)
    if framework is not None:
        return DataSet(tuple(directories), framework, ())
    data_set = open_data_set(directories)
    if data_set.framework is not None and fingerprint is not None:
        cache.store(directories, fingerprint, data_set.framework)
    return data_set


@dataclass(frozen=True)
class RecordFile:
    name: str
    record: Record | None
    problems: tuple[Problem, ...]


def open_record(path: Path, framework: Framework) -> RecordFile:
    """Load a person's record and check its codes against the framework; the record is None on any error."""
    record, loaded = load_record(path)
    name = next(iter(loaded.documents), str(path))
    problems = list(loaded.problems)
    if record is not None:
        problems.extend(locate(finding, loaded.documents) for finding in check_record(framework, record, name))
    if has_errors(problems):
        record = None
    return RecordFile(name, record, _sorted(problems))
