"""The title index in a cache entry: the part of `ldcf.building.cache_entry`'s format that finds competences by
name and by the words of their titles, so that `competence search`, `find_competence` and `suggest` read only
the competences they find rather than decoding the whole catalogue and stemming every title on every run.

What it holds is `ldcf.framework.titles.TitleIndexData`, made once when the entry is written: a header (found
from the entry's index), and documents it finds by their places:

- `keys`: every competence's key, in the framework's order (shell completion lists them);
- `elements`: where each competence's own item of the catalogue starts, so that one can be read alone;
- `rows` and `row_starts`: each competence's `TitleRow`, as one list whose items can also be read alone;
  `elements` and `row_starts` are each one string of PLACE_DIGITS hexadecimal digits a place, so that a search
  reads the places of the competences it finds without decoding a list of every competence's;
- `postings`, `stems` and `named`: maps from a term, a word and a lower-case name, each split over BUCKETS
  documents by a checksum of the text, so that looking up a few reads a few small documents;
- `fences` and `blocks`: every (competence_key(name), ordinal) in order, in blocks of BLOCK (a list of the names
  and a list of the ordinals), with the first name of each block, for a name (`find_competence`) or the start of
  a code (`competence search`).

Every value is checked as it is read, as everything in an entry is; a part found damaged makes the index the one
made from the data files instead.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ldcf.framework import entities
from ldcf.framework.lookups import SourceDamaged

# Finding a competence by name needs none of the title index's words, so they are imported where they are used.
if TYPE_CHECKING:
    from ldcf.framework.titles import TitleIndex

BUCKETS = 64
BLOCK = 256
PLACE_DIGITS = 8  # enough for 4 GiB: an entry is at most 256 MiB (ldcf.building.cache)
Place = tuple[int, int]
# Reads the documents at places, each as a kind (`ldcf.building.cache_entry`'s checked decoding), or raises
# SourceDamaged.
Reader = Callable[[list[Place], Any], list[Any]]


class Header(NamedTuple):
    """Where the parts of the title index are (see the module's docstring)."""

    size: int
    uncoded: tuple[int, ...]
    keys: Place
    elements: Place
    rows: Place
    row_starts: Place
    postings: tuple[Place, ...]
    stems: tuple[Place, ...]
    named: tuple[Place, ...]
    fences: tuple[str, ...]
    blocks: tuple[Place, ...]


def bucket(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % BUCKETS


def _buckets(mapping: dict[str, Any]) -> list[dict[str, Any]]:
    split: list[dict[str, Any]] = [{} for _ in range(BUCKETS)]
    for text, value in mapping.items():
        split[bucket(text)][text] = value
    return split


def _packed(starts: Iterable[int]) -> str:
    return "".join(f"{start:0{PLACE_DIGITS}x}" for start in starts)


def encode_titles(
    competences: Sequence[entities.Competence],
    elements: list[int],
    place: Callable[[Any], Place],
    place_items: Callable[[Iterable[Any]], tuple[Place, list[int]]],
) -> Place:
    """Write the title index of `competences`, whose catalogue items start at `elements`; the header's place."""
    from ldcf.framework.titles import index_data

    data = index_data(competences)
    rows, row_starts = place_items(data.rows)
    blocks = [data.names[start : start + BLOCK] for start in range(0, len(data.names), BLOCK)]
    header = Header(
        size=len(competences),
        uncoded=tuple(data.uncoded),
        keys=place([competence.key for competence in competences]),
        elements=place(_packed(elements)),
        rows=rows,
        row_starts=place(_packed(row_starts)),
        postings=tuple(place(part) for part in _buckets(data.postings)),
        stems=tuple(place(part) for part in _buckets(data.stems)),
        named=tuple(place(part) for part in _buckets(data.named)),
        fences=tuple(block[0][0] for block in blocks),
        blocks=tuple(place(([name for name, _ in block], [ordinal for _, ordinal in block])) for block in blocks),
    )
    return place(header)


class ShelfTitles:
    """The title index of one entry, each part read when first used. `read` reads a document by its place as a
    kind, checking every value; `catalogue` is where the whole catalogue is."""

    def __init__(self, read: Reader, place: Place, catalogue: Place) -> None:
        self._read_many = read
        header: Header = self._read(place, Header)
        self.size, self.uncoded = header.size, frozenset(header.uncoded)
        self._header = header
        shaped = (len(header.postings), len(header.stems), len(header.named)) == (BUCKETS,) * 3
        if not shaped or len(header.fences) != len(header.blocks):
            raise SourceDamaged("the title index is not shaped as written")
        self._catalogue = catalogue
        self._parts: dict[tuple[str, int], Any] = {}
        self._element_starts: str | None = None
        self._competences: dict[int, tuple[entities.Competence, str]] = {}  # read once, however often found
        self._row_places: str | None = None

    def _read(self, place: Place, kind: Any) -> Any:
        return self._read_many([place], kind)[0]

    def _part(self, kind: str, number: int, places: Sequence[Place], decoded: Any) -> Any:
        part = self._parts.get((kind, number))
        if part is None:
            part = self._parts[kind, number] = self._read(places[number], decoded)
        return part

    def _starts(self, place: Place) -> str:
        starts: str = self._read(place, str)
        if len(starts) != PLACE_DIGITS * (self.size + 1):
            raise SourceDamaged("the title index does not place every competence")
        return starts

    def _items(self, starts: str, ordinals: list[int], kind: Any) -> list[Any]:
        """The items of a list document (where they start is `starts`, packed) at `ordinals`, each as `kind`."""
        places = []
        for ordinal in ordinals:
            if not 0 <= ordinal < self.size:
                raise SourceDamaged(f"the title index names competence {ordinal} of {self.size}")
            at = ordinal * PLACE_DIGITS
            try:  # a place that is not a number is damage; one that is wrong is found so when it is read
                start = int(starts[at : at + PLACE_DIGITS], 16)
                end = int(starts[at + PLACE_DIGITS : at + 2 * PLACE_DIGITS], 16)
            except ValueError:
                raise SourceDamaged("the title index places a competence nowhere") from None
            places.append((start, end - start - 1))
        return self._read_many(places, kind)

    # What the framework asks of it ---------------------------------------------------------------------------

    def keys(self) -> list[str]:
        keys: list[str] = list(self._read(self._header.keys, tuple[str, ...]))
        if len(keys) != self.size:
            raise SourceDamaged("the title index does not name every competence")
        return keys

    def competences(self, ordinals: Iterable[int]) -> dict[int, tuple[entities.Competence, str]]:
        """The competences at `ordinals`, with their folders; each read once, however often it is asked for."""
        wanted = list(ordinals)
        unread = [ordinal for ordinal in dict.fromkeys(wanted) if ordinal not in self._competences]
        if unread:
            if self._element_starts is None:
                self._element_starts = self._starts(self._header.elements)
            found = self._items(self._element_starts, unread, tuple[entities.Competence, str])
            self._competences.update(zip(unread, found, strict=True))
        return {ordinal: self._competences[ordinal] for ordinal in wanted}

    def names_from(self, key: str) -> Iterator[tuple[str, int]]:
        """Every (competence_key(name), ordinal) from the first not below `key`, in order. The block before the
        first fence not below `key` may end with names equal to it."""
        fences, blocks = self._header.fences, self._header.blocks
        for number in range(max(bisect.bisect_left(fences, key) - 1, 0), len(blocks)):
            names, ordinals = self._part("names", number, blocks, tuple[tuple[str, ...], tuple[int, ...]])
            if len(names) != len(ordinals):
                raise SourceDamaged("the title index: a block of names is not whole")
            for at in range(bisect.bisect_left(names, key), len(names)):
                yield names[at], ordinals[at]

    def named_competence(self, key: str) -> tuple[entities.Competence, str] | None:
        """What `Framework.find_competence` finds by a name whose competence_key is `key`: the first competence in
        the framework's order that has such a name."""
        found = []
        for name, ordinal in self.names_from(key):
            if name != key:
                break
            found.append(ordinal)
        return self.competences([min(found)])[min(found)] if found else None

    def rows(self, ordinals: list[int], kind: Any) -> list[Any]:
        """The title rows (of `kind`, `ldcf.framework.titles.TitleRow`) at `ordinals`."""
        if self._row_places is None:
            self._row_places = self._starts(self._header.row_starts)
        return self._items(self._row_places, ordinals, kind)

    def all_rows(self, kind: Any) -> tuple[Any, ...]:
        rows: tuple[Any, ...] = self._read(self._header.rows, tuple[kind, ...])
        if len(rows) != self.size:
            raise SourceDamaged("the title index does not hold a row for every competence")
        return rows

    def postings(self, term: str) -> tuple[int, ...]:
        """The ordinals of the titles that hold `term`."""
        found: tuple[int, ...] = self._part(
            "postings", bucket(term), self._header.postings, dict[str, tuple[int, ...]]
        ).get(term, ())
        return found

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        """The stem of each of `words` that some title has."""
        found: dict[str, str] = {}
        for word in words:
            stems = self._part("stems", bucket(word), self._header.stems, dict[str, str])
            if word in stems:
                found[word] = stems[word]
        return found

    def named(self, name: str) -> tuple[int, ...]:
        """The ordinals of the competences one of whose names, in lower case, is `name`."""
        found: tuple[int, ...] = self._part("named", bucket(name), self._header.named, dict[str, tuple[int, ...]]).get(
            name, ()
        )
        return found

    def index(
        self,
        register: Callable[[entities.Competence, str], entities.Competence],
        catalogue: Callable[[], dict[str, entities.Competence]],
    ) -> TitleIndex:
        from ldcf.building.cache_title_index import ShelfTitleIndex

        return ShelfTitleIndex(self, register, catalogue)
