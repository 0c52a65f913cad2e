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
    from ldcf.queries.team import TeamReport


class WorkbookRefused(ValueError):
    """A workbook that cannot be read as one `ldcf team report -o` wrote; the message says why."""


def open_team(framework: Framework, folder: str | os.PathLike[str]) -> LoadedTeam:
    """The records in a folder (its .yaml files): those without errors, and the problems of the others, so that
    one bad file does not hide the team."""
    from ldcf.building.records import open_team as read

    return read(Path(folder), framework)


def team_report(
    framework: Framework, team: LoadedTeam, target: str | None = None, salt: str | None = None
) -> TeamReport:
    """Each person against their role (or `target`), the team's training needs and how many meet each role
    (`ldcf team report`). With `salt`, people are shown by pseudonym."""
    from ldcf.queries.team import team_report as report

    return report(framework, team.records, target, salt)


def write_workbook(report: TeamReport, path: str | os.PathLike[str], overwrite: bool = False) -> Path:
    """The team report as an Excel workbook to sign off (`ldcf team report -o FILE.xlsx`)."""
    from ldcf.outputs.workbook import render
    from ldcf.outputs.writing import replace_file

    path = Path(path)
    replace_file(path, render(report), overwrite=overwrite)
    return path


class RecordChange(NamedTuple):
    """A record the sign-off changes: its file, its content as read, and its text after the decisions."""

    path: Path
    before: bytes
    after: str


class ImportPlan(NamedTuple):
    """What `ldcf team import` would write, and why any record with decisions is left alone."""

    changes: tuple[RecordChange, ...]
    left_alone: tuple[str, ...]


def plan_import(framework: Framework, workbook: str | os.PathLike[str], folder: str | os.PathLike[str]) -> ImportPlan:
    """The changes a signed-off workbook makes to the records in `folder`; a record that changed since the
    workbook was written, or cannot be read, is left alone and said so. Nothing is written."""
    from ldcf.building.records import record_digest
    from ldcf.outputs.workbook_import import WorkbookProblem, apply_decisions, read_decisions
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.locations import printable_name

    try:
        people = read_decisions(read_bytes(Path(workbook)))
    except (Unreadable, WorkbookProblem) as problem:
        raise WorkbookRefused(f"{printable_name(str(workbook))}: {problem}") from None
    changes: list[RecordChange] = []
    left_alone: list[str] = []
    for person in people:
        if not person.decisions:
            continue
        path = Path(folder) / person.file
        try:
            content = read_bytes(path)
        except Unreadable as unreadable:
            left_alone.append(f"{printable_name(str(path))}: {unreadable}; its decisions were not written")
            continue
        if record_digest(content) != person.digest:
            left_alone.append(
                f"{printable_name(str(path))}: changed since the workbook was written; its decisions were not "
                "written (make a new workbook with `ldcf team report -o`)"
            )
            continue
        before = content.decode("utf-8")
        after = apply_decisions(before, person, framework)
        if after != before:
            changes.append(RecordChange(path, content, after))
    return ImportPlan(tuple(changes), tuple(left_alone))


def apply_import(plan: ImportPlan) -> Iterator[tuple[Path, str | None]]:
    """Write the planned changes one by one, yielding each record as it is done: with None when written, or why
    it was left alone (it changed while the plan waited). Raises WriteRefused (ldcf.outputs.writing) when a record
    cannot be written; the records yielded before it were written."""
    from ldcf.outputs.writing import WriteRefused, replace_file
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.locations import printable_name

    for change in plan.changes:
        try:
            if read_bytes(change.path) != change.before:
                yield change.path, f"{printable_name(str(change.path))}: changed while ldcf ran; not written"
                continue
            replace_file(change.path, change.after.encode("utf-8"))
        except (Unreadable, WriteRefused) as problem:
            raise WriteRefused(f"{printable_name(str(change.path))}: {problem}") from None
        yield change.path, None
