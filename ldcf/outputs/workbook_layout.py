"""The team workbook's shape, which its writer (`ldcf.outputs.workbook`) and its reader
(`ldcf.outputs.workbook_import`) share: sheet names, columns, and the words each status shows."""

from ldcf.queries.team import CONFIRMED, MISSING, NOT_YET_CONFIRMED, WORKING_TOWARDS

# What each status shows: a symbol as well as a colour, so that colour is never the only signal.
REJECTED = "Rejected"
SHOWN = {
    CONFIRMED: "✔ Confirmed",
    NOT_YET_CONFIRMED: "○ Not yet confirmed",
    WORKING_TOWARDS: "→ Working towards",
    MISSING: "✗ Missing",
    REJECTED: "✗ Rejected",
}
DECISIONS = (SHOWN[CONFIRMED], SHOWN[NOT_YET_CONFIRMED], SHOWN[REJECTED])
MATRIX, STATE = "Matrix", "ldcf"
PEOPLE_COLUMNS = ("Person", "Role", "Assessed against", "Reviewed by", "Reviewed on")
FIRST_STATUS_COLUMN = len(PEOPLE_COLUMNS) + 1
HEADER_ROWS = 2
REVIEWED_BY, REVIEWED_ON = 4, 5  # columns
STATE_FORMAT = "ldcf team workbook 1"
