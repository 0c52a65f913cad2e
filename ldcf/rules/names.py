"""Every name (code, id, title or alias) finds one competence or one role, in any case and spacing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldcf.framework.entities import Competence, Role
from ldcf.framework.lookups import NameIndex
from ldcf.framework.naming import competence_key, role_key
from ldcf.rules import error
from ldcf.rules.problems import DataPath, Finding

if TYPE_CHECKING:
    from ldcf.building.layers import Draft

NAME_CLASH = error("name-clash", "A name shared by two competences or two roles would find only one of them.")


def check(draft: Draft) -> Iterator[Finding]:
    competence_names: NameIndex[Competence] = NameIndex(competence_key)  # as lookups compare them
    for defined in draft.competences.values():
        competence = defined.value
        clash = competence_names.add(competence.key, competence)
        if clash is not None:  # two codes that are one as UK Standards prints them: CFABAA621 and CFA_BAA621
            path = (*defined.path[:2], "code" if competence.code else "id")
            yield Finding(defined.file, path, NAME_CLASH, f"{competence.key!r} is the same code as {clash.key}")
    for defined in draft.competences.values():
        competence = defined.value
        for index, alias in enumerate(competence.aliases):
            clash = competence_names.add(alias, competence)
            if clash is not None:
                path = (*defined.path[:2], "aliases", index)
                yield Finding(defined.file, path, NAME_CLASH, f"alias {alias!r} already names {clash.key}")
    role_names: NameIndex[Role] = NameIndex(role_key)
    files: dict[str, str] = {}
    for defined in draft.roles.values():
        role = defined.value
        files[role.id] = defined.file
        names: list[tuple[DataPath, str]] = [(("id",), role.id), (("title",), role.title)]
        names += [(("aliases", index), alias) for index, alias in enumerate(role.aliases)]
        for path, name in names:
            clash_role = role_names.add(name, role)
            if clash_role is not None:
                message = f"{name!r} already names the role {clash_role.id} ({files[clash_role.id]})"
                yield Finding(defined.file, path, NAME_CLASH, message)
