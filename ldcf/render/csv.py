"""CSV, one flat table per result, for spreadsheets."""

from __future__ import annotations

import csv
import io

from ldcf.render.layout import rows

# A cell starting with one of these is read by spreadsheets as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def render(result: object) -> str:
    table = rows(result)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows([neutralise(cell) for cell in row] for row in table.rows)
    return output.getvalue()
