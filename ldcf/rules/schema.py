"""Rules about the shape of a file's data, found by validating it against its model (`ldcf.reading.models`)."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from ldcf.rules import Rule, error
from ldcf.rules.problems import Finding

NOT_A_MAPPING = error("not-a-mapping", "A data file is a mapping of keys to values at its top level.")
UNKNOWN_KEY = error("unknown-key", "A key the format does not have is usually a misspelling, and would be ignored.")
MISSING_KEY = error("missing-key", "A required key is missing.")
WRONG_TYPE = error("wrong-type", 'Nothing is coerced: `level: "5"` or `title: no` would otherwise pass as data.')
INVALID_VALUE = error("invalid-value", "A value breaks its format: a code, id, date, address, range or list rule.")
ID_NOT_FILE_NAME = error("id-not-file-name", "A role file is named after its id, so that roles are easy to find.")

_TYPES = {
    "string_type": "text",
    "int_type": "a whole number",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "literal_error": None,
}


def findings(details: Sequence[Mapping[str, Any]], file: str, model: Any = None) -> list[Finding]:
    """The findings for Pydantic's error details of one file, validated against `model`."""
    found = []
    for detail in details:
        if detail["type"] == "too_short" and _has_error_inside(detail["loc"], details):
            continue  # the list is short only because an item in it failed, which is reported already
        rule, message = _describe(detail)
        if detail["type"] == "extra_forbidden" and model is not None:
            message += _did_you_mean(str(detail["loc"][-1]), _keys_at(model, detail["loc"][:-1]))
        # Entries are counted from 1, as people count them: `held, entry 1, date`.
        location = ", ".join(
            f"entry {part + 1}" if isinstance(part, int) else str(part)
            for part in detail["loc"]
            if not _is_internal(part)
        )
        found.append(
            Finding(
                file,
                tuple(detail["loc"]),
                rule,
                f"{location}: {message}" if location else message,
                at_key=detail["type"] == "extra_forbidden",
            )
        )
    return found


def _keys_at(model: Any, location: Sequence[Any]) -> list[str]:
    """The keys the model allows at a place in the data, found by following the field types along the way."""
    current = model
    for part in location:
        if isinstance(part, int) or _is_internal(part):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The model class inside a field's type (through Optional, tuple and Annotated), if any."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _did_you_mean(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _has_error_inside(location: tuple[Any, ...], details: Sequence[Mapping[str, Any]]) -> bool:
    return any(len(other["loc"]) > len(location) and other["loc"][: len(location)] == location for other in details)


def _describe(detail: Mapping[str, Any]) -> tuple[Rule, str]:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return UNKNOWN_KEY, "unknown key"
    if kind == "missing":
        return MISSING_KEY, "required key is missing"
    if kind in ("less_than_equal", "greater_than_equal"):  # the only numbers in the data are levels
        return INVALID_VALUE, f"{detail['input']!r} is not a level: levels run from 1 to 9"
    if kind == "too_short":
        return INVALID_VALUE, f"needs at least {detail['ctx']['min_length']} entry"
    if _TYPES.get(kind):
        message = f"expected {_TYPES[kind]}, got {_describe_input(detail['input'])}"
        if kind == "string_type" and isinstance(detail["input"], (bool, int, float)):
            message += " (put text that YAML reads as a number or yes/no in quotes)"
        return WRONG_TYPE, message
    return INVALID_VALUE, str(detail["msg"]).removeprefix("Value error, ")


def _is_internal(part: Any) -> bool:
    """Pydantic adds validator names to error locations; they mean nothing to someone editing YAML."""
    return isinstance(part, str) and ("[" in part or part in ("function-after", "constrained-str"))


def _describe_input(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    return f"{type(value).__name__} {value!r}"
