"""Suggest NOS for the duties of a plain-text job description, and the national role that covers them best."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ldcf.framework.entities import Competence, Role
from ldcf.framework.lookups import Framework

SUGGESTIONS_PER_LINE = 3
SHOWN_FROM = 50  # scores below this are not worth showing at all
MATCH_FROM = 70  # a top suggestion from this score is taken as the NOS the duty restates, unless told otherwise

# Numbering and bullets that start a duty: 3.1.2, 2.4, 1., 1), a), (a), -, *, and the bullets PDFs leave.
_NUMBERING = re.compile(r"^\s*(?P<label>\d+(?:\.\d+)+\.?|\d+[.)]|\(?[a-z][.)]|[-*\u2022\u25aa\u25e6\u2023\uf0b7])\s+")
# Page furniture that text extracted from a PDF keeps: "Page 3 of 12", a page number alone.
_FURNITURE = re.compile(r"^(page \d+( of \d+)?|\d+)$", re.IGNORECASE)
# A line ending in one of these words breaks a sentence, so the next line continues it.
_CONTINUED_AFTER = frozenset(
    [
        "and",
        "or",
        "of",
        "the",
        "to",
        "for",
        "with",
        "in",
        "a",
        "an",
        "by",
        "on",
        "at",
        "from",
        "their",
        "its",
        "as",
        "our",
        "your",
    ]
)
_SENTENCE_END = ".!?:;"
_FEWEST_WORDS = 4
_FIELD = re.compile(r"(?P<name>[^:]+):\s")


class JobDuty(NamedTuple):
    """A duty as a plain-text job description gives it: the line it starts on, its numbering (if any), its text
    (a role's duty in the framework is `ldcf.framework.entities.Duty`)."""

    line: int
    label: str
    text: str


def duties(text: str) -> list[JobDuty]:
    """The duties of a job description: wrapped lines joined, a new duty at each numbering or bullet and at a
    line that does not continue the sentence before it; headings, page furniture and lines of fewer than four
    words are left out."""
    found: list[tuple[int, str, list[str]]] = []  # (line, label, the lines of its text), while they are joined
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line or _FURNITURE.match(line):
            continue
        numbering = _NUMBERING.match(raw)
        if numbering:
            found.append((number, numbering["label"].rstrip("."), [raw[numbering.end() :].strip()]))
        elif found and _continues(found[-1][2][-1], line):
            found[-1][2].append(line)
        else:
            found.append((number, "", [line]))
    joined = [(line, label, " ".join(" ".join(parts).split())) for line, label, parts in found]
    return [JobDuty(line, label, text) for line, label, text in joined if _is_a_duty(text)]


def _continues(previous: str, line: str) -> bool:
    """Whether `line` continues the line before it, `previous`."""
    if not previous:
        return True  # a numbering alone on its line: its duty follows
    if previous[-1] in _SENTENCE_END:
        return False
    return line[0].islower() or line[0] in "(&," or previous.split()[-1].lower() in _CONTINUED_AFTER


def _is_a_duty(text: str) -> bool:
    words = text.split()
    if len(words) < _FEWEST_WORDS:
        return False
    field = _FIELD.match(text)
    if field and len(field["name"].split()) <= 3 and len(words) <= 8:
        return False  # a field of the form ("Band: 6", "Reports to: Nominated Manager")
    informative = [word for word in words if len(word) > 3]
    return not all(word[0].isupper() for word in informative)  # a heading in title case


class Suggestion(NamedTuple):
    competence: Competence
    score: int


class LineSuggestions(NamedTuple):
    number: int
    text: str
    suggestions: tuple[Suggestion, ...]
    label: str = ""
    match_from: int = MATCH_FROM

    @property
    def match(self) -> Suggestion | None:
        best = self.suggestions[0] if self.suggestions else None
        return best if best is not None and best.score >= self.match_from else None

    @property
    def strength(self) -> str:
        """matched, weak (suggestions below the match score) or none."""
        return "matched" if self.match else ("weak" if self.suggestions else "none")


class CoveringRole(NamedTuple):
    """A national role whose competences cover `covered` of the `matched` duties."""

    role: Role
    covered: int
    matched: int


class Suggestions(NamedTuple):
    lines: tuple[LineSuggestions, ...]
    roles: tuple[CoveringRole, ...]  # empty when no duty matched a NOS

    @property
    def matched(self) -> int:
        return sum(line.match is not None for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": [
                {
                    "line": line.number,
                    "label": line.label,
                    "text": line.text,
                    "match": line.match.competence.code if line.match else None,
                    "strength": line.strength,
                    "suggestions": [{**s.competence.brief(), "score": s.score} for s in line.suggestions],
                }
                for line in self.lines
            ],
            "roles": [
                {**coverage.role.brief(), "covered": coverage.covered, "matched": coverage.matched}
                for coverage in self.roles
            ],
        }


def suggest(framework: Framework, text: str, match_from: int = MATCH_FROM) -> Suggestions:
    """For each duty of `text`, the NOS that fit it best (`ldcf.queries.relevance`); a top score of at least
    `match_from` is a match."""
    from ldcf.queries.relevance import Relevance

    relevance = Relevance(competence for competence in framework.competences.values() if competence.code)
    lines = [
        LineSuggestions(
            duty.line,
            duty.text,
            tuple(
                Suggestion(found.competence, found.score)
                for found in relevance.best(duty.text, SUGGESTIONS_PER_LINE, min(SHOWN_FROM, match_from))
            ),
            duty.label,
            match_from,
        )
        for duty in duties(text)
    ]
    return Suggestions(tuple(lines), _coverage(framework, lines))


def _coverage(framework: Framework, lines: list[LineSuggestions]) -> tuple[CoveringRole, ...]:
    """National roles by how many matched duties their competences cover, best first (the top three); none
    when no duty matched."""
    matched = [line.match.competence.key for line in lines if line.match]
    if not matched:
        return ()
    national = framework.origins.layers[0] if framework.origins.layers else None
    coverage = []
    for role in framework.roles.values():
        if national is not None and framework.origins.roles.get(role.id, national) != national:
            continue
        held = {holding.competence.key for holding in framework.holdings(role)}
        coverage.append(CoveringRole(role, sum(key in held for key in matched), len(matched)))
    coverage.sort(key=lambda entry: -entry.covered)
    return tuple(coverage[:3])
