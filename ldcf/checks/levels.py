"""A level named by a competence or a role must be defined in the levels file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldcf.problems import Finding
from ldcf.rules import error

if TYPE_CHECKING:
    from ldcf.build import Draft

UNDEFINED_LEVEL = error("undefined-level", "A core level or role level that the levels file does not define.")


def check(draft: Draft) -> Iterator[Finding]:
    levels = draft.framework.levels
    if not levels:
        return
    for defined in draft.competences.values():
        for index, level in enumerate(defined.value.core_levels):
            if level not in levels:
                path = (*defined.path[:2], "core_levels", index)
                yield Finding(defined.file, path, UNDEFINED_LEVEL, f"level {level} is not defined in the levels file")
    for defined in draft.roles.values():
        level = defined.value.level
        if level is not None and level not in levels:
            yield Finding(defined.file, ("level",), UNDEFINED_LEVEL, f"level {level} is not defined in the levels file")
