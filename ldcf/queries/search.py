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


def _name_score(competence: Competence, key: str) -> int:
    names = [competence_key(name) for name in (competence.key, *competence.aliases)]
    if key in names:
        return _EXACT_CODE
    if key and any(name.startswith(key) for name in names):
        return _CODE_PREFIX
    return 0


def search_competences(framework: Framework, query: str) -> SearchResults:
    """Competences by code or alias (whole or its start), then by the meaning of their titles, scored as
    `ldcf suggest` scores a duty (`ldcf.queries.relevance`) and scaled below the code matches."""
    from ldcf.queries.relevance import Relevance

    key = competence_key(query)
    by_name = {
        competence.key: Match(competence, score)
        for competence in framework.competences.values()
        if (score := _name_score(competence, key))
    }
    if re.search(r"[A-Za-z]{3,}", query):
        relevance = Relevance(framework.competences.values(), keep_general=True)
        for found in relevance.best(query, len(framework.competences), 1):
            score = round(TITLE_WORDS * found.score / 100)
            if found.competence.key not in by_name and score:
                by_name[found.competence.key] = Match(found.competence, score)
    matches = sorted(by_name.values(), key=lambda match: -match.score)
    return SearchResults(query, tuple(matches))
