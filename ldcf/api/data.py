"""Data folders and records, opened in one place for the command line, its fast path and scripts."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ldcf.building.dataset import DataSet
    from ldcf.framework.entities import Record
    from ldcf.framework.lookups import Framework
    from ldcf.reading.locations import DataLocation
    from ldcf.rules.problems import Problem

Folders = Sequence["str | os.PathLike[str]"]


class InvalidData(ValueError):
    """The data or record has errors; `problems` lists every problem found, as `ldcf validate` reports them."""

    def __init__(self, what: str, problems: Sequence[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity.value == "error"]
        first = errors[0] if errors else None
        detail = f"; the first: {first.file}:{first.line}: {first.message} ({first.rule})" if first else ""
        super().__init__(f"{what} has {len(errors)} error(s){detail}")


class NotDataFolder(FileNotFoundError):
    """A folder given as data is missing or holds no data; the message names it and says what to check."""


class OpenedData(NamedTuple):
    """Where the data was found, and what reading it gave: the framework, or the problems that stopped it."""

    location: DataLocation
    data_set: DataSet

    @property
    def name(self) -> str:
        return data_name(self.location)


def data_name(location: DataLocation) -> str:
    """The data folders as messages name them: the shipped data the user did not name as `ldcf:data`."""
    from ldcf.reading.locations import SHIPPED_DATA_NAME, is_shipped, printable_name

    names = [printable_name(str(directory)) for directory in location.directories]
    if location.implied_base and is_shipped(location.directories[0]):
        names[0] = SHIPPED_DATA_NAME
    return " + ".join(names)


def locate(folders: Folders, environment: Mapping[str, str], cwd: Path | None = None) -> DataLocation:
    """The data folders to use, as the command line chooses them (`ldcf --help` says how); raises NotDataFolder
    for a folder given that is missing or holds no data."""
    from ldcf.reading.locations import given_folder_error, locate_data

    location = locate_data(tuple(Path(folder) for folder in folders), environment, cwd or Path.cwd())
    error = given_folder_error(location)
    if error is not None:
        raise NotDataFolder(error)
    return location


def open_data(
    folders: Folders, environment: Mapping[str, str], use_cache: bool = True, cwd: Path | None = None
) -> OpenedData:
    """Find the data folders and read them (from the cache when they are unchanged, if `use_cache`). The data
    set holds the framework, or None and the problems when the data has errors."""
    from ldcf.building.dataset import open_framework

    location = locate(folders, environment, cwd)
    return OpenedData(location, open_framework(location.directories, use_cache, location.implied_base))


def load(*folders: str | os.PathLike[str], cache: bool = False) -> Framework:
    """The framework from data folders, the first being the base and later ones overlays on it.

    With no folder, the data shipped with ldcf; an overlay given alone is laid on it, as on the command line.
    `cache=True` keeps the framework in the user's cache folder, as the command line does.
    Raises NotDataFolder (a FileNotFoundError) for a folder that is missing or holds no data, and InvalidData on
    any error.
    """
    from ldcf.reading.locations import shipped_data_directory

    opened = open_data(folders or (shipped_data_directory(),), {}, cache)
    if opened.data_set.framework is None:
        raise InvalidData(
            " + ".join(str(directory) for directory in opened.location.directories), opened.data_set.problems
        )
    return opened.data_set.framework


class Validation(NamedTuple):
    """What `ldcf validate` found: every problem of the folders checked, and the warnings of the shipped data
    put under them as their base (`unlisted`: not theirs to fix)."""

    data: OpenedData
    problems: tuple[Problem, ...]
    unlisted: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(problem.severity.value == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity.value == "warning" for problem in self.problems)

    def passes(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)

    def to_dict(self) -> dict[str, object]:
        """What `ldcf validate --format json` prints."""
        from ldcf.rules.problems import problem_report

        return problem_report(self.problems, self.data.name)


def validate(
    *folders: str | os.PathLike[str], environment: Mapping[str, str] | None = None, include_base: bool = False
) -> Validation:
    """Check every data file of the folders, as `ldcf validate` does; never changes a file. Folders are found
    as the command line finds them, in `environment` (default: none of the process's variables). With
    `include_base`, the warnings of the shipped data under an overlay are listed too."""
    from ldcf.building.dataset import open_data_set

    location = locate(folders, environment or {})
    data_set = open_data_set(location.directories, location.implied_base)
    problems = data_set.problems + data_set.unlisted if include_base else data_set.problems
    unlisted = () if include_base else data_set.unlisted
    return Validation(OpenedData(location, data_set), tuple(sorted(problems, key=lambda p: p.sort_key)), unlisted)


def read_record(framework: Framework, path: str | os.PathLike[str], aim: str | None = None) -> tuple[Record, str]:
    """A person's record, checked against the framework, and the name to call it by; raises InvalidData when it
    has errors. `aim` is the role a development plan from it is towards: its priorities must fit that role."""
    from ldcf.building.records import open_record

    loaded = open_record(Path(path), framework, aim)
    if loaded.record is None:
        raise InvalidData(f"the record {loaded.name}", loaded.problems)
    return loaded.record, loaded.name
