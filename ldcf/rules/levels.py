"""A level named by a competence or a role must be defined in the levels file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldcf.rules import error, warning
from ldcf.rules.problems import Finding

if TYPE_CHECKING:
    from ldcf.building.layers import Draft

UNDEFINED_LEVEL = error("undefined-level", "A core level or role level that the levels file does not define.")
LEVEL_WITHOUT_CORE = warning(
    "level-without-core", "Roles at a level with no core competences hold only what their own files list."
)


def check(draft: Draft) -> Iterator[Finding]:
    levels = draft.framework.levels
    if not levels:
        return
    for defined in draft.competences.values():
        for index, level in enumerate(defined.value.core_levels):
            if level not in levels:
                path = (*defined.path[:2], "core_levels", index)
                yield Finding(defined.file, path, UNDEFINED_LEVEL, f"level {level} is not defined in the levels file")
    cored = {level for defined in draft.competences.values() for level in defined.value.core_levels}
    for defined in draft.roles.values():
        level = defined.value.level
        if level is not None and level not in levels:
            yield Finding(defined.file, ("level",), UNDEFINED_LEVEL, f"level {level} is not defined in the levels file")
        elif level is not None and level not in cored and defined.layer.is_base:
            message = f"no competence is core at level {level}, so this role holds only what it lists"
            yield Finding(defined.file, ("level",), LEVEL_WITHOUT_CORE, message)
