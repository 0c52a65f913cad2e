"""Bare identifiers, one per line, for piping into other commands and for shell completion."""

from __future__ import annotations

from functools import singledispatch

from ldcf.queries.profiles import CompetenceList, LevelList, RoleList
from ldcf.queries.search import SearchResults
from ldcf.rules import RuleList


@singledispatch
def ids(result: object) -> list[str]:
    raise TypeError(f"no identifiers for {type(result).__name__}")


@ids.register
def _(listing: RoleList) -> list[str]:
    return [role.id for role in listing.roles]


@ids.register
def _(listing: LevelList) -> list[str]:
    return [str(level.level) for level in listing.levels]


@ids.register
def _(listing: CompetenceList) -> list[str]:
    return [competence.key for competence in listing.competences]


@ids.register
def _(results: SearchResults) -> list[str]:
    return [match.competence.key for match in results.matches]


def render(result: object) -> str:
    return "".join(f"{identifier}\n" for identifier in ids(result))


@ids.register
def _(listing: RuleList) -> list[str]:
    return [rule.id for rule in listing.rules]
