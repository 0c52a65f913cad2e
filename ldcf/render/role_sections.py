"""What the role view and the job description both show of a role: its learning and development, CPD, duties,
person specification and notes, as blocks, and a source as one line."""

from __future__ import annotations

from collections.abc import Mapping

from ldcf.framework.entities import Competence, ContinuingDevelopment, Learning, PersonSpecification, Role, Source
from ldcf.render.blocks import Block, Table, bullets, fields, table

LEARNING = "Indicative learning and development"
CPD = "Continuing professional development"


def source_text(source: Source) -> str:
    """A source as one line: its document, date and section."""
    return ", ".join(part for part in (source.document, source.date, source.section) if part)


def learning_blocks(learning: Learning) -> list[Block]:
    return [
        *bullets("Formal endorsed learning", learning.formal),
        *bullets("Informal learning", learning.informal),
        fields(
            ("NOS used", learning.nos_used),
            ("Credits", learning.credits),
            ("Accreditation", learning.accreditation),
            ("APEL and progression", learning.apel_and_progression),
            ("Registration or membership", learning.registration),
        ),
    ]


def cpd_blocks(cpd: ContinuingDevelopment) -> list[Block]:
    return [
        *bullets("Statutory and mandatory learning", cpd.statutory_mandatory),
        *bullets("Formal endorsed learning", cpd.formal),
        fields(
            ("Informal learning", cpd.informal),
            ("Capturing impact", cpd.impact_capture),
            ("Funding", cpd.funding),
            ("Frequency", cpd.frequency),
        ),
    ]


PERSON_SPECIFICATION_AREAS = (
    ("qualifications", "Qualifications"),
    ("experience", "Experience"),
    ("knowledge", "Knowledge"),
    ("skills", "Skills"),
    ("personal_attributes", "Personal attributes"),
    ("other", "Other requirements"),
)


PERSON_SPECIFICATION = "Person specification"
HOW_ASSESSED = "How assessed"
NOT_GIVEN = "Not given"


def assessment_text(ways: tuple[str, ...]) -> str:
    """How an area's requirements are assessed, as a person specification says it: "Application, interview"."""
    return ", ".join(ways).capitalize() if ways else NOT_GIVEN


def person_specification_table(specification: PersonSpecification) -> Table:
    """Every requirement by area, essential or desirable, and how it is assessed where the data says for any
    area (the column is left out when it says for none, and reads "Not given" for an area it does not say)."""
    rows = []
    areas = [
        (area, requirements)
        for field_name, area in PERSON_SPECIFICATION_AREAS
        if (requirements := getattr(specification, field_name)) is not None
    ]
    assessed = any(requirements.assessed_by for _, requirements in areas)
    for area, requirements in areas:
        how = (assessment_text(requirements.assessed_by),) if assessed else ()
        rows += [(area, text, "Essential", *how) for text in requirements.essential]
        rows += [(area, text, "Desirable", *how) for text in requirements.desirable]
    headers = ("Area", "Requirement", "Essential or desirable", *((HOW_ASSESSED,) if assessed else ()))
    widths = (17, 53, 15, 15) if assessed else (18, 64, 18)
    return table(PERSON_SPECIFICATION, headers, rows, widths=widths)


def duty_blocks(
    role: Role, held: Mapping[str, Competence], untitled: str = "Duties", nos_only: bool = False
) -> list[Block]:
    """The role's duties by group, each with the competences that cover it: a NOS by its code, another by its
    title (or, with `nos_only`, only the NOS, as "(NOS: HPC1)"). `held` is what the role holds, by code or id; a
    group without a heading is shown under `untitled`."""

    def covered_by(references: tuple[str, ...]) -> str:
        if nos_only:
            codes = [held[r].code for r in references if r in held and held[r].code]
            return f" (NOS: {'; '.join(c for c in codes if c)})" if codes else ""
        names = [held[r].code or held[r].title if r in held else r for r in references]
        return f" (covered by {'; '.join(names)})" if names else ""

    return [
        block
        for group in role.duties
        for block in bullets(group.heading or untitled, (d.text + covered_by(d.competences) for d in group.duties))
    ]


def note_blocks(role: Role) -> list[Block]:
    return bullets(
        "Notes",
        (f"{note.text} ({source_text(note.source)})" for note in role.notes),
    )
