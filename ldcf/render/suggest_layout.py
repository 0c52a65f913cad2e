"""How the suggestions for a job description look on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.suggest import CoveringRole, Suggestions
from ldcf.render.blocks import Block, Paragraph, Table, table
from ldcf.render.layout import code_of, layout, rows


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
                ("Role", "Title", "Level", "Covered", "Counted"),
                (
                    (c.role.id, c.role.title, c.role.level, f"{c.covered} of {c.matched}", _counted(c))
                    for c in found.roles
                ),
            )
        )
        blocks.append(Paragraph(f"Level: {found.fit.reason}."))
    return blocks


def _counted(coverage: CoveringRole) -> str:
    """How much of what a role covers counts, by its level."""
    if coverage.weight == 1:
        return f"{coverage.covered:g}"
    if coverage.weight == 0:
        return "ranked after (level)"
    return f"{coverage.counted:g} (one level away)"


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
