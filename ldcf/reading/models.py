"""Pydantic models of the kinds of data file: levels, competences, roles, and a person's record.

Models are strict: unknown keys are errors and nothing is coerced, so `level: "5"` or `title: no` (which YAML
reads as false) fail with a message instead of passing silently. Once valid, data becomes the plain entities of
`ldcf.framework.entities` (`plain`), which share these field names. Model names end in File or Entry, so that no model
shares its name with an entity.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import WithJsonSchema

from ldcf.framework import entities
from ldcf.framework.confirmations import DIGEST
from ldcf.framework.naming import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS, slugify

_CODE = re.compile(r"[A-Z][A-Z0-9_&.]*[A-Z0-9]")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_PUBLICATION_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_URL = re.compile(r"https?://\S+")


def _matching(pattern: re.Pattern[str], explanation: str) -> AfterValidator:
    """A check of text with a message that says what is wanted."""

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not {explanation}")
        return value

    return AfterValidator(check)


def _schema(pattern: re.Pattern[str]) -> WithJsonSchema:
    """The same rule in the JSON Schema, for editors."""
    return WithJsonSchema({"type": "string", "pattern": f"^(?:{pattern.pattern})$"})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _printable(value: str) -> str:
    # Terminal escape sequences in the data would reach every terminal that shows it, and invisible characters
    # make text read differently from what it holds.
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise ValueError(f"contains the control character {found.group()!r}; remove it")
    found = INVISIBLE_CHARACTERS.search(value)
    if found:
        raise ValueError(f"contains the invisible character U+{ord(found.group()):04X}; remove it")
    return value


def _one_line(value: str) -> str:
    # A title or name is shown on one line, in a table cell or a heading; a line break in it could start a new
    # line of YAML, Markdown or a CI log where the text is written out.
    if any(separator in value for separator in "\n\r\u2028\u2029"):
        raise ValueError("must be on one line: remove the line break")
    return value


def one_printable_line(value: str) -> str:
    """Text checked as a record's names are (one line, no control or invisible character); raises ValueError."""
    return _one_line(_printable(value))


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_printable)]
Line = Annotated[Text, AfterValidator(_one_line)]
_CODE_EXPLANATION = (
    "a canonical NOS code: upper case, no spaces, official punctuation kept (like SFJAB1 or CFAM&LBA3); "
    "put other spellings in aliases"
)
Code = Annotated[str, _matching(_CODE, _CODE_EXPLANATION), _schema(_CODE)]
Slug = Annotated[
    str, _matching(_SLUG, "an id: lower-case words joined by hyphens, like support-worker"), _schema(_SLUG)
]
PublicationDate = Annotated[
    str, _matching(_PUBLICATION_DATE, "a date as YYYY, YYYY-MM or YYYY-MM-DD"), _schema(_PUBLICATION_DATE)
]
Url = Annotated[str, _matching(_URL, "a web address starting with http:// or https://"), _schema(_URL)]
LevelNumber = Annotated[int, Field(ge=1, le=9)]
DefinitionDigest = Annotated[
    str, _matching(DIGEST, "a digest as `team import` writes it: 16 digits 0-9 and letters a-f"), _schema(DIGEST)
]


class LevelEntry(Model):
    level: LevelNumber
    indicative_title: Line
    descriptor: Text
    ld_descriptor: Text | None = None
    attributes: tuple[Text, ...] = ()


class LevelsFile(Model):
    levels: tuple[LevelEntry, ...] = Field(min_length=1)


class CompetenceEntry(Model):
    """A competence: a NOS with its code, or an uncoded competence identified by the slug of its title."""

    code: Code | None = None
    id: Slug | None = None
    title: Line
    aliases: tuple[Line, ...] = ()
    url: Url | None = None
    body: Line | None = None
    core_levels: tuple[LevelNumber, ...] = ()
    source: Line

    @model_validator(mode="after")
    def _identified_once(self) -> CompetenceEntry:
        if (self.code is None) == (self.id is None):
            raise ValueError("a competence needs exactly one of `code` (a NOS) or `id` (an uncoded competence)")
        if self.id is not None and self.id != slugify(self.title):
            raise ValueError(f"the id of an uncoded competence is the slug of its title: {slugify(self.title)!r}")
        return self

    @field_validator("core_levels")
    @classmethod
    def _increasing(cls, levels: tuple[int, ...]) -> tuple[int, ...]:
        if list(levels) != sorted(set(levels)):
            raise ValueError("core_levels must be in increasing order, each level once")
        return levels


class CompetencesFile(Model):
    competences: tuple[CompetenceEntry, ...] = Field(min_length=1)


class SourceEntry(Model):
    document: Line
    date: PublicationDate | None = None
    section: Line | None = None


class CompetenceGroupEntry(Model):
    """Competences listed together, under the underpinning principle and reference function where given."""

    principle: Line | None = None
    function: Line | None = None
    competences: tuple[Line, ...] = Field(min_length=1)


class LearningEntry(Model):
    """Indicative learning and development."""

    formal: tuple[Text, ...] = ()
    informal: tuple[Text, ...] = ()
    nos_used: Text | None = None
    credits: Text | None = None
    accreditation: Text | None = None
    apel_and_progression: Text | None = None
    registration: Text | None = None


class ContinuingDevelopmentEntry(Model):
    statutory_mandatory: tuple[Text, ...] = ()
    formal: tuple[Text, ...] = ()
    informal: Text | None = None
    impact_capture: Text | None = None
    funding: Text | None = None
    frequency: Text | None = None


class DutyEntry(Model):
    """A duty of the post, with the competences (codes or ids) that cover it where a maintainer has mapped them."""

    text: Text
    competences: tuple[Line, ...] = ()


class DutyGroupEntry(Model):
    """Duties listed together, under the job description's heading where it gives one."""

    heading: Line | None = None
    duties: tuple[DutyEntry, ...] = Field(min_length=1)


# How an NHS person specification says a requirement is assessed.
ASSESSMENTS = ("application", "interview", "test", "reference")
Assessment = Literal["application", "interview", "test", "reference"]


class RequirementsEntry(Model):
    """The requirements of one area, essential and desirable, and how they are assessed (`assessed_by`: one or
    more of application, interview, test and reference), where the job description says."""

    essential: tuple[Text, ...] = ()
    desirable: tuple[Text, ...] = ()
    assessed_by: tuple[Assessment, ...] = Field(
        default=(),
        description="How this area's requirements are assessed: one or more of application, interview, test and "
        "reference, as the job description says.",
    )

    @field_validator("assessed_by")
    @classmethod
    def _each_once(cls, ways: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(ways)) != len(ways):
            raise ValueError("assessed_by names each way of assessing once")
        return ways


class PersonSpecificationEntry(Model):
    """What a person needs for the post, by the areas of an NHS person specification."""

    qualifications: RequirementsEntry | None = None
    experience: RequirementsEntry | None = None
    knowledge: RequirementsEntry | None = None
    skills: RequirementsEntry | None = None
    personal_attributes: RequirementsEntry | None = None
    other: RequirementsEntry | None = None


class NoteEntry(Model):
    """Something a source says about the role beyond its template, with where it says it."""

    text: Text
    source: SourceEntry


AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")


def _afc_band(value: int | str) -> str:
    band = str(value).lower()
    if band not in AFC_BANDS:
        raise ValueError(f"{value!r} is not an Agenda for Change band: one of {', '.join(AFC_BANDS)}")
    return band


class RoleFile(Model):
    """A role profile; a local role may be `based_on` another role, whose level and competences it inherits.

    `core_groups` arranges the core competences of the role's level as a source groups them, by underpinning
    principle and reference function; it adds nothing to what the role holds, which the level decides, and
    every competence in it must be core at that level (rule `not-core-at-level`)."""

    id: Slug
    title: Line
    level: LevelNumber | None = None
    based_on: Slug | None = None
    aliases: tuple[Line, ...] = ()
    source: SourceEntry
    employer: Line | None = None
    location: Line | None = None
    afc_band: Annotated[int | str, AfterValidator(_afc_band)] | None = None
    area_of_work: Line | None = None
    reports_to: Line | None = None
    accountable_to: Line | None = None
    responsible_for: Line | None = None
    purpose: tuple[Text, ...] = ()
    scope: Text | None = None
    duties: tuple[DutyGroupEntry, ...] = ()
    person_specification: PersonSpecificationEntry | None = None
    role_specific: tuple[CompetenceGroupEntry, ...] = ()
    locality_specific: tuple[CompetenceGroupEntry, ...] = ()
    learning: LearningEntry | None = None
    cpd: ContinuingDevelopmentEntry | None = None
    notes: tuple[NoteEntry, ...] = ()
    core_groups: tuple[CompetenceGroupEntry, ...] = ()
    working_conditions: tuple[Text, ...] = Field(
        default=(),
        description="The conditions the post is worked in and the physical, mental and emotional effort it takes, "
        "as the job description gives them.",
    )

    @model_validator(mode="after")
    def _has_a_level(self) -> RoleFile:
        if self.level is None and self.based_on is None:
            raise ValueError("a role needs a `level`, or `based_on` naming the role whose level it shares")
        return self


# A person writes a date as the calendar and their country do: YYYY-MM-DD, YYYY-MM, YYYY or, in the UK's order,
# DD/MM/YYYY or D/M/YYYY (never the US order). Each must be a real date; DD/MM/YYYY is read as YYYY-MM-DD.
_RECORD_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_RECORD_DATE_EXPLANATION = "a date as YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY (day first)"


def _year_as_text(value: object) -> object:
    # YAML reads a bare year (`date: 2024`) as a number; it is a date all the same.
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def calendar_date(value: str) -> str:
    """A date a person wrote, checked against the calendar and given as YYYY-MM-DD (or YYYY-MM, or YYYY); raises
    ValueError saying what is wanted."""
    import datetime

    text = value.strip()
    if not _RECORD_DATE.fullmatch(text):
        raise ValueError(f"{value!r} is not {_RECORD_DATE_EXPLANATION}")
    if "/" in text:
        day, month, year = text.split("/")
        text = f"{year}-{month:0>2}-{day:0>2}"
    padded = {4: f"{text}-01-01", 7: f"{text}-01"}.get(len(text), text)
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        order = " (DD/MM/YYYY: the day comes first)" if "/" in value else ""
        raise ValueError(f"{value!r} is not a date of the calendar{order}") from None
    return text


RecordDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    AfterValidator(calendar_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": f"^(?:{_RECORD_DATE.pattern})$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY (day first): a date of the calendar.",
        }
    ),
]


def _no_list_is_none(value: object) -> object:
    # `held:` with only comments under it, as a template leaves it, is an empty list, not an error.
    return () if value is None else value


class HeldEntry(Model):
    """A competence a person holds by their own account, by code (or alias, or the id of an uncoded competence),
    with their evidence and its date; and, once a manager has looked, the decision beside it: confirmed (who and
    when) or rejected (who and when). A rejected entry keeps the person's claim but counts as not held."""

    code: Line
    evidence: Text | None = None
    date: RecordDate | None = None
    confirmed_by: Line | None = None
    confirmed_on: RecordDate | None = None
    rejected_by: Line | None = Field(default=None, description="Who rejected the claim at review.")
    rejected_on: RecordDate | None = Field(default=None, description="When the claim was rejected.")
    confirmed_edition: DefinitionDigest | None = Field(default=None, description="What was confirmed: its digest.")

    @model_validator(mode="after")
    def _one_decision(self) -> HeldEntry:
        if (self.confirmed_by or self.confirmed_on) and (self.rejected_by or self.rejected_on):
            raise ValueError("an entry is either confirmed or rejected, not both: keep the later decision")
        if bool(self.confirmed_by) != bool(self.confirmed_on) or bool(self.rejected_by) != bool(self.rejected_on):
            raise ValueError("a decision says who made it and when: give both confirmed_by and confirmed_on (or "
                             "rejected_by and rejected_on)")  # fmt: skip
        if self.confirmed_edition and not self.confirmed_by:
            raise ValueError("confirmed_edition says what a confirmation confirmed: remove it from an entry that is "
                             "not confirmed")  # fmt: skip
        return self


class WorkingTowardsEntry(Model):
    """A competence a person is working towards, by when they plan to hold it."""

    code: Line
    target_date: RecordDate | None = None
    plan: Text | None = None


class NotYetAssessedEntry(Model):
    """A competence a person has not yet assessed themselves against: `ldcf record template` starts every
    competence of a role here, to be moved into `held` or `working_towards`."""

    code: Line


_REVIEW_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
ReviewDate = Annotated[
    str,
    _matching(_REVIEW_DATE, "a date as YYYY-MM-DD or DD/MM/YYYY, or a month as YYYY-MM"),
    AfterValidator(calendar_date),
    _schema(_REVIEW_DATE),
]


class RecordFile(Model):
    """A person's own record of the competences they hold, for self-assessment against a role, and what a
    development plan for appraisal takes from it: the appraiser (or supervisor), the next review date and the
    priorities for the year (at most five competences, by code, that the target role needs)."""

    name: Line | None = None
    role: Line | None = None
    target: Line | None = None
    held: tuple[HeldEntry, ...] = ()
    working_towards: tuple[WorkingTowardsEntry, ...] = ()
    appraiser: Line | None = Field(default=None, description="The appraiser or supervisor, for a development plan.")
    next_review: ReviewDate | None = Field(
        default=None, description="The date of the next review of the development plan, YYYY-MM-DD (or YYYY-MM)."
    )
    priorities: tuple[Line, ...] = Field(
        default=(),
        description="Up to five competences, by code, to work on first this year: each one the target role needs "
        "and not yet held.",
        json_schema_extra={"maxItems": entities.MOST_PRIORITIES},
    )
    targets: tuple[Line, ...] = Field(
        default=(),
        description="More roles the person aims at, by id, title or alias, after `target` (or instead of it).",
    )
    not_yet_assessed: tuple[NotYetAssessedEntry, ...] = Field(
        default=(),
        description="Competences not yet assessed: `ldcf record template` starts a role's competences here, to "
        "move into held or working_towards. They count as not held.",
    )

    @field_validator("held", "working_towards", "priorities", "targets", "not_yet_assessed", mode="before")
    @classmethod
    def _empty_when_none(cls, value: object) -> object:
        return _no_list_is_none(value)


RuleSetting = Literal["disable", "warning", "error"]


class SettingsFile(Model):
    """`ldcf.yaml` in a data folder: rules disabled or given another severity, for that folder's files."""

    rules: dict[str, RuleSetting] = Field(default_factory=dict)


class ExportLevelEntry(LevelEntry):
    core: tuple[Line, ...]


class ExportCompetenceEntry(CompetenceEntry):
    key: Line
    origin: str


class ExportHoldingEntry(Model):
    key: Line
    code: Code | None
    category: Literal["core", "role-specific", "locality-specific"]
    origin: str


class ExportRoleEntry(RoleFile):
    level: LevelNumber
    origin: str
    holdings: tuple[ExportHoldingEntry, ...]


class FrameworkExportFile(Model):
    """`ldcf export json`: the whole framework, resolved, for systems that read it without ldcf."""

    format: Literal["ldcf framework export 1"]
    data_folders: tuple[str, ...]
    levels: tuple[ExportLevelEntry, ...]
    competences: tuple[ExportCompetenceEntry, ...]
    roles: tuple[ExportRoleEntry, ...]


ENTITY_OF: dict[type[Model], Any] = {
    LevelEntry: entities.Level,
    CompetenceEntry: entities.Competence,
    SourceEntry: entities.Source,
    CompetenceGroupEntry: entities.CompetenceGroup,
    LearningEntry: entities.Learning,
    ContinuingDevelopmentEntry: entities.ContinuingDevelopment,
    DutyEntry: entities.Duty,
    DutyGroupEntry: entities.DutyGroup,
    RequirementsEntry: entities.Requirements,
    PersonSpecificationEntry: entities.PersonSpecification,
    NoteEntry: entities.Note,
    RoleFile: entities.Role,
    HeldEntry: entities.Held,
    WorkingTowardsEntry: entities.WorkingTowards,
    NotYetAssessedEntry: entities.NotYetAssessed,
    RecordFile: entities.Record,
}


def plain(value: Any) -> Any:
    """A validated model as its entity, recursively; other values as they are."""
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    entity = ENTITY_OF.get(type(value))
    if entity is None:
        return value
    return entity(*(plain(getattr(value, name)) for name in entity._fields))
