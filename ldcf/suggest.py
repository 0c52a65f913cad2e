"""Suggest NOS for the duties of a plain-text job description, and the national role that covers them best."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ldcf.entities import Competence, Role
from ldcf.framework import Framework
from ldcf.naming import title_key

SUGGESTIONS_PER_LINE = 3
SHOWN_FROM = 50  # scores below this are not worth showing at all
MATCH_FROM = 70  # a top suggestion from this score is taken as the NOS the line restates
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\uf0b7]|\d+(?:\.\d+)*\.?|[a-z]\))\s+")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Suggestion:
    competence: Competence
    score: int


@dataclass(frozen=True)
class LineSuggestions:
    number: int
    text: str
    suggestions: tuple[Suggestion, ...]

    @property
    def match(self) -> Suggestion | None:
        best = self.suggestions[0] if self.suggestions else None
        return best if best is not None and best.score >= MATCH_FROM else None


@dataclass(frozen=True)
class RoleCoverage:
    role: Role
    covered: int
    matched: int


@dataclass(frozen=True)
class Suggestions:
    lines: tuple[LineSuggestions, ...]
    roles: tuple[RoleCoverage, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": [
                {
                    "line": line.number,
                    "text": line.text,
                    "match": line.match.competence.code if line.match else None,
                    "suggestions": [{**s.competence.brief(), "score": s.score} for s in line.suggestions],
                }
                for line in self.lines
            ],
            "roles": [
                {**coverage.role.brief(), "covered": coverage.covered, "matched": coverage.matched}
                for coverage in self.roles
            ],
        }


def duties(text: str) -> list[tuple[int, str]]:
    """Each duty with its line number: one per line, bullets and numbering removed, paragraphs split into
    sentences, and lines of fewer than three words left out."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for sentence in _SENTENCE_END.split(_BULLET.sub("", line).strip()):
            if len(sentence.split()) >= 3:
                found.append((number, sentence))
    return found


def suggest(framework: Framework, text: str) -> Suggestions:
    from rapidfuzz import fuzz, process

    nos = [competence for competence in framework.competences.values() if competence.code]
    titles = [title_key(competence.title) for competence in nos]
    lines = []
    for number, duty in duties(text):
        found = process.extract(
            title_key(duty), titles, scorer=fuzz.token_sort_ratio, limit=SUGGESTIONS_PER_LINE, score_cutoff=SHOWN_FROM
        )
        lines.append(
            LineSuggestions(number, duty, tuple(Suggestion(nos[index], round(score)) for _, score, index in found))
        )
    return Suggestions(tuple(lines), _coverage(framework, lines))


def _coverage(framework: Framework, lines: list[LineSuggestions]) -> tuple[RoleCoverage, ...]:
    """National roles by how many matched lines their competences cover, best first (the top three)."""
    matched = [line.match.competence.key for line in lines if line.match]
    national = framework.origins.layers[0] if framework.origins.layers else None
    coverage = []
    for role in framework.roles.values():
        if national is not None and framework.origins.roles.get(role.id, national) != national:
            continue
        held = {holding.competence.key for holding in framework.holdings(role)}
        coverage.append(RoleCoverage(role, sum(key in held for key in matched), len(matched)))
    coverage.sort(key=lambda entry: -entry.covered)
    return tuple(coverage[:3])
