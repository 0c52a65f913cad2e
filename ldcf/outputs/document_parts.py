"""What the job description and the development plan share: sections, competence tables, how a local origin is
named and how sources are listed. Nothing here names a data folder: a document is handed to people who never
see one, so a local addition is named by the employer whose job description it comes from."""

from __future__ import annotations

from collections.abc import Iterable

from ldcf.framework.entities import Competence, Level, Role
from ldcf.framework.lookups import Framework, Holding
from ldcf.render.blocks import NO_CODE, Block, Section, Table, clean, table

# Relative widths of a compact competence table: the code column is sized to the longest code by the renderers,
# which never break a code.
CODE_TITLE_WIDTHS = (22, 78)
CODE_TITLE_NOTE_WIDTHS = (20, 62, 18)


def section(title: str, blocks: Iterable[Block], new_page: bool = False) -> Section:
    return Section(clean(title), tuple(blocks), new_page)


def code(competence: Competence) -> str:
    return competence.code or NO_CODE


def is_local(framework: Framework, origin: str) -> bool:
    """Whether `origin`, a data folder, is a local one laid over the national data."""
    layers = framework.layers
    return bool(layers) and bool(origin) and origin != layers[0]


def is_local_role(framework: Framework, role: Role) -> bool:
    return is_local(framework, framework.role_origin(role.id))


def local_name(role: Role) -> str:
    """Who a local role's additions come from, as its readers know them: its employer, or else the document it
    was transcribed from."""
    return role.employer or role.source.document


def level_text(level: Level) -> str:
    return f"{level.level} (the Career Framework's indicative title for this level: {level.indicative_title})"


def competence_table(title: str, holdings: list[Holding]) -> Table:
    """Competences as code (linked to the NOS document) and title, with a Note column only where one is not a
    NOS or is listed twice in the role's file. (Who added a competence is said by the table's title.)"""
    notes = []
    for holding in holdings:
        note = []
        if holding.competence.code is None:
            note.append("not a NOS")
        if holding.note:
            note.append(holding.note)
        notes.append("; ".join(note))
    rows: list[tuple[str, ...]] = [(code(h.competence), h.competence.title) for h in holdings]
    headers: tuple[str, ...] = ("Code", "Title")
    widths: tuple[int, ...] = CODE_TITLE_WIDTHS
    if any(notes):
        headers += ("Note",)
        rows = [(*row, note) for row, note in zip(rows, notes, strict=True)]
        widths = CODE_TITLE_NOTE_WIDTHS
    return table(
        f"{title} ({len(holdings)})",
        headers,
        rows,
        (h.competence.url for h in holdings),
        widths=widths,
        nowrap=(0,),
    )


def and_list(items: list[str]) -> str:
    """Items joined as a sentence joins them: "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
