"""The loaded catalogue: levels, competences and roles, with cross-references checked once and lookups by name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ldcf.entities import Category, Competence, CompetenceGroup, Level, Role, plain
from ldcf.naming import lookup_key, slugify, title_key
from ldcf.problems import Finding, Severity

if TYPE_CHECKING:
    from ldcf import models


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


@dataclass(frozen=True)
class Origins:
    """Which data folder each competence, role and competence group comes from, by folder label."""

    layers: tuple[str, ...] = ()
    competences: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    # For each role: the folder of each of its role-specific groups, then of each locality-specific group.
    groups: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)


class _Index:
    """Names mapped to values under a normalising function, remembering each name for suggestions."""

    def __init__(self, normalise) -> None:
        self._normalise = normalise
        self._values: dict[str, object] = {}
        self._names: dict[str, str] = {}

    def add(self, name: str, value: object) -> object | None:
        """Index `value` under `name`; return the value already there under another identity, if any."""
        key = self._normalise(name)
        existing = self._values.get(key)
        if existing is not None and existing is not value:
            return existing
        self._values[key] = value
        self._names.setdefault(key, name)
        return None

    def get(self, name: str) -> object | None:
        return self._values.get(self._normalise(name))

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        import difflib

        close = difflib.get_close_matches(self._normalise(name), list(self._names), n=limit, cutoff=0.6)
        return [self._names[key] for key in close]


class Framework:
    """The validated framework. Build it with `build_framework`, which checks every cross-reference.

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
        self._indexes: dict[str, _Index] = {}

    def __getstate__(self) -> dict:
        # The name indexes are rebuilt when first needed rather than cached: most commands need only one.
        return {**self.__dict__, "_indexes": {}}

    def _index(self, kind: str) -> _Index:
        if kind not in self._indexes:
            if kind == "competence":
                index = _Index(lookup_key)
                for competence in self.competences.values():
                    for name in (competence.key, *competence.aliases):
                        index.add(name, competence)
            else:
                index = _Index(slugify)
                for role in self.roles.values():
                    for name in (role.id, role.title, *role.aliases):
                        index.add(name, role)
            self._indexes[kind] = index
        return self._indexes[kind]

    @property
    def has_overlays(self) -> bool:
        return len(self.origins.layers) > 1

    # Lookups -------------------------------------------------------------------------------------------------

    def find_role(self, name: str) -> Role:
        """A role by id, title or alias, in any case and spacing."""
        role = self._index("role").get(name)
        if role is None:
            raise UnknownName("role", name, self._index("role").suggestions(name))
        return role  # type: ignore[return-value]

    def find_competence(self, name: str) -> Competence:
        """A competence by code, alias or (for an uncoded one) id, in any case and spacing."""
        competence = self._index("competence").get(name)
        if competence is None:
            raise UnknownName("competence", name, self._index("competence").suggestions(name))
        return competence  # type: ignore[return-value]

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
        """Every competence the role holds: the core of its level, then its listed groups in order."""
        holdings = [
            Holding(competence, "core", None, self.origins.competences.get(competence.key, ""))
            for competence in self.core_competences(role.level)
        ]
        group_origins = self.origins.groups.get(role.id, ((), ()))
        for category, groups, origins in (
            ("role-specific", role.role_specific, group_origins[0]),
            ("locality-specific", role.locality_specific, group_origins[1]),
        ):
            for index, group in enumerate(groups):
                origin = origins[index] if index < len(origins) else ""
                holdings += [
                    Holding(self.competences[reference], category, group, origin)  # type: ignore[arg-type]
                    for reference in group.competences
                ]
        return tuple(holdings)


@dataclass(frozen=True)
class Layer:
    """One data folder's validated contents: the national base, or a local overlay on it."""

    label: str
    levels_file: str
    levels: models.LevelsFile | None
    competences_file: str
    competences: models.CompetencesFile | None
    roles: Sequence[tuple[str, models.Role]]
    competences_invalid: bool = False


@dataclass
class _Defined:
    """A definition, where it was made, and from which folder."""

    value: object
    file: str
    path: tuple
    label: str


def build_framework(layers: Sequence[Layer]) -> tuple[Framework | None, list[Finding]]:
    """Merge the layers, check every cross-reference, and build the framework; None when any check finds an error.

    Later layers add to earlier ones. The same level, competence or role defined identically in two layers is
    one definition; defined differently, it is an error naming both places.
    """
    findings: list[Finding] = []
    levels = _merge(
        ((layer, "levels", plain(layer.levels.levels), layer.levels_file) for layer in layers if layer.levels),
        lambda level: level.level,
        "level {}",
        findings,
    )
    competences = _merge(
        (
            (layer, "competences", plain(layer.competences.competences), layer.competences_file)
            for layer in layers
            if layer.competences
        ),
        lambda competence: competence.key,
        "{}",
        findings,
    )
    _check_competence_names(competences, findings)
    _check_uncoded(competences, findings)
    own_roles = {}
    for layer in layers:
        for file, model in layer.roles:
            role = plain(model)
            defined = _Defined(role, file, (), layer.label)
            earlier = own_roles.get(role.id)
            if earlier is None:
                own_roles[role.id] = defined
            elif earlier.value != role:
                findings.append(
                    Finding(
                        file,
                        ("id",),
                        Severity.ERROR,
                        f"the role {role.id} is also defined, differently, in another folder",
                        also=(earlier.file, ("id",)),
                    )
                )
    origins = Origins(
        layers=tuple(layer.label for layer in layers),
        competences={key: defined.label for key, defined in competences.items()},
        roles={role_id: defined.label for role_id, defined in own_roles.items()},
    )
    checker = Framework([d.value for d in levels.values()], [d.value for d in competences.values()], (), origins)
    _check_core_levels(competences, checker, findings)
    resolved = _resolve_roles(own_roles, checker, findings)
    if not any(layer.competences_invalid for layer in layers):
        for role_id, defined in own_roles.items():
            if role_id in resolved:
                _check_role(defined, resolved[role_id], checker, findings)
    _check_role_names([(d.file, d.value) for d in own_roles.values()], findings)
    complete = any(layer.levels for layer in layers) and any(layer.competences for layer in layers)
    if not complete or any(finding.severity is Severity.ERROR for finding in findings):
        return None, findings
    roles = [role for role, _ in resolved.values()]
    origins.groups.update({role.id: groups for role, groups in resolved.values()})
    return Framework(checker.levels.values(), checker.competences.values(), roles, origins), findings


def _merge(sources, key_of, name: str, findings: list[Finding]) -> dict:
    """Definitions by key, in order; a key defined twice in one file, or differently in two, is an error."""
    merged: dict[object, _Defined] = {}
    for layer, field_name, values, file in sources:
        for index, value in enumerate(values):
            key = key_of(value)
            identity = "level" if field_name == "levels" else ("code" if getattr(value, "code", None) else "id")
            path = (field_name, index, identity)
            earlier = merged.get(key)
            if earlier is None:
                merged[key] = _Defined(value, file, path, layer.label)
            elif earlier.file == file:
                findings.append(Finding(file, path, Severity.ERROR, f"{name.format(key)} is defined twice"))
            elif earlier.value != value:
                findings.append(
                    Finding(
                        file,
                        path,
                        Severity.ERROR,
                        f"{name.format(key)} is also defined, differently, in another folder",
                        also=(earlier.file, earlier.path),
                    )
                )
    return merged


def _check_competence_names(competences: dict, findings: list[Finding]) -> None:
    names = _Index(lookup_key)
    for defined in competences.values():
        names.add(defined.value.key, defined.value)
    for defined in competences.values():
        competence = defined.value
        for alias_index, alias in enumerate(competence.aliases):
            clash = names.add(alias, competence)
            if clash is not None:
                findings.append(
                    Finding(
                        defined.file,
                        (*defined.path[:2], "aliases", alias_index),
                        Severity.ERROR,
                        f"alias {alias!r} already names {clash.key}",  # type: ignore[attr-defined]
                    )
                )


def _check_uncoded(competences: dict, findings: list[Finding]) -> None:
    uncoded = [defined for defined in competences.values() if defined.value.code is None]
    if not uncoded:  # title keys cost a little each; a large catalogue of NOS alone needs none
        return
    titles: dict[str, Competence] = {}
    for defined in competences.values():
        if defined.value.code:
            titles.setdefault(title_key(defined.value.title), defined.value)
    for defined in uncoded:
        competence = defined.value
        same_title = titles.get(title_key(competence.title))
        if same_title is not None:
            findings.append(
                Finding(
                    defined.file,
                    defined.path,
                    Severity.ERROR,
                    f"{competence.title!r} is the title of {same_title.code}: refer to that NOS by its code instead",
                )
            )
        else:
            findings.append(
                Finding(defined.file, defined.path, Severity.WARNING, f"{competence.title!r} has no NOS code")
            )


def _check_core_levels(competences: dict, framework: Framework, findings: list[Finding]) -> None:
    if not framework.levels:
        return
    for defined in competences.values():
        for level_index, level in enumerate(defined.value.core_levels):
            if level not in framework.levels:
                path = (*defined.path[:2], "core_levels", level_index)
                findings.append(
                    Finding(defined.file, path, Severity.ERROR, f"level {level} is not defined in the levels file")
                )


def _resolve_roles(own_roles: dict, framework: Framework, findings: list[Finding]) -> dict:
    """Each role with its inherited level and groups, and the folder of each group, by id.

    A role whose `based_on` names no role, or leads round in a cycle, is reported and left out.
    """
    resolved: dict[str, tuple[Role, tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    failed: set[str] = set()
    role_ids = _Index(slugify)
    for role_id in own_roles:
        role_ids.add(role_id, role_id)

    def resolve(role_id: str, trail: tuple[str, ...]) -> bool:
        if role_id in resolved:
            return True
        if role_id in failed:
            return False
        defined = own_roles[role_id]
        role: Role = defined.value  # type: ignore[assignment]
        own_origins = ((defined.label,) * len(role.role_specific), (defined.label,) * len(role.locality_specific))
        if role.based_on is None:
            resolved[role_id] = (role, own_origins)
            return True
        if role.based_on not in own_roles:
            failed.add(role_id)
            close = role_ids.suggestions(role.based_on)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            findings.append(
                Finding(defined.file, ("based_on",), Severity.ERROR, f"based_on names no role: {role.based_on!r}{hint}")
            )
            return False
        if role.based_on in trail or role.based_on == role_id:
            failed.add(role_id)
            cycle = (
                " -> ".join((*trail[trail.index(role.based_on) :], role_id, role.based_on))
                if role.based_on in trail
                else f"{role_id} -> {role_id}"
            )
            other = None if role.based_on == role_id else (own_roles[role.based_on].file, ("based_on",))
            findings.append(
                Finding(
                    defined.file, ("based_on",), Severity.ERROR, f"based_on goes round in a cycle: {cycle}", also=other
                )
            )
            return False
        if not resolve(role.based_on, (*trail, role_id)):
            failed.add(role_id)
            return False
        base, base_origins = resolved[role.based_on]
        if role.level is not None and role.level != base.level:
            findings.append(
                Finding(
                    defined.file,
                    ("level",),
                    Severity.ERROR,
                    f"level {role.level} differs from level {base.level} of {base.id}, which this role is "
                    "based on; leave level out to inherit it",
                    also=(own_roles[base.id].file, ("level",)),
                )
            )
        resolved[role_id] = (
            role._replace(
                level=base.level,
                role_specific=base.role_specific + role.role_specific,
                locality_specific=base.locality_specific + role.locality_specific,
                area_of_work=role.area_of_work or base.area_of_work,
                scope=role.scope or base.scope,
                experience_required=role.experience_required or base.experience_required,
                learning=role.learning or base.learning,
                cpd=role.cpd or base.cpd,
            ),
            (base_origins[0] + own_origins[0], base_origins[1] + own_origins[1]),
        )
        return True

    for role_id in own_roles:
        resolve(role_id, ())
    return resolved


def _check_role(defined: _Defined, resolved: tuple, framework: Framework, findings: list[Finding]) -> None:
    """Check the references a role's own file lists, against what it inherits and its level's core."""
    own: Role = defined.value  # type: ignore[assignment]
    role, _ = resolved
    file = defined.file
    if framework.levels and own.level is not None and own.level not in framework.levels:
        findings.append(
            Finding(file, ("level",), Severity.ERROR, f"level {own.level} is not defined in the levels file")
        )
    core = {competence.key for competence in framework.core_competences(role.level)}
    own_count = (len(own.role_specific), len(own.locality_specific))
    inherited = {
        reference
        for groups, count in ((role.role_specific, own_count[0]), (role.locality_specific, own_count[1]))
        for group in groups[: len(groups) - count]
        for reference in group.competences
    }
    first_listed: dict[str, str] = {}
    for category, path, reference in own.listed_competences():
        if reference not in framework.competences:
            findings.append(Finding(file, path, Severity.ERROR, _unknown_reference(reference, framework)))
            continue
        if reference in inherited:
            findings.append(Finding(file, path, Severity.ERROR, f"{reference} is already held through {own.based_on}"))
            continue
        place = f"{category} group {path[1] + 1}"
        if reference in first_listed:
            findings.append(
                Finding(
                    file,
                    path,
                    Severity.ERROR,
                    f"{reference} is listed twice in this role (first in {first_listed[reference]})",
                )
            )
            continue
        first_listed[reference] = place
        if reference in core:
            findings.append(
                Finding(
                    file,
                    path,
                    Severity.WARNING,
                    f"{reference} is {category} here but already core at level {role.level}",
                )
            )


def _unknown_reference(reference: str, framework: Framework) -> str:
    try:
        competence = framework.find_competence(reference)
    except UnknownName as unknown:
        hint = f"; did you mean {' or '.join(unknown.suggestions)}?" if unknown.suggestions else ""
        return f"unknown competence {reference!r}: add it to the competences file{hint}"
    return f"{reference!r} is another spelling of {competence.key}: use the canonical code {competence.key}"


def _check_role_names(roles: Sequence[tuple[str, Role]], findings: list[Finding]) -> None:
    names = _Index(slugify)
    files: dict[int, str] = {}
    for file, role in roles:
        files[id(role)] = file
        for path, name in (
            (("id",), role.id),
            (("title",), role.title),
            *((("aliases", index), alias) for index, alias in enumerate(role.aliases)),
        ):
            clash = names.add(name, role)
            if clash is not None:
                findings.append(
                    Finding(
                        file,
                        path,
                        Severity.ERROR,
                        f"{name!r} already names the role {clash.id} ({files[id(clash)]})",  # type: ignore[attr-defined]
                    )
                )
