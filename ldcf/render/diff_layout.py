"""How the changes between two editions look on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.confirmations import Reconfirmation
from ldcf.queries.diff import AimChange, FrameworkDiff, Impact
from ldcf.render.blocks import Block, Paragraph, Table, heading, table
from ldcf.render.layout import code_of, layout, rows


def _share_text(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def _for(aim: AimChange) -> str:
    return f"{aim.kind}: {aim.title}" if aim.kind != "working towards" else f"{aim.kind}: {aim.id}"


def _what(aim: AimChange) -> str:
    return "; ".join(aim.changes) or "its share met moves"


def _reconfirm_words(again: Reconfirmation) -> str:
    by = f" by {again.confirmed_by}" if again.confirmed_by else ""
    on = f" on {again.confirmed_on}" if again.confirmed_on else ""
    return f"confirmed{by}{on}; {again.reason}: confirm it again"


def _people_rows(impact: tuple[Impact, ...]) -> list[tuple[object, ...]]:
    """A row for each thing that changes for each person; one saying so for a person for whom nothing does."""
    found: list[tuple[object, ...]] = []
    for person in impact:
        if person.note:
            found.append((person.person, f"role: {person.role}" if person.role else "", "", "", person.note))
        for aim in person.aims:
            before = "" if aim.old is None else str(aim.old)
            after = "" if aim.new is None else str(aim.new)
            found.append((person.person, _for(aim), before, after, _what(aim)))
        for again in person.to_reconfirm:
            found.append((person.person, f"sign-off: {code_of(again.competence)} {again.competence.title}", "", "",
                          _reconfirm_words(again)))  # fmt: skip
        if person.unchanged:
            found.append((person.person, "", "", "", "no change"))
    return found


@layout.register
def _(found: FrameworkDiff) -> list[Block]:
    blocks: list[Block] = [heading(f"Changes from {found.old_name} to {found.new_name}")]
    if found.empty:
        blocks.append(Paragraph("No changes."))
    if found.levels:
        blocks.append(table("Levels", ("Level", "Changes"), ((c.level, "; ".join(c.changes)) for c in found.levels)))
    for title, competences in (("Competences added", found.added), ("Competences removed", found.removed)):
        if competences:
            blocks.append(
                table(f"{title} ({len(competences)})", ("Code", "Title"), ((code_of(c), c.title) for c in competences))
            )
    if found.recoded:
        blocks.append(
            table(
                f"Competences recoded ({len(found.recoded)})",
                ("Old code", "New code"),
                ((r.old, r.new) for r in found.recoded),
            )
        )
    if found.retitled:
        blocks.append(
            table(
                f"Competences retitled ({len(found.retitled)})",
                ("Code", "Old title", "New title"),
                ((r.code, r.old, r.new) for r in found.retitled),
            )
        )
    if found.changed:
        blocks.append(
            table(
                f"Competences changed ({len(found.changed)})",
                ("Code", "Changed"),
                ((c.code, ", ".join(c.fields)) for c in found.changed),
            )
        )
    for title, roles in (("Roles added", found.added_roles), ("Roles removed", found.removed_roles)):
        if roles:
            blocks.append(
                table(f"{title} ({len(roles)})", ("Id", "Title", "Level"), ((r.id, r.title, r.level) for r in roles))
            )
    if found.changed_roles:
        blocks.append(
            table(
                f"Roles changed ({len(found.changed_roles)})",
                ("Role", "Level", "Gained", "Lost"),
                (
                    (
                        change.title,
                        f"{change.level[0]} to {change.level[1]}" if change.level else "",
                        "; ".join(f"{code} {found.title_of(code)} ({category})" for code, category in change.added),
                        "; ".join(f"{code} {found.title_of(code)} ({category})" for code, category in change.removed),
                    )
                    for change in found.changed_roles
                ),
            )
        )
    if found.impact is not None:
        blocks.append(
            table(
                f"What changes for people ({len(found.impact)})",
                ("Person", "For", "Before", "After", "What changes"),
                _people_rows(found.impact),
            )
        )
    return blocks


@rows.register
def _(found: FrameworkDiff) -> Table:
    lines: list[tuple[object, ...]] = []
    lines += [("level", change.level, "changed", "; ".join(change.changes)) for change in found.levels]
    lines += [("competence", c.key, "added", c.title) for c in found.added]
    lines += [("competence", c.key, "removed", c.title) for c in found.removed]
    lines += [("competence", r.new, "recoded", f"from {r.old}") for r in found.recoded]
    lines += [("competence", r.code, "retitled", f"{r.old} -> {r.new}") for r in found.retitled]
    lines += [("competence", c.code, "changed", ", ".join(c.fields)) for c in found.changed]
    lines += [("role", r.id, "added", r.title) for r in found.added_roles]
    lines += [("role", r.id, "removed", r.title) for r in found.removed_roles]
    for change in found.changed_roles:
        if change.level:
            lines.append(("role", change.id, "level", f"{change.level[0]} -> {change.level[1]}"))
        lines += [("role", change.id, "gained", f"{code} {found.title_of(code)} ({category})")
                  for code, category in change.added]  # fmt: skip
        lines += [("role", change.id, "lost", f"{code} {found.title_of(code)} ({category})")
                  for code, category in change.removed]  # fmt: skip
    for person, aim, before, after, what in _people_rows(found.impact or ()):
        shares = f"{before} -> {after}: " if before or after else ""
        lines.append(("person", person, aim or "", f"{shares}{what}"))
    return table("diff", ("kind", "id", "change", "detail"), lines)
