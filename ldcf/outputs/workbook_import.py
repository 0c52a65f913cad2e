"""A manager's sign-off, read back from the workbook `ldcf team report -o` wrote, and written into the people's
records: a confirmed competence gains `confirmed_by` and `confirmed_on`, one not yet confirmed loses them, and
a rejected one moves to `working_towards`. Records are edited in place with ruamel.yaml, so that their
comments and order stay as their owners wrote them.

The workbook comes from outside and is checked before anything is read from it: it must be one ldcf wrote,
changed only in its decision cells.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any, NamedTuple

from ldcf.framework.lookups import Framework, UnknownName
from ldcf.outputs.workbook_layout import (
    DECISIONS,
    MATRIX,
    REJECTED,
    REVIEWED_BY,
    REVIEWED_ON,
    SHOWN,
    STATE,
    STATE_FORMAT,
)
from ldcf.queries.team import CONFIRMED, NOT_YET_CONFIRMED
from ldcf.reading.packages import PackageProblem, check_package

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECISION_OF = {SHOWN[CONFIRMED]: CONFIRMED, SHOWN[NOT_YET_CONFIRMED]: NOT_YET_CONFIRMED, SHOWN[REJECTED]: REJECTED}


class WorkbookProblem(Exception):
    """A workbook that cannot be imported; the message names the sheet and cell where it can."""


class Decision(NamedTuple):
    cell: str  # where the manager made it, as Matrix!D5
    key: str  # the competence's code or id
    decision: str  # CONFIRMED, NOT_YET_CONFIRMED or REJECTED


class PersonDecisions(NamedTuple):
    file: str  # the record's file name in the team folder
    digest: str  # of the record as it was when the workbook was written
    reviewer: str | None
    reviewed_on: str | None
    decisions: tuple[Decision, ...]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _state(workbook: Any) -> dict[str, Any]:
    if STATE not in workbook.sheetnames:
        raise WorkbookProblem("not a workbook written by `ldcf team report -o`: it has no record of what it holds")
    sheet = workbook[STATE]
    if sheet["A1"].value != STATE_FORMAT:
        raise WorkbookProblem(f"not a workbook this ldcf can read: {STATE}!A1 is not {STATE_FORMAT!r}")
    chunks = []
    for row in range(2, sheet.max_row + 1):
        value = sheet.cell(row=row, column=1).value
        if not isinstance(value, str):
            break
        chunks.append(value)
    try:
        state = json.loads("".join(chunks))
    except ValueError:
        raise WorkbookProblem(f"its sheet {STATE} was changed: it no longer says what the workbook holds") from None
    people_ok = isinstance(state.get("people"), list) and all(
        isinstance(p, dict) and isinstance(p.get("row"), int) and isinstance(p.get("file"), str)
        and isinstance(p.get("digest"), str) for p in state["people"]
    )  # fmt: skip
    cells_ok = isinstance(state.get("cells"), dict) and all(isinstance(v, str) for v in state["cells"].values())
    decisions_ok = isinstance(state.get("decisions"), dict) and all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(part, str) for part in v)
        for v in state["decisions"].values()
    )
    if not (isinstance(state, dict) and people_ok and cells_ok and decisions_ok):
        raise WorkbookProblem(f"its sheet {STATE} was changed: it no longer says what the workbook holds")
    return state


def read_decisions(content: bytes) -> list[PersonDecisions]:
    """Each person's decisions in the workbook whose bytes are `content`, in its row order."""
    from openpyxl import load_workbook

    try:
        check_package(content, "an Excel workbook (.xlsx)", "xl/workbook.xml")
        workbook = load_workbook(io.BytesIO(content))
    except PackageProblem as problem:
        raise WorkbookProblem(str(problem)) from None
    except (KeyError, ValueError, OSError) as error:
        raise WorkbookProblem(f"not a workbook that can be read ({type(error).__name__})") from None
    state = _state(workbook)
    if state.get("pseudonymised"):
        raise WorkbookProblem("a pseudonymised workbook does not say whose records it holds, so it cannot be imported")
    if MATRIX not in workbook.sheetnames:
        raise WorkbookProblem(f"its sheet {MATRIX} was removed")
    sheet = workbook[MATRIX]
    written, decisions = state["cells"], state["decisions"]
    rows = {person["row"] for person in state["people"]}
    for cells in sheet.iter_rows():
        for cell in cells:
            coordinate = cell.coordinate
            if coordinate in decisions or (cell.row in rows and cell.column in (REVIEWED_BY, REVIEWED_ON)):
                continue
            if _text(cell.value) != written.get(coordinate, ""):
                raise WorkbookProblem(
                    f"{MATRIX}!{coordinate} was changed (it was {written.get(coordinate, '')!r}): only the decision "
                    "cells and Reviewed by and Reviewed on may be edited"
                )
    result = []
    for person in state["people"]:
        row, file = person["row"], person["file"]
        if not file or "/" in file or "\\" in file or file.startswith("."):
            raise WorkbookProblem(f"its sheet {STATE} names a record file that is not in the team folder: {file!r}")
        made = []
        for coordinate, (key, original) in decisions.items():
            if sheet[coordinate].row != row:
                continue
            shown = _text(sheet[coordinate].value)
            if shown not in _DECISION_OF:
                choices = ", ".join(DECISIONS)
                raise WorkbookProblem(f"{MATRIX}!{coordinate} holds {shown!r}: choose one of {choices}")
            if shown != original:
                made.append(Decision(f"{MATRIX}!{coordinate}", key, _DECISION_OF[shown]))
        reviewer = _text(sheet.cell(row=row, column=REVIEWED_BY).value).strip() or None
        reviewed_on = _text(sheet.cell(row=row, column=REVIEWED_ON).value).strip() or None
        if made and any(d.decision == CONFIRMED for d in made):
            where = f"{MATRIX}!{sheet.cell(row=row, column=REVIEWED_BY).coordinate}"
            if reviewer is None:
                raise WorkbookProblem(f"{where}: a confirmation needs the reviewer's name in Reviewed by")
            when = f"{MATRIX}!{sheet.cell(row=row, column=REVIEWED_ON).coordinate}"
            if reviewed_on is None or not _DATE.fullmatch(reviewed_on):
                raise WorkbookProblem(f"{when}: a confirmation needs the date in Reviewed on, as YYYY-MM-DD")
        result.append(PersonDecisions(file, person["digest"], reviewer, reviewed_on, tuple(made)))
    return result


def apply_decisions(text: str, person: PersonDecisions, framework: Framework) -> str:
    """The record whose YAML is `text` with the person's decisions written in, comments and order kept."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    # Lists indented under their key ("  - code: ...", as `ldcf record template` writes them) stay so.
    if re.search(r"^ +- ", text, flags=re.MULTILINE):
        yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    held = data.get("held") or CommentedSeq()

    def key_of(entry: Any) -> str | None:
        try:
            return framework.find_competence(str(entry.get("code"))).key
        except UnknownName:
            return None

    for decision in person.decisions:
        index = next((i for i, entry in enumerate(held) if key_of(entry) == decision.key), None)
        if index is None:
            continue
        entry = held[index]
        if decision.decision == CONFIRMED and person.reviewed_on is not None:
            entry["confirmed_by"] = person.reviewer
            # A date, so that it is written plain like the record's other dates (ldcf reads dates as text).
            entry["confirmed_on"] = datetime.date.fromisoformat(person.reviewed_on)
        elif decision.decision == NOT_YET_CONFIRMED:
            for field in ("confirmed_by", "confirmed_on"):
                if field in entry:
                    del entry[field]
        else:
            del held[index]
            towards = data.get("working_towards")
            if towards is None:
                towards = CommentedSeq()
                data["working_towards"] = towards
            towards.append(CommentedMap([("code", entry["code"])]))
    output = io.StringIO()
    yaml.dump(data, output)
    return output.getvalue()
