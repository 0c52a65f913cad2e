"""The framework's own records: plain and immutable, built once from validated models.

They mirror the models in `ldcf.models` field for field (a test keeps the two in step) but need no
validation library, so a framework loaded from the cache starts without importing one. They are named tuples
because those load from the cache about twice as fast as dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NamedTuple

Category = Literal["core", "role-specific", "locality-specific"]
CATEGORIES: tuple[Category, ...] = ("core", "role-specific", "locality-specific")

# Shown wherever an Agenda for Change band is: the framework says the two scales do not map onto each other.
AFC_NOTE = "Career Framework levels are not Agenda for Change bands: there is no automatic read-across."


class Level(NamedTuple):
    level: int
    indicative_title: str
    descriptor: str
    ld_descriptor: str | None
    attributes: tuple[str, ...]


class Competence(NamedTuple):
    code: str | None
    id: str | None
    title: str
    aliases: tuple[str, ...]
    url: str | None
    body: str | None
    core_levels: tuple[int, ...]
    source: str

    @property
    def key(self) -> str:
        """The code of a NOS, or the id of an uncoded competence: how roles refer to it."""
        return self.code or self.id  # type: ignore[return-value]


class Source(NamedTuple):
    document: str
    date: str
    section: str | None


class CompetenceGroup(NamedTuple):
    principle: str | None
    function: str | None
    competences: tuple[str, ...]


class Learning(NamedTuple):
    formal: tuple[str, ...]
    informal: tuple[str, ...]
    nos_used: str | None
    credits: str | None
    accreditation: str | None
    apel_and_progression: str | None
    registration: str | None


class ContinuingDevelopment(NamedTuple):
    statutory_mandatory: tuple[str, ...]
    formal: tuple[str, ...]
    informal: str | None
    impact_capture: str | None
    funding: str | None
    frequency: str | None


class Role(NamedTuple):
    id: str
    title: str
    level: int  # for a role based on another, the level it inherits
    based_on: str | None
    aliases: tuple[str, ...]
    source: Source
    employer: str | None
    location: str | None
    afc_band: str | None
    area_of_work: str | None
    scope: str | None
    experience_required: tuple[str, ...]
    role_specific: tuple[CompetenceGroup, ...]
    locality_specific: tuple[CompetenceGroup, ...]
    learning: Learning | None
    cpd: ContinuingDevelopment | None

    def listed_competences(self) -> Iterator[tuple[Category, tuple, str]]:
        """Each competence reference in the file: (category, data path of the reference, reference)."""
        for category, field in (("role-specific", "role_specific"), ("locality-specific", "locality_specific")):
            for group_index, group in enumerate(getattr(self, field)):
                for index, reference in enumerate(group.competences):
                    yield category, (field, group_index, "competences", index), reference  # type: ignore[misc]


ENTITIES = {
    cls.__name__: cls for cls in (Level, Competence, Source, CompetenceGroup, Learning, ContinuingDevelopment, Role)
}


def plain(value):
    """A validated model as the entity of the same name, recursively; other values as they are."""
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    entity = ENTITIES.get(type(value).__name__)
    if entity is None:
        return value
    return entity(*(plain(getattr(value, name)) for name in entity._fields))
