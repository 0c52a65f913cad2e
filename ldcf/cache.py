"""A cache of the loaded, validated framework in the user's cache folder, so that commands start quickly.

An entry is keyed by a fingerprint of every data file (name, size, modification time and content), so it can
never serve stale data. A missing, corrupt or unreadable entry is ignored and rebuilt; a cache that cannot be
written is skipped. Entries are pickles: the cache folder must be as private as the user's home.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import ldcf
from ldcf.framework import Framework

CACHE_DIRECTORY_VARIABLE = "LDCF_CACHE_DIR"
NO_CACHE_VARIABLE = "LDCF_NO_CACHE"
_FORMAT = 2


def cache_disabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0")


def cache_directory() -> Path:
    if os.environ.get(CACHE_DIRECTORY_VARIABLE):
        return Path(os.environ[CACHE_DIRECTORY_VARIABLE])
    from platformdirs import user_cache_path

    return user_cache_path("ldcf", appauthor=False)


def entry_path(data_directories: Sequence[Path]) -> Path:
    folders = "\0".join(str(directory.resolve()) for directory in data_directories)
    name = hashlib.blake2b(folders.encode(), digest_size=12).hexdigest()
    return cache_directory() / f"{name}.pickle"


# The modules that define the objects an entry holds: an edit of either makes every entry stale.
_CACHED_CODE = ("entities.py", "framework.py")


def code_fingerprint() -> str:
    """A digest of the code that defines the cached objects, so that an upgrade or an edit of ldcf never loads
    an object its code no longer describes."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(ldcf.__file__).parent
    for name in _CACHED_CODE:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def _key(fingerprint: str) -> tuple[object, ...]:
    return (_FORMAT, ldcf.__version__, sys.version_info[:2], code_fingerprint(), fingerprint)


def load(data_directories: Sequence[Path], fingerprint: str) -> Framework | None:
    """The cached framework for this exact data, or None."""
    try:
        with open(entry_path(data_directories), "rb") as entry:
            if pickle.load(entry) != _key(fingerprint):
                return None
            framework = pickle.load(entry)
            return framework if isinstance(framework, Framework) else None
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign entry is a miss, never an error
        return None


def store(data_directories: Sequence[Path], fingerprint: str, framework: Framework) -> None:
    """Write the entry atomically, so a reader never sees half of it; skip quietly if it cannot be written."""
    path = entry_path(data_directories)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as entry:
                pickle.dump(_key(fingerprint), entry, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(framework, entry, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, pickle.PicklingError):
        return


def cached_framework(data_directories: Sequence[Path]) -> tuple[str | None, Framework | None]:
    """The fingerprint of the data and the framework cached for it (None on a miss)."""
    from ldcf.loader import fingerprint as data_fingerprint

    fingerprint = data_fingerprint(data_directories)
    if fingerprint is None:
        return None, None
    return fingerprint, load(data_directories, fingerprint)
