"""How relevant a competence is to free text, such as a duty from a job description or a search.

Words are compared by their stems (Snowball's English stemmer), with a few domain words that mean the same
here read as one (supervise and supervision already share a stem; safeguarding, harm and abuse do not). A
competence scores by how much of its title the text covers, each title word weighted by how rare it is among
all titles (its inverse document frequency), so that "health" alone counts for little and "consent" for a
lot; and by the fuzzy similarity of the whole title, so that a line that restates a title scores highest.
Scores run from 0 to 100.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from ldcf.framework.entities import Competence
from ldcf.framework.naming import title_key

_WORD = re.compile(r"[a-z0-9&.]+")
IGNORED = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "with",
        "within",
        "your",
        "you",
        "who",
        "whom",
        "which",
        "where",
        "when",
        "all",
        "any",
        "each",
        "other",
        "others",
        "own",
        "such",
        "that",
        "these",
        "those",
        "may",
        "will",
        "can",
        "as",
        "per",
        "e.g",
        "etc",
        "also",
        "including",
        "include",
    ]
)
# Words the source documents and job descriptions use for the same thing, by stem: the first stands for all.
_SAME_MEANING = (
    ("safeguard", "harm", "abus", "neglect", "protect"),
    ("advoc", "advocaci"),
    ("crisi", "emerg"),
    ("liais", "partner", "partnership", "collabor"),
    ("individu", "client", "patient", "person", "peopl"),
    ("hostil", "aggress", "violenc"),
    ("substanc", "drug", "alcohol"),
    ("mentor", "mentorship"),
    ("train", "teach"),
)
_CANONICAL = {stem: group[0] for group in _SAME_MEANING for stem in group}
_GENERAL_SHARE = 0.05  # a word in more than this share of titles is general
RARE = 2  # a word in at most this many titles is rare: sharing it alone says much
LONGEST_RESTATEMENT = 1000  # characters: a text longer than this is not compared with titles as a whole


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """The words of a text that carry meaning, as they are written (in lower case)."""
    found = [word.strip(".") for word in _WORD.findall(title_key(text.replace("&", " and ")))]
    return [word for word in found if len(word) > 2 and word not in IGNORED]


def terms(text: str) -> list[str]:
    """The words of a text that carry meaning, stemmed, with words of the same meaning made one."""
    return [stem(word) for word in words(text)]


def same_meaning() -> dict[str, str]:
    """Each stem that stands for a shared meaning, and the stem that stands for all of them."""
    return dict(_CANONICAL)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A word's stem, as the word that stands for its meaning; remembered, since texts repeat their words."""
    stem: str = _stemmer().stemWord(word)
    return _CANONICAL.get(stem, stem)


class Scored(NamedTuple):
    competence: Competence
    score: int


class Relevance:
    """Scores of competences against texts; build it once per framework and query it many times."""

    def __init__(self, competences: Iterable[Competence], keep_general: bool = False) -> None:
        """With `keep_general`, words in many titles count too, weighted low (for searching a few words);
        without, a title is judged by its other words when it has any (for matching a long duty)."""
        self._competences = list(competences)
        self._titles = [frozenset(terms(competence.title)) for competence in self._competences]
        self._names = [
            frozenset(name.lower() for name in (competence.key, *competence.aliases))
            for competence in self._competences
        ]
        frequency: dict[str, int] = {}
        for title in self._titles:
            for term in title:
                frequency[term] = frequency.get(term, 0) + 1
        count = len(self._titles)
        self._frequency = frequency
        self._weight = {term: math.log((count + 1) / (found + 0.5)) for term, found in frequency.items()}
        # Words in many titles (provide, support, develop, individuals) say little about which NOS a duty is:
        # a title is covered by its other words when it has any.
        self._general = (
            set() if keep_general else {term for term, found in frequency.items() if found > _GENERAL_SHARE * count}
        )
        self._keys = [title_key(competence.title) for competence in self._competences]

    def best(self, text: str, limit: int, at_least: int) -> list[Scored]:
        """The competences that score at least `at_least` for `text`, best first, at most `limit`."""
        from rapidfuzz import fuzz

        query = set(terms(text))
        words = {word.lower() for word in re.findall(r"\S+", text)}
        key = title_key(text)
        scored = []
        for index in range(len(self._competences)):
            if self._names[index] & words:
                scored.append((100, 1.0, index))
                continue
            title = self._titles[index] - self._general or self._titles[index]
            shared = title & query
            if not shared:
                continue
            weight = sum(self._weight[term] for term in shared)
            covered = weight / sum(self._weight[term] for term in title)
            if len(shared) == 1 and len(self._titles[index]) > 1 and self._frequency[next(iter(shared))] > RARE:
                covered /= 2  # one common word in common is a hint, not a restatement
            # A text many times longer than a title cannot restate it, and comparing the two would take long.
            similar = fuzz.token_sort_ratio(key, self._keys[index]) if len(key) <= LONGEST_RESTATEMENT else 0
            score = max(round(100 * covered), round(similar))
            scored.append((score, weight, index))
        scored.sort(key=lambda item: (-item[0], -item[1]))  # ties go to the competence whose shared words are rarer
        return [Scored(self._competences[index], score) for score, _, index in scored[:limit] if score >= at_least]


def rank(competences: Sequence[Competence], text: str, at_least: int = 1) -> list[Scored]:
    """Every competence that scores at least `at_least` for `text`, best first."""
    return Relevance(competences).best(text, len(competences), at_least)
