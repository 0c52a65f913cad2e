"""How a route between roles looks on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.route import Route
from ldcf.render.blocks import Block, Paragraph, Table, fields, heading, table
from ldcf.render.gaps_layout import TO_ACQUIRE, entries_table
from ldcf.render.layout import code_of, layout, rows


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
            entries_table(
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
