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


def person_specification_table(specification: PersonSpecification) -> Table:
    rows = []
    for field_name, area in PERSON_SPECIFICATION_AREAS:
        requirements = getattr(specification, field_name)
        if requirements is None:
            continue
        rows += [(area, text, "Essential") for text in requirements.essential]
        rows += [(area, text, "Desirable") for text in requirements.desirable]
    return table("Person specification", ("Area", "Requirement", "Essential or desirable"), rows)


def duty_blocks(role: Role, held: Mapping[str, Competence]) -> list[Block]:
    """The role's duties by group, each with the competences that cover it: a NOS by its code, another by its
    title. `held` is what the role holds, by code or id."""

    def covered_by(references: tuple[str, ...]) -> str:
        names = [held[r].code or held[r].title if r in held else r for r in references]
        return f" (covered by {'; '.join(names)})" if names else ""

    return [
        block
        for group in role.duties
        for block in bullets(group.heading or "Duties", (d.text + covered_by(d.competences) for d in group.duties))
    ]


def note_blocks(role: Role) -> list[Block]:
    return bullets(
        "Notes",
        (f"{note.text} ({source_text(note.source)})" for note in role.notes),
    )
