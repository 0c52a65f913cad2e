"""Data folders read, validated and built in one pass: what `validate` reports and every command uses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ldcf.framework.lookups import Framework
from ldcf.rules.problems import Problem, Severity, has_errors

# The reader and the checks are imported by the functions that read files: a command served from the cache
# needs none of them.
if TYPE_CHECKING:
    from ldcf.reading.loader import LoadedData


class DataSet(NamedTuple):
    """The framework (None when the data has errors) and the problems found.

    `problems` are those of the folders the user named, and any error at all; `unlisted` are the warnings of
    the shipped data put under them as their base, which are not theirs to fix.
    """

    directories: tuple[Path, ...]
    framework: Framework | None
    problems: tuple[Problem, ...]
    unlisted: tuple[Problem, ...] = ()
    notice: str | None = None  # something to tell the user once, such as why the cache was not used

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)


def sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda problem: problem.sort_key))


def open_data_set(directories: Sequence[Path], implied_base: bool = False) -> DataSet:
    """Load and check every file of every folder, the first being the base; the framework is None on any error.

    With `implied_base`, the first folder is the shipped data the user did not name: its files are shown as
    `ldcf:data/...` and its warnings are kept apart.
    """
    from ldcf.building.layers import Layer, build_framework
    from ldcf.reading.loader import load_directory, locate
    from ldcf.reading.locations import SHIPPED_DATA_NAME, is_data_directory, is_shipped

    folders = [
        load_directory(
            directory,
            is_base=index == 0 or is_data_directory(directory),
            shown_as=SHIPPED_DATA_NAME if implied_base and index == 0 and is_shipped(directory) else None,
        )
        for index, directory in enumerate(directories)
    ]
    layers = [
        Layer(
            folder.label,
            folder.is_base,
            folder.levels_file,
            folder.levels,
            tuple(folder.competences),
            folder.roles,
            folder.competences_invalid,
            folder.edition,
        )
        for folder in folders
    ]
    framework, findings = build_framework(layers)
    parsed_files = {name: parsed for folder in folders for name, parsed in folder.parsed_files.items()}
    found = [problem for folder in folders for problem in folder.problems]
    found += [locate(finding, parsed_files) for finding in findings]
    problems = _adjusted(found, folders)
    if has_errors(problems):
        framework = None
    base_files = folders[0].file_names if implied_base else set()
    unlisted = [p for p in problems if p.file in base_files and p.severity is Severity.WARNING]
    listed = [p for p in problems if not (p.file in base_files and p.severity is Severity.WARNING)]
    return DataSet(tuple(directories), framework, sorted_problems(listed), sorted_problems(unlisted))


def _adjusted(problems: list[Problem], folders: Sequence[LoadedData]) -> list[Problem]:
    """The problems as the folders' settings and disable comments leave them."""
    settings = {name: folder.settings for folder in folders for name in folder.file_names}
    disabled = {place: rules for folder in folders for place, rules in folder.disabled.items()}
    adjusted = []
    for problem in problems:
        if problem.line is not None and problem.rule in disabled.get((problem.file, problem.line), ()):
            continue
        setting = settings.get(problem.file, {}).get(problem.rule)
        if setting == "disable":
            continue
        adjusted.append(problem if setting is None else problem.with_severity(Severity(setting)))
    return adjusted


def open_framework(directories: Sequence[Path], use_cache: bool = True, implied_base: bool = False) -> DataSet:
    """The data set for commands that only read the framework: from the cache when the data is unchanged."""
    from ldcf.building import cache

    if not use_cache or cache.cache_disabled():
        return open_data_set(directories, implied_base)

    def from_the_files() -> Framework:
        framework = open_data_set(directories, implied_base).framework
        if framework is None:  # the files were valid when the entry was checked against them
            raise RuntimeError("the data changed while ldcf read it; run the command again")
        return framework

    try:
        framework = cache.load(directories, from_the_files)
        if framework is not None:
            return DataSet(tuple(directories), framework, ())
        taken = cache.snapshot(directories)
        data_set = open_data_set(directories, implied_base)
        after = cache.snapshot(directories)
        # A file changed while it was read must not be cached as what it was before.
        if data_set.framework is not None and taken is not None and after is not None and after.files == taken.files:
            cache.store(directories, taken, data_set.framework)
        return data_set
    except cache.CacheRefused as refused:
        data_set = open_data_set(directories, implied_base)
        return data_set._replace(notice=f"not using the cache: {refused}")
