"""JSON: each result's own `to_dict()`. The keys are a contract that scripts rely on: add keys, never rename them."""

from __future__ import annotations

import json
from typing import Any

from ldcf.framework.naming import UNSAFE_CHARACTERS


def _escaped(found: Any) -> str:
    return f"\\u{ord(found.group()):04x}"


def dumps(data: Any) -> str:
    """JSON text in which no character can drive a terminal or hide itself: those are written as \\u escapes,
    which every JSON reader decodes back to the same text."""
    return UNSAFE_CHARACTERS.sub(_escaped, json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def render(result: Any) -> str:
    return dumps(result.to_dict())
