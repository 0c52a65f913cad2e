"""What each result looks like on a page: headings, paragraphs, fields and tables, shared by the table and
Markdown renderers, and the flat rows that CSV writes. Layout chooses what to show and in which order; it
computes nothing."""

from __future__ import annotations

import importlib
from functools import singledispatch

from ldcf.blocks import Block, Paragraph, Table, bullets, clean, fields, heading, paragraphs, table
from ldcf.documents import (
    CPD,
    LEARNING,
    NO_CODE,
    cpd_blocks,
    duty_blocks,
    learning_blocks,
    note_blocks,
    person_specification_table,
    source_text,
)
from ldcf.entities import AFC_NOTE, CATEGORIES, Competence
from ldcf.gaps import GapEntry, RecordGap, RoleGap
from ldcf.profiles import CompetenceList, CompetenceProfile, LevelList, LevelProfile, RoleList, RoleProfile
from ldcf.progression import Route
from ldcf.rules import RuleList
from ldcf.search import SearchResults
from ldcf.suggest import Suggestions

ORIGIN_HEADER = "Data folder"


def code_of(competence: Competence) -> str:
    return competence.code or NO_CODE


def _register_layouts_of(result: object) -> bool:
    """Import the module that lays out the results of a rarely used query (`ldcf.render.QUERY_layout`), so that
    the everyday views do not pay for importing it; True when there is one."""
    query = type(result).__module__.rpartition(".")[2]
    try:
        importlib.import_module(f"ldcf.render.{query}_layout")
    except ModuleNotFoundError:
        return False
    return True


@singledispatch
def layout(result: object) -> list[Block]:
    if type(result) not in layout.registry and _register_layouts_of(result) and type(result) in layout.registry:
        return layout(result)
    raise TypeError(f"no layout for {type(result).__name__}")


@singledispatch
def rows(result: object) -> Table:
    """The result as one flat table, for CSV."""
    if type(result) not in rows.registry and _register_layouts_of(result) and type(result) in rows.registry:
        return rows(result)
    raise TypeError(f"no rows for {type(result).__name__}")


# Roles ---------------------------------------------------------------------------------------------------------


@layout.register
def _(profile: RoleProfile) -> list[Block]:
    role, level = profile.role, profile.level
    base = profile.base
    blocks: list[Block] = [
        heading(f"{role.title} ({role.id})"),
        fields(
            ("Level", f"{level.level}, indicative title {level.indicative_title}"),
            ("Based on", f"{base.title} ({base.id}), whose level and competences it inherits" if base else None),
            ("Employer", role.employer),
            ("Location", role.location),
            ("Agenda for Change band", f"{role.afc_band}. {AFC_NOTE}" if role.afc_band else None),
            ("Also known as", ", ".join(role.aliases)),
            ("Area of work", role.area_of_work),
            ("Reports to", role.reports_to),
            ("Accountable to", role.accountable_to),
            ("Responsible for", role.responsible_for),
        ),
        *paragraphs(level.ld_descriptor or level.descriptor),
    ]
    blocks += bullets("Job purpose", role.purpose)
    if role.scope:
        blocks += [heading("Scope", 2), *paragraphs(role.scope)]
    if role.duties:
        blocks += [
            heading("Main duties", 2),
            *duty_blocks(role, {h.competence.key: h.competence for h in profile.holdings}),
        ]
    if role.person_specification:
        blocks.append(person_specification_table(role.person_specification))
    grouped = any(h.group is not None and h.group.function for h in profile.holdings)
    for category in CATEGORIES:
        held = [h for h in profile.holdings if h.category == category]
        if not held:
            continue
        with_function = grouped and category != "core"
        with_note = any(h.note for h in held)
        headers = (
            ["Code", "Title", "Body"]
            + (["Reference function"] if with_function else [])
            + ([ORIGIN_HEADER] if profile.show_origins else [])
            + (["Note"] if with_note else [])
        )
        rows = [
            [code_of(h.competence), h.competence.title, h.competence.body or ""]
            + ([h.group.function if h.group and h.group.function else ""] if with_function else [])
            + ([h.origin] if profile.show_origins else [])
            + ([h.note] if with_note else [])
            for h in held
        ]
        links = [h.competence.url for h in held]
        blocks.append(table(f"{category.capitalize()} competences ({len(held)})", headers, rows, links))
    for title, section in (
        (LEARNING, learning_blocks(role.learning) if role.learning else []),
        (CPD, cpd_blocks(role.cpd) if role.cpd else []),
    ):
        blocks += [heading(title, 2), *(section or [Paragraph(clean(f"Not given in {role.source.document}."))])]
    blocks += note_blocks(role)
    blocks.append(fields(("Source", source_text(role.source))))
    return blocks


@rows.register
def _(profile: RoleProfile) -> Table:
    return table(
        "competences",
        ("role", "category", "code", "title", "body", "principle", "function", "origin", "url", "note"),
        (
            (
                profile.role.id,
                h.category,
                h.competence.code,
                h.competence.title,
                h.competence.body,
                h.group.principle if h.group else "",
                h.group.function if h.group else "",
                h.origin,
                h.competence.url,
                h.note,
            )
            for h in profile.holdings
        ),
    )


@layout.register
def _(listing: RoleList) -> list[Block]:
    return [
        table(f"Level {level.level}", ("Id", "Title"), ((r.id, r.title) for r in roles))
        for level, roles in listing.by_level()
    ]


@rows.register
def _(listing: RoleList) -> Table:
    return table("roles", ("level", "id", "title"), ((r.level, r.id, r.title) for r in listing.roles))


# Levels --------------------------------------------------------------------------------------------------------


@layout.register
def _(profile: LevelProfile) -> list[Block]:
    level = profile.level
    blocks: list[Block] = [
        heading(f"Career Framework level {level.level}: {level.indicative_title}"),
        *paragraphs(level.descriptor),
    ]
    if level.ld_descriptor:
        blocks += [heading("In the Liaison and Diversion framework", 2), *paragraphs(level.ld_descriptor)]
    blocks += bullets("Attributes", level.attributes)
    blocks.append(table("Roles at this level", ("Id", "Title"), ((r.id, r.title) for r in profile.roles)))
    blocks.append(
        table(
            f"Core competences ({len(profile.core)})",
            ("Code", "Title"),
            ((code_of(c), c.title) for c in profile.core),
        )
    )
    return blocks


@rows.register
def _(profile: LevelProfile) -> Table:
    rows = [("role", r.id, r.title) for r in profile.roles] + [("core", c.key, c.title) for c in profile.core]
    return table("level", ("kind", "id", "title"), rows)


@layout.register
def _(listing: LevelList) -> list[Block]:
    return [
        Paragraph(
            "Indicative titles are the Career Framework's generic ones, not the titles of L&D roles: "
            "`ldcf roles` lists the L&D roles at each level."
        ),
        table(
            "Career Framework levels",
            ("Level", "Indicative title"),
            ((level.level, level.indicative_title) for level in listing.levels),
        ),
    ]


@rows.register
def _(listing: LevelList) -> Table:
    return table(
        "levels", ("level", "indicative_title"), ((level.level, level.indicative_title) for level in listing.levels)
    )


# Competences ---------------------------------------------------------------------------------------------------


def _core_levels(competence: Competence) -> str:
    return ", ".join(str(level) for level in competence.core_levels)


@layout.register
def _(profile: CompetenceProfile) -> list[Block]:
    competence = profile.competence
    return [
        heading(f"{code_of(competence)}: {competence.title}"),
        fields(
            ("URL", competence.url),
            ("Body", competence.body),
            ("Also printed as", ", ".join(competence.aliases)),
            ("Core at levels", _core_levels(competence)),
            ("Named in", competence.source),
            ("Data folder", profile.origin),
        ),
        table(
            f"Roles that need it ({len(profile.used_by)})",
            ("Role", "Title", "Level", "Category"),
            ((use.role.id, use.role.title, use.role.level, use.category) for use in profile.used_by),
        ),
    ]


@rows.register
def _(profile: CompetenceProfile) -> Table:
    return table(
        "used_by",
        ("code", "role", "level", "category"),
        ((profile.competence.key, use.role.id, use.role.level, use.category) for use in profile.used_by),
    )


@layout.register
def _(listing: CompetenceList) -> list[Block]:
    return [
        table(
            f"Competences ({len(listing.competences)})",
            ("Code", "Title", "Core at levels"),
            ((code_of(c), c.title, _core_levels(c)) for c in listing.competences),
        )
    ]


@rows.register
def _(listing: CompetenceList) -> Table:
    return table(
        "competences",
        ("code", "id", "title", "body", "core_levels", "url"),
        ((c.code, c.key, c.title, c.body, _core_levels(c), c.url) for c in listing.competences),
    )


@layout.register
def _(results: SearchResults) -> list[Block]:
    return [
        table(
            f"Competences matching {results.query!r} ({len(results.matches)})",
            ("Score", "Code", "Title"),
            ((match.score, code_of(match.competence), match.competence.title) for match in results.matches),
        )
    ]


@rows.register
def _(results: SearchResults) -> Table:
    return table(
        "matches",
        ("score", "code", "id", "title"),
        ((m.score, m.competence.code, m.competence.key, m.competence.title) for m in results.matches),
    )


# Gaps and routes -----------------------------------------------------------------------------------------------


def _entries(title: str, entries: tuple[GapEntry, ...], with_evidence: bool, with_origin: bool) -> Table:
    headers = (
        ["Code", "Title", "Category"]
        + (["Evidence", "Date"] if with_evidence else [])
        + ([ORIGIN_HEADER] if with_origin else [])
    )
    rows = []
    for entry in entries:
        row = [code_of(entry.competence), entry.competence.title, entry.category or ""]
        if with_evidence:
            evidence = entry.evidence
            row += [evidence.evidence or "", evidence.date or ""] if evidence else ["", ""]
        if with_origin:
            row.append(entry.origin)
        rows.append(row)
    return table(f"{title} ({len(entries)})", headers, rows, (entry.competence.url for entry in entries))


# The sections of every gap, in every format: the words of the JSON keys and of the CSV status column.
TO_ACQUIRE, WORKING_TOWARDS, RETAINED, NO_LONGER_REQUIRED = (
    "To acquire",
    "Working towards",
    "Retained",
    "No longer required",
)


def _comparison(gap: RoleGap | RecordGap, from_record: bool) -> list[Block]:
    """The lists of a gap, from either a role or a record, after its heading and fields."""
    blocks: list[Block] = [*paragraphs(gap.to_level.ld_descriptor or gap.to_level.descriptor)]
    planned = tuple(e for e in gap.to_acquire if e.planned is not None)
    for category in CATEGORIES:
        entries = tuple(e for e in gap.to_acquire if e.category == category and e.planned is None)
        if entries:
            blocks.append(_entries(f"{TO_ACQUIRE}: {category}", entries, False, gap.show_origins))
    if planned:
        blocks.append(
            table(
                f"{WORKING_TOWARDS} ({len(planned)})",
                ("Code", "Title", "Category", "Target date", "Plan"),
                (
                    (code_of(e.competence), e.competence.title, e.category, e.planned.target_date, e.planned.plan)
                    for e in planned
                    if e.planned is not None
                ),
            )
        )
    if not gap.to_acquire:
        blocks.append(Paragraph("Nothing to acquire."))
    blocks.append(_entries(RETAINED, gap.retained, from_record, gap.show_origins))
    blocks.append(_entries(NO_LONGER_REQUIRED, gap.no_longer_required, from_record, gap.show_origins))
    if gap.learning:
        blocks += [heading(LEARNING, 2), *learning_blocks(gap.learning)]
    blocks.append(
        fields(
            (TO_ACQUIRE, len(gap.to_acquire)),
            (WORKING_TOWARDS, len(planned) or None),
            (RETAINED, len(gap.retained)),
            (NO_LONGER_REQUIRED, len(gap.no_longer_required)),
        )
    )
    return blocks


def share_text(gap: RoleGap | RecordGap | None) -> str:
    """How much of a role someone meets, as "25 of 38 (66%)"; empty when there is no role to meet."""
    return f"{len(gap.retained)} of {gap.required} ({gap.share_met:.0%})" if gap else ""


def _level_change(from_level: int, to_level: int) -> str:
    return (
        f"{from_level} to {to_level} ({to_level - from_level:+d})" if to_level != from_level else f"{to_level} (same)"
    )


@layout.register
def _(gap: RoleGap) -> list[Block]:
    from_role, to_role = gap.from_role, gap.to_role
    return [
        heading(f"From {from_role.title} to {to_role.title}"),
        fields(
            ("From", f"{from_role.title} ({from_role.id}), level {gap.from_level.level}"),
            ("To", f"{to_role.title} ({to_role.id}), level {gap.to_level.level}"),
            ("Level change", _level_change(gap.from_level.level, gap.to_level.level)),
        ),
        *_comparison(gap, from_record=False),
    ]


@layout.register
def _(gap: RecordGap) -> list[Block]:
    to_role, from_role = gap.to_role, gap.from_role
    return [
        heading(f"From {gap.person} to {to_role.title}"),
        fields(
            ("From", gap.person + (f", {from_role.title} ({from_role.id})" if from_role else "")),
            ("To", f"{to_role.title} ({to_role.id}), level {gap.to_level.level}"),
            (
                "Level change",
                _level_change(gap.from_level.level, gap.to_level.level)
                if gap.from_level
                else f"to level {gap.to_level.level}",
            ),
            ("Share met", share_text(gap)),
        ),
        *_comparison(gap, from_record=True),
    ]


def _gap_rows(gap: RoleGap | RecordGap) -> Table:
    rows = [
        (
            status,
            e.competence.code,
            e.competence.key,
            e.competence.title,
            e.category or "",
            e.evidence.evidence if e.evidence else "",
            e.evidence.date if e.evidence else "",
            e.planned.target_date if e.planned else "",
            e.origin,
            e.competence.url,
        )
        for status, entries in (
            ("to_acquire", gap.to_acquire),
            ("retained", gap.retained),
            ("no_longer_required", gap.no_longer_required),
        )
        for e in entries
    ]
    headers = ("status", "code", "id", "title", "category", "evidence", "date", "target_date", "origin", "url")
    return table("gap", headers, rows)


rows.register(RoleGap, _gap_rows)
rows.register(RecordGap, _gap_rows)


@layout.register
def _(route: Route) -> list[Block]:
    blocks: list[Block] = [
        heading(f"Route from {route.from_role.title} to {route.to_role.title}"),
        table(
            f"Steps ({len(route.steps)})",
            ("Step", "From", "To", "Levels", "To acquire"),
            (
                (
                    index,
                    step.from_role.title,
                    step.to_role.title,
                    f"{step.from_level.level} to {step.to_level.level}",
                    len(step.to_acquire),
                )
                for index, step in enumerate(route.steps, start=1)
            ),
        ),
        fields(
            ("Competences to acquire in all", route.total_to_acquire),
            ("Straight from one to the other", len(route.direct.to_acquire)),
        ),
    ]
    if not route.steps:
        blocks.insert(1, Paragraph("Already there: no steps."))
    extra = route.not_required_at_the_end
    if extra:
        blocks.append(
            Paragraph(
                f"The route acquires {len(extra)} competence(s) on the way that {route.to_role.title} does not "
                f"require: {', '.join(code_of(competence) for competence in extra)}. That is why it adds more "
                "than the direct gap: each step acquires all that the role it reaches requires."
            )
        )
    for index, step in enumerate(route.steps, start=1):
        blocks.append(
            _entries(
                f"Step {index}, {step.from_role.title} to {step.to_role.title}: {TO_ACQUIRE.lower()}",
                step.to_acquire,
                False,
                step.show_origins,
            )
        )
    return blocks


@rows.register
def _(route: Route) -> Table:
    return table(
        "route",
        ("step", "from", "to", "code", "id", "title", "category"),
        (
            (
                index,
                step.from_role.id,
                step.to_role.id,
                e.competence.code,
                e.competence.key,
                e.competence.title,
                e.category,
            )
            for index, step in enumerate(route.steps, start=1)
            for e in step.to_acquire
        ),
    )


# Suggestions ---------------------------------------------------------------------------------------------------


@layout.register
def _(found: Suggestions) -> list[Block]:
    rows = []
    for line in found.lines:
        best, *others = line.suggestions or (None,)
        rows.append(
            (
                line.label or line.number,
                line.text,
                line.strength,
                f"{code_of(best.competence)} {best.competence.title}" if best else "",
                best.score if best else "",
                "; ".join(f"{code_of(s.competence)} ({s.score})" for s in others),
            )
        )
    blocks: list[Block] = [
        table(
            f"Suggested NOS ({found.matched} of {len(found.lines)} duties matched)",
            ("Duty", "Text", "Match", "Best", "Score", "Also"),
            rows,
        )
    ]
    if not found.roles:
        blocks.append(Paragraph("No national role covers these duties: no duty matched a NOS."))
    else:
        blocks.append(
            table(
                "National roles that cover the matched duties best",
                ("Role", "Title", "Level", "Covered"),
                ((c.role.id, c.role.title, c.role.level, f"{c.covered} of {c.matched}") for c in found.roles),
            )
        )
    return blocks


@rows.register
def _(found: Suggestions) -> Table:
    return table(
        "suggestions",
        ("line", "label", "duty", "strength", "rank", "code", "title", "score"),
        [
            (line.number, line.label, line.text, line.strength, rank, s.competence.code, s.competence.title, s.score)
            for line in found.lines
            for rank, s in enumerate(line.suggestions, start=1)
        ]
        # A duty with no suggestion is still a row, so that the sheet lists every duty.
        + [
            (line.number, line.label, line.text, line.strength, "", "", "", "")
            for line in found.lines
            if not line.suggestions
        ],
    )


# Rules ---------------------------------------------------------------------------------------------------------


def _adjustable(adjustable: bool) -> str:
    return "yes" if adjustable else "no"


@layout.register
def _(listing: RuleList) -> list[Block]:
    return [
        table(
            f"Rules ({len(listing.rules)})",
            ("Rule", "Severity", "Adjustable", "Why"),
            ((rule.id, rule.severity.value, _adjustable(rule.adjustable), rule.summary) for rule in listing.rules),
        )
    ]


@rows.register
def _(listing: RuleList) -> Table:
    return table(
        "rules",
        ("id", "severity", "adjustable", "summary"),
        ((rule.id, rule.severity.value, _adjustable(rule.adjustable), rule.summary) for rule in listing.rules),
    )
