"""How the profiles and lists of roles, levels and competences look on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.framework.entities import AFC_NOTE, CATEGORIES, Competence
from ldcf.queries.profiles import CompetenceList, CompetenceProfile, LevelList, LevelProfile, RoleList, RoleProfile
from ldcf.render.blocks import Block, Paragraph, Table, bullets, clean, fields, heading, paragraphs, table
from ldcf.render.layout import ORIGIN_HEADER, code_of, layout, rows
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
        # The core has a function only where the role arranges it in core_groups.
        with_function = grouped and (category != "core" or any(h.group is not None for h in held))
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
