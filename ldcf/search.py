"""Finding competences by code, alias or the words of their titles, best matches first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ldcf.entities import Competence
from ldcf.framework import Framework
from ldcf.naming import lookup_key, title_key

_EXACT_CODE = 100
_CODE_PREFIX = 80
_TITLE_WORDS = 60


@dataclass(frozen=True)
class Match:
    competence: Competence
    score: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    matches: tuple[Match, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [{**match.competence.brief(), "score": match.score} for match in self.matches]


_IGNORED_WORDS = {"and", "the", "for", "with", "your", "their"}


def _words(text: str) -> set[str]:
    return {word for word in title_key(text).split() if len(word) > 2 and word not in _IGNORED_WORDS}


def _score(competence: Competence, query: str, query_words: set[str]) -> int:
    names = [lookup_key(name) for name in (competence.key, *competence.aliases)]
    key = lookup_key(query)
    if key in names:
        return _EXACT_CODE
    if any(name.startswith(key) for name in names):
        return _CODE_PREFIX
    if not query_words:
        return 0
    title_words = _words(competence.title)
    # A query word matches a title word that starts with it, so "safeguard" finds "safeguarding".
    matched = sum(any(word.startswith(query_word) for word in title_words) for query_word in query_words)
    if matched == 0:
        return 0
    return round(_TITLE_WORDS * matched / len(query_words))


def search_competences(framework: Framework, query: str) -> SearchResults:
    query_words = _words(query) if re.search(r"[A-Za-z]{3,}", query) else set()
    scored = (
        Match(competence, _score(competence, query, query_words)) for competence in framework.competences.values()
    )
    matches = sorted((match for match in scored if match.score), key=lambda match: -match.score)
    return SearchResults(query, tuple(matches))
