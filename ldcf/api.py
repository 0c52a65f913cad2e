"""The Python API: what the command line does, for scripts and notebooks.

Each function returns the same result objects that the commands render; `result.to_dict()` is what
`--format json` prints.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ldcf.framework.lookups import Framework
from ldcf.queries.gaps import RecordGap, RoleGap
from ldcf.queries.profiles import RoleProfile
from ldcf.queries.route import Route
from ldcf.rules.problems import Problem


class InvalidData(ValueError):
    """The data or record has errors; `problems` lists every problem found, as `ldcf validate` reports them."""

    def __init__(self, what: str, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity.value == "error"]
        first = errors[0] if errors else None
        detail = f"; the first: {first.file}:{first.line}: {first.message} ({first.rule})" if first else ""
        super().__init__(f"{what} has {len(errors)} error(s){detail}")


def load(*folders: str | os.PathLike[str], cache: bool = False) -> Framework:
    """The framework from data folders, the first being the base and later ones overlays on it.

    With no folder, the data shipped with ldcf; an overlay given alone is laid on it, as on the command line.
    `cache=True` keeps the framework in the user's cache folder, as the command line does.
    Raises FileNotFoundError for a folder that is missing or holds no data, and InvalidData on any error.
    """
    from ldcf.building.dataset import open_framework
    from ldcf.reading.locations import given_folder_error, locate_data, shipped_data_directory

    directories = tuple(Path(folder) for folder in folders)
    location = locate_data(directories, {}, Path.cwd()) if directories else None
    chosen: tuple[Path, ...] = location.directories if location else (shipped_data_directory(),)
    implied_base = location.implied_base if location else False
    error = given_folder_error(location) if location else None
    if error is not None:
        raise FileNotFoundError(error)
    data_set = open_framework(chosen, cache, implied_base)
    if data_set.framework is None:
        raise InvalidData(" + ".join(str(directory) for directory in chosen), data_set.problems)
    return data_set.framework


def profile(framework: Framework, role: str, locality: bool = True) -> RoleProfile:
    """A role's profile: its level and every competence it holds, by category."""
    from ldcf.queries.profiles import role_profile

    return role_profile(framework, role, locality)


def gap(framework: Framework, from_role: str, to_role: str) -> RoleGap:
    """What someone in `from_role` must acquire to work in `to_role`."""
    from ldcf.queries.gaps import role_gap

    return role_gap(framework, from_role, to_role)


def record_gap(framework: Framework, record: str | os.PathLike[str], to_role: str) -> RecordGap:
    """What the person whose record file is `record` must acquire to work in `to_role`.

    Raises InvalidData when the record has errors.
    """
    from ldcf.building.records import open_record
    from ldcf.queries import gaps

    loaded = open_record(Path(record), framework)
    if loaded.record is None:
        raise InvalidData(f"the record {loaded.name}", loaded.problems)
    return gaps.record_gap(framework, loaded.record, loaded.name, to_role)


def route(framework: Framework, from_role: str, to_role: str) -> Route:
    """The progression route from one role to another; raises ldcf.queries.route.NoRoute when there is none."""
    from ldcf.queries.route import find_route

    return find_route(framework, from_role, to_role)
