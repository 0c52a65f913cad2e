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
from typing import TYPE_CHECKING, Any, NamedTuple

from ldcf.framework.entities import Competence
from ldcf.framework.naming import title_key
from ldcf.framework.titles import IGNORED, MemoryTitleIndex, TitleIndex, same_meaning, stem, terms, words

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework

__all__ = ["IGNORED", "LONGEST_RESTATEMENT", "RARE", "Relevance", "Scored", "rank", "same_meaning", "stem", "terms"]
__all__ += ["words"]

_GENERAL_SHARE = 0.05  # a word in more than this share of titles is general
RARE = 2  # a word in at most this many titles is rare: sharing it alone says much
LONGEST_RESTATEMENT = 1000  # characters: a text longer than this is not compared with titles as a whole


class Scored(NamedTuple):
    competence: Competence
    score: int


class Relevance:
    """Scores of competences against texts; build it once per framework and query it many times.

    Only the competences that share a word with a text, or that it names, can score at all, so they are found
    from the framework's title index (`ldcf.framework.titles`) and only they are scored: a text is compared with
    the few titles that share its words, not with every title."""

    def __init__(self, competences: Iterable[Competence], keep_general: bool = False) -> None:
        """With `keep_general`, words in many titles count too, weighted low (for searching a few words);
        without, a title is judged by its other words when it has any (for matching a long duty)."""
        self._start(MemoryTitleIndex(list(competences)), False, keep_general)

    @classmethod
    def of(cls, framework: Framework, coded_only: bool = False, keep_general: bool = False) -> Relevance:
        """Relevance over the framework's competences in its order, or over those with a code (`coded_only`),
        from its title index: what `Relevance(those competences, keep_general)` scores, read in parts."""
        relevance = cls.__new__(cls)
        relevance._start(framework.title_index(), coded_only, keep_general)
        return relevance

    def _start(self, index: TitleIndex, coded_only: bool, keep_general: bool) -> None:
        self._index = index
        self._left_out = index.uncoded if coded_only else frozenset()
        self._count = index.size - len(self._left_out)
        self._weight: dict[str, float] = {}
        self._frequency: dict[str, int] = {}
        self._titles: dict[int, frozenset[str]] = {}
        self._keys: dict[int, str] = {}
        self._judged: dict[int, tuple[frozenset[str], float]] = {}
        self._all_general: dict[str, list[int]] | None = None
        # How many titles left out hold each term: counted in the catalogue, not among the competences scored.
        self._left_out_holding: dict[str, int] = {}
        for row in index.rows(self._left_out).values():
            for term in set(row.terms):
                self._left_out_holding[term] = self._left_out_holding.get(term, 0) + 1
        # Words in many titles (provide, support, develop, individuals) say little about which NOS a duty is:
        # a title is covered by its other words when it has any.
        self._general: set[str] = set()
        if not keep_general:
            frequency = self._corpus_frequencies()
            self._general = {term for term, found in frequency.items() if found > _GENERAL_SHARE * self._count}

    def _corpus_frequencies(self) -> dict[str, int]:
        """How many titles of the competences scored hold each term: every title is read."""
        frequency: dict[str, int] = {}
        for row in self._index.all_rows():
            for term, found in zip(row.terms, row.frequencies, strict=True):
                frequency.setdefault(term, found)
        left_out = self._left_out_holding
        corpus = {term: found - left_out.get(term, 0) for term, found in frequency.items()}
        return {term: found for term, found in corpus.items() if found}

    def _read(self, ordinals: Iterable[int]) -> None:
        unread = [ordinal for ordinal in ordinals if ordinal not in self._titles]
        left_out = self._left_out_holding
        for ordinal, row in self._index.rows(unread).items():
            self._titles[ordinal] = frozenset(row.terms)
            self._keys[ordinal] = row.key
            for term, found in zip(row.terms, row.frequencies, strict=True):
                if term not in self._frequency:
                    self._frequency[term] = found - left_out.get(term, 0)

    def _weight_of(self, term: str) -> float:
        weight = self._weight.get(term)
        if weight is None:
            weight = self._weight[term] = math.log((self._count + 1) / (self._frequency[term] + 0.5))
        return weight

    def _effective(self, index: int) -> tuple[frozenset[str], float]:
        """The terms a title is judged by (its words that are not general, if it has any) and their weight, the
        same for every text: worked out once per title."""
        found = self._judged.get(index)
        if found is None:
            title = self._titles[index] - self._general or self._titles[index]
            found = self._judged[index] = (title, sum(self._weight_of(term) for term in title))
        return found

    def _terms(self, text: str) -> list[str]:
        """`terms(text)`, with the stems of words some title has read from the index, so that the stemmer is
        needed only for words no title has."""
        found = words(text)
        known = self._index.stems(found)
        return [known[word] if word in known else stem(word) for word in found]

    def _candidates(self, query: set[str], named: set[int]) -> list[int]:
        """Every competence scored whose title, judged as `best` judges it, shares a term with `query`, and
        those in `named`, in order."""
        found = set(named)
        left_out = self._left_out
        for term in query:
            if term in self._general:
                found.update(self._all_general_titles().get(term, ()))
            else:
                found.update(ordinal for ordinal in self._index.postings(term) if ordinal not in left_out)
        return sorted(found)

    def _all_general_titles(self) -> dict[str, list[int]]:
        """For each general term, the titles that hold it and have no other kind of word: only they are judged by
        their general words."""
        if self._all_general is None:
            self._all_general = {}
            general = self._general
            for ordinal, row in enumerate(self._index.all_rows()):
                if ordinal not in self._left_out and row.terms and general.issuperset(row.terms):
                    for term in dict.fromkeys(row.terms):
                        self._all_general.setdefault(term, []).append(ordinal)
        return self._all_general

    def best(self, text: str, limit: int, at_least: int) -> list[Scored]:
        """The competences that score at least `at_least` for `text`, best first, at most `limit`."""
        query = set(self._terms(text))
        words = {word.lower() for word in re.findall(r"\S+", text)}
        key = title_key(text)
        left_out = self._left_out
        named = {ordinal for word in words for ordinal in self._index.named(word) if ordinal not in left_out}
        candidates = self._candidates(query, named)
        self._read(ordinal for ordinal in candidates if ordinal not in named)
        fuzz: Any = None  # rapidfuzz, imported for the first title to compare with
        scored = []
        for index in candidates:
            if index in named:
                scored.append((100, 1.0, index))
                continue
            title, whole = self._effective(index)
            shared = title & query
            if not shared:
                continue
            weight = sum(self._weight_of(term) for term in shared)
            covered = weight / whole
            if len(shared) == 1 and len(self._titles[index]) > 1 and self._frequency[next(iter(shared))] > RARE:
                covered /= 2  # one common word in common is a hint, not a restatement
            # A text many times longer than a title cannot restate it, and comparing the two would take long.
            similar = 0.0
            if len(key) <= LONGEST_RESTATEMENT:
                if fuzz is None:
                    from rapidfuzz import fuzz as imported

                    fuzz = imported
                similar = fuzz.token_sort_ratio(key, self._keys[index])
            score = max(round(100 * covered), round(similar))
            scored.append((score, weight, index))
        if limit < len(scored):  # the first `limit` of the sorted list, without sorting the rest
            import heapq

            scored = heapq.nsmallest(limit, scored, key=lambda item: (-item[0], -item[1]))
        else:
            scored.sort(key=lambda item: (-item[0], -item[1]))  # ties go to the competence whose shared words are rarer
        shown = [(score, index) for score, _, index in scored[:limit] if score >= at_least]
        competences = self._index.competences(index for _, index in shown)
        return [Scored(competences[index], score) for score, index in shown]


def rank(competences: Sequence[Competence], text: str, at_least: int = 1) -> list[Scored]:
    """Every competence that scores at least `at_least` for `text`, best first."""
    return Relevance(competences).best(text, len(competences), at_least)
