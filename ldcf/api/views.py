"""The views of the framework: levels, roles, competences, search, gaps and routes. Each is one query, named as
scripts call it; `to_dict()` of what it returns is what the command's `--format json` prints."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.queries.gaps import RecordGap, RoleGap
    from ldcf.queries.profiles import CompetenceList, CompetenceProfile, LevelList, LevelProfile, RoleList, RoleProfile
    from ldcf.queries.route import Route
    from ldcf.queries.search import SearchResults
    from ldcf.rules import RuleList


def list_rules() -> RuleList:
    """Every rule `validate` checks (`ldcf rules`). (Not `rules`: that name is the package ldcf.rules.)"""
    from ldcf import rules

    return rules.list_rules()


def levels(framework: Framework) -> LevelList:
    """The Career Framework levels (`ldcf levels`)."""
    from ldcf.queries.profiles import list_levels

    return list_levels(framework)


def level(framework: Framework, number: int) -> LevelProfile:
    """A level: its descriptor, its roles and its core competences (`ldcf level show`)."""
    from ldcf.queries.profiles import level_profile

    return level_profile(framework, number)


def roles(framework: Framework, level: int | None = None) -> RoleList:
    """The roles by level, or those of one level (`ldcf roles`)."""
    from ldcf.queries.profiles import list_roles

    return list_roles(framework, level)


def profile(framework: Framework, role: str, locality: bool = True) -> RoleProfile:
    """A role's profile: its level and every competence it holds, by category (`ldcf role show`)."""
    from ldcf.queries.profiles import role_profile

    return role_profile(framework, role, locality)


def competences(framework: Framework) -> CompetenceList:
    """Every competence (`ldcf competences`)."""
    from ldcf.queries.profiles import list_competences

    return list_competences(framework)


def competence(framework: Framework, code: str) -> CompetenceProfile:
    """A competence by any spelling of its code, with the roles that need it (`ldcf competence show`)."""
    from ldcf.queries.profiles import competence_profile

    return competence_profile(framework, code)


def search(framework: Framework, text: str) -> SearchResults:
    """Competences by code, alias or title words, best first (`ldcf competence search`)."""
    from ldcf.queries.search import search_competences

    return search_competences(framework, text)


def gap(framework: Framework, from_role: str, to_role: str) -> RoleGap:
    """What someone in `from_role` must acquire to work in `to_role` (`ldcf gap FROM TO`)."""
    from ldcf.queries.gaps import role_gap

    return role_gap(framework, from_role, to_role)


def record_gap(framework: Framework, record: str | os.PathLike[str], to_role: str | None = None) -> RecordGap:
    """What the person whose record file is `record` must acquire to work in `to_role`, by default the record's own
    `target` (or the first of its `targets`) (`ldcf gap --have`).

    Raises InvalidData when the record has errors, and NoTarget when neither names a role.
    """
    from ldcf.api.data import read_record
    from ldcf.queries import gaps

    person, name = read_record(framework, record)
    target = to_role or person.first_aim
    if target is None:
        raise NoTarget(f"{name} names no target role: give the role to compare with, or add `target:` to the record")
    return gaps.record_gap(framework, person, name, target)


class NoTarget(ValueError):
    """A comparison with a person's record that names no role to compare with."""


def route(framework: Framework, from_role: str, to_role: str) -> Route:
    """The progression route from one role to another (`ldcf path`); raises ldcf.queries.route.NoRoute when
    there is none."""
    from ldcf.queries.route import find_route

    return find_route(framework, from_role, to_role)
