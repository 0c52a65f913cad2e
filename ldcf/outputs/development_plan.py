"""A personal development plan for appraisal and supervision, in the shape of an NHS appraisal's: who, their
role and aim, the appraiser and the dates; up to five priorities for the year, each with how it will be met,
the support needed, a target date, the outcome and the date achieved (space to write where the record does not
say); then what is held and what is being worked towards, compactly; a sign-off with room to sign and a review
log. Built once as sections of blocks; the renderers write it out."""

from __future__ import annotations

from typing import NamedTuple

from ldcf.framework.entities import CATEGORIES, MOST_PRIORITIES, Record
from ldcf.framework.lookups import Framework
from ldcf.outputs.document_parts import CODE_TITLE_WIDTHS, code, section
from ldcf.queries.gaps import GapEntry, RecordGap, RoleGap, record_gap, role_gap
from ldcf.render.blocks import (
    GENERATOR,
    Block,
    Document,
    Fields,
    Paragraph,
    Table,
    clean,
    fields_to_fill,
    paragraphs,
    table,
)
from ldcf.render.role_sections import learning_blocks

DEVELOPMENT_PLAN = "Development plan"
ABOUT = "About this plan"
PRIORITIES = "Priorities for the year"
HELD = "What is held"
WORKING_TOWARDS = "What is being worked towards"
SIGN_OFF = "Sign-off"
REVIEW_LOG = "Review log"
CONFIDENTIAL = "Confidential"

# Least heights of rows to write in, in millimetres: a signature needs 1.5 cm at least.
FORM_ROW_HEIGHT = 12.0
SIGNATURE_ROW_HEIGHT = 16.0
REVIEW_ROW_HEIGHT = 30.0
REVIEW_ROWS = 4


class PlanOptions(NamedTuple):
    """What the command line may give a plan beyond the record: the appraiser (or supervisor), the plan's date,
    the next review date and the priorities (codes), each used instead of the record's."""

    appraiser: str | None = None
    plan_date: str | None = None
    next_review: str | None = None
    priorities: tuple[str, ...] = ()


class PriorityProblem(ValueError):
    """A priority asked for that the plan cannot hold: more than five, twice, held already, or not needed by the
    target role. The message says which and why."""


def _chosen(framework: Framework, gap: RoleGap | RecordGap, codes: tuple[str, ...]) -> list[GapEntry]:
    """The entries of the competences `codes` name, in their order; raises UnknownName for a code that names
    no competence and PriorityProblem for one the plan cannot hold."""
    if len(codes) > MOST_PRIORITIES:
        raise PriorityProblem(f"{len(codes)} priorities: a plan agrees at most {MOST_PRIORITIES}")
    to_acquire = {entry.competence.key: entry for entry in gap.to_acquire}
    retained = {entry.competence.key for entry in gap.retained}
    chosen: list[GapEntry] = []
    for name in codes:
        key = framework.find_competence(name).key
        if key in retained:
            raise PriorityProblem(f"priority {key} is held already, so it is no development need")
        if key not in to_acquire:
            raise PriorityProblem(f"priority {key} is not a competence {gap.to_role.title} needs")
        if to_acquire[key] in chosen:
            raise PriorityProblem(f"priority {key} is given twice")
        chosen.append(to_acquire[key])
    return chosen


def _priorities(
    framework: Framework, gap: RoleGap | RecordGap, codes: tuple[str, ...]
) -> tuple[list[GapEntry], Paragraph]:
    """The plan's priorities and a line saying where they come from: those given, else the first competences
    the target role needs as role-specific that are still to acquire (else the first of any category)."""
    if codes:
        return _chosen(framework, gap, codes), Paragraph(
            "The priorities chosen for this plan, at most five: for each, the development need, how it will be "
            "met, the support needed and a target date, and at review the outcome and the date it was achieved."
        )
    role_specific = [entry for entry in gap.to_acquire if entry.category == "role-specific"]
    pool = role_specific or list(gap.to_acquire)
    chosen = pool[:MOST_PRIORITIES]
    if not chosen:
        return [], Paragraph("None: nothing is left to acquire.")
    which = "role-specific competences" if role_specific else "competences"
    return chosen, Paragraph(
        clean(
            f"Until priorities are agreed at appraisal, these are the first {len(chosen)} {which} of "
            f"{gap.to_role.title} still to acquire. Agree up to five, and write how each will be met."
        )
    )


def _priority_form(number: int, entry: GapEntry, role_title: str) -> Table:
    competence, planned = entry.competence, entry.planned
    category = f"{entry.category} competence of {role_title}" if entry.category else f"needed by {role_title}"
    return table(
        f"Priority {number}",
        (),
        (
            ("Development need", f"{code(competence)} {competence.title} ({category})"),
            ("How it will be met", planned.plan or "" if planned else ""),
            ("Support needed", ""),
            ("Target date", planned.target_date or "" if planned else ""),
            ("Outcome", ""),
            ("Date achieved", ""),
        ),
        widths=(28, 72),
        row_height=FORM_ROW_HEIGHT,
        row_labels=True,
    )


def _held(gap: RoleGap | RecordGap) -> list[Block]:
    entries = gap.retained
    if not entries:
        return [Paragraph("None of the competences the target role needs is held yet.")]
    links = (e.competence.url for e in entries)
    if isinstance(gap, RecordGap):
        return [
            table(
                f"Held ({len(entries)})",
                ("Code", "Title", "Evidence", "Date"),
                (
                    (
                        code(e.competence),
                        e.competence.title,
                        e.evidence.evidence or "" if e.evidence else "",
                        e.evidence.date or "" if e.evidence else "",
                    )
                    for e in entries
                ),
                links,
                widths=(18, 44, 26, 12),
                nowrap=(0, 3),
            )
        ]
    return [
        table(
            f"Held as {gap.from_role.title} ({len(entries)})",
            ("Code", "Title"),
            ((code(e.competence), e.competence.title) for e in entries),
            links,
            widths=CODE_TITLE_WIDTHS,
            nowrap=(0,),
        )
    ]


def _working_towards(gap: RoleGap | RecordGap, priorities: list[GapEntry]) -> list[Block]:
    rest = [entry for entry in gap.to_acquire if entry not in priorities]
    planned = [entry for entry in rest if entry.planned is not None]
    unplanned = sorted(
        (entry for entry in rest if entry.planned is None),
        key=lambda entry: CATEGORIES.index(entry.category) if entry.category else len(CATEGORIES),
    )
    blocks: list[Block] = []
    if planned:
        blocks.append(
            table(
                f"Working towards ({len(planned)})",
                ("Code", "Title", "Plan", "Target date"),
                (
                    (code(e.competence), e.competence.title, e.planned.plan or "", e.planned.target_date or "")
                    for e in planned
                    if e.planned is not None
                ),
                (e.competence.url for e in planned),
                widths=(18, 42, 28, 12),
                nowrap=(0, 3),
            )
        )
    if unplanned:
        blocks.append(
            table(
                f"Still to acquire, after the priorities ({len(unplanned)})",
                ("Code", "Title", "Category"),
                ((code(e.competence), e.competence.title, e.category or "") for e in unplanned),
                (e.competence.url for e in unplanned),
                widths=(18, 64, 18),
                nowrap=(0,),
            )
        )
    if not gap.to_acquire:
        blocks.append(Paragraph(clean(f"Nothing to acquire: every competence {gap.to_role.title} needs is held.")))
    elif not blocks:
        blocks.append(Paragraph("Nothing beyond the priorities."))
    return blocks


def _sign_off(person: str | None, appraiser: str | None) -> Table:
    return table(
        "",
        ("Signed by", "Name", "Signature", "Date"),
        (
            ("Staff member", person or "", "", ""),
            ("Appraiser or supervisor", appraiser or "", "", ""),
            ("Line manager, if not the appraiser", "", "", ""),
        ),
        widths=(27, 29, 29, 15),
        row_height=SIGNATURE_ROW_HEIGHT,
        row_labels=True,
    )


def _review_log() -> Table:
    return table(
        "",
        ("Date", "Progress against the priorities", "Next steps", "Initials"),
        (("", "", "", "") for _ in range(REVIEW_ROWS)),
        widths=(14, 40, 34, 12),
        row_height=REVIEW_ROW_HEIGHT,
    )


def _plan(
    framework: Framework,
    gap: RoleGap | RecordGap,
    about: Fields,
    codes: tuple[str, ...],
    person: str | None,
    appraiser: str | None,
    who: str,
) -> Document:
    to_role, to_level = gap.to_role, gap.to_level
    priorities, why = _priorities(framework, gap, codes)
    forms = [_priority_form(number, entry, to_role.title) for number, entry in enumerate(priorities, 1)]
    descriptor = paragraphs(to_level.ld_descriptor or to_level.descriptor)
    learning = learning_blocks(to_role.learning) if to_role.learning else []
    no_learning = Paragraph(clean(f"The framework gives no indicative learning for {to_role.title}."))
    title = clean(f"{DEVELOPMENT_PLAN}: {who} to {to_role.title}")
    sections = (
        section(ABOUT, [about, *descriptor]),
        section(PRIORITIES, [why, *forms]),
        section(HELD, _held(gap)),
        section(WORKING_TOWARDS, _working_towards(gap, priorities)),
        section(f"Indicative learning for {to_role.title}", learning or [no_learning]),
        section(SIGN_OFF, [_sign_off(person, appraiser)]),
        section(REVIEW_LOG, [_review_log()]),
    )
    return Document(
        kind="development-plan",
        title=title,
        subject=DEVELOPMENT_PLAN,
        author=GENERATOR,
        sections=sections,
        footer=clean(f"{CONFIDENTIAL}: {person}" if person else f"{CONFIDENTIAL}: {title}"),
    )


def _level_change(from_level: int, to_level: int) -> str:
    change = to_level - from_level
    return f"level {from_level} to level {to_level} ({change:+d})" if change else f"level {to_level} (same level)"


def _share(gap: RoleGap | RecordGap) -> str:
    return f"{len(gap.retained)} of {gap.required} competences ({gap.share_met:.0%})"


NO_OPTIONS = PlanOptions()


def record_plan(
    framework: Framework, record: Record, record_file: str, target: str, options: PlanOptions = NO_OPTIONS
) -> Document:
    """A person's plan towards a role, from their self-assessment record; `options` override the record."""
    gap = record_gap(framework, record, record_file, target)
    from_role = gap.from_role
    appraiser = options.appraiser or record.appraiser
    about = fields_to_fill(
        ("Staff member", gap.person),
        ("Current role", f"{from_role.title}, level {from_role.level}" if from_role else None),
        ("Target role", f"{gap.to_role.title}, level {gap.to_level.level}"),
        ("Level change", _level_change(gap.from_level.level, gap.to_level.level) if gap.from_level else None),
        ("Share met", _share(gap)),
        ("Appraiser or supervisor", appraiser),
        ("Plan date", options.plan_date),
        ("Next review date", options.next_review or record.next_review),
    )
    about = about._replace(pairs=tuple(pair for pair in about.pairs if pair[1] or pair[0] not in _ONLY_WHEN_GIVEN))
    codes = options.priorities or record.priorities
    return _plan(framework, gap, about, codes, gap.person, appraiser, gap.person)


# Details a record may lack that are not written in by hand: a record without a role has no level change.
_ONLY_WHEN_GIVEN = ("Current role", "Level change")


def role_plan(framework: Framework, from_name: str, to_name: str, options: PlanOptions = NO_OPTIONS) -> Document:
    """The plan for anyone in one role moving to another, with the person's name to write in."""
    gap = role_gap(framework, from_name, to_name)
    about = fields_to_fill(
        ("Staff member", None),
        ("Current role", f"{gap.from_role.title}, level {gap.from_level.level}"),
        ("Target role", f"{gap.to_role.title}, level {gap.to_level.level}"),
        ("Level change", _level_change(gap.from_level.level, gap.to_level.level)),
        ("Share met", _share(gap)),
        ("Appraiser or supervisor", options.appraiser),
        ("Plan date", options.plan_date),
        ("Next review date", options.next_review),
    )
    return _plan(framework, gap, about, options.priorities, None, options.appraiser, gap.from_role.title)
