"""How a team's report looks on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.team import TeamReport
from ldcf.render.blocks import Block, Paragraph, Table, clean, heading, table
from ldcf.render.gaps_layout import share_text
from ldcf.render.layout import code_of, layout, rows


@layout.register
def _(report: TeamReport) -> list[Block]:
    blocks: list[Block] = [heading(f"Team of {len(report.people)}")]
    if report.target:
        blocks.append(Paragraph(clean(f"Everyone is assessed against {report.target.title} ({report.target.id}).")))
    blocks.append(
        table(
            f"People ({len(report.people)})",
            ("Person", "Role", "Share of role met", "Target", "Share of target met", "Missing"),
            (
                (
                    person.name,
                    person.role.id if person.role else "(no role given)",
                    share_text(person.current),
                    person.target.id if person.target else "",
                    share_text(person.towards),
                    len(person.missing),
                )
                for person in report.people
            ),
        )
    )
    blocks.append(
        table(
            f"Training needs ({len(report.training_needs)})",
            ("Code", "Title", "Missing", "Unconfirmed", "Roles"),
            (
                (
                    code_of(need.competence),
                    need.competence.title,
                    need.missing,
                    need.unconfirmed,
                    ", ".join(need.roles),
                )
                for need in report.training_needs
            ),
            (need.competence.url for need in report.training_needs),
        )
    )
    blocks.append(
        table(
            "Roles in the team",
            ("Role", "People", "Meeting it fully"),
            ((c.role.id, c.people, c.meeting_fully) for c in report.roles),
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
