"""How names are normalised for identifiers, lookups and title matching."""

from __future__ import annotations

import functools
import re

# Characters that could drive a terminal; tab and newline are ordinary text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that change how text around them is shown without being seen themselves: bidirectional overrides
# and isolates (which can make text read differently from what it holds) and zero-width characters.
INVISIBLE_CHARACTERS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Both together: what no output may pass on raw.
UNSAFE_CHARACTERS = re.compile(f"{CONTROL_CHARACTERS.pattern}|{INVISIBLE_CHARACTERS.pattern}")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019]")
_WHITESPACE = re.compile(r"\s+")

# Spellings that differ between the source documents without changing what a title means. (Compiled when a
# title is first compared: most commands compare none, and compiling them is a fifth of a view's own start-up.)
_TITLE_VARIANTS = (
    (r"\bhealth care\b", "healthcare"),
    (r"\bwell[ -]?being\b", "wellbeing"),
    (r"\bbehavior", "behaviour"),
    (r"\borganiz", "organis"),
    (r"\bmulti[ -]", "multi"),
    (r"\binter[ -]", "inter"),
)


@functools.cache
def _title_variants() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Whether a title has any of the variants (most have none, and one search is quicker than trying each in
    turn), and each variant with its usual spelling."""
    variants = tuple((re.compile(pattern), replacement) for pattern, replacement in _TITLE_VARIANTS)
    return re.compile("|".join(pattern for pattern, _ in _TITLE_VARIANTS)), variants


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens: "Individuals' health" -> "individuals-health"."""
    without_apostrophes = _APOSTROPHES.sub("", text.lower())
    return _NON_ALNUM.sub("-", without_apostrophes).strip("-")


def role_key(name: str) -> str:
    """The form in which role names are compared: as slugs, with "&" read as "and" ("Liaison & Diversion")."""
    return slugify(name.replace("&", " and "))


def lookup_key(name: str) -> str:
    """The form in which codes, ids and aliases are compared: case and spacing do not matter."""
    return _WHITESPACE.sub("", name).casefold()


# UK Standards (ukstandards.org.uk) prints Skills for Health codes with the prefix SFH (SFHGEN97) and Council for
# Administration codes without the underscore after CFA (CFABAA621): a code, letters then a digit, after "sfh".
_SFH_PREFIX = re.compile(r"^sfh(?=[a-z][a-z&]*\d)")
_CFA_UNDERSCORE = re.compile(r"^cfa_")


def competence_key(name: str) -> str:
    """The form in which a competence's code, id and aliases are compared: `lookup_key`, and a code as UK Standards
    prints it is the code: "SFHGEN97" is GEN97 (the prefix SFH dropped) and "CFABAA621" is CFA_BAA621 (CFA codes
    compared without the underscore)."""
    return _CFA_UNDERSCORE.sub("cfa", _SFH_PREFIX.sub("", lookup_key(name)))


def title_key(title: str) -> str:
    """The form in which competence titles are compared, ignoring case, punctuation and small variants."""
    text = _APOSTROPHES.sub("", title.lower())
    any_variant, variants = _title_variants()
    if any_variant.search(text):
        for pattern, replacement in variants:
            text = pattern.sub(replacement, text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())
