"""Excel (.xlsx), with openpyxl: a team's skills matrix for a manager to review and sign off, its training
needs, its people, and a sheet that explains the columns.

The Matrix sheet's decision cells (each held competence, and each person's reviewer and review date) are the
only cells `ldcf team import` reads back. What the workbook was written from is kept in a hidden sheet: each
record's file and digest, and every other cell of the Matrix as written, so that an import can refuse a record
that changed since and a workbook edited anywhere but in its decision cells.
"""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ldcf.outputs.workbook_layout import (
    DECISIONS,
    FIRST_STATUS_COLUMN,
    HEADER_ROWS,
    MATRIX,
    PEOPLE_COLUMNS,
    REVIEWED_BY,
    REVIEWED_ON,
    SHOWN,
    STATE,
    STATE_FORMAT,
)
from ldcf.queries.team import CONFIRMED, MISSING, NOT_YET_CONFIRMED, WORKING_TOWARDS, TeamReport
from ldcf.render.blocks import clean, web_address

COLOURS = {CONFIRMED: "C6EFCE", NOT_YET_CONFIRMED: "FFEB9C", WORKING_TOWARDS: "DDEBF7", MISSING: "FFC7CE"}
_CHUNK = 30_000  # characters of state per cell (a cell holds at most 32,767)
_BOLD = Font(bold=True)


def _put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """A value in a cell; text is cleaned and stored as text, so that one starting with = is never a formula."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # a merged cell cannot take a value; ldcf merges none
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value  # type: ignore[assignment]
    return cell


def _header(sheet: Worksheet, row: int, headers: tuple[str, ...]) -> None:
    for column, header in enumerate(headers, start=1):
        _put(sheet, row, column, header).font = _BOLD


def _widths(sheet: Worksheet, widths: dict[int, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _matrix(sheet: Worksheet, report: TeamReport) -> dict[str, Any]:
    """The people x competences sheet; returns what the hidden sheet keeps of it."""
    columns = report.columns
    _header(sheet, 1, PEOPLE_COLUMNS)
    _header(sheet, 2, ("", "", "", "(your name)", "(YYYY-MM-DD)"))
    for index, competence in enumerate(columns):
        column = FIRST_STATUS_COLUMN + index
        code = _put(sheet, 1, column, competence.code or "(no code)")
        code.font = _BOLD
        address = web_address(competence.url)
        if address:
            code.hyperlink = address
        title = _put(sheet, 2, column, competence.title)
        title.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 90
    decisions = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=False)
    decisions.error = "Choose Confirmed, Not yet confirmed or Rejected."
    decisions.prompt = "Your decision on this competence: confirmed, not yet confirmed, or rejected."
    sheet.add_data_validation(decisions)
    written: dict[str, str] = {}
    decision_cells: dict[str, str] = {}  # coordinate -> the competence's key
    people = []
    for offset, person in enumerate(report.people):
        row = HEADER_ROWS + 1 + offset
        values = (
            person.name,
            person.role.id if person.role else "",
            person.assessed.to_role.id if person.assessed else "",
        )
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
        for index, competence in enumerate(columns):
            status = person.statuses.get(competence.key)
            cell = _put(sheet, row, FIRST_STATUS_COLUMN + index, SHOWN[status] if status else None)
            if status in (CONFIRMED, NOT_YET_CONFIRMED):
                decisions.add(cell.coordinate)
                decision_cells[cell.coordinate] = competence.key
        people.append({"row": row, "file": person.file, "digest": person.digest})
    last_row = HEADER_ROWS + len(report.people)
    last_column = FIRST_STATUS_COLUMN + len(columns) - 1
    for cells in sheet.iter_rows(min_row=1, max_row=last_row, max_col=max(last_column, len(PEOPLE_COLUMNS))):
        for each in cells:
            decision = each.coordinate in decision_cells or each.column in (REVIEWED_BY, REVIEWED_ON)
            if not decision or (each.row or 0) <= HEADER_ROWS:
                written[each.coordinate] = "" if each.value is None else str(each.value)
    if columns and report.people:
        area = f"{get_column_letter(FIRST_STATUS_COLUMN)}{HEADER_ROWS + 1}:{get_column_letter(last_column)}{last_row}"
        for status, colour in COLOURS.items():
            style = DifferentialStyle(fill=PatternFill(bgColor=colour, fill_type="solid"))
            rule = Rule(type="containsText", operator="containsText", text=status, dxf=style)
            first = f"{get_column_letter(FIRST_STATUS_COLUMN)}{HEADER_ROWS + 1}"
            rule.formula = [f'NOT(ISERROR(SEARCH("{status}",{first})))']
            sheet.conditional_formatting.add(area, rule)
    sheet.freeze_panes = f"{get_column_letter(FIRST_STATUS_COLUMN)}{HEADER_ROWS + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(max(last_column, len(PEOPLE_COLUMNS)))}{last_row}"
    status_widths = dict.fromkeys(range(FIRST_STATUS_COLUMN, last_column + 1), 16.0)
    _widths(sheet, {1: 24, 2: 22, 3: 22, 4: 18, 5: 14, **status_widths})
    originals = {coordinate: str(sheet[coordinate].value) for coordinate in decision_cells}
    return {"people": people, "cells": written, "decisions": {c: [k, originals[c]] for c, k in decision_cells.items()}}


def _training_needs(sheet: Worksheet, report: TeamReport) -> None:
    _header(sheet, 1, ("Rank", "Code", "Title", "Missing", "Not yet confirmed", "Roles that need it", "NOS document"))
    for rank, need in enumerate(report.training_needs, start=1):
        address = web_address(need.competence.url) or ""
        values = (rank, need.competence.code or "(no code)", need.competence.title, need.missing, need.unconfirmed,
                  ", ".join(need.roles), address)  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, rank + 1, column, value)
            if column == 7 and address:
                cell.hyperlink = address
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:G{len(report.training_needs) + 1}"
    _widths(sheet, {1: 6, 2: 16, 3: 60, 4: 9, 5: 18, 6: 30, 7: 40})


def _people(sheet: Worksheet, report: TeamReport) -> None:
    _header(sheet, 1, ("Person", "Role", "Share of role met", "Target", "Share of target met", "Missing"))
    for row, person in enumerate(report.people, start=2):
        current = person.current.share_met if person.current else None
        target = person.towards.share_met if person.towards else None
        values = (
            person.name,
            person.role.id if person.role else "",
            current,
            person.target.id if person.target else "",
            target,
            len(person.missing),
        )
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, row, column, value)
            if column in (3, 5):
                cell.number_format = "0%"
    sheet.freeze_panes = "A2"
    _widths(sheet, {1: 24, 2: 22, 3: 18, 4: 22, 5: 20, 6: 10})


READ_ME = (
    ("What this is", "The skills matrix of a team, made by ldcf from each person's self-assessment record."),
    ("Matrix", "One row a person, one column for each competence (NOS) the role they are assessed against needs."),
    (SHOWN[CONFIRMED], "Held, and confirmed by a manager."),
    (SHOWN[NOT_YET_CONFIRMED], "Held by the person's own account, not yet confirmed."),
    (SHOWN[WORKING_TOWARDS], "Not held yet: the person is working towards it."),
    (SHOWN[MISSING], "Needed, not held."),
    ("(blank)", "Not needed by the role this person is assessed against."),
    (
        "Signing off",
        "Each held cell has a drop-down: Confirmed, Not yet confirmed or Rejected. Put your name in Reviewed by and "
        "the date in Reviewed on for each person you review, then run `ldcf team import WORKBOOK FOLDER`: it writes "
        "your decisions into the records (a rejected competence becomes one they are working towards), shows the "
        "changes first, and leaves any record that changed since this workbook was written as it is.",
    ),
    ("Edit only", "the decision cells. A workbook changed anywhere else is refused on import, naming the cell."),
    ("Training needs", "Competences the team lacks, most missing first, with how many hold them unconfirmed."),
    ("People", "Each person's share of their role, and of their target role, met."),
    ("Personal data", "This workbook holds personal data: keep and share it as your organisation's policy says."),
)


def render(report: TeamReport) -> bytes:
    workbook = Workbook()
    read_me = workbook.active
    assert read_me is not None
    read_me.title = "Read me"
    for row, (term, meaning) in enumerate(READ_ME, start=1):
        _put(read_me, row, 1, term).font = _BOLD
        _put(read_me, row, 2, meaning).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(read_me, {1: 24, 2: 100})
    state = _matrix(workbook.create_sheet(MATRIX), report)
    _training_needs(workbook.create_sheet("Training needs"), report)
    _people(workbook.create_sheet("People"), report)
    hidden = workbook.create_sheet(STATE)
    hidden.sheet_state = "veryHidden"
    text = json.dumps({"pseudonymised": report.pseudonymised, **state}, ensure_ascii=False, separators=(",", ":"))
    _put(hidden, 1, 1, STATE_FORMAT)
    for index in range(0, len(text), _CHUNK):
        _put(hidden, 2 + index // _CHUNK, 1, text[index : index + _CHUNK])
    workbook.properties.title = "Team skills matrix"
    workbook.properties.creator = "ldcf"
    workbook.properties.language = "en-GB"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
