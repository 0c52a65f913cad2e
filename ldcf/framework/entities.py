"""The framework's entities: plain and immutable, built once from validated models.

They mirror the models in `ldcf.reading.models` field for field (a test keeps the two in step) but need no
validation library, so a framework loaded from the cache starts without importing one. They are named tuples
because those load from the cache about twice as fast as dataclasses.
"""

# No `from __future__ import annotations`: typing compiles each string annotation of a named tuple's fields
# as the class is made, which costs more at start-up than the annotations as objects do.

from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

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
        return self.code or self.id or ""

    def brief(self) -> dict[str, Any]:
        """The competence as results name it in JSON."""
        return {"code": self.code, "title": self.title, "id": self.key}


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


class Duty(NamedTuple):
    text: str
    competences: tuple[str, ...]


class DutyGroup(NamedTuple):
    heading: str | None
    duties: tuple[Duty, ...]


class Requirements(NamedTuple):
    essential: tuple[str, ...]
    desirable: tuple[str, ...]
    assessed_by: tuple[str, ...] = ()  # how the area's requirements are assessed: application, interview ...


class PersonSpecification(NamedTuple):
    qualifications: Requirements | None
    experience: Requirements | None
    knowledge: Requirements | None
    skills: Requirements | None
    personal_attributes: Requirements | None
    other: Requirements | None


class Note(NamedTuple):
    text: str
    source: Source


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
    reports_to: str | None
    accountable_to: str | None
    responsible_for: str | None
    purpose: tuple[str, ...]
    scope: str | None
    duties: tuple[DutyGroup, ...]
    person_specification: PersonSpecification | None
    role_specific: tuple[CompetenceGroup, ...]
    locality_specific: tuple[CompetenceGroup, ...]
    learning: Learning | None
    cpd: ContinuingDevelopment | None
    notes: tuple[Note, ...]
    core_groups: tuple[CompetenceGroup, ...] = ()  # the level's core, grouped as a source groups it
    working_conditions: tuple[str, ...] = ()  # the conditions the post is worked in and the effort it takes

    def listed_competences(self) -> Iterator[tuple[Category, tuple[str, int, str, int], str]]:
        """Each competence reference in the file: (category, data path of the reference, reference)."""
        lists: tuple[tuple[Category, str, tuple[CompetenceGroup, ...]], ...] = (
            ("role-specific", "role_specific", self.role_specific),
            ("locality-specific", "locality_specific", self.locality_specific),
        )
        for category, field, groups in lists:
            for group_index, group in enumerate(groups):
                for index, reference in enumerate(group.competences):
                    yield category, (field, group_index, "competences", index), reference

    def brief(self) -> dict[str, Any]:
        """The role as results name it in JSON."""
        return {"id": self.id, "title": self.title, "level": self.level}


def as_data(value: Any) -> Any:
    """An entity as JSON-ready data: named tuples as objects by field name, tuples as lists."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: as_data(getattr(value, name)) for name in value._fields}
    if isinstance(value, tuple):
        return [as_data(item) for item in value]
    return value


# What a role `based_on` another takes from it; every field of Role is in exactly one of these (a test checks).
NOT_INHERITED = ("id", "title", "based_on", "aliases", "source", "employer", "location", "afc_band")
INHERITED_LEVEL = ("level",)  # always the base's level: a based-on role works at the level of its base
INHERITED_AND_EXTENDED = ("role_specific", "locality_specific")  # the base's groups, then the role's own
INHERITED_UNLESS_GIVEN = (
    "area_of_work",
    "reports_to",
    "accountable_to",
    "responsible_for",
    "purpose",
    "scope",
    "duties",
    "person_specification",
    "learning",
    "cpd",
    "notes",
    "core_groups",
    "working_conditions",
)


def inherit(role: Role, base: Role) -> Role:
    """`role` as it stands on `base`, the role it is based on (already resolved itself)."""
    changes: dict[str, Any] = {name: getattr(base, name) for name in INHERITED_LEVEL}
    changes.update({name: getattr(base, name) + getattr(role, name) for name in INHERITED_AND_EXTENDED})
    changes.update({name: getattr(role, name) or getattr(base, name) for name in INHERITED_UNLESS_GIVEN})
    return role._replace(**changes)


class Held(NamedTuple):
    """A competence a person holds by their own account, by code (or alias, or the id of an uncoded competence),
    with evidence; and a manager's decision on it, confirmed or rejected, once one has looked."""

    code: str
    evidence: str | None
    date: str | None
    confirmed_by: str | None
    confirmed_on: str | None
    rejected_by: str | None = None
    rejected_on: str | None = None
    confirmed_edition: str | None = None  # the digest of the competence's definition the confirmation was of

    @property
    def rejected(self) -> bool:
        """Whether a manager rejected the claim: the entry then counts as not held."""
        return bool(self.rejected_by or self.rejected_on)


class WorkingTowards(NamedTuple):
    """A competence a person is working towards, by when, and how."""

    code: str
    target_date: str | None
    plan: str | None


class NotYetAssessed(NamedTuple):
    """A competence a person has not yet assessed themselves against: it counts as not held."""

    code: str


MOST_PRIORITIES = 5  # a development plan agrees a few priorities for the year: at most this many


class Record(NamedTuple):
    """A person's self-assessment: their current role (by id, title or alias), the roles they aim at, what they
    hold, what they are working towards and what they have not yet assessed; for a development plan, also their
    appraiser, the next review date and up to five priorities (competences, by code, that the target role
    needs)."""

    name: str | None
    role: str | None
    target: str | None
    held: tuple[Held, ...]
    working_towards: tuple[WorkingTowards, ...]
    appraiser: str | None = None
    next_review: str | None = None
    priorities: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()  # more roles aimed at, after `target`
    not_yet_assessed: tuple[NotYetAssessed, ...] = ()

    @property
    def aims(self) -> tuple[str, ...]:
        """Every role the person aims at, as they name them: `target`, then `targets`."""
        return ((self.target,) if self.target else ()) + self.targets

    @property
    def first_aim(self) -> str | None:
        """The role a comparison without one is with: `target`, or else the first of `targets`."""
        return next(iter(self.aims), None)
