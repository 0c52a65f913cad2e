"""The framework in memory: levels, competences and roles, and lookups by name.

It is built, and checked, by `ldcf.build`; everything here can assume valid data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from ldcf.entities import Category, Competence, CompetenceGroup, Level, Role
from ldcf.naming import lookup_key, role_key

T = TypeVar("T")


class UnknownName(LookupError):
    """A name that matches nothing, with the closest known names."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str]) -> None:
        self.kind, self.name, self.suggestions = kind, name, tuple(suggestions)
        hint = f"; did you mean {' or '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


@dataclass(frozen=True)
class Holding:
    """A competence a role holds, in which category, the group it is listed under in its role file, and the data
    folder the requirement comes from."""

    competence: Competence
    category: Category
    group: CompetenceGroup | None = None
    origin: str = ""
    also_listed: Category | None = None  # the role's file lists it again, in this category, though it is held already

    @property
    def note(self) -> str:
        return f"also listed as {self.also_listed} for this role" if self.also_listed else ""


@dataclass(frozen=True)
class Origins:
    """Which data folder each competence, role and competence group comes from, by folder label."""

    layers: tuple[str, ...] = ()
    competences: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    # For each role: the folder of each of its role-specific groups, then of each locality-specific group.
    groups: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)


class NameIndex(Generic[T]):
    """Names mapped to values under a normalising function, remembering each name for suggestions."""

    def __init__(self, normalise: Callable[[str], str]) -> None:
        self._normalise = normalise
        self._values: dict[str, T] = {}
        self._names: dict[str, str] = {}

    def add(self, name: str, value: T) -> T | None:
        """Index `value` under `name`; return the value already there under another identity, if any."""
        key = self._normalise(name)
        existing = self._values.get(key)
        if existing is not None and existing is not value:
            return existing
        self._values[key] = value
        self._names.setdefault(key, name)
        return None

    def get(self, name: str) -> T | None:
        return self._values.get(self._normalise(name))

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        import difflib

        close = difflib.get_close_matches(self._normalise(name), list(self._names), n=limit, cutoff=0.6)
        return [self._names[key] for key in close]


class Framework:
    """The validated framework. `ldcf.build.build_framework` builds it, checking every cross-reference.

    Roles based on another role are held resolved: with the level they inherit, and the inherited competence
    groups before their own.
    """

    def __init__(
        self,
        levels: Iterable[Level],
        competences: Iterable[Competence],
        roles: Iterable[Role],
        origins: Origins | None = None,
    ) -> None:
        self.levels: dict[int, Level] = {level.level: level for level in sorted(levels, key=lambda level: level.level)}
        self.competences: dict[str, Competence] = {competence.key: competence for competence in competences}
        self.roles: dict[str, Role] = {role.id: role for role in sorted(roles, key=lambda r: r.level)}
        self.origins = origins or Origins()
        core: dict[int, list[Competence]] = {}
        for competence in self.competences.values():
            for level in competence.core_levels:
                core.setdefault(level, []).append(competence)
        self._core = {level: tuple(competences) for level, competences in core.items()}
        self._role_names: NameIndex[Role] | None = None
        self._competence_names: NameIndex[Competence] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # The name indexes are rebuilt when first needed rather than cached: most commands need only one.
        return {**self.__dict__, "_role_names": None, "_competence_names": None}

    def _roles_by_name(self) -> NameIndex[Role]:
        if self._role_names is None:
            self._role_names = NameIndex(role_key)
            for role in self.roles.values():
                for name in (role.id, role.title, *role.aliases):
                    self._role_names.add(name, role)
        return self._role_names

    def _competences_by_name(self) -> NameIndex[Competence]:
        if self._competence_names is None:
            self._competence_names = NameIndex(lookup_key)
            for competence in self.competences.values():
                for name in (competence.key, *competence.aliases):
                    self._competence_names.add(name, competence)
        return self._competence_names

    @property
    def has_overlays(self) -> bool:
        return len(self.origins.layers) > 1

    # Lookups -------------------------------------------------------------------------------------------------

    def find_role(self, name: str) -> Role:
        """A role by id, title or alias, in any case and spacing."""
        role = self._roles_by_name().get(name)
        if role is None:
            raise UnknownName("role", name, self._roles_by_name().suggestions(name))
        return role

    def find_competence(self, name: str) -> Competence:
        """A competence by code, alias or (for an uncoded one) id, in any case and spacing."""
        competence = self._competences_by_name().get(name)
        if competence is None:
            raise UnknownName("competence", name, self._competences_by_name().suggestions(name))
        return competence

    def find_level(self, number: int) -> Level:
        if number not in self.levels:
            raise UnknownName("level", str(number), [str(n) for n in self.levels])
        return self.levels[number]

    # Derived facts -------------------------------------------------------------------------------------------

    def core_competences(self, level: int) -> tuple[Competence, ...]:
        return self._core.get(level, ())

    def roles_at(self, level: int) -> tuple[Role, ...]:
        return tuple(role for role in self.roles.values() if role.level == level)

    def holdings(self, role: Role) -> tuple[Holding, ...]:
        """Every competence the role holds, once each: the core of its level, then its listed groups in order. A
        competence listed again (a core one also listed as role-specific) stays in its first category, noted."""
        holdings = [
            Holding(competence, "core", None, self.origins.competences.get(competence.key, ""))
            for competence in self.core_competences(role.level)
        ]
        position = {holding.competence.key: index for index, holding in enumerate(holdings)}
        group_origins = self.origins.groups.get(role.id, ((), ()))
        listed: tuple[tuple[Category, tuple[CompetenceGroup, ...], tuple[str, ...]], ...] = (
            ("role-specific", role.role_specific, group_origins[0]),
            ("locality-specific", role.locality_specific, group_origins[1]),
        )
        for category, groups, origins in listed:
            for index, group in enumerate(groups):
                origin = origins[index] if index < len(origins) else ""
                for reference in group.competences:
                    if reference in position:
                        first = holdings[position[reference]]
                        holdings[position[reference]] = replace(first, also_listed=first.also_listed or category)
                        continue
                    position[reference] = len(holdings)
                    holdings.append(Holding(self.competences[reference], category, group, origin))
        return tuple(holdings)
