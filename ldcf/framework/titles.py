"""The words of competence titles, and an index of them that search and suggest read instead of every title.

Words are compared by their stems (Snowball's English stemmer), with a few domain words that mean the same here
read as one (supervise and supervision already share a stem; safeguarding, harm and abuse do not); how much a
shared word counts is `ldcf.queries.relevance`'s business. The index holds, for each competence by its place in the
framework's order (its ordinal), the terms of its title with how many titles hold each, its title as titles are
compared and its names in lower case; and, to find competences without reading every title, the competences each
term, lower-case name and spelling of a code (`competence_key`) finds. It is built once per framework: from the
catalogue in memory (`MemoryTitleIndex`), or kept in the cache beside it and read in parts (`ldcf.building`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from ldcf.framework.entities import Competence
from ldcf.framework.naming import competence_key, title_key

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


@cache
def _stemmer() -> Any:
    """Snowball's English stemmer, wanted only for a word no title has. `import snowballstemmer` loads the stemmers
    of all its thirty languages (16 ms, more than a bare interpreter takes to start), so English's module is loaded
    alone, from inside the package found but not run, and then forgotten with the package: a later `import
    snowballstemmer` runs it as usual. (With PyStemmer, its C stemmer, or a release whose English module is not
    where this looks, the package is imported as usual.)"""
    import importlib
    import importlib.util
    import sys

    if "snowballstemmer" not in sys.modules and importlib.util.find_spec("Stemmer") is None:
        spec = importlib.util.find_spec("snowballstemmer")
        if spec is not None and spec.submodule_search_locations is not None:
            loaded = set(sys.modules)
            sys.modules["snowballstemmer"] = importlib.util.module_from_spec(spec)
            try:
                return importlib.import_module("snowballstemmer.english_stemmer").EnglishStemmer()
            except (ImportError, AttributeError):
                pass  # a release laid out otherwise: the package is imported as usual below
            finally:
                for name in set(sys.modules) - loaded:
                    if name.partition(".")[0] == "snowballstemmer":
                        del sys.modules[name]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """The words of a text that carry meaning, as they are written (in lower case)."""
    return _words(title_key(text.replace("&", " and ")))


def _words(key: str) -> list[str]:
    found = [word.strip(".") for word in _WORD.findall(key)]
    return [word for word in found if len(word) > 2 and word not in IGNORED]


def terms(text: str) -> list[str]:
    """The words of a text that carry meaning, stemmed, with words of the same meaning made one."""
    return [stem(word) for word in words(text)]


def same_meaning() -> dict[str, str]:
    """Each stem that stands for a shared meaning, and the stem that stands for all of them."""
    return dict(_CANONICAL)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A word's stem, as the word that stands for its meaning; remembered, since texts repeat their words. A number
    is its own stem (the stemmer only takes letters off), so numbers need no stemmer."""
    if word.isascii() and word.isdigit():
        return word
    stem: str = _stemmer().stemWord(word)
    return _CANONICAL.get(stem, stem)


# The index ------------------------------------------------------------------------------------------------------


class TitleRow(NamedTuple):
    """What search and suggest compare of one competence's title."""

    terms: tuple[str, ...]  # `terms(title)`, in order, a repeated word repeated
    frequencies: tuple[int, ...]  # for each term, how many titles of the whole catalogue hold it
    key: str  # `title_key(title)`, as a text is compared with a title as a whole
    names: tuple[str, ...]  # its code (or id) and aliases, in lower case, as a text may name it


class TitleIndexData(NamedTuple):
    """The parts of a title index, as plain data: what the cache keeps of it."""

    rows: list[TitleRow]
    uncoded: list[int]  # the ordinals of the competences without a code
    postings: dict[str, list[int]]  # each term: the ordinals of the titles that hold it, in order
    stems: dict[str, str]  # each word of a title: its stem (`stem`)
    named: dict[str, list[int]]  # each lower-case name: the ordinals of the competences it names
    names: list[tuple[str, int]]  # every (competence_key(name), ordinal), in order: a code, alias or id


def index_data(competences: Sequence[Competence]) -> TitleIndexData:
    """The title index of `competences`, in their order (each one's ordinal is its place in it)."""
    title_terms: list[list[str]] = []
    keys: list[str] = []
    stems: dict[str, str] = {}
    postings: dict[str, list[int]] = {}
    for ordinal, competence in enumerate(competences):
        key = title_key(competence.title)
        # `words` of a title without "&" are those of its key: the same text, worked out once.
        found = words(competence.title) if "&" in competence.title else _words(key)
        found_terms = []
        for word in found:
            if word not in stems:
                stems[word] = stem(word)
            found_terms.append(stems[word])
        for term in dict.fromkeys(found_terms):
            postings.setdefault(term, []).append(ordinal)
        title_terms.append(found_terms)
        keys.append(key)
    named: dict[str, list[int]] = {}
    names: set[tuple[str, int]] = set()
    rows = []
    for ordinal, competence in enumerate(competences):
        lower = tuple(name.lower() for name in (competence.key, *competence.aliases))
        for name in dict.fromkeys(lower):
            named.setdefault(name, []).append(ordinal)
        names.update((competence_key(name), ordinal) for name in (competence.key, *competence.aliases))
        found_terms = title_terms[ordinal]
        frequencies = tuple(len(postings[term]) for term in found_terms)
        rows.append(TitleRow(tuple(found_terms), frequencies, keys[ordinal], lower))
    uncoded = [ordinal for ordinal, competence in enumerate(competences) if not competence.code]
    return TitleIndexData(rows, uncoded, postings, stems, named, sorted(names))


class TitleIndex:
    """A framework's title index, read as it is used. This one holds it all in memory; the cache's reads each
    part from its entry when first asked (`ldcf.building.cache_entry`)."""

    size: int  # how many competences there are
    uncoded: frozenset[int]  # the ordinals of those without a code

    def rows(self, ordinals: Iterable[int]) -> dict[int, TitleRow]:
        raise NotImplementedError

    def all_rows(self) -> Sequence[TitleRow]:
        raise NotImplementedError

    def postings(self, term: str) -> Sequence[int]:
        raise NotImplementedError

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        """The stem of each of `words` that some title has."""
        raise NotImplementedError

    def named(self, name: str) -> Sequence[int]:
        """The competences one of whose names, in lower case, is `name`."""
        raise NotImplementedError

    def names_from(self, key: str) -> Iterator[tuple[str, int]]:
        """Every (competence_key(name), ordinal) whose name starts with `key` (a competence_key), in order."""
        raise NotImplementedError

    def competences(self, ordinals: Iterable[int]) -> dict[int, Competence]:
        raise NotImplementedError


class MemoryTitleIndex(TitleIndex):
    def __init__(self, competences: Sequence[Competence], data: TitleIndexData | None = None) -> None:
        self._competences = list(competences)
        self.data = data or index_data(self._competences)
        self.size = len(self._competences)
        self.uncoded = frozenset(self.data.uncoded)

    def rows(self, ordinals: Iterable[int]) -> dict[int, TitleRow]:
        return {ordinal: self.data.rows[ordinal] for ordinal in ordinals}

    def all_rows(self) -> Sequence[TitleRow]:
        return self.data.rows

    def postings(self, term: str) -> Sequence[int]:
        return self.data.postings.get(term, ())

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        stems = self.data.stems
        return {word: stems[word] for word in words if word in stems}

    def named(self, name: str) -> Sequence[int]:
        return self.data.named.get(name, ())

    def names_from(self, key: str) -> Iterator[tuple[str, int]]:
        import bisect

        names = self.data.names
        start = bisect.bisect_left(names, (key, -1))
        end = start
        while end < len(names) and names[end][0].startswith(key):
            end += 1
        return iter(names[start:end])

    def competences(self, ordinals: Iterable[int]) -> dict[int, Competence]:
        return {ordinal: self._competences[ordinal] for ordinal in ordinals}
