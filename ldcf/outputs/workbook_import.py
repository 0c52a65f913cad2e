"""A manager's sign-off, read back from the workbook `ldcf team report -o` wrote.

The workbook comes from outside and is checked before anything is read from it. Import trusts what the
manager sees and checks the hidden keys against it: each row is found by its hidden key and must still show that
person's name, each column by its hidden key and must still show that competence's code and title; each key is
in one cell, once. So rows sorted, filtered or hidden, columns or rows inserted (notes, say) and a workbook saved
again by Excel or LibreOffice all read as written, while a changed name, code or other cell is refused, naming
the cell. Only the cells that are all present are read (never a range), so a cell far out in the sheet costs
nothing; and only the cells of the two sheets import needs, as openpyxl's read-only mode reads them, so that no
merged range, link or comment anywhere is made into a cell of its own.

A decision's reviewer is one printable line and its date a date of the calendar (a real date, or YYYY-MM-DD or
DD/MM/YYYY text), as a record's own fields must be.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any, NamedTuple

from ldcf.outputs.workbook_layout import (
    CHOICES,
    HEADER_KEY,
    KEY_MARK,
    LEGEND_KEYS,
    MATRIX,
    REVIEWED,
    STATE,
    STATE_FORMAT,
    STATUS_OF,
    detail_key,
)
from ldcf.queries.team import CONFIRMED, REJECTED
from ldcf.reading.packages import PackageProblem, TooLarge, check_package

_PERSON_KEY = re.compile(r"person-[1-9][0-9]{0,6}")
_COLUMN_KEY = re.compile(r"detail:(name|role|assessed|reviewed_by|reviewed_on)|competence:\S{1,200}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_MOST_CHUNKS = 10_000  # of the hidden sheet's state: 300 MB of text, far beyond any team
_RECOVER = "undo that change, or make a new workbook with `ldcf team report -o`"
_REMAKE = "make a new workbook with `ldcf team report -o`"


_RANGE = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})(?::\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6}))?")
MAX_RANGE_CELLS = 100_000  # that merged cells, links and comments may cover, in all the sheets together
_RANGED = {"mergeCell": "merges", "hyperlink": "links", "comment": "comments on"}


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


class _Ranges:
    """The check of a workbook's merged cells, links and comments before openpyxl reads it: openpyxl makes a cell
    of each cell they cover, so that a range of the whole sheet (A1:XFD1048576) in a file of a few bytes would
    take all the memory there is. Each must be a cell or a range of cells, covering MAX_RANGE_CELLS at most in all."""

    def __init__(self) -> None:
        self.cells = 0

    def __call__(self, part: str, tag: str, attributes: dict[str, str]) -> None:
        what = _RANGED.get(tag.rpartition(":")[2])
        if what is None or "ref" not in attributes:
            return
        reference = attributes["ref"]
        found = _RANGE.fullmatch(reference)
        if found is None:
            raise PackageProblem(f"its part {part!r} {what} {reference[:40]!r}, which is not a cell or range of cells")
        first, top, last, bottom = found.groups()
        rows = abs(int(bottom or top) - int(top)) + 1
        self.cells += rows * (abs(_column(last or first) - _column(first)) + 1)
        if self.cells > MAX_RANGE_CELLS:
            raise TooLarge(
                f"its part {part!r} {what} {reference}: its merged cells, links and comments cover more than "
                f"{MAX_RANGE_CELLS:,} cells, the limit"
            )


class WorkbookProblem(Exception):
    """A workbook that cannot be imported; the message names the sheet and cell where it can."""


class Decision(NamedTuple):
    cell: str  # where the manager made it, as Matrix!H7
    key: str  # the competence's code or id
    was: str  # what the cell showed: CONFIRMED, NOT_YET_CONFIRMED, REJECTED, WORKING_TOWARDS or MISSING
    decision: str  # CONFIRMED, NOT_YET_CONFIRMED or REJECTED
    heading: str = ""  # of its column, as the Matrix shows it: the competence's code and title


class PersonDecisions(NamedTuple):
    file: str  # the record's file name in the team folder
    digest: str  # of the record as it was when the workbook was written
    name: str  # as the Matrix shows it
    reviewer: str | None
    reviewed_on: str | None  # YYYY-MM-DD
    decisions: tuple[Decision, ...]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _changed_state() -> WorkbookProblem:
    return WorkbookProblem(
        f"its hidden sheet {STATE} was changed: it no longer says what the workbook holds; {_RECOVER}"
    )


class _Cell(NamedTuple):
    value: Any
    data_type: str  # as openpyxl gives it: "f" for a formula


def _present(sheet: Any) -> dict[tuple[int, int], _Cell]:
    """The cells the sheet holds, by (row, column): only those present, never the rectangle they span. The sheet
    is read as openpyxl's read-only mode reads it, cell by cell: nothing else of it (merged cells, links) is
    made into cells."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import WorkSheetParser

    if not isinstance(sheet, ReadOnlyWorksheet):
        raise WorkbookProblem(f"its sheet {sheet.title} is not a sheet of cells (a chart?); {_REMAKE}")
    read_only: Any = sheet  # what ReadOnlyWorksheet._cells_by_row does, without filling in cells not present
    book: Any = sheet.parent
    cells = {}
    with read_only._get_source() as source:
        dates = {"date_formats": book._date_formats, "timedelta_formats": book._timedelta_formats}
        parser = WorkSheetParser(source, read_only._shared_strings, data_only=book.data_only, epoch=book.epoch, **dates)
        for _, row in parser.parse():
            for cell in row:
                cells[(cell["row"], cell["column"])] = _Cell(cell["value"], cell["data_type"])
    return cells


def _sheets(content: bytes) -> dict[str, dict[tuple[int, int], _Cell]]:
    """The cells of the hidden sheet and of the Matrix, those the workbook has, by name."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return {name: _present(workbook[name]) for name in (STATE, MATRIX) if name in workbook.sheetnames}
    finally:
        workbook.close()


def _state(sheets: dict[str, dict[tuple[int, int], _Cell]]) -> dict[str, Any]:
    if STATE not in sheets:
        raise WorkbookProblem("not a workbook written by `ldcf team report -o`: it has no record of what it holds")
    present = sheets[STATE]
    first = present.get((1, 1))
    if first is None or first.value != STATE_FORMAT:
        raise WorkbookProblem(
            f"not a workbook this ldcf can read: {STATE}!A1 is not {STATE_FORMAT!r} (make a new one with `ldcf team "
            "report -o`)"
        )
    chunks = []
    for row in range(2, 2 + _MOST_CHUNKS):
        cell = present.get((row, 1))
        if cell is None or not isinstance(cell.value, str):
            break
        chunks.append(cell.value)
    try:
        state = json.loads("".join(chunks))
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python reads
        raise _changed_state() from None
    if not _well_formed(state):
        raise _changed_state()
    checked: dict[str, Any] = state
    return checked


def _mapping_of_mappings(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(inner, dict) and all(isinstance(text, str) for text in inner.values()) for inner in value.values()
    )


def _well_formed(state: object) -> bool:
    if not isinstance(state, dict) or not isinstance(state.get("pseudonymised"), bool):
        return False
    parts = ("people", "cells", "decisions")
    if not all(_mapping_of_mappings(state.get(part)) for part in parts):
        return False
    people, decisions = state["people"], state["decisions"]
    rows = set(state["cells"]) | set(decisions) | set(people)
    if not all(_PERSON_KEY.fullmatch(key) for key in people) or set(decisions) - set(people):
        return False
    if not rows <= set(people) | {HEADER_KEY, *LEGEND_KEYS}:
        return False
    columns = {column for inner in (*state["cells"].values(), *decisions.values()) for column in inner}
    if not all(_COLUMN_KEY.fullmatch(column) for column in columns):
        return False
    shown = {text for inner in decisions.values() for text in inner.values()}
    if not shown <= set(STATUS_OF):
        return False
    if not state["pseudonymised"]:
        files = [person.get("file") for person in people.values()]
        if len(set(files)) != len(files):  # one record for two rows: each row is its own person's
            return False
        return all(isinstance(p.get("file"), str) and isinstance(p.get("digest"), str) for p in people.values())
    return True


def _coordinate(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{MATRIX}!{get_column_letter(column)}{row}"


def _keys(present: dict[tuple[int, int], Any]) -> tuple[dict[str, int], dict[str, int], tuple[int, int]]:
    """The rows and columns of the Matrix by their hidden keys, and where the key row meets the key column."""
    marks = [place for place, cell in present.items() if cell.value == KEY_MARK]
    if len(marks) != 1:
        where = ", ".join(_coordinate(*place) for place in sorted(marks)[:3])
        raise WorkbookProblem(
            f"its hidden keys are {'missing' if not marks else 'in more than one place (' + where + ')'}: the Matrix "
            f"no longer says which row is whose; {_RECOVER}"
        )
    key_row, key_column = marks[0]
    rows: dict[str, int] = {}
    columns: dict[str, int] = {}
    for (row, column), cell in sorted(present.items()):
        if (row, column) == (key_row, key_column) or cell.value is None or cell.value == "":
            continue
        if column == key_column:
            found, place = rows, row
        elif row == key_row:
            found, place = columns, column
        else:
            continue
        key = cell.value
        if not isinstance(key, str):
            raise WorkbookProblem(f"{_coordinate(row, column)} is a hidden key cell and was changed; {_RECOVER}")
        if key in found:
            first = (found[key], column) if found is rows else (row, found[key])
            raise WorkbookProblem(
                f"{_coordinate(row, column)} and {_coordinate(*first)} hold the same hidden key {key!r}: a row or "
                "column was copied; delete the copy"
            )
        found[key] = place
    return rows, columns, (key_row, key_column)


def _reviewed_on(value: object, where: str) -> str:
    """A review date: a date cell, or text as YYYY-MM-DD or DD/MM/YYYY (day first), of the calendar."""
    from ldcf.reading.models import calendar_date

    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    wanted = "a date, as a date cell or YYYY-MM-DD or DD/MM/YYYY (day first)"
    if not isinstance(value, str) or not _DAY.fullmatch(value.strip()):
        raise WorkbookProblem(f"{where} holds {_text(value)!r}: a decision needs the date it was made in Reviewed on, "
                              f"{wanted}")  # fmt: skip
    try:
        return calendar_date(value.strip())
    except ValueError as problem:
        raise WorkbookProblem(f"{where}: {problem}") from None


def _reviewer(value: object, where: str) -> str:
    """A reviewer's name: one printable line, as a record's confirmed_by must be."""
    from ldcf.reading.models import one_printable_line

    text = _text(value).strip()
    if not text:
        raise WorkbookProblem(f"{where}: a decision needs the reviewer's name in Reviewed by")
    try:
        return one_printable_line(text)
    except ValueError as problem:
        raise WorkbookProblem(f"{where}: the reviewer's name {problem}") from None


def _first_cause(error: BaseException) -> str:
    """The error that started `error` (openpyxl wraps what went wrong in a paragraph of its own), in a line."""
    for _ in range(10):
        inner = error.__cause__ or error.__context__
        if inner is None:
            break
        error = inner
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def read_decisions(content: bytes) -> list[PersonDecisions]:
    """Each person's decisions in the workbook whose bytes are `content`, in the order it was written."""
    try:
        check_package(content, "an Excel workbook (.xlsx)", "xl/workbook.xml", elements=_Ranges())
    except PackageProblem as problem:
        raise WorkbookProblem(f"{problem}; {_REMAKE}") from None
    try:
        sheets = _sheets(content)
    except WorkbookProblem:
        raise
    except MemoryError:
        raise WorkbookProblem(f"reading it needed more memory than there is; {_REMAKE}") from None
    except Exception as error:  # noqa: BLE001 (a damaged workbook can make openpyxl or lxml raise anything)
        raise WorkbookProblem(f"not a workbook that can be read ({_first_cause(error)}); {_REMAKE}") from None
    state = _state(sheets)
    if state["pseudonymised"]:
        raise WorkbookProblem("a pseudonymised workbook does not say whose records it holds, so it cannot be imported")
    if MATRIX not in sheets:
        raise WorkbookProblem(f"its sheet {MATRIX} was removed; make a new workbook with `ldcf team report -o`")
    present = sheets[MATRIX]
    rows, columns, (key_row, key_column) = _keys(present)
    cells, decisions, people = state["cells"], state["decisions"], state["people"]
    known_rows = set(people) | {HEADER_KEY, *LEGEND_KEYS}
    known_columns = {column for inner in (*cells.values(), *decisions.values()) for column in inner}
    known_columns |= {detail_key(field) for field in REVIEWED}
    for key, row in rows.items():
        if key not in known_rows:
            raise WorkbookProblem(f"{_coordinate(row, key_column)} holds an unknown hidden key {key!r}; {_RECOVER}")
    for key, column in columns.items():
        if key not in known_columns:
            raise WorkbookProblem(f"{_coordinate(key_row, column)} holds an unknown hidden key {key!r}; {_RECOVER}")
    for key in known_rows - set(rows):
        shown = cells.get(key, {}).get(detail_key("name"), key)
        raise WorkbookProblem(f"the row of {shown} was deleted (its hidden key {key!r} is gone); {_RECOVER}")
    for key in known_columns - set(columns):
        shown = cells.get(HEADER_KEY, {}).get(key, key)
        raise WorkbookProblem(f"the column {shown!r} was deleted (its hidden key {key!r} is gone); {_RECOVER}")
    header_row = rows[HEADER_KEY]
    for key in people:
        if rows[key] <= header_row:
            name = cells.get(key, {}).get(detail_key("name"), key)
            raise WorkbookProblem(
                f"the row of {name} ({_coordinate(rows[key], key_column)}) is above the header; {_RECOVER}"
            )
    reviewed = {detail_key(field) for field in REVIEWED}
    result = []
    for key, row in sorted(rows.items(), key=lambda item: item[1]):
        expected, own = cells.get(key, {}), decisions.get(key, {})
        values: dict[str, object] = {}
        made: list[Decision] = []
        for column_key, column in columns.items():
            cell = present.get((row, column))
            value = None if cell is None else cell.value
            where = _coordinate(row, column)
            if key in people and (column_key in reviewed or column_key in own):
                if cell is not None and cell.data_type == "f":
                    raise WorkbookProblem(f"{where} holds a formula: type the value itself")
                if column_key in reviewed:
                    values[column_key] = value
                    continue
                was, shown = STATUS_OF[own[column_key]], _text(value)
                allowed = CHOICES[was]
                if shown not in allowed:
                    raise WorkbookProblem(f"{where} holds {shown!r}: choose one of {', '.join(allowed)}")
                if shown != own[column_key]:
                    competence = column_key.removeprefix("competence:")
                    heading = cells.get(HEADER_KEY, {}).get(column_key, "")
                    made.append(Decision(where, competence, was, STATUS_OF[shown], heading))
                continue
            if _text(value) != expected.get(column_key, ""):
                raise WorkbookProblem(
                    f"{where} was changed (it was {expected.get(column_key, '')!r}, it is {_text(value)!r}): only the "
                    f"decision cells and Reviewed by and Reviewed on may be edited; {_RECOVER}"
                )
        if key not in people:
            continue
        reviewer = reviewed_on = None
        if any(decision.decision in (CONFIRMED, REJECTED) for decision in made):
            reviewer = _reviewer(values.get(detail_key("reviewed_by")),
                                 _coordinate(row, columns[detail_key("reviewed_by")]))  # fmt: skip
            reviewed_on = _reviewed_on(values.get(detail_key("reviewed_on")),
                                       _coordinate(row, columns[detail_key("reviewed_on")]))  # fmt: skip
        result.append((key, reviewer, reviewed_on, tuple(made), expected.get(detail_key("name"), "")))
    order = {key: index for index, key in enumerate(people)}
    result.sort(key=lambda found: order[found[0]])
    return [
        PersonDecisions(people[key].get("file", ""), people[key].get("digest", ""), name, reviewer, on, made)
        for key, reviewer, on, made, name in result
    ]
