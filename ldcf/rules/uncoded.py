"""Competences without a NOS code: fine for a local duty, worth a look in the national data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldcf.framework.entities import Competence
from ldcf.framework.naming import title_key
from ldcf.rules import error, warning
from ldcf.rules.problems import Finding

if TYPE_CHECKING:
    from ldcf.building.layers import Draft

UNCODED_COMPETENCE = warning(
    "uncoded-competence",
    "A competence of the national data without a NOS code may have one to look up (overlays record local duties so).",
)
TITLE_OF_A_NOS = error(
    "title-of-a-nos",
    "An uncoded competence with the title of a known NOS duplicates it: refer to the NOS by its code.",
    adjustable=True,
)


def check(draft: Draft) -> Iterator[Finding]:
    uncoded = [defined for defined in draft.competences.values() if defined.value.code is None]
    if not uncoded:  # title keys cost a little each; a large catalogue of NOS alone needs none
        return
    titles: dict[str, Competence] = {}
    for defined in draft.competences.values():
        if defined.value.code:
            titles.setdefault(title_key(defined.value.title), defined.value)
    for defined in uncoded:
        competence = defined.value
        same_title = titles.get(title_key(competence.title))
        if same_title is not None:
            yield Finding(
                defined.file,
                defined.path,
                TITLE_OF_A_NOS,
                f"{competence.title!r} is the title of {same_title.code}: refer to that NOS by its code instead",
            )
        elif defined.layer.is_base:
            yield Finding(defined.file, defined.path, UNCODED_COMPETENCE, f"{competence.title!r} has no NOS code")
