"""How a gap, from a role or from a record, looks on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.framework.entities import CATEGORIES
from ldcf.queries.gaps import GapEntry, RecordGap, RoleGap
from ldcf.render.blocks import Block, Paragraph, Table, fields, heading, paragraphs, table
from ldcf.render.layout import ORIGIN_HEADER, code_of, layout, rows
from ldcf.render.role_sections import (
    LEARNING,
    learning_blocks,
)


def entries_table(title: str, entries: tuple[GapEntry, ...], with_evidence: bool, with_origin: bool) -> Table:
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
            blocks.append(entries_table(f"{TO_ACQUIRE}: {category}", entries, False, gap.show_origins))
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
    blocks.append(entries_table(RETAINED, gap.retained, from_record, gap.show_origins))
    blocks.append(entries_table(NO_LONGER_REQUIRED, gap.no_longer_required, from_record, gap.show_origins))
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


def _level_change(from_level: int, to_level: int) -> str:
    return (
        f"{from_level} to {to_level} ({to_level - from_level:+d})" if to_level != from_level else f"{to_level} (same)"
    )


def share_text(gap: RoleGap | RecordGap | None) -> str:
    """How much of a role someone meets, as "25 of 38 (66%)"; empty when there is no role to meet."""
    return f"{len(gap.retained)} of {gap.required} ({gap.share_met:.0%})" if gap else ""


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
