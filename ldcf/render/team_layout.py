"""How a team's report looks on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.team import Person, TeamReport
from ldcf.render.blocks import Block, Paragraph, Table, clean, heading, table
from ldcf.render.gaps_layout import share_text
from ldcf.render.layout import code_of, layout, rows


def confirmed_text(person: Person) -> str:
    """How much of their role a manager has confirmed, as "12 of 38 (32%)"."""
    if person.current is None or person.confirmed_share is None:
        return ""
    confirmed = round(person.confirmed_share * person.current.required)
    return f"{confirmed} of {person.current.required} ({person.confirmed_share:.0%})"


def targets_text(person: Person) -> str:
    """Each target by title, with the share of it met."""
    return "; ".join(f"{gap.to_role.title}: {share_text(gap)}" for gap in person.target_gaps)


@layout.register
def _(report: TeamReport) -> list[Block]:
    blocks: list[Block] = [heading(f"Team of {len(report.people)}")]
    if report.target:
        blocks.append(Paragraph(clean(f"Everyone is assessed against {report.target.title} ({report.target.id}).")))
    blocks.append(
        Paragraph(
            "Missing for role counts the people whose current role needs a competence they do not hold; missing for "
            "target, those a target of whose needs it."
        )
    )
    blocks.append(
        table(
            f"People ({len(report.people)})",
            ("Person", "Role", "Role met, self-assessed", "Confirmed", "Targets, met", "Missing"),
            (
                (
                    person.name,
                    person.role.title if person.role else "(no role given)",
                    share_text(person.current),
                    confirmed_text(person),
                    targets_text(person),
                    len(person.missing),
                )
                for person in report.people
            ),
        )
    )
    blocks.append(
        table(
            f"Training needs ({len(report.training_needs)})",
            ("Code", "Title", "Missing for role", "Missing for target", "Unconfirmed", "Roles that need it"),
            (
                (
                    code_of(need.competence),
                    need.competence.title,
                    need.missing,
                    need.missing_for_target,
                    need.unconfirmed,
                    ", ".join(role.title for role in need.roles),
                )
                for need in report.training_needs
            ),
            (need.competence.url for need in report.training_needs),
        )
    )
    again = [(person, entry) for person in report.people for entry in person.to_reconfirm]
    if again:
        blocks.append(
            table(
                f"To confirm again ({len(again)})",
                ("Person", "Code", "Title", "Confirmed by", "Confirmed on"),
                (
                    (
                        person.name,
                        code_of(entry.competence),
                        entry.competence.title,
                        entry.confirmed_by,
                        entry.confirmed_on,
                    )
                    for person, entry in again
                ),
            )
        )
        blocks.append(
            Paragraph(
                "Each was confirmed before the framework retitled the competence or put another in its place: a "
                "manager needs to confirm it again."
            )
        )
    blocks.append(
        table(
            "Roles in the team",
            ("Role", "People", "Meeting it fully"),
            ((c.role.title, c.people, c.meeting_fully) for c in report.roles),
        )
    )
    return blocks


@rows.register
def _(report: TeamReport) -> Table:
    return table(
        "team",
        ("person", "role", "assessed_against", "code", "id", "title", "status"),
        (
            (
                person.name,
                person.role.id if person.role else "",
                person.assessed.to_role.id if person.assessed else "",
                competence.code,
                competence.key,
                competence.title,
                person.statuses[competence.key],
            )
            for person in report.people
            for competence in report.columns
            if competence.key in person.statuses
        ),
    )
