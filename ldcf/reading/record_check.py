"""GENERATED from the models of a person's record by `python -m ldcf.reading.checkers`: do not edit.

`check` gives the record a parsed record file holds, as the models would make it, when it is certainly valid, and
None otherwise, for the models (`ldcf.reading.models`) to decide and to say why; so checking a valid record needs
no pydantic. Each validator function the models use is copied here from its source.
"""

from __future__ import annotations

import functools
import re
import zlib
from pathlib import Path
from typing import Any

from ldcf.framework import entities
from ldcf.framework.naming import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS

MODELS = (18784, 851600887)
_HELDENTRY_FIELDS = {
    "code",
    "confirmed_by",
    "confirmed_edition",
    "confirmed_on",
    "date",
    "evidence",
    "rejected_by",
    "rejected_on",
}
_NOTYETASSESSEDENTRY_FIELDS = {
    "code",
}
_RECORDFILE_FIELDS = {
    "appraiser",
    "held",
    "name",
    "next_review",
    "not_yet_assessed",
    "priorities",
    "role",
    "target",
    "targets",
    "working_towards",
}
_RECORD_DATE = re.compile("\\d{4}(-\\d{2}(-\\d{2})?)?|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_RECORD_DATE_EXPLANATION = "a date as YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY (day first)"
_WORKINGTOWARDSENTRY_FIELDS = {
    "code",
    "plan",
    "target_date",
}


class Unsure(Exception):
    """The record may not be valid: the models decide."""


_SURROGATES = re.compile("[\\ud800-\\udfff]")
_ASCII_SPACE = frozenset(" \t\n\r")


def _text(value: Any, strip: bool) -> str:
    """A string as pydantic's `str` takes it in strict mode, stripped of surrounding white space if `strip`; only
    where Python and pydantic certainly agree on what that is."""
    if type(value) is not str or _SURROGATES.search(value):
        raise Unsure
    if not strip:
        return value
    stripped = value.strip()
    edges = value[: len(value) - len(value.lstrip())] + value[len(value.rstrip()) :]
    if not _ASCII_SPACE.issuperset(edges):  # white space that pydantic may not strip as Python does
        raise Unsure
    return stripped


def _same(result: Any, value: Any) -> Any:
    """What a model's validator returned, which must be the model it was given."""
    if result is not value:
        raise Unsure
    return value


def _one_line(value: str) -> str:
    # A title or name is shown on one line, in a table cell or a heading; a line break in it could start a new
    # line of YAML, Markdown or a CI log where the text is written out.
    if any(separator in value for separator in "\n\r\u2028\u2029"):
        raise ValueError("must be on one line: remove the line break")
    return value


def _printable(value: str) -> str:
    # Terminal escape sequences in the data would reach every terminal that shows it, and invisible characters
    # make text read differently from what it holds.
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise ValueError(f"contains the control character {found.group()!r}; remove it")
    found = INVISIBLE_CHARACTERS.search(value)
    if found:
        raise ValueError(f"contains the invisible character U+{ord(found.group()):04X}; remove it")
    return value


def _no_list_is_none(value: object) -> object:
    # `held:` with only comments under it, as a template leaves it, is an empty list, not an error.
    return () if value is None else value


def _RecordFile_empty_when_none(cls: Any, value: object) -> object:
    return _no_list_is_none(value)


def _HeldEntry_one_decision(self: Any) -> Any:
    if (self.confirmed_by or self.confirmed_on) and (self.rejected_by or self.rejected_on):
        raise ValueError("an entry is either confirmed or rejected, not both: keep the later decision")
    if bool(self.confirmed_by) != bool(self.confirmed_on) or bool(self.rejected_by) != bool(self.rejected_on):
        raise ValueError("a decision says who made it and when: give both confirmed_by and confirmed_on (or "
                         "rejected_by and rejected_on)")  # fmt: skip
    if self.confirmed_edition and not self.confirmed_by:
        raise ValueError("confirmed_edition says what a confirmation confirmed: remove it from an entry that is "
                         "not confirmed")  # fmt: skip
    return self


def calendar_date(value: str) -> str:
    """A date a person wrote, checked against the calendar and given as YYYY-MM-DD (or YYYY-MM, or YYYY); raises
    ValueError saying what is wanted."""
    import datetime

    text = value.strip()
    if not _RECORD_DATE.fullmatch(text):
        raise ValueError(f"{value!r} is not {_RECORD_DATE_EXPLANATION}")
    if "/" in text:
        day, month, year = text.split("/")
        text = f"{year}-{month:0>2}-{day:0>2}"
    padded = {4: f"{text}-01-01", 7: f"{text}-01"}.get(len(text), text)
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        order = " (DD/MM/YYYY: the day comes first)" if "/" in value else ""
        raise ValueError(f"{value!r} is not a date of the calendar{order}") from None
    return text


def _year_as_text(value: object) -> object:
    # YAML reads a bare year (`date: 2024`) as a number; it is a date all the same.
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def _make_matching_8() -> Any:
    explanation = "a digest as `team import` writes it: 16 digits 0-9 and letters a-f"
    pattern = re.compile("[0-9a-f]{16}")

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not {explanation}")
        return value

    return check


_matching_8 = _make_matching_8()


def _make_matching_9() -> Any:
    explanation = "a date as YYYY-MM-DD or DD/MM/YYYY, or a month as YYYY-MM"
    pattern = re.compile("\\d{4}-\\d{2}(-\\d{2})?|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not {explanation}")
        return value

    return check


_matching_9 = _make_matching_9()


def _check_5(value: Any) -> Any:
    text = _text(value, True)
    if len(text) < 1:
        raise Unsure
    return text


def _check_4(value: Any) -> Any:
    return _printable(_check_5(value))


def _check_3(value: Any) -> Any:
    return _one_line(_check_4(value))


def _check_2(value: Any) -> Any:
    return None if value is None else _check_3(value)


def _check_10(value: Any) -> Any:
    return None if value is None else _check_4(value)


def _check_14(value: Any) -> Any:
    return _text(value, False)


def _check_13(value: Any) -> Any:
    return _check_14(_year_as_text(value))


def _check_12(value: Any) -> Any:
    return calendar_date(_check_13(value))


def _check_11(value: Any) -> Any:
    return None if value is None else _check_12(value)


def _check_16(value: Any) -> Any:
    return _matching_8(_check_14(value))


def _check_15(value: Any) -> Any:
    return None if value is None else _check_16(value)


def _HeldEntry(value: Any) -> Any:
    if type(value) is not dict:
        raise Unsure
    if not _HELDENTRY_FIELDS.issuperset(value):
        raise Unsure
    code = _check_3(value["code"])
    evidence = _check_10(value["evidence"]) if "evidence" in value else None
    date = _check_11(value["date"]) if "date" in value else None
    confirmed_by = _check_2(value["confirmed_by"]) if "confirmed_by" in value else None
    confirmed_on = _check_11(value["confirmed_on"]) if "confirmed_on" in value else None
    rejected_by = _check_2(value["rejected_by"]) if "rejected_by" in value else None
    rejected_on = _check_11(value["rejected_on"]) if "rejected_on" in value else None
    confirmed_edition = _check_15(value["confirmed_edition"]) if "confirmed_edition" in value else None
    return entities.Held(
        code=code,
        evidence=evidence,
        date=date,
        confirmed_by=confirmed_by,
        confirmed_on=confirmed_on,
        rejected_by=rejected_by,
        rejected_on=rejected_on,
        confirmed_edition=confirmed_edition,
    )


def _check_8(value: Any) -> Any:
    checked = _HeldEntry(value)
    return _same(_HeldEntry_one_decision(checked), checked)


def _check_7(value: Any) -> Any:
    if type(value) is not tuple:
        raise Unsure
    return tuple([_check_8(item) for item in value])


def _check_6(value: Any) -> Any:
    return _check_7(_RecordFile_empty_when_none(None, value))


def _WorkingTowardsEntry(value: Any) -> Any:
    if type(value) is not dict:
        raise Unsure
    if not _WORKINGTOWARDSENTRY_FIELDS.issuperset(value):
        raise Unsure
    code = _check_3(value["code"])
    target_date = _check_11(value["target_date"]) if "target_date" in value else None
    plan = _check_10(value["plan"]) if "plan" in value else None
    return entities.WorkingTowards(
        code=code,
        target_date=target_date,
        plan=plan,
    )


def _check_18(value: Any) -> Any:
    if type(value) is not tuple:
        raise Unsure
    return tuple([_WorkingTowardsEntry(item) for item in value])


def _check_17(value: Any) -> Any:
    return _check_18(_RecordFile_empty_when_none(None, value))


def _check_22(value: Any) -> Any:
    return _matching_9(_check_14(value))


def _check_21(value: Any) -> Any:
    return calendar_date(_check_22(value))


def _check_20(value: Any) -> Any:
    return None if value is None else _check_21(value)


def _check_24(value: Any) -> Any:
    if type(value) is not tuple:
        raise Unsure
    return tuple([_check_3(item) for item in value])


def _check_23(value: Any) -> Any:
    return _check_24(_RecordFile_empty_when_none(None, value))


def _NotYetAssessedEntry(value: Any) -> Any:
    if type(value) is not dict:
        raise Unsure
    if not _NOTYETASSESSEDENTRY_FIELDS.issuperset(value):
        raise Unsure
    code = _check_3(value["code"])
    return entities.NotYetAssessed(
        code=code,
    )


def _check_26(value: Any) -> Any:
    if type(value) is not tuple:
        raise Unsure
    return tuple([_NotYetAssessedEntry(item) for item in value])


def _check_25(value: Any) -> Any:
    return _check_26(_RecordFile_empty_when_none(None, value))


def _RecordFile(value: Any) -> Any:
    if type(value) is not dict:
        raise Unsure
    if not _RECORDFILE_FIELDS.issuperset(value):
        raise Unsure
    name = _check_2(value["name"]) if "name" in value else None
    role = _check_2(value["role"]) if "role" in value else None
    target = _check_2(value["target"]) if "target" in value else None
    held = _check_6(value["held"]) if "held" in value else ()
    working_towards = _check_17(value["working_towards"]) if "working_towards" in value else ()
    appraiser = _check_2(value["appraiser"]) if "appraiser" in value else None
    next_review = _check_20(value["next_review"]) if "next_review" in value else None
    priorities = _check_23(value["priorities"]) if "priorities" in value else ()
    targets = _check_23(value["targets"]) if "targets" in value else ()
    not_yet_assessed = _check_25(value["not_yet_assessed"]) if "not_yet_assessed" in value else ()
    return entities.Record(
        name=name,
        role=role,
        target=target,
        held=held,
        working_towards=working_towards,
        appraiser=appraiser,
        next_review=next_review,
        priorities=priorities,
        targets=targets,
        not_yet_assessed=not_yet_assessed,
    )


@functools.cache
def _written_from_these_models() -> bool:
    """Whether the models' module is the one this checker was written from: if it changed, the models
    judge every record until the checker is written again."""
    try:
        source = Path(__file__).with_name("models.py").read_bytes()
    except OSError:
        return False
    source = source.replace(b"\r\n", b"\n")  # as git may check it out on Windows
    return (len(source), zlib.crc32(source)) == MODELS


def check(data: Any) -> entities.Record | None:
    """The record `data` (a parsed record file) holds when it is certainly valid; else None."""
    if not _written_from_these_models():
        return None
    try:
        record: entities.Record = _RecordFile(data)
    except Exception:  # noqa: BLE001 - whatever it is, the models judge the record
        return None
    return record
