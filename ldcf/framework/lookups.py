"""The framework in memory: levels, competences and roles, and lookups by name.

It is built, and checked, by `ldcf.building.layers`; everything here can assume valid data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

from ldcf.framework.edition import Edition
from ldcf.framework.entities import Category, Competence, CompetenceGroup, Level, Role
from ldcf.framework.naming import competence_key, role_key

T = TypeVar("T")

if TYPE_CHECKING:  # a protocol costs a millisecond to define, and only the type checker needs it
    from ldcf.framework.titles import TitleIndex

    class FrameworkSource(Protocol):
        """Where a framework read on demand comes from (a cache entry): everything every command needs at once, and
        each role with the competences it lists when asked. Raises SourceDamaged when what it holds is not sound."""

        levels: Sequence[Level]
        layers: tuple[str, ...]
        editions: Sequence[tuple[str, Edition]]  # each data folder's edition, by folder label, base first
        core: Sequence[tuple[Competence, str]]  # every competence core at some level, and its folder

        def has_role(self, role_id: str) -> bool: ...

        def role_names(self) -> Iterable[tuple[str, Sequence[str]]]:
            """Each role's id and every name it is known by, in the framework's order."""
            ...

        def role(self, role_id: str) -> tuple[Role, GroupOrigins, Sequence[tuple[Competence, str]]]:
            """The role, the folders of its groups, and each competence it lists that is not core, with its folder."""
            ...

        def role_ids(self, level: int | None = None) -> list[str]:
            """The id of every role, or of every role at `level`, in the framework's order."""
            ...

        def role_document(self, role_id: str) -> tuple[Role, GroupOrigins]:
            """The role and the folders of its groups, without the competences it lists."""
            ...

        def role_documents(self, role_ids: list[str]) -> list[tuple[Role, GroupOrigins]]:
            """`role_document` of each, read together."""
            ...

        def role_origin(self, role_id: str) -> str: ...

        def competence_keys(self) -> list[str]:
            """The key of every competence, in the framework's order."""
            ...

        def competence_named(self, key: str) -> tuple[Competence, str] | None:
            """The competence and its folder that `find_competence` finds by a name whose `competence_key` is `key`,
            if any."""
            ...

        def title_index(self, register: Callable[[Competence, str], Competence]) -> TitleIndex:
            """The title index of the catalogue (`ldcf.framework.titles`), whose competences, as it reads them, are
            `register`ed with their folders."""
            ...

        def requirements(self) -> dict[str, tuple[int, frozenset[str]]]:
            """What `Framework.requirements` gives, read without the competences themselves."""
            ...

        def everything(self) -> Framework: ...

        def fallback(self) -> Framework:
            """The framework read some other way, when the source turns out to be damaged."""
            ...


class UnknownName(LookupError):
    """A name that matches nothing, with the closest known names."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str]) -> None:
        self.kind, self.name, self.suggestions = kind, name, tuple(suggestions)
        hint = f"; did you mean {' or '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class Holding(NamedTuple):
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


class Origins(NamedTuple):
    """Which data folder each competence, role and competence group comes from, by folder label."""

    layers: tuple[str, ...]
    competences: dict[str, str]
    roles: dict[str, str]
    # For each role: the folder of each of its role-specific groups, then of each locality-specific group.
    groups: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


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


class SourceDamaged(Exception):
    """What a framework source holds is not sound: the framework is read another way."""


GroupOrigins = tuple[tuple[str, ...], tuple[str, ...]]
# A framework read on demand finds up to this many competences by name from the cache's index, a few microseconds
# each; a command that looks up more (a team's records) reads the whole catalogue once instead, and then finds each
# in a dict.
NAMES_ON_DEMAND = 1000


class Framework:
    """The validated framework. `ldcf.building.layers.build_framework` builds it, checking every cross-reference.

    Roles based on another role are held resolved: with the level they inherit, and the inherited competence
    groups before their own.

    A framework read from the cache (`on_demand`) holds at first only the levels, the core competences and the
    names of the roles: a role is read when it is looked up, with the competences it lists, a competence when it
    is found by name, the roles alone when `roles` or `roles_at` is used, and everything the first time
    `competences` or `origins` is used, so that each view reads only what it shows. What is read once stays the
    same object when more is read.

    `editions` holds the edition each data folder states, by folder label, the base's first.
    """

    def __init__(
        self,
        levels: Iterable[Level],
        competences: Iterable[Competence],
        roles: Iterable[Role],
        origins: Origins | None = None,
        editions: dict[str, Edition] | None = None,
    ) -> None:
        self._source: FrameworkSource | None = None
        self.levels: dict[int, Level] = {level.level: level for level in sorted(levels, key=lambda level: level.level)}
        self.editions: dict[str, Edition] = dict(editions or {})
        self._hold(competences, roles, origins or Origins((), {}, {}, {}))

    def _hold(self, competences: Iterable[Competence], roles: Iterable[Role], origins: Origins) -> None:
        self._competences: dict[str, Competence] = {competence.key: competence for competence in competences}
        self._roles: dict[str, Role] = {role.id: role for role in sorted(roles, key=lambda r: r.level)}
        self._origins = origins
        core: dict[int, list[Competence]] = {}
        for competence in self._competences.values():
            for level in competence.core_levels:
                core.setdefault(level, []).append(competence)
        self._core = {level: tuple(competences) for level, competences in core.items()}
        self._role_names: NameIndex[str] | None = None
        self._competence_names: NameIndex[Competence] | None = None
        self._all_roles = self._source is None  # whether every role is held, in the framework's order
        self._listed_read: set[str] = set()  # roles read on demand with the competences they list
        self._names_found = 0  # competences looked up by name
        self._title_index: TitleIndex | None = None

    @classmethod
    def on_demand(cls, source: FrameworkSource) -> Framework:
        framework = cls((), (), ())
        framework.levels = {level.level: level for level in sorted(source.levels, key=lambda level: level.level)}
        framework.editions = dict(source.editions)
        framework._hold(
            (competence for competence, _ in source.core),
            (),
            Origins(source.layers, {competence.key: origin for competence, origin in source.core}, {}, {}),
        )
        framework._source = source
        framework._all_roles = False
        return framework

    def _read_everything(self) -> None:
        source = self._source
        if source is None:
            return
        try:
            whole = source.everything()
        except SourceDamaged:
            whole = source.fallback()
        self._source = None
        self.levels = whole.levels
        read, held = self._competences, self._roles  # kept as they are: the same objects as before
        competences = (read.get(key, competence) for key, competence in whole.competences.items())
        title_index = self._title_index
        self._hold(competences, (held.get(role.id, role) for role in whole.roles.values()), whole.origins)
        self._title_index = title_index  # its places are those of the competences, which keep their order

    @property
    def roles(self) -> dict[str, Role]:
        self._read_roles()
        return self._roles

    def _read_roles(self) -> None:
        """Every role, without the competences they list (which a framework read on demand reads with a role
        when `role` or `find_role` looks it up, or with everything)."""
        source = self._source
        if self._all_roles or source is None:
            return
        try:
            self._read_role_documents(source, source.role_ids())
        except SourceDamaged:
            self._read_everything()
            return
        self._roles = {role_id: self._roles[role_id] for role_id in source.role_ids()}
        self._all_roles = True

    def _read_role_documents(self, source: FrameworkSource, role_ids: list[str]) -> None:
        unread = [role_id for role_id in role_ids if role_id not in self._roles]
        for role_id, (role, group_origins) in zip(unread, source.role_documents(unread), strict=True):
            self._roles[role_id], self._origins.groups[role_id] = role, group_origins

    def role_ids(self) -> list[str]:
        """The id of every role, in the framework's order, without reading the roles."""
        if self._source is not None and not self._all_roles:
            return self._source.role_ids()
        return list(self._roles)

    def competence_keys(self) -> list[str]:
        """The key of every competence, in the framework's order, without reading the competences."""
        if self._source is not None:
            try:
                return self._source.competence_keys()
            except SourceDamaged:
                self._read_everything()
        return list(self._competences)

    @property
    def layers(self) -> tuple[str, ...]:
        """The labels of the data folders, the base first."""
        return self._origins.layers

    def role_origin(self, role_id: str) -> str:
        """The label of the data folder the role comes from."""
        if self._source is not None and role_id not in self._origins.roles:
            try:
                return self._source.role_origin(role_id)
            except SourceDamaged:
                self._read_everything()
        return self._origins.roles.get(role_id, "")

    def title_index(self) -> TitleIndex:
        """The title index of the catalogue (`ldcf.framework.titles`), for search and suggest: the cache's, read in
        parts as it is used, or made from the catalogue once."""
        if self._title_index is None and self._source is not None:
            try:
                self._title_index = self._source.title_index(self._register)
            except SourceDamaged:
                self._read_everything()
        if self._title_index is None:
            from ldcf.framework.titles import MemoryTitleIndex

            self._title_index = MemoryTitleIndex(list(self.competences.values()))
        return self._title_index

    def _register(self, competence: Competence, origin: str) -> Competence:
        """A competence read on demand, held with its folder; the one held already, if it was read before."""
        self._origins.competences.setdefault(competence.key, origin)
        return self._competences.setdefault(competence.key, competence)

    @property
    def competences(self) -> dict[str, Competence]:
        self._read_everything()
        return self._competences

    @property
    def origins(self) -> Origins:
        self._read_everything()
        return self._origins

    def _roles_by_name(self) -> NameIndex[str]:
        if self._role_names is None:
            self._role_names = NameIndex(role_key)
            if self._source is not None:
                named: Iterable[tuple[str, Sequence[str]]] = self._source.role_names()
            else:
                named = ((role.id, (role.id, role.title, *role.aliases)) for role in self._roles.values())
            for role_id, names in named:
                for name in names:
                    self._role_names.add(name, role_id)
        return self._role_names

    def _competences_by_name(self) -> NameIndex[Competence]:
        if self._competence_names is None:
            competences = self.competences  # read whole first, which starts the indexes afresh
            self._competence_names = NameIndex(competence_key)
            for competence in competences.values():
                for name in (competence.key, *competence.aliases):
                    self._competence_names.add(name, competence)
        return self._competence_names

    @property
    def has_overlays(self) -> bool:
        return len(self._origins.layers) > 1

    # Lookups -------------------------------------------------------------------------------------------------

    def find_role(self, name: str) -> Role:
        """A role by id, title or alias, in any case and spacing."""
        known = self._source.has_role(name) if self._source else name in self._roles
        role_id = name if known else self._roles_by_name().get(name)  # an id as it is needs no index of names
        if role_id is None:
            raise UnknownName("role", name, self._roles_by_name().suggestions(name))
        return self.role(role_id)

    def find_competence(self, name: str) -> Competence:
        """A competence by code, alias or (for an uncoded one) id, in any case and spacing, and a code as UK
        Standards prints it: with the prefix SFH (SFHGEN97) or, for CFA codes, without the underscore (CFABAA621)."""
        self._names_found += 1  # a command that looks up many (a team's records) reads the catalogue once instead
        if self._source is not None and self._competence_names is None and self._names_found <= NAMES_ON_DEMAND:
            try:
                found = self._source.competence_named(competence_key(name))
            except SourceDamaged:
                found = None
            if found is not None:
                return self._register(*found)
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
        source = self._source
        if source is not None and not self._all_roles:
            try:
                at_level = source.role_ids(level)
                self._read_role_documents(source, at_level)
                return tuple(self._roles[role_id] for role_id in at_level)
            except SourceDamaged:
                self._read_everything()
        return tuple(role for role in self.roles.values() if role.level == level)

    def holdings(self, role: Role) -> tuple[Holding, ...]:
        """Every competence the role holds, once each: the core of its level, then its listed groups in order. A
        competence listed again (a core one also listed as role-specific) stays in its first category, noted.
        Where the role arranges its core in `core_groups`, each core competence carries its group, in their order."""
        core_group = {key: group for group in role.core_groups for key in group.competences}
        order = {key: index for index, key in enumerate(core_group)}
        core = sorted(self.core_competences(role.level), key=lambda competence: order.get(competence.key, len(order)))
        holdings = [
            Holding(competence, "core", core_group.get(competence.key), self.competence_origin(competence.key))
            for competence in core
        ]
        position = {holding.competence.key: index for index, holding in enumerate(holdings)}
        group_origins = self.group_origins(role.id)
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
                        holdings[position[reference]] = first._replace(also_listed=first.also_listed or category)
                        continue
                    position[reference] = len(holdings)
                    holdings.append(Holding(self.competence(reference), category, group, origin))
        return tuple(holdings)

    def category(self, role: Role, key: str) -> Category | None:
        """The category in which `role` holds the competence `key`, as `holdings` gives it (the first it is listed
        in), without reading the competences the role lists; None if the role does not hold it."""
        if any(competence.key == key for competence in self.core_competences(role.level)):
            return "core"
        if any(key in group.competences for group in role.role_specific):
            return "role-specific"
        if any(key in group.competences for group in role.locality_specific):
            return "locality-specific"
        return None

    def role_alone(self, role_id: str) -> Role:
        """The role, without reading the competences it lists (which `role` reads with it, for its holdings)."""
        if self._source is not None and role_id not in self._roles:
            try:
                self._roles[role_id], self._origins.groups[role_id] = self._source.role_document(role_id)
            except SourceDamaged:
                self._read_everything()
        return self._roles[role_id]

    def requirements(self) -> dict[str, tuple[int, frozenset[str]]]:
        """Each role's level and the keys of every competence it holds, by id, in the framework's order: what a
        route search compares, which needs neither the competences nor most of the roles themselves."""
        if self._source is not None:
            try:
                return self._source.requirements()
            except SourceDamaged:
                self._read_everything()
        return {
            role.id: (role.level, frozenset(holding.competence.key for holding in self.holdings(role)))
            for role in self._roles.values()
        }

    # What a role's holdings need, one at a time, so that a framework read on demand reads only those. -------

    def role(self, role_id: str) -> Role:
        if self._source is not None and role_id not in self._listed_read:
            self._read_role(self._source, role_id)
        return self._roles[role_id]

    def _read_role(self, source: FrameworkSource, role_id: str) -> None:
        """The role with the competences it lists, which its holdings need."""
        try:
            role, group_origins, listed = source.role(role_id)
        except SourceDamaged:
            self._read_everything()
            return
        for competence, origin in listed:
            self._register(competence, origin)
        self._origins.groups[role_id] = group_origins
        self._roles.setdefault(role_id, role)
        self._listed_read.add(role_id)

    def competence(self, key: str) -> Competence:
        if key not in self._competences:
            self._read_everything()
        return self._competences[key]

    def competence_origin(self, key: str) -> str:
        if key not in self._origins.competences:
            self._read_everything()
        return self._origins.competences.get(key, "")

    def group_origins(self, role_id: str) -> GroupOrigins:
        if role_id not in self._origins.groups:
            self._read_everything()
        return self._origins.groups.get(role_id, ((), ()))
