"""A team's records together: the team report and its workbook, and a manager's sign-off from the workbook
written back into the records."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ldcf.building.records import LoadedTeam
    from ldcf.framework.lookups import Framework
    from ldcf.outputs.workbook_import import Decision
    from ldcf.queries.team import TeamReport


class WorkbookRefused(ValueError):
    """A workbook that cannot be read as one `ldcf team report -o` wrote; the message says why."""


def open_team(framework: Framework, folder: str | os.PathLike[str]) -> LoadedTeam:
    """The records in a folder (its .yaml files): those without errors, and the problems of the others, so that
    one bad file does not hide the team."""
    from ldcf.building.records import open_team as read

    return read(Path(folder), framework)


def team_report(
    framework: Framework,
    team: LoadedTeam,
    target: str | None = None,
    salt: str | None = None,
    previous: Framework | None = None,
) -> TeamReport:
    """Each person against their role and targets (or `target`), the team's training needs and how many meet each
    role (`ldcf team report`). With `salt` (at least 16 characters: ldcf.queries.team.SaltTooShort otherwise),
    people are shown by pseudonym. With the `previous` edition's framework, a confirmation that does not record
    what it confirmed is judged as made in that edition."""
    from ldcf.queries.team import team_report as report

    return report(framework, team.records, target, salt, previous)


def write_workbook(report: TeamReport, path: str | os.PathLike[str], overwrite: bool = False) -> Path:
    """The team report as an Excel workbook to sign off (`ldcf team report -o FILE.xlsx`): personal data, so a new
    file is 0600 (or less, where the umask takes more away)."""
    from ldcf.outputs.workbook import render
    from ldcf.outputs.writing import replace_file

    path = Path(path)
    replace_file(path, render(report), overwrite=overwrite, private=True)
    return path


class RecordChange(NamedTuple):
    """A record the sign-off changes: its file, its content as read, its text after the decisions, and the bytes
    that will be written (the text in the record's own encoding, byte-order mark and line endings)."""

    path: Path
    before: bytes
    after: str
    content: bytes = b""

    @property
    def before_text(self) -> str:
        from ldcf.reading.loader import decode_text

        return decode_text(self.before)


class ImportPlan(NamedTuple):
    """What `ldcf team import` would write, and why any record with decisions is left alone."""

    changes: tuple[RecordChange, ...]
    left_alone: tuple[str, ...]


def plan_import(framework: Framework, workbook: str | os.PathLike[str], folder: str | os.PathLike[str]) -> ImportPlan:
    """The changes a signed-off workbook makes to the records in `folder`. A record is left alone, and said so,
    when it changed since the workbook was written, cannot be read, or cannot be edited so that ldcf reads back
    exactly the decisions and nothing else changed (each edited record is read again as ldcf reads records).
    Nothing is written."""
    from ldcf.building.records import read_record_content, record_digest
    from ldcf.outputs.record_edits import EntryDecision, NotEditable, decide, expected_record
    from ldcf.outputs.workbook_import import WorkbookProblem, read_decisions
    from ldcf.queries.team import shown_name
    from ldcf.reading.loader import NotText, Unreadable, decode_text, read_bytes
    from ldcf.reading.locations import printable_name
    from ldcf.render.blocks import clean

    try:
        people = read_decisions(read_bytes(Path(workbook)))
    except (Unreadable, WorkbookProblem) as problem:
        raise WorkbookRefused(f"{printable_name(str(workbook))}: {problem}") from None
    for person in people:
        for decision in person.decisions:
            _as_shown(framework, decision, printable_name(str(workbook)))
    changes: list[RecordChange] = []
    left_alone: list[str] = []
    for person in people:
        if not person.decisions:
            continue
        path = Path(folder) / person.file
        shown = printable_name(str(path))
        if not person.file or "/" in person.file or "\\" in person.file or person.file.startswith("."):
            raise WorkbookRefused(f"{printable_name(str(workbook))}: its hidden sheet names a record file that is not "
                                  f"in the team folder: {person.file!r}")  # fmt: skip
        try:
            content = read_bytes(path)
        except Unreadable as unreadable:
            left_alone.append(f"{shown}: {unreadable}; its decisions were not written")
            continue
        if record_digest(content) != person.digest:
            left_alone.append(
                f"{shown}: changed since the workbook was written; its decisions were not written (make a new "
                "workbook with `ldcf team report -o`)"
            )
            continue
        decisions = [EntryDecision(d.key, d.decision, person.reviewer, person.reviewed_on) for d in person.decisions]
        original = read_record_content(content, shown, framework).record
        record_name = clean(original.name or person.file) if original is not None else ""
        if original is not None and person.name not in (record_name, shown_name(record_name, person.file)):
            raise WorkbookRefused(
                f"{printable_name(str(workbook))}: its hidden sheet was changed: it gives the row of {person.name} "
                f"the record {person.file}, which is {record_name}'s; make a new workbook "
                "with `ldcf team report -o`"
            )
        try:
            if original is None:
                raise NotEditable("it no longer reads as a valid record")
            after = decide(content, decisions, framework)
            reread = read_record_content(after, shown, framework)
            if reread.record is None:
                first = reread.problems[0] if reread.problems else None
                raise NotEditable(f"the edited record would not read back ({first.message if first else 'errors'})")
            if reread.record != expected_record(original, decisions, framework):
                raise NotEditable("the edited record would not read back as exactly these decisions")
            text = decode_text(after)
        except (NotEditable, NotText) as problem:
            left_alone.append(f"{shown}: cannot be edited: {problem}; its decisions were not written")
            continue
        if after != content:
            changes.append(RecordChange(path, content, text, after))
    return ImportPlan(tuple(changes), tuple(left_alone))


def _as_shown(framework: Framework, decision: Decision, workbook: str) -> None:
    """Refuse a decision unless the competence its column's hidden key names is, in the data ldcf reads, the one
    the column's heading showed: a manager confirms what they saw, so what is written must be of that competence
    and record that definition. Either the workbook was made with other data, or its hidden keys were changed."""
    from ldcf.framework.lookups import UnknownName
    from ldcf.outputs.workbook_layout import column_heading

    try:
        now: str | None = column_heading(framework.find_competence(decision.key))
    except UnknownName:
        now = None
    if now != decision.heading:
        named = f"names {now!r} in the data ldcf reads" if now else "names a competence the data ldcf reads lacks"
        raise WorkbookRefused(
            f"{workbook}: {decision.cell} is in the column headed {decision.heading!r}, but the column's hidden key "
            f"{named}: import with the data the workbook was made from (--data); if that is the data, the hidden "
            "keys were changed: make a new workbook with `ldcf team report -o`"
        )


def apply_import(plan: ImportPlan, folder: str | os.PathLike[str] | None = None) -> Iterator[tuple[Path, str | None]]:
    """Write the planned changes one by one, yielding each record as it is done: with None when written, or why
    it was left alone (it changed while the plan waited, or it cannot be written: a link out of `folder`, the
    folder of the records by default). A record keeps its permissions, and a link inside the folder is written
    through to its target."""
    from ldcf.outputs.writing import WriteRefused, replace_record_file
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.locations import printable_name

    for change in plan.changes:
        shown = printable_name(str(change.path))
        try:
            if read_bytes(change.path) != change.before:
                yield change.path, f"{shown}: changed while ldcf ran; not written"
                continue
            replace_record_file(change.path, change.content, Path(folder) if folder else change.path.parent)
        except (Unreadable, WriteRefused) as problem:
            yield change.path, f"{shown}: not written: {problem}"
            continue
        yield change.path, None
