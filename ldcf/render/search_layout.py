"""How the results of a competence search look on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.search import SearchResults
from ldcf.render.blocks import Block, Table, table
from ldcf.render.layout import code_of, layout, rows


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
