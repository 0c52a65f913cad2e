"""Finding competences by code, alias or the words of their titles, best matches first."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ldcf.framework.entities import Competence
from ldcf.framework.lookups import Framework
from ldcf.framework.naming import competence_key

_EXACT_CODE = 100
_CODE_PREFIX = 80
TITLE_WORDS = 60


class Match(NamedTuple):
    competence: Competence
    score: int


class SearchResults(NamedTuple):
    query: str
    matches: tuple[Match, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [{**match.competence.brief(), "score": match.score} for match in self.matches]


def search_competences(framework: Framework, query: str) -> SearchResults:
    """Competences by code or alias (whole or its start), then by the meaning of their titles, scored as
    `ldcf suggest` scores a duty (`ldcf.queries.relevance`) and scaled below the code matches.

    Both are found from the framework's title index, so a search reads only the competences it finds."""
    from ldcf.queries.relevance import Relevance

    index = framework.title_index()
    key = competence_key(query)
    scores: dict[int, int] = {}  # a competence's best name score, by its place in the framework
    if key:
        for name, ordinal in index.names_from(key):
            scores[ordinal] = max(scores.get(ordinal, 0), _EXACT_CODE if name == key else _CODE_PREFIX)
    found = index.competences(scores)
    by_name = {found[ordinal].key: Match(found[ordinal], scores[ordinal]) for ordinal in sorted(scores)}
    if re.search(r"[A-Za-z]{3,}", query):
        relevance = Relevance.of(framework, keep_general=True)
        for match in relevance.best(query, index.size, 1):
            score = round(TITLE_WORDS * match.score / 100)
            if match.competence.key not in by_name and score:
                by_name[match.competence.key] = Match(match.competence, score)
    matches = sorted(by_name.values(), key=lambda match: -match.score)
    return SearchResults(query, tuple(matches))
