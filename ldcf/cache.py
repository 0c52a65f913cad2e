"""A cache of the loaded, validated framework in the user's cache folder, so that commands start quickly.

Entries are JSON: reading one can never run code, and every value is checked against the type of the entity it
fills. An entry holds the key it was written for (the format, ldcf's version and code, Python's version, and a
fingerprint of every data file) and is used only for exactly that key, so it can never serve stale data. The
folder must be private, the way ssh treats `~/.ssh`: created 0700, and used only while it is owned by the user
and writable by no one else, since whoever can write it decides what ldcf shows. Otherwise ldcf says so once
and runs without a cache. A missing, corrupt or foreign entry is a miss and is rebuilt; a cache that cannot be
written is skipped. Personal records are never cached: only the framework is.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ldcf
from ldcf import entities
from ldcf.framework import Framework, Origins

CACHE_DIRECTORY_VARIABLE = "LDCF_CACHE_DIR"
NO_CACHE_VARIABLE = "LDCF_NO_CACHE"
_FORMAT = 3
MAX_ENTRIES = 16  # the oldest entries beyond this are removed
MAX_ENTRY_BYTES = 256 * 1024 * 1024
_STALE_TEMPORARY_SECONDS = 3600  # a temporary file older than this was left by a run that was killed
_ENTRY_SUFFIX = ".json"

# The modules that define the objects an entry holds: an edit of either makes every entry stale.
_CACHED_CODE = ("entities.py", "framework.py")


class CacheRefused(Exception):
    """The cache folder is not safe to use; the message says why, for a one-time notice."""


def cache_disabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0")


def cache_directory() -> Path:
    if os.environ.get(CACHE_DIRECTORY_VARIABLE):
        return Path(os.environ[CACHE_DIRECTORY_VARIABLE])
    from platformdirs import user_cache_path

    return user_cache_path("ldcf", appauthor=False)


def private_directory(create: bool) -> Path | None:
    """The cache folder, created 0700 if `create`; None if it does not exist. Raises CacheRefused when it is a
    symbolic link, not a folder, owned by another user, or writable by group or others."""
    folder = cache_directory()
    if create:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
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


def entry_name(data_directories: Sequence[Path]) -> str:
    folders = "\0".join(str(directory.resolve()) for directory in data_directories)
    return hashlib.blake2b(folders.encode(), digest_size=12).hexdigest() + _ENTRY_SUFFIX


def code_fingerprint() -> str:
    """A digest of the code that defines the cached objects, so that an upgrade or an edit of ldcf never loads
    an object its code no longer describes."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(ldcf.__file__).parent
    for name in _CACHED_CODE:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def _key(fingerprint: str) -> list[Any]:
    return [_FORMAT, ldcf.__version__, list(sys.version_info[:2]), code_fingerprint(), fingerprint]


def load(data_directories: Sequence[Path], fingerprint: str) -> Framework | None:
    """The cached framework for this exact data, or None. Raises CacheRefused for an unsafe folder."""
    folder = private_directory(create=False)
    if folder is None:
        return None
    try:
        descriptor = os.open(folder / entry_name(data_directories), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as entry:
            content = entry.read(MAX_ENTRY_BYTES + 1)
    finally:
        os.close(descriptor)
    try:
        data = json.loads(content)
        if not isinstance(data, dict) or data.get("key") != _key(fingerprint):
            return None
        return _framework_from(data["framework"])
    except (ValueError, TypeError, KeyError, AttributeError):  # a truncated or foreign entry is a miss
        return None


def store(data_directories: Sequence[Path], fingerprint: str, framework: Framework) -> None:
    """Write the entry atomically, so a reader never sees half of it; skip quietly if it cannot be written.
    Raises CacheRefused for an unsafe folder."""
    try:
        folder = private_directory(create=True)
    except OSError:
        return
    if folder is None:
        return
    text = json.dumps({"key": _key(fingerprint), "framework": _framework_data(framework)}, separators=(",", ":"))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as entry:
                entry.write(text)
            os.replace(temporary, folder / entry_name(data_directories))
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Keep the newest MAX_ENTRIES entries, and remove temporary files left by killed runs."""
    now = time.time()
    entries = []
    for path in folder.iterdir():
        status = path.lstat()
        if path.name.endswith(".tmp") and now - status.st_mtime > _STALE_TEMPORARY_SECONDS:
            path.unlink(missing_ok=True)
        elif path.suffix == _ENTRY_SUFFIX and stat.S_ISREG(status.st_mode):
            entries.append((status.st_mtime, path))
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        path.unlink(missing_ok=True)


def cached_framework(data_directories: Sequence[Path]) -> tuple[str | None, Framework | None]:
    """The fingerprint of the data and the framework cached for it (None on a miss)."""
    from ldcf.loader import fingerprint as data_fingerprint

    fingerprint = data_fingerprint(data_directories)
    if fingerprint is None:
        return None, None
    return fingerprint, load(data_directories, fingerprint)


# The framework as JSON data, and back, checking every value against the entities' own types. -------------------


def _framework_data(framework: Framework) -> dict[str, Any]:
    origins = framework.origins
    return {
        "levels": [_encode(level) for level in framework.levels.values()],
        "competences": [_encode(competence) for competence in framework.competences.values()],
        "roles": [_encode(role) for role in framework.roles.values()],
        "origins": {
            "layers": list(origins.layers),
            "competences": origins.competences,
            "roles": origins.roles,
            "groups": {role: [list(groups[0]), list(groups[1])] for role, groups in origins.groups.items()},
        },
    }


def _framework_from(data: dict[str, Any]) -> Framework:
    origins = data["origins"]
    return Framework(
        [_decode(entities.Level, level) for level in data["levels"]],
        [_decode(entities.Competence, competence) for competence in data["competences"]],
        [_decode(entities.Role, role) for role in data["roles"]],
        Origins(
            layers=_decode(tuple[str, ...], origins["layers"]),
            competences=_decode(dict[str, str], origins["competences"]),
            roles=_decode(dict[str, str], origins["roles"]),
            groups=_decode(dict[str, tuple[tuple[str, ...], tuple[str, ...]]], origins["groups"]),
        ),
    )


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
