"""A cache of the loaded, validated framework in the user's cache folder, so that commands start quickly.

An entry is one file: a first line of JSON, the index, and after it JSON documents that the index finds by
their place in the file: the whole catalogue of competences, and for each role its definition and the
competences it lists. A command reads the index and then only what it uses (`role show` one role, `gap`
two); reading JSON can never run code, and every value is checked against the type of the entity it fills.

The index holds the key it was written for: the format, ldcf's version and code, Python's version, the data
folders, and for every data file its path, size, modification and change times and inode (taken before the
data was read, and the entry written only if they were the same after). A file is also compared by content
when it was changed within RACY_SECONDS of that snapshot, since a later edit in the same tick of a coarse
file-system clock could keep all of those (git's "racily clean" rule). So an entry never serves stale data.

The folder must be private, the way ssh treats `~/.ssh`: created 0700, and used only while it is owned by the
user and writable by no one else, since whoever can write it decides what ldcf shows. Otherwise ldcf says so
once and runs without a cache. A missing, corrupt or foreign entry is a miss and is rebuilt; a part of an
entry found damaged only when it is read makes ldcf read the data files instead; a cache that cannot be written
is skipped. Personal records are never cached: only the framework is.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import stat
import sys
import types
import typing
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import ldcf
from ldcf.framework import entities
from ldcf.framework.lookups import Framework, GroupOrigins, Origins, SourceDamaged
from ldcf.reading.locations import data_files

CACHE_DIRECTORY_VARIABLE = "LDCF_CACHE_DIR"
NO_CACHE_VARIABLE = "LDCF_NO_CACHE"
_FORMAT = 4
MAX_ENTRIES = 16  # the oldest entries beyond this are removed
MAX_ENTRY_BYTES = 256 * 1024 * 1024
RACY_SECONDS = 3  # wider than the coarsest file-system clock in use (FAT's two seconds)
_STALE_TEMPORARY_SECONDS = 3600  # a temporary file older than this was left by a run that was killed
_ENTRY_SUFFIX = ".ldcf-cache"
_EARLIER_ENTRY_SUFFIX = ".json"  # entries of ldcf 0.1.0 before format 4, which no run reads any more

# The modules that define the objects an entry holds: an edit of either makes every entry stale.
_CACHED_CODE = ("framework/entities.py", "framework/lookups.py", "building/cache.py")


class CacheRefused(Exception):
    """The cache folder is not safe to use; the message says why, for a one-time notice."""


def cache_disabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0")


def cache_directory() -> Path:
    """$LDCF_CACHE_DIR, else the platform's user cache folder (computed here where that is simple: every
    command needs it, and platformdirs costs more to import than the rest of a cached run)."""
    if os.environ.get(CACHE_DIRECTORY_VARIABLE):
        return Path(os.environ[CACHE_DIRECTORY_VARIABLE])
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ldcf"
    if os.name == "posix":
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ldcf"
    from platformdirs import user_cache_path

    return user_cache_path("ldcf", appauthor=False)


def private_directory(create: bool) -> Path | None:
    """The cache folder, created 0700 if `create`; None if it does not exist. Raises CacheRefused when it is a
    symbolic link, not a folder, owned by another user, or writable by group or others."""
    folder = cache_directory()
    if create:
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:  # noqa: SIM105 - contextlib is not otherwise imported by a cached command
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
    try:
        status = os.lstat(folder)
    except OSError:  # missing, or under something that is not a folder: there is no cache to read
        return None
    if not stat.S_ISDIR(status.st_mode):
        raise CacheRefused(f"the cache folder {folder} is not a folder (or is a symbolic link)")
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        raise CacheRefused(f"the cache folder {folder} belongs to another user")
    if status.st_mode & 0o022:
        raise CacheRefused(f"the cache folder {folder} can be written by others (chmod 700 it)")
    return folder


def _folders(data_directories: Sequence[Path]) -> list[str]:
    return [str(directory.resolve()) for directory in data_directories]


def entry_name(data_directories: Sequence[Path]) -> str:
    """The entry's file name, from the data folders. It only spreads entries over names: the index names the
    folders it was written for, so two sets of folders that share a name never share an entry."""
    folders = "\0".join(_folders(data_directories)).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(folders):08x}{zlib.adler32(folders):08x}{_ENTRY_SUFFIX}"


@functools.cache
def code_fingerprint() -> str:
    """A digest of the code that defines the cached objects, so that an upgrade or an edit of ldcf never loads
    an object its code no longer describes."""
    package = Path(ldcf.__file__).parent
    code = b"".join((package / name).read_bytes() for name in _CACHED_CODE)
    return f"{zlib.crc32(code):08x}{zlib.adler32(code):08x}{len(code)}"


# The data files as they are --------------------------------------------------------------------------------------


class Snapshot(NamedTuple):
    """Every data file's path, size, modification and change times and inode, and when they were taken."""

    folders: list[str]
    files: list[list[Any]]
    taken_ns: int


def snapshot(data_directories: Sequence[Path]) -> Snapshot | None:
    """The data files as they are now; None when one cannot be read or is not a regular file (the files will
    then be read for real, and their problems reported)."""
    import time

    taken_ns = time.time_ns()
    folders = _folders(data_directories)  # resolved, so that `data` and `./data` are one entry
    files: list[list[Any]] = []
    try:
        for folder in folders:
            for path in data_files(Path(folder)):
                status = os.stat(path)
                if not stat.S_ISREG(status.st_mode):
                    return None
                files.append([path, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino])
    except OSError:
        return None
    return Snapshot(folders, files, taken_ns)


def _content_digest(path: str, size: int) -> str | None:
    """A digest of a regular file's content, or None when it cannot be read as one of `size` bytes."""
    import hashlib

    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size != size or size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return hashlib.blake2b(file.read(size + 1), digest_size=16).hexdigest()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _is_racy(file: list[Any], taken_ns: int) -> bool:
    """Changed so close to the snapshot that an edit in the same tick of the clock could look the same."""
    changed_ns: int = max(file[2], file[3])
    return changed_ns >= taken_ns - RACY_SECONDS * 1_000_000_000


# Reading an entry -------------------------------------------------------------------------------------------------


class _NoCollection:
    """Many thousands of new objects, none of them garbage: the collector would only walk them, so it waits.
    (A class rather than contextlib's decorator: a cached command does not otherwise import contextlib.)"""

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self._was_enabled:
            gc.enable()


class _Shelf:
    """A framework source over one cache entry, held open so that what is read later comes from the same file
    even if another run replaces the entry meanwhile."""

    def __init__(self, descriptor: int, body: int, size: int, index: dict[str, Any], fallback: Callable[[], Framework]):
        self._descriptor, self._body, self._size, self._fallback = descriptor, body, size, fallback
        self.levels = _decode(tuple[entities.Level, ...], index["levels"])
        self.layers = _decode(tuple[str, ...], index["layers"])
        self.core = _decode(tuple[tuple[entities.Competence, str], ...], index["core"])
        # Each role's row is checked when the role is used: a command that shows one role uses one row.
        self._rows: dict[str, Any] = {}
        for row in _list(index["roles"]):
            role_id = _list(row)[0]
            self._rows[role_id if type(role_id) is str else _refuse(str)] = row
        self._catalogue = _decode(tuple[int, int], index["catalogue"])
        self._requirements = _decode(tuple[int, int], index["requirements"])
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

    def _row(self, role_id: str) -> tuple[str, tuple[str, ...], str, tuple[int, int, int, int]]:
        try:
            row: tuple[str, tuple[str, ...], str, tuple[int, int, int, int]] = _decode(_RoleRow, self._rows[role_id])
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        return row

    def has_role(self, role_id: str) -> bool:
        return role_id in self._rows

    def role_names(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(role_id, self._row(role_id)[1]) for role_id in self._rows]

    def role(self, role_id: str) -> tuple[entities.Role, GroupOrigins, list[tuple[entities.Competence, str]]]:
        _, _, listed_at, listed_length = self._row(role_id)[3]
        role, group_origins = self._role_document(role_id)
        try:
            with _NoCollection():
                listed = _decode(tuple[tuple[entities.Competence, str], ...], self._read((listed_at, listed_length)))
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        return role, group_origins, list(listed)

    def _role_document(self, role_id: str) -> tuple[entities.Role, GroupOrigins]:
        role_at, role_length, _, _ = self._row(role_id)[3]
        try:
            with _NoCollection():
                role, group_origins = _decode(tuple[entities.Role, _GroupOrigins], self._read((role_at, role_length)))
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        if role.id != role_id:
            raise SourceDamaged(f"the entry for {role_id} holds another role")
        return role, group_origins

    def requirements(self) -> dict[str, tuple[int, frozenset[str]]]:
        found = self._read(self._requirements)
        if type(found) is not dict or found.keys() != self._rows.keys():
            raise SourceDamaged("the requirements are not those of the roles")
        requirements = {}
        with _NoCollection():
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
            with _NoCollection():
                catalogue = _decode(tuple[tuple[entities.Competence, str], ...], self._read(self._catalogue))
        except (TypeError, ValueError) as error:
            raise SourceDamaged(str(error)) from None
        roles, groups, role_origins = [], {}, {}
        for role_id in self._rows:
            role, groups[role_id] = self._role_document(role_id)
            roles.append(role)
            role_origins[role_id] = self._row(role_id)[2]
        origins = Origins(self.layers, {c.key: origin for c, origin in catalogue}, role_origins, groups)
        return Framework(self.levels, [competence for competence, _ in catalogue], roles, origins)

    def fallback(self) -> Framework:
        return self._fallback()


_GroupOrigins = tuple[tuple[str, ...], tuple[str, ...]]
# A role in the index: its id, every name it is known by, its data folder, and where its two documents are.
_RoleRow = tuple[str, tuple[str, ...], str, tuple[int, int, int, int]]


def load(data_directories: Sequence[Path], fallback: Callable[[], Framework]) -> Framework | None:
    """The cached framework for the data exactly as it is, read on demand, or None. `fallback` reads the data
    files, should a part of the entry read later be damaged. Raises CacheRefused for an unsafe folder."""
    folder = private_directory(create=False)
    if folder is None:
        return None
    current = snapshot(data_directories)
    if current is None:
        return None
    try:
        descriptor = os.open(folder / entry_name(data_directories), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
            raise SourceDamaged("not an entry")
        with os.fdopen(descriptor, "rb", closefd=False) as entry:
            first_line = entry.readline(MAX_ENTRY_BYTES)
        with _NoCollection():
            index = json.loads(first_line)
            if not isinstance(index, dict) or not _is_fresh(index, current):
                raise SourceDamaged("stale")
            return Framework.on_demand(_Shelf(descriptor, len(first_line), status.st_size, index, fallback))
    except (SourceDamaged, OSError, ValueError, TypeError, LookupError, AttributeError):
        os.close(descriptor)  # a truncated, foreign or stale entry is a miss
        return None


def _is_fresh(index: dict[str, Any], current: Snapshot) -> bool:
    if index.get("key") != _key() or index.get("folders") != current.folders:
        return False
    files, digests = index.get("files"), index.get("digests")
    if files != current.files or not isinstance(digests, list) or len(digests) != len(files):
        return False
    taken_ns = index.get("taken_ns")
    if type(taken_ns) is not int:
        return False
    return all(
        _content_digest(file[0], file[1]) == digest
        for file, digest in zip(files, digests, strict=True)
        if _is_racy(file, taken_ns)
    )


def _key() -> list[Any]:
    return [_FORMAT, ldcf.__version__, list(sys.version_info[:2]), code_fingerprint()]


# Writing an entry -------------------------------------------------------------------------------------------------


def store(data_directories: Sequence[Path], taken: Snapshot, framework: Framework) -> None:
    """Write the entry for the data as `taken` (before it was read) atomically, so a reader never sees half
    of it; skip quietly if it cannot be written. Raises CacheRefused for an unsafe folder."""
    import tempfile

    try:
        folder = private_directory(create=True)
    except OSError:
        return
    if folder is None:
        return
    digests = [_content_digest(file[0], file[1]) for file in taken.files]
    if None in digests:
        return
    index, body = _entry(framework)
    index.update(key=_key(), folders=taken.folders, files=taken.files, digests=digests, taken_ns=taken.taken_ns)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as entry:
                entry.write(json.dumps(index, separators=(",", ":")).encode() + b"\n")
                entry.write(body)
            os.replace(temporary, folder / entry_name(data_directories))
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        _prune(folder)
    except OSError:
        return


def _entry(framework: Framework) -> tuple[dict[str, Any], bytes]:
    """The index of an entry (without its key) and the documents it finds."""
    origins = framework.origins
    documents: list[bytes] = []
    offset = 0

    def place(value: Any) -> tuple[int, int]:
        nonlocal offset
        document = json.dumps(_encode(value), separators=(",", ":")).encode()
        documents.append(document)
        offset += len(document)
        return offset - len(document), len(document)

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
        rows.append([role.id, list(names), origins.roles.get(role.id, ""), [*role_place, *listed_place]])
    catalogue = place(tuple(with_origin(competence) for competence in framework.competences.values()))
    requirements = place(
        {role_id: [level, sorted(keys)] for role_id, (level, keys) in framework.requirements().items()}
    )
    index = {
        "levels": _encode(tuple(framework.levels.values())),
        "layers": list(origins.layers),
        "core": _encode(tuple(with_origin(competence) for competence in core)),
        "roles": rows,
        "catalogue": list(catalogue),
        "requirements": list(requirements),
    }
    return index, b"".join(documents)


def _prune(folder: Path) -> None:
    """Keep the newest MAX_ENTRIES entries, and remove temporary files left by killed runs and entries of the
    earlier format."""
    import time

    now = time.time()
    entries = []
    for path in folder.iterdir():
        status = path.lstat()
        stale = path.name.endswith(".tmp") and now - status.st_mtime > _STALE_TEMPORARY_SECONDS
        if stale or (path.name.endswith(_EARLIER_ENTRY_SUFFIX) and stat.S_ISREG(status.st_mode)):
            path.unlink(missing_ok=True)
        elif path.name.endswith(_ENTRY_SUFFIX) and stat.S_ISREG(status.st_mode):
            entries.append((status.st_mtime, path))
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        path.unlink(missing_ok=True)


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
        fields = [_decoder(hints[name]) for name in kind._fields]

        def named_tuple(value: Any) -> Any:
            if type(value) is not list or len(value) != len(fields):
                raise TypeError(f"expected {kind.__name__}")
            return kind(*[decode(item) for decode, item in zip(fields, value, strict=True)])

        return named_tuple
    if origin in (typing.Union, types.UnionType):
        (present,) = [argument for argument in arguments if argument is not type(None)]
        decode_present = _decoder(present)
        return lambda value: None if value is None else decode_present(value)
    if origin is tuple:
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
