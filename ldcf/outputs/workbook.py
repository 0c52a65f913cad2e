"""Excel (.xlsx), with openpyxl: a team's skills matrix for a manager to review and sign off, its training
needs, its people, and a sheet that explains them; every sheet prints on landscape A4, one page wide, with its
headings (and on the Matrix, the names) repeated on every page.

The Matrix sheet's decision cells (each competence a person's role needs, and each person's reviewer and review
date) are the only cells `ldcf team import` reads back. Its hidden key column and key row say whose each row is
and which competence each column is (`ldcf.outputs.workbook_layout`); a hidden sheet keeps what each keyed
cell held as written and, unless pseudonymised, each record's file and digest, so that an import can refuse a
record that changed since and a workbook edited anywhere but in its decision cells.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ldcf.outputs.workbook_layout import (
    CHOICES,
    COLOURS,
    DETAILS,
    FIRST_DETAIL_COLUMN,
    FIRST_PERSON_ROW,
    FIRST_STATUS_COLUMN,
    HEADER_KEY,
    HEADER_ROW,
    KEY_COLUMN,
    KEY_MARK,
    KEY_ROW,
    LEGEND_KEYS,
    LEGEND_ROWS,
    MATRIX,
    SHOWN,
    STATE,
    STATE_FORMAT,
    column_heading,
    competence_column_key,
    detail_key,
    person_key,
)
from ldcf.queries.team import (
    CONFIRMED,
    MISSING,
    NOT_YET_CONFIRMED,
    REJECTED,
    STATUSES,
    TO_CONFIRM_AGAIN,
    WORKING_TOWARDS,
    Person,
    TeamReport,
)
from ldcf.render.blocks import clean, web_address

_CHUNK = 30_000  # characters of state per cell (a cell holds at most 32,767)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRED = Alignment(horizontal="center", vertical="top")
_STATUS_WIDTH = 3.3  # wide enough for a status's symbol, which is the first line of its wrapped words
_LINE_HEIGHT = 15.0  # points, of one line of 11-point text
# Points a character of a name turned upright takes in bold 11-point text, with room to spare, so that two people
# shown as "Ana Example (ana.yaml)" and "Ana Example (ana-2.yaml)" are told apart on paper; at most a third of
# a landscape A4 page.
_TURNED_POINTS = 7.5
_TALLEST_HEADER = 200.0


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
        cell = _put(sheet, row, column, header)
        cell.font = _BOLD
        cell.alignment = _WRAP


def _widths(sheet: Worksheet, widths: Mapping[int, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _lines(text: str, width: float) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide."""
    return max(1, sum(math.ceil(max(len(part), 1) / max(width - 2, 1)) for part in text.split("\n")))


def _printable(sheet: Worksheet, title_rows: str, title_columns: str | None = None) -> None:
    """Landscape A4, fitted to one page wide and as many tall as it takes, with `title_rows` (and
    `title_columns`) repeated on every page, and the page number at the foot."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_title_rows = title_rows
    if title_columns:
        sheet.print_title_cols = title_columns
    footer = sheet.oddFooter
    assert footer is not None
    footer.center.text = f"{sheet.title}, page &P of &N"
    footer.center.size = 8


def _ranges(coordinates: Iterable[tuple[int, int]]) -> str:
    """Cells (row, column) as the fewest runs down each column, as a data validation's range list: one pass,
    however many cells."""
    by_column: dict[int, list[int]] = {}
    for row, column in coordinates:
        by_column.setdefault(column, []).append(row)
    found = []
    for column, rows in sorted(by_column.items()):
        letter = get_column_letter(column)
        rows.sort()
        runs: list[list[int]] = []
        for row in rows:
            if runs and row == runs[-1][1] + 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        found += [f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}" for first, last in runs]
    return " ".join(found)


def _legend(sheet: Worksheet) -> dict[str, dict[str, str]]:
    """The key to the statuses, in their colours, above the header; returns the cells it wrote, by key."""
    items = (
        [("Key (see Read me)", None), (SHOWN[CONFIRMED], CONFIRMED), (SHOWN[NOT_YET_CONFIRMED], NOT_YET_CONFIRMED),
         (SHOWN[REJECTED], REJECTED), ("", None)],
        [("(blank): not needed", None), (SHOWN[WORKING_TOWARDS], WORKING_TOWARDS), (SHOWN[MISSING], MISSING),
         (SHOWN[TO_CONFIRM_AGAIN], TO_CONFIRM_AGAIN), ("", None)],
    )  # fmt: skip
    written: dict[str, dict[str, str]] = {}
    for row, key, line in zip(LEGEND_ROWS, LEGEND_KEYS, items, strict=True):
        _put(sheet, row, KEY_COLUMN, key)
        cells = written.setdefault(key, {})
        for offset, (text, status) in enumerate(line):
            column = FIRST_DETAIL_COLUMN + offset
            if not text:
                continue
            cell = _put(sheet, row, column, text)
            cell.alignment = _WRAP
            if status is None:
                cell.font = _BOLD if row == LEGEND_ROWS[0] else Font(italic=True)
            else:
                cell.fill = PatternFill(fill_type="solid", fgColor=COLOURS[status])
            cells[detail_key(DETAILS[offset][0])] = str(cell.value)
    return written


def _matrix(sheet: Worksheet, report: TeamReport) -> dict[str, Any]:
    """The people x competences sheet; returns what the hidden sheet keeps of it."""
    columns = report.columns
    cells = _legend(sheet)
    _put(sheet, KEY_ROW, KEY_COLUMN, KEY_MARK)
    _put(sheet, HEADER_ROW, KEY_COLUMN, HEADER_KEY)
    header: dict[str, str] = {}
    for offset, (field, title) in enumerate(DETAILS):
        column = FIRST_DETAIL_COLUMN + offset
        _put(sheet, KEY_ROW, column, detail_key(field))
        shown = f"{title} (YYYY-MM-DD or DD/MM/YYYY)" if field == "reviewed_on" else title
        cell = _put(sheet, HEADER_ROW, column, shown)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        header[detail_key(field)] = str(cell.value)
    rotated = Alignment(text_rotation=90, wrap_text=True, vertical="bottom", horizontal="center")
    for index, competence in enumerate(columns):
        column = FIRST_STATUS_COLUMN + index
        _put(sheet, KEY_ROW, column, competence_column_key(competence.key))
        cell = _put(sheet, HEADER_ROW, column, column_heading(competence))
        cell.font = Font(bold=False, size=8)
        cell.alignment = rotated
        address = web_address(competence.url)
        if address:
            cell.hyperlink = address
        header[competence_column_key(competence.key)] = str(cell.value)
    cells[HEADER_KEY] = header
    sheet.row_dimensions[KEY_ROW].hidden = True
    sheet.row_dimensions[HEADER_ROW].height = 250 if columns else 45
    sheet.column_dimensions[get_column_letter(KEY_COLUMN)].hidden = True

    decisions: dict[str, dict[str, str]] = {}
    choices: dict[str, list[tuple[int, int]]] = {status: [] for status in STATUSES}
    people: dict[str, dict[str, str]] = {}
    status_alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    for offset, person in enumerate(report.people):
        row = FIRST_PERSON_ROW + offset
        key = person_key(offset)
        _put(sheet, row, KEY_COLUMN, key)
        details = {
            "name": person.name,
            "role": person.role.title if person.role else "",
            "assessed": person.assessed.to_role.title if person.assessed else "",
        }
        written = {}
        for column_offset, (field, _) in enumerate(DETAILS):
            value = details.get(field)
            if value:
                written[detail_key(field)] = str(_put(sheet, row, FIRST_DETAIL_COLUMN + column_offset, value).value)
        reviewed_on = sheet.cell(row=row, column=FIRST_DETAIL_COLUMN + len(DETAILS) - 1)
        reviewed_on.number_format = "yyyy-mm-dd"
        cells[key] = written
        sheet.row_dimensions[row].height = _LINE_HEIGHT  # one line: a status shows its symbol, its words below
        own = decisions.setdefault(key, {})
        for index, competence in enumerate(columns):
            status = person.statuses.get(competence.key)
            if status is None:
                continue
            column = FIRST_STATUS_COLUMN + index
            cell = _put(sheet, row, column, SHOWN[status])
            cell.alignment = status_alignment
            choices[status].append((row, column))
            own[competence_column_key(competence.key)] = SHOWN[status]
        people[key] = _who(person, report.pseudonymised)
    _validations(sheet, choices)
    last_row = FIRST_PERSON_ROW + len(report.people) - 1
    last_column = FIRST_STATUS_COLUMN + len(columns) - 1
    if columns and report.people:
        first = f"{get_column_letter(FIRST_STATUS_COLUMN)}{FIRST_PERSON_ROW}"
        area = f"{first}:{get_column_letter(last_column)}{last_row}"
        for status in STATUSES:
            # EXACT, not "contains": "Not yet confirmed" contains "confirmed", and case must count too.
            style = DifferentialStyle(fill=PatternFill(bgColor=COLOURS[status], fill_type="solid"))
            rule = Rule(type="expression", dxf=style, stopIfTrue=True)
            rule.formula = [f'EXACT({first},"{SHOWN[status]}")']
            sheet.conditional_formatting.add(area, rule)
    sheet.freeze_panes = f"{get_column_letter(FIRST_STATUS_COLUMN)}{FIRST_PERSON_ROW}"
    last = get_column_letter(max(last_column, FIRST_STATUS_COLUMN - 1))
    sheet.auto_filter.ref = f"{get_column_letter(KEY_COLUMN)}{HEADER_ROW}:{last}{max(last_row, HEADER_ROW)}"
    status_widths = dict.fromkeys(range(FIRST_STATUS_COLUMN, last_column + 1), _STATUS_WIDTH)
    _widths(sheet, {2: 24, 3: 22, 4: 22, 5: 18, 6: 16, **status_widths})
    _printable(sheet, f"{LEGEND_ROWS[0]}:{HEADER_ROW}", f"{get_column_letter(KEY_COLUMN)}:B")
    sheet.print_options.gridLines = True
    return {"people": people, "cells": cells, "decisions": decisions}


def _who(person: Person, pseudonymised: bool) -> dict[str, str]:
    """What the hidden sheet says of a person: their record file and its digest, unless pseudonymised, when it
    says nothing that could tell who they are."""
    if pseudonymised:
        return {}
    return {"file": person.file, "digest": person.digest}


def _validations(sheet: Worksheet, choices: dict[str, list[tuple[int, int]]]) -> None:
    """A drop-down for each kind of decision cell, its range list made in one pass: one validation per list
    of choices, never one range added at a time (each addition would search all those before it)."""
    lists: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for status, coordinates in choices.items():
        lists.setdefault(CHOICES[status], []).extend(coordinates)
    for options, coordinates in lists.items():
        if not coordinates:
            continue
        validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=False)
        validation.error = "Choose " + ", ".join(options) + "."
        validation.errorTitle = "Not a decision"
        validation.prompt = "Your decision: " + ", ".join(options) + "."
        validation.showErrorMessage = True
        validation.sqref = _ranges(coordinates)
        sheet.add_data_validation(validation)


def _training_needs(sheet: Worksheet, report: TeamReport) -> None:
    headers = ("Rank", "Code", "Title", "Missing for their role", "Missing for a target", "Not yet confirmed",
               "Roles that need it", "NOS document")  # fmt: skip
    _header(sheet, 1, headers)
    widths = {1: 6, 2: 14, 3: 46, 4: 10, 5: 10, 6: 10, 7: 32, 8: 60}
    for rank, need in enumerate(report.training_needs, start=1):
        address = web_address(need.competence.url) or ""
        roles = ", ".join(role.title for role in need.roles)
        values = (rank, need.competence.code or "(no code)", need.competence.title, need.missing,
                  need.missing_for_target, need.unconfirmed, roles, address)  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, rank + 1, column, value)
            cell.alignment = _CENTRED if isinstance(value, int) else _WRAP
            if column == 8 and address:
                cell.hyperlink = address
                cell.font = Font(size=8, underline="single", color="0563C1")
        lines = max(_lines(need.competence.title, widths[3]), _lines(roles, widths[7]))
        sheet.row_dimensions[rank + 1].height = _LINE_HEIGHT * lines + 2
    sheet.row_dimensions[1].height = _LINE_HEIGHT * 3 + 2  # "Missing for their role" wraps to three lines
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{len(report.training_needs) + 1}"
    _widths(sheet, widths)
    _printable(sheet, "1:1")


def _people(sheet: Worksheet, report: TeamReport) -> None:
    headers = ("Person", "Role", "Role met, self-assessed", "Role met, confirmed", "Targets", "Missing")
    _header(sheet, 1, headers)
    widths = {1: 24, 2: 24, 3: 14, 4: 14, 5: 50, 6: 10}
    for row, person in enumerate(report.people, start=2):
        targets = "; ".join(f"{gap.to_role.title}: {gap.share_met:.0%} met" for gap in person.target_gaps)
        values = (
            person.name,
            person.role.title if person.role else "",
            person.current.share_met if person.current else None,
            person.confirmed_share,
            targets,
            len(person.missing),
        )
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, row, column, value)
            cell.alignment = _WRAP if isinstance(value, str) else _CENTRED
            if column in (3, 4):
                cell.number_format = "0%"
        sheet.row_dimensions[row].height = _LINE_HEIGHT * _lines(targets, widths[5]) + 2
    sheet.row_dimensions[1].height = _LINE_HEIGHT * 2 + 2
    sheet.freeze_panes = "A2"
    _widths(sheet, widths)
    _printable(sheet, "1:1")


READ_ME = (
    ("What this is", "The skills matrix of a team, made by ldcf from each person's self-assessment record."),
    ("Matrix", "One row a person, one column for each competence (NOS) the role they are assessed against needs. "
     "Each cell shows a symbol and is coloured: the key is at the top of the sheet."),
    (SHOWN[CONFIRMED], "Held, and confirmed by a manager."),
    (SHOWN[TO_CONFIRM_AGAIN], "Confirmed by a manager, but the framework has changed this competence since (a new "
     "title, or a new competence in its place): confirm it again, or choose Not yet confirmed or Rejected."),
    (SHOWN[NOT_YET_CONFIRMED], "Held by the person's own account, not yet confirmed."),
    (SHOWN[REJECTED], "Claimed by the person, rejected at review: it counts as not held."),
    (SHOWN[WORKING_TOWARDS], "Not held yet: the person is working towards it."),
    (SHOWN[MISSING], "Needed, not held."),
    ("(blank)", "Not needed by the role this person is assessed against."),
    ("Signing off", "Choose in a held cell Confirmed, Not yet confirmed or Rejected. Choose Confirmed in a "
     "Missing or Working towards cell when you saw the evidence at review."),
    ("Reviewed by, Reviewed on", "For each person you review, put your name and the date (a date, YYYY-MM-DD or "
     "DD/MM/YYYY)."),
    ("Then", "Run `ldcf team import WORKBOOK FOLDER`, with the same data the workbook was made from. It shows the "
     "changes to the records first, then writes them: a confirmation with your name, the date and what you "
     "confirmed, a rejection beside the person's own evidence."),
    ("You may", "Sort, filter and hide rows and columns, insert columns or rows of your own (notes, say), and save "
     "from Excel or LibreOffice."),
    ("Do not", "Change names, codes or any other cell. A workbook changed there is refused on import, naming the "
     "cell: undo the change, or make a new workbook with `ldcf team report -o`."),
    ("Matrix to print", "The Matrix turned for paper, one row a competence and a column a person, each status as "
     "its symbol in its colour (⊘ for Rejected). It is the Matrix as written: it does not follow your edits."),
    ("Training needs", "Competences someone lacks, with how many lack each for their current role and for a target "
     "role, and how many hold it unconfirmed."),
    ("People", "Each person's share of their role met, by their own account and as confirmed, and of each target."),
    ("Printing", "Every sheet prints on landscape A4, one page wide, its headings on every page."),
    ("Personal data", "This workbook holds personal data: keep and share it as your organisation's policy says."),
)  # fmt: skip
_READ_ME_WIDTH = 100


def _read_me(sheet: Worksheet) -> None:
    """Short paragraphs in one column, each in one cell with its heading in bold above it (so that no page parts
    them), wrapped to the width of the page."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    title = _put(sheet, 1, 1, "Team skills matrix: read me")
    title.font = Font(bold=True, size=14)
    sheet.row_dimensions[1].height = 24
    for row, (term, meaning) in enumerate(READ_ME, start=2):
        cell = sheet.cell(row=row, column=1)
        cell.value = CellRichText(TextBlock(InlineFont(b=True), clean(term) + "\n"), clean(meaning))
        cell.alignment = _WRAP
        sheet.row_dimensions[row].height = _LINE_HEIGHT * (1 + _lines(meaning, _READ_ME_WIDTH)) + 6
    _widths(sheet, {1: _READ_ME_WIDTH})
    _printable(sheet, "1:1")


PRINTED = {CONFIRMED: "✔", TO_CONFIRM_AGAIN: "↻", NOT_YET_CONFIRMED: "○", REJECTED: "⊘", WORKING_TOWARDS: "→",
           MISSING: "✗"}  # fmt: skip


def _matrix_to_print(sheet: Worksheet, report: TeamReport) -> None:
    """The matrix turned for paper: one row a competence, one narrow column a person, each cell the status's
    symbol in its colour; names head every page. It is the matrix as written, and does not follow edits."""
    _put(sheet, 1, 1, "The Matrix as ldcf wrote it, turned to print: it does not change when the Matrix is "
                      "edited.").font = Font(italic=True)  # fmt: skip
    for offset, status in enumerate(STATUSES):
        row = 2 + offset
        symbol = _put(sheet, row, 1, PRINTED[status])
        symbol.fill = PatternFill(fill_type="solid", fgColor=COLOURS[status])
        symbol.alignment = Alignment(horizontal="center")
        _put(sheet, row, 2, SHOWN[status].split(" ", 1)[1])
    header = 2 + len(STATUSES) + 1
    _header(sheet, header, ("Code", "Title"))
    rotated = Alignment(text_rotation=90, vertical="bottom", horizontal="center")
    for index, person in enumerate(report.people):
        cell = _put(sheet, header, 3 + index, person.name)
        cell.font = _BOLD
        cell.alignment = rotated
    longest = max((len(person.name) for person in report.people), default=0)
    sheet.row_dimensions[header].height = min(max(120, _TURNED_POINTS * longest + 10), _TALLEST_HEADER)
    centred = Alignment(horizontal="center", vertical="top")
    for offset, competence in enumerate(report.columns):
        row = header + 1 + offset
        _put(sheet, row, 1, competence.code or "(no code)").alignment = _WRAP
        _put(sheet, row, 2, competence.title).alignment = _WRAP
        sheet.row_dimensions[row].height = _LINE_HEIGHT * _lines(competence.title, 50) + 2
        for index, person in enumerate(report.people):
            shown = person.statuses.get(competence.key)
            if shown is not None:
                cell = _put(sheet, row, 3 + index, PRINTED[shown])
                cell.fill = PatternFill(fill_type="solid", fgColor=COLOURS[shown])
                cell.alignment = centred
    widths = {1: 13, 2: 50, **dict.fromkeys(range(3, 3 + len(report.people)), _STATUS_WIDTH)}
    _widths(sheet, widths)
    sheet.freeze_panes = f"C{header + 1}"
    _printable(sheet, f"{header}:{header}", "A:B")
    sheet.print_options.gridLines = True


def render(report: TeamReport) -> bytes:
    workbook = Workbook()
    read_me = workbook.active
    assert read_me is not None
    read_me.title = "Read me"
    _read_me(read_me)
    state = _matrix(workbook.create_sheet(MATRIX), report)
    _matrix_to_print(workbook.create_sheet("Matrix to print"), report)
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
