"""The title index of a cache entry as search and suggest read it (`ldcf.framework.titles.TitleIndex`): each part
read from the entry when first asked (`ldcf.building.cache_titles`), and should one be damaged, the index made from
the data files instead."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ldcf.framework import entities
from ldcf.framework.lookups import SourceDamaged
from ldcf.framework.titles import MemoryTitleIndex, TitleIndex, TitleRow

if TYPE_CHECKING:
    from ldcf.building.cache_titles import ShelfTitles


class ShelfTitleIndex(TitleIndex):
    """The `TitleIndex` of an entry; should a part be damaged, the one made from the data files (`catalogue`)."""

    def __init__(
        self,
        titles: ShelfTitles,
        register: Callable[[entities.Competence, str], entities.Competence],
        catalogue: Callable[[], dict[str, entities.Competence]],
    ) -> None:
        self._titles, self._register, self._catalogue = titles, register, catalogue
        self.size, self.uncoded = titles.size, titles.uncoded
        self._instead: MemoryTitleIndex | None = None
        self._all_rows: list[TitleRow] | None = None

    def _damaged(self) -> MemoryTitleIndex:
        if self._instead is None:
            self._instead = MemoryTitleIndex(list(self._catalogue().values()))
        return self._instead

    def rows(self, ordinals: Iterable[int]) -> dict[int, TitleRow]:
        if self._instead is None:
            wanted = list(ordinals)
            if self._all_rows is not None:
                return {ordinal: self._all_rows[ordinal] for ordinal in wanted}
            try:
                return dict(zip(wanted, self._titles.rows(wanted, TitleRow), strict=True))
            except SourceDamaged:
                return self._damaged().rows(wanted)
        return self._instead.rows(ordinals)

    def all_rows(self) -> Sequence[TitleRow]:
        if self._instead is None and self._all_rows is None:
            try:
                rows = self._titles.all_rows(TitleRow)
            except SourceDamaged:
                return self._damaged().all_rows()
            if len(rows) != self.size:
                return self._damaged().all_rows()
            self._all_rows = list(rows)
        if self._instead is not None or self._all_rows is None:
            return self._damaged().all_rows()
        return self._all_rows

    def postings(self, term: str) -> Sequence[int]:
        if self._instead is None:
            try:
                return self._titles.postings(term)
            except SourceDamaged:
                pass
        return self._damaged().postings(term)

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        if self._instead is None:
            try:
                return self._titles.stems(words)
            except SourceDamaged:
                pass
        return self._damaged().stems(words)

    def named(self, name: str) -> Sequence[int]:
        if self._instead is None:
            try:
                return self._titles.named(name)
            except SourceDamaged:
                pass
        return self._damaged().named(name)

    def names_from(self, key: str) -> Iterator[tuple[str, int]]:
        if self._instead is None:
            try:
                return iter(list(self._names_from(key)))
            except SourceDamaged:
                pass
        return self._damaged().names_from(key)

    def _names_from(self, key: str) -> Iterator[tuple[str, int]]:
        """The names from `key` that start with it (all a search needs), read before any is used."""
        for name, ordinal in self._titles.names_from(key):
            if not name.startswith(key):
                return
            yield name, ordinal

    def competences(self, ordinals: Iterable[int]) -> dict[int, entities.Competence]:
        if self._instead is None:
            wanted = list(ordinals)
            try:
                found = self._titles.competences(wanted)
                return {ordinal: self._register(*found[ordinal]) for ordinal in wanted}
            except SourceDamaged:
                return self._damaged().competences(wanted)
        return self._instead.competences(ordinals)
