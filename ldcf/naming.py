"""How names are normalised for identifiers, lookups and title matching."""

from __future__ import annotations

import re

# Characters that could drive a terminal; tab and newline are ordinary text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019]")
_WHITESPACE = re.compile(r"\s+")

# Spellings that differ between the source documents without changing what a title means.
_TITLE_VARIANTS = (
    (re.compile(r"\bhealth care\b"), "healthcare"),
    (re.compile(r"\bwell[ -]?being\b"), "wellbeing"),
    (re.compile(r"\bbehavior"), "behaviour"),
    (re.compile(r"\borganiz"), "organis"),
    (re.compile(r"\bmulti[ -]"), "multi"),
    (re.compile(r"\binter[ -]"), "inter"),
)


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens: "Individuals' health" -> "individuals-health"."""
    without_apostrophes = _APOSTROPHES.sub("", text.lower())
    return _NON_ALNUM.sub("-", without_apostrophes).strip("-")


def lookup_key(name: str) -> str:
    """The form in which codes, ids and aliases are compared: case and spacing do not matter."""
    return _WHITESPACE.sub("", name).casefold()


def title_key(title: str) -> str:
    """The form in which competence titles are compared, ignoring case, punctuation and small variants."""
    text = _APOSTROPHES.sub("", title.lower())
    for pattern, replacement in _TITLE_VARIANTS:
        text = pattern.sub(replacement, text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())
