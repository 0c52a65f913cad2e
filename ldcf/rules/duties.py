"""The competences a duty is mapped to: each known by its canonical code, and held by the role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldcf.rules import warning
from ldcf.rules.problems import Finding
from ldcf.rules.references import unknown_reference

if TYPE_CHECKING:
    from ldcf.building.layers import Draft

DUTY_COMPETENCE_NOT_HELD = warning(
    "duty-competence-not-held",
    "A duty is mapped to a competence the role does not hold, so its job description would not list it.",
)


def check(draft: Draft) -> Iterator[Finding]:
    if not draft.references_checkable:
        return
    framework = draft.framework
    for role_id, defined in draft.roles.items():
        if role_id not in draft.resolved:
            continue
        role = draft.resolved[role_id].role
        held = {competence.key for competence in framework.core_competences(role.level)} | {
            reference for groups in (role.role_specific, role.locality_specific) for group in groups
            for reference in group.competences
        }  # fmt: skip
        for group_index, group in enumerate(defined.value.duties):
            for duty_index, duty in enumerate(group.duties):
                for index, reference in enumerate(duty.competences):
                    path = ("duties", group_index, "duties", duty_index, "competences", index)
                    if reference not in framework.competences:
                        yield Finding(defined.file, path, *unknown_reference(reference, framework))
                    elif reference not in held:
                        message = (
                            f"{reference} covers this duty but {role_id} does not hold it: add it to locality_specific"
                        )
                        yield Finding(defined.file, path, DUTY_COMPETENCE_NOT_HELD, message)
