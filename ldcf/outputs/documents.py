"""Documents people hand to each other: a job description with its person specification, and a development
plan for supervision and appraisal. Each is built once, as sections of blocks, and written out as Markdown,
HTML or Word by the renderers; nothing here formats text for one of them."""

from __future__ import annotations

from collections.abc import Iterable

from ldcf.framework.entities import (
    AFC_NOTE,
    CATEGORIES,
    Level,
    Record,
    Role,
)
from ldcf.framework.lookups import Framework, Holding
from ldcf.queries.gaps import GapEntry, RecordGap, RoleGap, record_gap, role_gap
from ldcf.queries.profiles import role_profile
from ldcf.render.blocks import (
    GENERATOR,
    NO_CODE,
    Block,
    Document,
    Paragraph,
    Section,
    Table,
    bullets,
    clean,
    fields,
    paragraphs,
    table,
)
from ldcf.render.role_sections import (
    CPD,
    LEARNING,
    cpd_blocks,
    duty_blocks,
    learning_blocks,
    note_blocks,
    person_specification_table,
    source_text,
)

JOB_DESCRIPTION = "Job description and person specification"
DEVELOPMENT_PLAN = "Development plan"


def _section(title: str, blocks: Iterable[Block]) -> Section:
    return Section(clean(title), tuple(blocks))


def _code(code: str | None) -> str:
    return code or NO_CODE


# Job description -------------------------------------------------------------------------------------------------


def _is_local(framework: Framework, origin: str) -> bool:
    layers = framework.origins.layers
    return bool(layers) and bool(origin) and origin != layers[0]


def _not_given(framework: Framework, role: Role) -> Paragraph:
    """What a document says in a section for which the role's sources give nothing."""
    if _is_local(framework, framework.origins.roles.get(role.id, "")):
        return Paragraph(clean(f"Not given in {role.source.document} or the national framework."))
    return Paragraph("Not given in the national framework: add it in a local overlay.")


def _level_text(level: Level) -> str:
    return f"{level.level} (the Career Framework's indicative title for this level: {level.indicative_title})"


def _competence_table(title: str, holdings: list[Holding], framework: Framework) -> Table:
    rows: list[tuple[str, ...]] = []
    notes: list[str] = []
    for holding in holdings:
        competence = holding.competence
        rows.append((_code(competence.code), competence.title, competence.body or ""))
        note = []
        if competence.code is None:
            note.append("not a NOS")
        if _is_local(framework, holding.origin):
            note.append(f"added locally ({holding.origin})")
        if holding.note:
            note.append(holding.note)
        notes.append("; ".join(note))
    headers: tuple[str, ...] = ("Code", "Title", "Standard-setting body")
    if any(notes):
        headers += ("Note",)
        rows = [(*row, note) for row, note in zip(rows, notes, strict=True)]
    return table(f"{title} ({len(holdings)})", headers, rows, (holding.competence.url for holding in holdings))


def job_description(framework: Framework, name: str) -> Document:
    """The job description and person specification of a role, in the order of the 2023 role template and of
    NHS job descriptions."""
    profile = role_profile(framework, name)
    role, level, base = profile.role, profile.level, profile.base
    not_given = _not_given(framework, role)

    def given(blocks: list[Block]) -> list[Block]:
        return blocks or [not_given]

    details = fields(
        ("Job title", role.title),
        ("Career Framework level", _level_text(level)),
        ("Agenda for Change band", f"{role.afc_band}. {AFC_NOTE}" if role.afc_band else None),
        ("Employer", role.employer),
        ("Location", role.location),
        ("Area of work", role.area_of_work),
        ("Based on", f"{base.title}, the national role at level {level.level}" if base else None),
        ("Also known as", ", ".join(role.aliases)),
    )
    reporting = fields(
        ("Reports to", role.reports_to),
        ("Accountable to", role.accountable_to),
        ("Responsible for", role.responsible_for),
    )
    purpose = [*bullets("Job purpose", role.purpose), *paragraphs(role.scope)]
    competences: list[Block] = []
    for category in CATEGORIES:
        held = [h for h in profile.holdings if h.category == category]
        title = f"{category.capitalize()} competences"
        if held:
            competences.append(_competence_table(title, held, framework))
        elif category == "locality-specific":
            competences.append(
                Paragraph("No locality-specific competences are given: a service adds its own in a local overlay.")
            )
    sources = [f"This role: {source_text(role.source)}"]
    if base is not None:
        sources.append(f"{base.title}, the role it is based on: {source_text(base.source)}")
    sources += [f"Competences: {source}" for source in sorted({h.competence.source for h in profile.holdings})]
    sections = [
        _section("Job details", [details, *paragraphs(level.ld_descriptor or level.descriptor)]),
        _section("Reporting lines", given([reporting] if reporting.pairs else [])),
        _section("Job purpose and scope", given(purpose)),
        _section("Main duties", given(duty_blocks(role, {h.competence.key: h.competence for h in profile.holdings}))),
        _section("Competences", competences),
        _section(
            "Person specification",
            given([person_specification_table(role.person_specification)] if role.person_specification else []),
        ),
        _section(LEARNING, given(learning_blocks(role.learning) if role.learning else [])),
        _section(CPD, given(cpd_blocks(role.cpd) if role.cpd else [])),
    ]
    if role.notes:
        sections.append(_section("Notes", note_blocks(role)))
    sections.append(_section("Sources", bullets("Source documents", sources)))
    return Document(
        kind="job-description",
        title=clean(f"{JOB_DESCRIPTION}: {role.title}"),
        subject=JOB_DESCRIPTION,
        author=clean(role.employer or GENERATOR),
        sections=tuple(sections),
    )


# Development plan ------------------------------------------------------------------------------------------------

PLANNING_HEADERS = ("Code", "Title", "Planned learning", "Support needed", "Target date", "Review date")


def _planning_table(title: str, entries: tuple[GapEntry, ...]) -> Table:
    return table(
        f"{title} ({len(entries)})",
        PLANNING_HEADERS,
        ((_code(e.competence.code), e.competence.title, "", "", "", "") for e in entries),
        (e.competence.url for e in entries),
    )


def _plan(framework: Framework, gap: RoleGap | RecordGap, who: str, about: Block) -> Document:
    to_role, to_level = gap.to_role, gap.to_level
    met_headers = ("Code", "Title", "Category", "Evidence", "Date")
    met = table(
        f"Already met ({len(gap.retained)})",
        met_headers,
        (
            (
                _code(e.competence.code),
                e.competence.title,
                e.category or "",
                e.evidence.evidence if e.evidence else "",
                e.evidence.date if e.evidence else "",
            )
            for e in gap.retained
        ),
        (e.competence.url for e in gap.retained),
    )
    planned = tuple(e for e in gap.to_acquire if e.planned is not None)
    to_acquire: list[Block] = []
    for category in CATEGORIES:
        entries = tuple(e for e in gap.to_acquire if e.category == category and e.planned is None)
        if entries:
            to_acquire.append(_planning_table(f"{category.capitalize()} competences", entries))
    if not gap.to_acquire:
        to_acquire.append(Paragraph("Nothing to acquire: every competence the role requires is met."))
    working_towards = table(
        f"Working towards ({len(planned)})",
        ("Code", "Title", "Category", "Plan", "Target date", "Review date"),
        (
            (
                _code(e.competence.code),
                e.competence.title,
                e.category or "",
                e.planned.plan or "",
                e.planned.target_date or "",
                "",
            )
            for e in planned
            if e.planned is not None
        ),
        (e.competence.url for e in planned),
    )
    learning = learning_blocks(to_role.learning) if to_role.learning else [_not_given(framework, to_role)]
    sign_off = table(
        "Sign-off",
        ("Signed by", "Name", "Signature", "Date"),
        (("Staff member", "", "", ""), ("Supervisor", "", "", "")),
    )
    review = table("Reviews", ("Review date", "Progress and next steps"), (("", ""), ("", ""), ("", "")))
    sections = [
        _section("About this plan", [about, *paragraphs(to_level.ld_descriptor or to_level.descriptor)]),
        _section("Already met", [met]),
        _section("To acquire", to_acquire),
    ]
    if planned:
        sections.append(_section("Working towards", [working_towards]))
    sections += [
        _section(f"Indicative learning for {to_role.title}", learning),
        _section("Sign-off", [sign_off, review]),
    ]
    return Document(
        kind="development-plan",
        title=clean(f"{DEVELOPMENT_PLAN}: {who} to {to_role.title}"),
        subject=DEVELOPMENT_PLAN,
        author=GENERATOR,
        sections=tuple(sections),
    )


def _level_change(from_level: int, to_level: int) -> str:
    change = to_level - from_level
    return f"level {from_level} to level {to_level} ({change:+d})" if change else f"level {to_level} (same level)"


def _share(gap: RoleGap | RecordGap) -> str:
    return f"{len(gap.retained)} of {gap.required} competences ({gap.share_met:.0%})"


def record_plan(framework: Framework, record: Record, record_file: str, target: str) -> Document:
    """A person's plan towards a role, from their self-assessment record."""
    gap = record_gap(framework, record, record_file, target)
    from_role = gap.from_role
    about = fields(
        ("Staff member", gap.person),
        ("Current role", f"{from_role.title}, level {from_role.level}" if from_role else None),
        ("Target role", f"{gap.to_role.title}, level {gap.to_level.level}"),
        ("Level change", _level_change(gap.from_level.level, gap.to_level.level) if gap.from_level else None),
        ("Share met", _share(gap)),
    )
    return _plan(framework, gap, gap.person, about)


def role_plan(framework: Framework, from_name: str, to_name: str) -> Document:
    """The plan for anyone in one role moving to another."""
    gap = role_gap(framework, from_name, to_name)
    about = fields(
        ("Current role", f"{gap.from_role.title}, level {gap.from_level.level}"),
        ("Target role", f"{gap.to_role.title}, level {gap.to_level.level}"),
        ("Level change", _level_change(gap.from_level.level, gap.to_level.level)),
        ("Share met", _share(gap)),
    )
    return _plan(framework, gap, gap.from_role.title, about)
