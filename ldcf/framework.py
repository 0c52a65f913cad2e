"""The loaded catalogue: levels, competences and roles, with cross-references checked once and lookups by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

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
    """A competence a role holds, in which category, and the group it is listed under in the role's file."""

    competence: Competence
    category: Category
    group: Optional[CompetenceGroup] = None


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
    """The validated framework. Build it with `build_framework`, which checks every cross-reference."""

    def __init__(self, levels: Iterable[Level], competences: Iterable[Competence], roles: Iterable[Role]) -> None:
        self.levels: dict[int, Level] = {level.level: level for level in sorted(levels, key=lambda l: l.level)}
        self.competences: dict[str, Competence] = {competence.key: competence for competence in competences}
        self.roles: dict[str, Role] = {role.id: role for role in sorted(roles, key=lambda r: r.level)}
        core: dict[int, list[Competence]] = {}
        for competence in self.competences.values():
            for level in competence.core_levels:
                core.setdefault(level, []).append(competence)
        self._core = {level: tuple(competences) for level, competences in core.items()}
        self._competence_index = _Index(lookup_key)
        for competence in self.competences.values():
            for name in (competence.key, *competence.aliases):
                self._competence_index.add(name, competence)
        self._role_index = _Index(slugify)
        for role in self.roles.values():
            for name in (role.id, role.title, *role.aliases):
                self._role_index.add(name, role)

    # Lookups -------------------------------------------------------------------------------------------------

    def find_role(self, name: str) -> Role:
        """A role by id, title or alias, in any case and spacing."""
        role = self._role_index.get(name)
        if role is None:
            raise UnknownName("role", name, self._role_index.suggestions(name))
        return role  # type: ignore[return-value]

    def find_competence(self, name: str) -> Competence:
        """A competence by code, alias or (for an uncoded one) id, in any case and spacing."""
        competence = self._competence_index.get(name)
        if competence is None:
            raise UnknownName("competence", name, self._competence_index.suggestions(name))
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
        """Every competence the role holds: the core of its level, then its own lists in file order."""
        core = tuple(Holding(competence, "core") for competence in self.core_competences(role.level))
        listed = tuple(
            Holding(self.competences[reference], category, group)
            for category, group, reference in _listed(role)
        )
        return core + listed


def _listed(role: Role):
    for category, groups in (("role-specific", role.role_specific), ("locality-specific", role.locality_specific)):
        for group in groups:
            for reference in group.competences:
                yield category, group, reference


def build_framework(
    levels_model: Optional[models.LevelsFile],
    levels_file: str,
    competences_model: Optional[models.CompetencesFile],
    competences_file: str,
    role_models: Sequence[tuple[str, models.Role]],
) -> tuple[Optional[Framework], list[Finding]]:
    """Check every cross-reference and build the framework; None when any check finds an error."""
    levels = plain(levels_model.levels) if levels_model else None
    competences = plain(competences_model.competences) if competences_model else None
    roles = [(file, plain(role)) for file, role in role_models]
    findings: list[Finding] = []
    level_list = _unique_levels(levels, levels_file, findings) if levels else []
    competence_list = _unique_competences(competences, competences_file, findings) if competences else []
    framework = Framework(level_list, competence_list, [role for _, role in roles])
    if levels:
        _check_core_levels(competence_list, framework, competences_file, findings)
    # Without a valid competences file every reference would look unknown: report the file's own errors only.
    if competences is not None:
        for file, role in roles:
            _check_role(file, role, framework, findings)
    _check_role_names(roles, findings)
    complete = levels is not None and competences is not None
    if not complete or any(finding.severity is Severity.ERROR for finding in findings):
        return None, findings
    return framework, findings


def _unique_levels(levels: tuple[Level, ...], file: str, findings: list[Finding]) -> list[Level]:
    seen: set[int] = set()
    unique = []
    for index, level in enumerate(levels):
        if level.level in seen:
            findings.append(Finding(file, ("levels", index, "level"), Severity.ERROR, f"level {level.level} is defined twice"))
            continue
        seen.add(level.level)
        unique.append(level)
    return unique


def _unique_competences(competences: tuple[Competence, ...], file: str, findings: list[Finding]) -> list[Competence]:
    names = _Index(lookup_key)
    unique: list[Competence] = []
    for index, competence in enumerate(competences):
        path = ("competences", index)
        identity = "code" if competence.code else "id"
        clash = names.add(competence.key, competence)
        if clash is not None:
            findings.append(Finding(file, path + (identity,), Severity.ERROR, f"{competence.key} is defined twice"))
            continue
        for alias_index, alias in enumerate(competence.aliases):
            clash = names.add(alias, competence)
            if clash is not None:
                findings.append(Finding(
                    file, path + ("aliases", alias_index), Severity.ERROR,
                    f"alias {alias!r} already names {clash.key}",  # type: ignore[attr-defined]
                ))
        unique.append(competence)
    uncoded = [(index, c) for index, c in enumerate(competences) if c.code is None]
    titles: dict[str, Competence] = {}
    if uncoded:  # title keys cost a little each; a large catalogue of NOS alone needs none
        for competence in unique:
            if competence.code:
                titles.setdefault(title_key(competence.title), competence)
    for index, competence in uncoded:
        path = ("competences", index, "id")
        same_title = titles.get(title_key(competence.title))
        if same_title is not None:
            findings.append(Finding(
                file, path, Severity.ERROR,
                f"{competence.title!r} is the title of {same_title.code}: refer to that NOS by its code instead",
            ))
        else:
            findings.append(Finding(file, path, Severity.WARNING, f"{competence.title!r} has no NOS code"))
    return unique


def _check_core_levels(competences: list[Competence], framework: Framework, file: str, findings: list[Finding]) -> None:
    positions = {competence.key: index for index, competence in enumerate(competences)}
    for competence in competences:
        for level_index, level in enumerate(competence.core_levels):
            if level not in framework.levels:
                path = ("competences", positions[competence.key], "core_levels", level_index)
                findings.append(Finding(file, path, Severity.ERROR, f"level {level} is not defined in the levels file"))


def _check_role(file: str, role: Role, framework: Framework, findings: list[Finding]) -> None:
    """Check one role's level and references."""
    if framework.levels and role.level not in framework.levels:
        findings.append(Finding(file, ("level",), Severity.ERROR, f"level {role.level} is not defined in the levels file"))
    core = {competence.key for competence in framework.core_competences(role.level)}
    first_listed: dict[str, str] = {}
    for category, path, reference in role.listed_competences():
        if reference not in framework.competences:
            findings.append(Finding(file, path, Severity.ERROR, _unknown_reference(reference, framework)))
            continue
        place = f"{category} group {path[1] + 1}"
        if reference in first_listed:
            findings.append(Finding(
                file, path, Severity.ERROR, f"{reference} is listed twice in this role (first in {first_listed[reference]})"
            ))
            continue
        first_listed[reference] = place
        if reference in core:
            findings.append(Finding(
                file, path, Severity.WARNING,
                f"{reference} is {category} here but already core at level {role.level}",
            ))


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
        for path, name in ((("id",), role.id), (("title",), role.title), *(
            (("aliases", index), alias) for index, alias in enumerate(role.aliases)
        )):
            clash = names.add(name, role)
            if clash is not None:
                findings.append(Finding(
                    file, path, Severity.ERROR,
                    f"{name!r} already names the role {clash.id} ({files[id(clash)]})",  # type: ignore[attr-defined]
                ))
