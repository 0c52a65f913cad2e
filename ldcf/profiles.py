"""Queries behind the views of roles, levels and competences: pure functions over the framework."""

from __future__ import annotations

from dataclasses import dataclass

from ldcf.entities import Category, Competence, Level, Role
from ldcf.framework import Framework, Holding


@dataclass(frozen=True)
class RoleProfile:
    role: Role
    level: Level
    holdings: tuple[Holding, ...]
    base: Role | None = None  # the role this one is based on, if any
    show_sources: bool = False  # whether the data has overlays, so that provenance is worth showing


@dataclass(frozen=True)
class LevelProfile:
    level: Level
    core: tuple[Competence, ...]
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class Use:
    """A role that needs a competence, and in which category."""

    role: Role
    category: Category


@dataclass(frozen=True)
class CompetenceProfile:
    competence: Competence
    used_by: tuple[Use, ...]
    origin: str = ""


@dataclass(frozen=True)
class RoleList:
    roles: tuple[Role, ...]
    levels: tuple[Level, ...]  # the levels of those roles, in order

    def by_level(self):
        for level in self.levels:
            yield level, tuple(role for role in self.roles if role.level == level.level)


@dataclass(frozen=True)
class LevelList:
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class CompetenceList:
    competences: tuple[Competence, ...]


def role_profile(framework: Framework, name: str, locality: bool = True) -> RoleProfile:
    role = framework.find_role(name)
    holdings = tuple(h for h in framework.holdings(role) if locality or h.category != "locality-specific")
    base = framework.roles[role.based_on] if role.based_on else None
    return RoleProfile(role, framework.levels[role.level], holdings, base, framework.has_overlays)


def level_profile(framework: Framework, number: int) -> LevelProfile:
    level = framework.find_level(number)
    return LevelProfile(level, framework.core_competences(number), framework.roles_at(number))


def competence_profile(framework: Framework, name: str) -> CompetenceProfile:
    competence = framework.find_competence(name)
    used_by = tuple(
        Use(role, holding.category)
        for role in framework.roles.values()
        for holding in framework.holdings(role)
        if holding.competence is competence
    )
    return CompetenceProfile(competence, used_by, framework.origins.competences.get(competence.key, ""))


def list_roles(framework: Framework, level: int | None = None) -> RoleList:
    if level is not None:
        framework.find_level(level)
    roles = tuple(role for role in framework.roles.values() if level is None or role.level == level)
    levels = tuple(framework.levels[number] for number in sorted({role.level for role in roles}))
    return RoleList(roles, levels)


def list_levels(framework: Framework) -> LevelList:
    return LevelList(tuple(framework.levels.values()))


def list_competences(framework: Framework) -> CompetenceList:
    return CompetenceList(tuple(framework.competences.values()))
