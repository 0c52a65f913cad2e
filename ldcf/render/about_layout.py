"""How `ldcf about` looks on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.queries.about import About
from ldcf.render.blocks import Block, Paragraph, Table, fields, heading, table
from ldcf.render.layout import layout, rows


@layout.register
def _(about: About) -> list[Block]:
    blocks: list[Block] = [heading("About this framework")]
    if not about.editions:
        blocks.append(Paragraph("The data states no edition (edition.yaml): ask whoever keeps it which one it is."))
    else:
        blocks.append(
            table(
                "Edition",
                ("Framework", "Edition", "Date", "Publisher", "Data folder"),
                ((e.name, e.edition, e.date, e.publisher, folder) for folder, e in about.editions),
            )
        )
    revisions = [(folder, revision) for folder, e in about.editions for revision in e.revisions]
    if revisions:
        blocks.append(
            table(
                "Later documents it follows",
                ("Document", "Edition", "Date", "Data folder"),
                ((r.document, r.edition, r.date, folder) for folder, r in revisions),
            )
        )
    blocks.append(
        fields(
            ("Data folders", " + ".join(about.data_folders)),
            ("Content fingerprint", about.data_digest),
            ("Read by", f"ldcf {about.ldcf_version}"),
        )
    )
    return blocks


@rows.register
def _(about: About) -> Table:
    return table(
        "editions",
        ("folder", "name", "edition", "date", "publisher", "revisions"),
        (
            (folder, e.name, e.edition, e.date, e.publisher, "; ".join(e.revision_labels()))
            for folder, e in about.editions
        ),
    )
