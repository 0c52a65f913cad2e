"""Queries behind the views of roles, levels and competences: pure functions over the framework."""

# No `from __future__ import annotations`: typing compiles each string annotation of a named tuple's fields
# as the class is made, which costs more at start-up than the annotations as objects do.

from collections.abc import Iterator
from typing import Any, NamedTuple

from ldcf.framework.entities import AFC_NOTE, Category, Competence, Level, Role, as_data
from ldcf.framework.lookups import Framework, Holding


def _holding(holding: Holding) -> dict[str, Any]:
    competence = holding.competence
    entry = {
        **competence.brief(),
        "category": holding.category,
        "body": competence.body,
        "url": competence.url,
        "origin": holding.origin,
    }
    if holding.note:
        entry["note"] = holding.note
    if holding.group is not None and (holding.group.principle or holding.group.function):
        entry["principle"] = holding.group.principle
        entry["function"] = holding.group.function
    return entry


class RoleProfile(NamedTuple):
    role: Role
    level: Level
    holdings: tuple[Holding, ...]
    base: Role | None = None  # the role this one is based on, if any
    show_origins: bool = False  # whether the data has overlays, so that provenance is worth showing

    def to_dict(self) -> dict[str, Any]:
        role = self.role
        return {
            **role.brief(),
            "based_on": role.based_on,
            "employer": role.employer,
            "location": role.location,
            "afc_band": role.afc_band,
            **({"afc_note": AFC_NOTE} if role.afc_band else {}),
            "aliases": list(role.aliases),
            "indicative_title": self.level.indicative_title,
            "descriptor": self.level.ld_descriptor or self.level.descriptor,
            "area_of_work": role.area_of_work,
            "reports_to": role.reports_to,
            "accountable_to": role.accountable_to,
            "responsible_for": role.responsible_for,
            "purpose": list(role.purpose),
            "scope": role.scope,
            "duties": as_data(role.duties),
            "person_specification": as_data(role.person_specification),
            "competences": [_holding(holding) for holding in self.holdings],
            "learning": as_data(role.learning),
            "cpd": as_data(role.cpd),
            "notes": as_data(role.notes),
            "source": as_data(role.source),
        }


class LevelProfile(NamedTuple):
    level: Level
    core: tuple[Competence, ...]
    roles: tuple[Role, ...]

    def to_dict(self) -> dict[str, Any]:
        level = self.level
        return {
            "level": level.level,
            "indicative_title": level.indicative_title,
            "descriptor": level.descriptor,
            "ld_descriptor": level.ld_descriptor,
            "attributes": list(level.attributes),
            "core": [competence.brief() for competence in self.core],
            "roles": [{"id": role.id, "title": role.title} for role in self.roles],
        }


class Use(NamedTuple):
    """A role that needs a competence, and in which category."""

    role: Role
    category: Category


class CompetenceProfile(NamedTuple):
    competence: Competence
    used_by: tuple[Use, ...]
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        competence = self.competence
        return {
            **competence.brief(),
            "url": competence.url,
            "body": competence.body,
            "aliases": list(competence.aliases),
            "core_levels": list(competence.core_levels),
            "document": competence.source,
            "origin": self.origin,
            "used_by": [{"role": use.role.id, "category": use.category} for use in self.used_by],
        }


class RoleList(NamedTuple):
    roles: tuple[Role, ...]
    levels: tuple[Level, ...]  # the levels of those roles, in order

    def by_level(self) -> Iterator[tuple[Level, tuple[Role, ...]]]:
        for level in self.levels:
            yield level, tuple(role for role in self.roles if role.level == level.level)

    def to_dict(self) -> list[dict[str, Any]]:
        return [role.brief() for role in self.roles]


class LevelList(NamedTuple):
    levels: tuple[Level, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [{"level": level.level, "indicative_title": level.indicative_title} for level in self.levels]


class CompetenceList(NamedTuple):
    competences: tuple[Competence, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [competence.brief() for competence in self.competences]


def role_profile(framework: Framework, name: str, locality: bool = True) -> RoleProfile:
    role = framework.find_role(name)
    holdings = tuple(h for h in framework.holdings(role) if locality or h.category != "locality-specific")
    base = framework.role(role.based_on) if role.based_on else None
    return RoleProfile(role, framework.levels[role.level], holdings, base, framework.has_overlays)


def level_profile(framework: Framework, number: int) -> LevelProfile:
    level = framework.find_level(number)
    return LevelProfile(level, framework.core_competences(number), framework.roles_at(number))


def competence_profile(framework: Framework, name: str) -> CompetenceProfile:
    competence = framework.find_competence(name)
    # The roles that hold it, found from every role's competence keys: only they are read, without what they list.
    holders = [role_id for role_id, (_, keys) in framework.requirements().items() if competence.key in keys]
    used_by = []
    for role in map(framework.role_alone, holders):
        category = framework.category(role, competence.key)
        if category is not None:
            used_by.append(Use(role, category))
    return CompetenceProfile(competence, tuple(used_by), framework.competence_origin(competence.key))


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
