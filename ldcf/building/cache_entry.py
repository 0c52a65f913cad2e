"""What a cache entry holds, and how it is read back: the format of `ldcf.building.cache`'s entries.

An entry is one file: a first line of JSON, the index, and after it JSON documents that the index finds by
their place in the file: the whole catalogue of competences (each of which can also be read alone), for each role
its definition and the competences it lists, and the title index that finds competences by name and by the words
of their titles (`ldcf.building.cache_titles`). A command reads the index and then only what it uses (`role show`
one role, `gap` two, `competence search` the competences it finds); reading JSON can never run code, and every
value is checked against the type of the entity it fills.
The index also holds the key the entry was written for: which entry may be used, and where entries are kept, is
`ldcf.building.cache`'s business.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import types
import typing
from collections.abc import Callable
from typing import Any

from ldcf.framework import entities
from ldcf.framework.edition import Edition
from ldcf.framework.lookups import Framework, GroupOrigins, Origins, SourceDamaged

if typing.TYPE_CHECKING:
    from ldcf.building.cache_titles import ShelfTitles
    from ldcf.framework.titles import TitleIndex

# Reading an entry -------------------------------------------------------------------------------------------------


class NoCollection:
    """Many thousands of new objects, none of them garbage: the collector would only walk them, so it waits.
    (A class rather than contextlib's decorator: a cached command does not otherwise import contextlib.)"""

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self._was_enabled:
            gc.enable()


class Shelf:
    """A framework source over one cache entry, held open so that what is read later comes from the same file
    even if another run replaces the entry meanwhile."""

    def __init__(self, descriptor: int, body: int, size: int, index: dict[str, Any], fallback: Callable[[], Framework]):
        self._descriptor, self._body, self._size, self._fallback = descriptor, body, size, fallback
        self.levels = _decode(tuple[entities.Level, ...], index["levels"])
        self.layers = _decode(tuple[str, ...], index["layers"])
        self.editions = _decode(tuple[tuple[str, Edition], ...], index["editions"])
        self.core = _decode(tuple[tuple[entities.Competence, str], ...], index["core"])
        # Each role's row is checked when the role is used: a command that shows one role uses one row.
        self._rows: dict[str, Any] = {}
        for row in _list(index["roles"]):
            role_id = _list(row)[0]
            self._rows[role_id if type(role_id) is str else _refuse(str)] = row
        self._catalogue = _decode(tuple[int, int], index["catalogue"])
        self._requirements = _decode(tuple[int, int], index["requirements"])
        self._titles_place = _decode(tuple[int, int], index["titles"])
        self._titles: ShelfTitles | None = None
        self._open = True  # only now: until here, a failure leaves closing the file to load()

    def __del__(self) -> None:
        if getattr(self, "_open", False):
            os.close(self._descriptor)

    def _read(self, place: tuple[int, int]) -> Any:
        start, length = place
        if start < 0 or length < 0 or self._body + start + length > self._size:
            raise SourceDamaged("a part of the entry lies outside it")
        try:
            return json.loads(os.pread(self._descriptor, length, self._body + start))
        except (OSError, ValueError) as error:
            raise SourceDamaged(str(error)) from None

    def _row(self, role_id: str) -> tuple[str, tuple[str, ...], str, tuple[int, int, int, int], int]:
        try:
            row: tuple[str, tuple[str, ...], str, tuple[int, int, int, int], int] = _decode(
                _RoleRow, self._rows[role_id]
            )
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        return row

    def has_role(self, role_id: str) -> bool:
        return role_id in self._rows

    def role_names(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(role_id, self._row(role_id)[1]) for role_id in self._rows]

    def role_ids(self, level: int | None = None) -> list[str]:
        if level is None:
            return list(self._rows)
        return [role_id for role_id in self._rows if self._row(role_id)[4] == level]

    def role_origin(self, role_id: str) -> str:
        return self._row(role_id)[2]

    def _titles_read(self) -> ShelfTitles:
        if self._titles is None:
            from ldcf.building.cache_titles import ShelfTitles

            self._titles = ShelfTitles(self._decoded, self._titles_place, self._catalogue)
        return self._titles

    def _decoded(self, places: list[tuple[int, int]], kind: Any) -> list[Any]:
        """The documents at `places`, each as `kind`, parsed together as one list (a search reads a thousand
        competences, say); SourceDamaged when one is not a value of that kind."""
        parts = []
        for start, length in places:
            if start < 0 or length < 0 or self._body + start + length > self._size:
                raise SourceDamaged("a part of the entry lies outside it")
            parts.append(os.pread(self._descriptor, length, self._body + start))
        try:
            with NoCollection():
                found = json.loads(b"[" + b",".join(parts) + b"]")
                if len(found) != len(places):
                    raise ValueError("a part of the entry is not one value")
                decode = _decoder(kind)
                return [decode(value) for value in found]
        except (OSError, TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None

    def competence_keys(self) -> list[str]:
        return self._titles_read().keys()

    def competence_named(self, key: str) -> tuple[entities.Competence, str] | None:
        return self._titles_read().named_competence(key)

    def title_index(self, register: Callable[[entities.Competence, str], entities.Competence]) -> TitleIndex:
        return self._titles_read().index(register, lambda: self._fallback().competences)

    def role(self, role_id: str) -> tuple[entities.Role, GroupOrigins, list[tuple[entities.Competence, str]]]:
        _, _, listed_at, listed_length = self._row(role_id)[3]
        role, group_origins = self.role_document(role_id)
        try:
            with NoCollection():
                listed = _decode(tuple[tuple[entities.Competence, str], ...], self._read((listed_at, listed_length)))
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        return role, group_origins, list(listed)

    def role_document(self, role_id: str) -> tuple[entities.Role, GroupOrigins]:
        return self.role_documents([role_id])[0]

    def role_documents(self, role_ids: list[str]) -> list[tuple[entities.Role, GroupOrigins]]:
        """Each role's own document, without what it lists: read together, as `roles` reads every one."""
        places = [self._row(role_id)[3][:2] for role_id in role_ids]
        documents: list[tuple[entities.Role, GroupOrigins]] = self._decoded(places, tuple[entities.Role, _GroupOrigins])
        for role_id, (role, _) in zip(role_ids, documents, strict=True):
            if role.id != role_id:
                raise SourceDamaged(f"the entry for {role_id} holds another role")
        return documents

    def requirements(self) -> dict[str, tuple[int, frozenset[str]]]:
        found = self._read(self._requirements)
        if type(found) is not dict or found.keys() != self._rows.keys():
            raise SourceDamaged("the requirements are not those of the roles")
        requirements = {}
        with NoCollection():
            for role_id, value in found.items():  # checked here, not by _decode: forty thousand strings or more
                shaped = type(value) is list and len(value) == 2
                if not shaped or type(value[0]) is not int or type(value[1]) is not list:
                    raise SourceDamaged(f"the requirements of {role_id} are not a level and a list")
                if not set(map(type, value[1])) <= {str}:
                    raise SourceDamaged(f"the requirements of {role_id} are not all competence keys")
                requirements[role_id] = (value[0], frozenset(value[1]))
        return requirements

    def everything(self) -> Framework:
        """The whole framework: the catalogue and every role's own document (what a role lists is in the
        catalogue already)."""
        try:
            with NoCollection():
                catalogue = _decode(tuple[tuple[entities.Competence, str], ...], self._read(self._catalogue))
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        roles, groups, role_origins = [], {}, {}
        for role_id in self._rows:
            role, groups[role_id] = self.role_document(role_id)
            roles.append(role)
            role_origins[role_id] = self._row(role_id)[2]
        origins = Origins(self.layers, {c.key: origin for c, origin in catalogue}, role_origins, groups)
        return Framework(self.levels, [competence for competence, _ in catalogue], roles, origins, dict(self.editions))

    def fallback(self) -> Framework:
        return self._fallback()


_GroupOrigins = tuple[tuple[str, ...], tuple[str, ...]]
# A role in the index: its id, every name it is known by, its data folder, where its two documents are, its level.
_RoleRow = tuple[str, tuple[str, ...], str, tuple[int, int, int, int], int]


# Writing an entry -------------------------------------------------------------------------------------------------


def encode_entry(framework: Framework) -> tuple[dict[str, Any], bytes]:
    """The index of an entry (without its key) and the documents it finds."""
    from ldcf.building.cache_titles import encode_titles

    origins = framework.origins
    documents: list[bytes] = []
    offset = 0

    def place(value: Any) -> tuple[int, int]:
        return place_document(json.dumps(_encode(value), separators=(",", ":")).encode())

    def place_document(document: bytes) -> tuple[int, int]:
        nonlocal offset
        documents.append(document)
        offset += len(document)
        return offset - len(document), len(document)

    def place_items(values: Any) -> tuple[tuple[int, int], list[int]]:
        """A list as one document, and where each item starts, then where one after the last would start: item i
        is [starts[i], starts[i + 1] - starts[i] - 1] (a comma between two)."""
        items = [json.dumps(_encode(value), separators=(",", ":")).encode() for value in values]
        starts = [offset + 1]
        for item in items:
            starts.append(starts[-1] + len(item) + 1)
        return place_document(b"[" + b",".join(items) + b"]"), starts

    def with_origin(competence: entities.Competence) -> tuple[entities.Competence, str]:
        return competence, origins.competences.get(competence.key, "")

    core = [competence for competence in framework.competences.values() if competence.core_levels]
    core_keys = {competence.key for competence in core}
    rows = []
    for role in framework.roles.values():
        listed = dict.fromkeys(
            key for group in (*role.role_specific, *role.locality_specific) for key in group.competences
        )
        role_place = place((role, origins.groups.get(role.id, ((), ()))))
        listed_place = place(tuple(with_origin(framework.competences[key]) for key in listed if key not in core_keys))
        names = (role.id, role.title, *role.aliases)
        rows.append([role.id, list(names), origins.roles.get(role.id, ""), [*role_place, *listed_place], role.level])
    competences = list(framework.competences.values())
    catalogue, starts = place_items(with_origin(competence) for competence in competences)
    titles = encode_titles(competences, starts, place, place_items)
    requirements = place(
        {role_id: [level, sorted(keys)] for role_id, (level, keys) in framework.requirements().items()}
    )
    index = {
        "levels": _encode(tuple(framework.levels.values())),
        "layers": list(origins.layers),
        "editions": _encode(tuple(framework.editions.items())),
        "core": _encode(tuple(with_origin(competence) for competence in core)),
        "roles": rows,
        "catalogue": list(catalogue),
        "requirements": list(requirements),
        "titles": list(titles),
    }
    return index, b"".join(documents)


# Entities as JSON data, and back, checking every value against the entities' own types. --------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


def _decode(kind: Any, value: Any) -> Any:
    """`value`, from JSON, as `kind`; raises TypeError or ValueError when it is not that."""
    return _decoder(kind)(value)


@functools.cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function that turns JSON data into `kind` (a named tuple of the entities, a tuple, a dict, Optional,
    Literal, str or int), checking every value; made once per kind, since a catalogue has many thousands."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        hints = typing.get_type_hints(kind)
        count = len(kind._fields)
        # A field that is text or a number (or None) is checked by its type alone, in one pass over the fields;
        # the others by their own decoders. Decoding a catalogue is mostly this.
        plain = [(index, _plain_types(hints[name])) for index, name in enumerate(kind._fields)]
        simple = [(index, allowed) for index, allowed in plain if allowed is not None]
        nested = [(index, _decoder(hints[kind._fields[index]])) for index, allowed in plain if allowed is None]

        def named_tuple(value: Any) -> Any:
            if type(value) is not list or len(value) != count:
                raise TypeError(f"expected {kind.__name__}")
            for index, allowed in simple:
                if type(value[index]) not in allowed:
                    raise TypeError(f"expected {kind.__name__}.{kind._fields[index]} to be {allowed}")
            if not nested:
                return kind(*value)
            fields = list(value)
            for index, decode in nested:
                fields[index] = decode(fields[index])
            return kind(*fields)

        return named_tuple
    if origin in (typing.Union, types.UnionType):
        (present,) = [argument for argument in arguments if argument is not type(None)]
        decode_present = _decoder(present)
        return lambda value: None if value is None else decode_present(value)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis and arguments[0] in (str, int):
            plain = arguments[0]  # checked at once: a list of many thousands of keys or places, say
            return lambda value: tuple(_list(value)) if set(map(type, value)) <= {plain} else _refuse(kind)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            item = _decoder(arguments[0])
            return lambda value: tuple([item(element) for element in _list(value)])
        items = [_decoder(argument) for argument in arguments]
        return lambda value: tuple([decode(element) for decode, element in zip(items, _list(value), strict=True)])
    if origin is dict:
        key, item = _decoder(arguments[0]), _decoder(arguments[1])
        return lambda value: {key(k): item(v) for k, v in _mapping(value).items()}
    if origin is typing.Literal:
        return lambda value: value if value in arguments else _refuse(kind)
    if kind in (str, int):
        return lambda value: value if type(value) is kind else _refuse(kind)
    raise TypeError(f"no decoder for {kind}")


def _plain_types(kind: Any) -> frozenset[type] | None:
    """The types a value of `kind` may have when `kind` is text or a number, or either or None; else None."""
    if kind in (str, int):
        return frozenset([kind])
    arguments = typing.get_args(kind)
    if typing.get_origin(kind) in (typing.Union, types.UnionType) and len(arguments) == 2 and type(None) in arguments:
        (present,) = [argument for argument in arguments if argument is not type(None)]
        if present in (str, int):
            return frozenset([present, type(None)])
    return None


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


def _mapping(value: Any) -> dict[Any, Any]:
    if type(value) is not dict:
        raise TypeError("expected a mapping")
    return value


def _refuse(kind: Any) -> Any:
    raise TypeError(f"expected {kind}")
