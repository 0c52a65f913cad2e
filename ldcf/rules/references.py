"""Competences named by a role's file: each known, by its canonical code, once, and not already held; those its
core groups name, core at its level."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldcf.framework.entities import Role
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.rules import Rule, error, warning
from ldcf.rules.problems import Finding

if TYPE_CHECKING:
    from ldcf.building.layers import Draft

UNKNOWN_COMPETENCE = error("unknown-competence", "A role or record names a competence the data does not define.")
NON_CANONICAL_CODE = error(
    "non-canonical-code", "Roles name a competence by its canonical code, so that one spelling is searched and shown."
)
ALREADY_INHERITED = error("already-inherited", "A role lists a competence it already holds through `based_on`.")
LISTED_TWICE = error(
    "listed-twice", "A competence listed twice in one role or record counts once; the second is a slip."
)
CORE_ALSO_ROLE_SPECIFIC = warning(
    "core-also-role-specific", "A role lists a competence that is already core at its level, so it is shown once."
)
NOT_CORE_AT_LEVEL = error(
    "not-core-at-level",
    "A role's core_groups arrange the core competences of its level; another would be shown as core but not held.",
)


def check(draft: Draft) -> Iterator[Finding]:
    if not draft.references_checkable:  # a competences file failed, so unknown names are no news
        return
    framework = draft.framework
    for role_id, defined in draft.roles.items():
        if role_id not in draft.resolved:
            continue
        own = defined.value
        role = draft.resolved[role_id].role
        core = {competence.key for competence in framework.core_competences(role.level)}
        inherited = {
            reference
            for groups, own_count in (
                (role.role_specific, len(own.role_specific)),
                (role.locality_specific, len(own.locality_specific)),
            )
            for group in groups[: len(groups) - own_count]
            for reference in group.competences
        }
        first_listed: dict[str, str] = {}
        for category, path, reference in own.listed_competences():
            if reference not in framework.competences:
                yield Finding(defined.file, path, *unknown_reference(reference, framework))
            elif reference in inherited:
                message = f"{reference} is already held through {own.based_on}"
                yield Finding(defined.file, path, ALREADY_INHERITED, message)
            elif reference in first_listed:
                message = f"{reference} is listed twice in this role (first in {first_listed[reference]})"
                yield Finding(defined.file, path, LISTED_TWICE, message)
            else:
                first_listed[reference] = f"{category} group {int(path[1]) + 1}"
                if reference in core:
                    message = f"{reference} is {category} here but already core at level {role.level}"
                    yield Finding(defined.file, path, CORE_ALSO_ROLE_SPECIFIC, message)
        yield from _core_groups(defined.file, own, role.level, core, framework)


def _core_groups(file: str, own: Role, level: int, core: set[str], framework: Framework) -> Iterator[Finding]:
    """Each competence a role's core groups name: known by its canonical code, once, and core at its level."""
    first: dict[str, int] = {}
    for group_index, group in enumerate(own.core_groups):
        for index, reference in enumerate(group.competences):
            path = ("core_groups", group_index, "competences", index)
            if reference not in framework.competences:
                yield Finding(file, path, *unknown_reference(reference, framework))
            elif reference in first:
                message = f"{reference} is listed twice in this role's core groups (group {first[reference]} too)"
                yield Finding(file, path, LISTED_TWICE, message)
            else:
                first[reference] = group_index + 1
                if reference not in core:
                    message = (
                        f"{reference} is not core at level {level}: core_groups arrange only the level's core "
                        "competences (list others in role_specific or locality_specific)"
                    )
                    yield Finding(file, path, NOT_CORE_AT_LEVEL, message)


def unknown_reference(reference: str, framework: Framework) -> tuple[Rule, str]:
    """The rule and message for a reference that is not a canonical code."""
    try:
        competence = framework.find_competence(reference)
    except UnknownName as unknown:
        if " - " in reference:  # YAML joins an item indented further than the one above it onto that item
            hint = "; a list item indented further than the one above it joins it: indent every '- CODE' alike"
        elif unknown.suggestions:
            hint = f"; did you mean {' or '.join(unknown.suggestions)}?"
        else:
            hint = ""
        return UNKNOWN_COMPETENCE, f"unknown competence {reference!r}: add it to the competences file{hint}"
    return (
        NON_CANONICAL_CODE,
        f"{reference!r} is another spelling of {competence.key}: use the canonical code {competence.key}",
    )
