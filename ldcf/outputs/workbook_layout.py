"""The team workbook's shape, which its writer (`ldcf.outputs.workbook`) and its reader
(`ldcf.outputs.workbook_import`) share: sheet names, the hidden keys that say which row is whose and which
column is which competence, and the words each status shows.

The Matrix sheet carries its own keys: a hidden column holds each row's key (a person's, or the header's) and
a hidden row each column's key (a competence's, or a column of the people's details); the cell where they meet
holds KEY_MARK. Keys travel with their cells, so that rows sorted, filtered or hidden and columns inserted still
read as what they are.
"""

from ldcf.framework.entities import Competence
from ldcf.queries.team import CONFIRMED, MISSING, NOT_YET_CONFIRMED, REJECTED, TO_CONFIRM_AGAIN, WORKING_TOWARDS

# What each status shows: a symbol as well as a colour, so that colour is never the only signal.
SHOWN = {
    CONFIRMED: "✔ Confirmed",
    TO_CONFIRM_AGAIN: "↻ To confirm again",
    NOT_YET_CONFIRMED: "○ Not yet confirmed",
    REJECTED: "✗ Rejected",
    WORKING_TOWARDS: "→ Working towards",
    MISSING: "✗ Missing",
}
STATUS_OF = {shown: status for status, shown in SHOWN.items()}
# The colour of each status, exactly matched: held-confirmed, confirmed before a change of the competence,
# held-unconfirmed, rejected, working towards, missing.
COLOURS = {CONFIRMED: "C6EFCE", TO_CONFIRM_AGAIN: "F8CBAD", NOT_YET_CONFIRMED: "FFEB9C", REJECTED: "D9D2E9",
           WORKING_TOWARDS: "DDEBF7", MISSING: "FFC7CE"}  # fmt: skip
# What a manager may choose in a cell, by what it showed: a held claim can be confirmed, left unconfirmed or
# rejected (one confirmed before the competence changed, also left to confirm again); a competence shown missing
# or worked towards can be confirmed, when the evidence was seen at review.
HELD_CHOICES = (SHOWN[CONFIRMED], SHOWN[NOT_YET_CONFIRMED], SHOWN[REJECTED])
CHOICES = {
    CONFIRMED: HELD_CHOICES,
    TO_CONFIRM_AGAIN: (SHOWN[TO_CONFIRM_AGAIN], *HELD_CHOICES),
    NOT_YET_CONFIRMED: HELD_CHOICES,
    REJECTED: HELD_CHOICES,
    MISSING: (SHOWN[MISSING], SHOWN[CONFIRMED]),
    WORKING_TOWARDS: (SHOWN[WORKING_TOWARDS], SHOWN[CONFIRMED]),
}
MATRIX, STATE = "Matrix", "ldcf"
STATE_FORMAT = "ldcf team workbook 2"
KEY_MARK = "ldcf keys"

# The Matrix as written: the legend, the hidden key row, the header, then a row a person; the hidden key column,
# the people's details, then a column a competence.
LEGEND_ROWS = (1, 2)
KEY_ROW, HEADER_ROW = 3, 4
FIRST_PERSON_ROW = 5
KEY_COLUMN = 1
DETAILS = (
    ("name", "Person"),
    ("role", "Role"),
    ("assessed", "Assessed against"),
    ("reviewed_by", "Reviewed by"),
    ("reviewed_on", "Reviewed on"),
)
FIRST_DETAIL_COLUMN = 2
FIRST_STATUS_COLUMN = FIRST_DETAIL_COLUMN + len(DETAILS)
REVIEWED = ("reviewed_by", "reviewed_on")  # the details a manager fills in

# Keys: a row's and a column's, as the hidden key column and key row hold them.
HEADER_KEY = "header"
LEGEND_KEYS = ("legend-1", "legend-2")


def person_key(index: int) -> str:
    return f"person-{index + 1}"


def detail_key(field: str) -> str:
    return f"detail:{field}"


def competence_column_key(key: str) -> str:
    return f"competence:{key}"


def column_heading(competence: Competence) -> str:
    """What a competence's column of the Matrix is headed, as the cell holds it: its code and title, the definition
    a manager signs."""
    from ldcf.render.blocks import clean

    return clean(f"{competence.code or '(no code)'} {competence.title}")
