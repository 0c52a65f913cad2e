"""CSV, one flat table per result, for spreadsheets."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

from ldcf.framework.naming import INVISIBLE_CHARACTERS
from ldcf.render.layout import rows

# A cell starting with one of these is read by spreadsheets as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet would read as a formula, prefixed with ' so that it is read as text. The start
    is judged as spreadsheets may see it: after Unicode compatibility normalisation (a full-width ＝ is =) and
    without invisible characters (a zero-width space before = hides nothing)."""
    seen = unicodedata.normalize("NFKC", INVISIBLE_CHARACTERS.sub("", cell)).lstrip(" ")
    return "'" + cell if seen.startswith(_FORMULA_STARTS) else cell


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table as CSV text, every cell text (None as empty) and safe to open in a spreadsheet."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([neutralise("" if cell is None else str(cell)) for cell in row] for row in rows)
    return output.getvalue()


def render(result: object) -> str:
    table = rows(result)
    return csv_text(table.headers, table.rows)
