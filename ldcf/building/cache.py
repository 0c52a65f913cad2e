"""A cache of the loaded, validated framework in the user's cache folder, so that commands start quickly.

What an entry holds, and how it is read back, is `ldcf.building.cache_entry`; this module decides whether an
entry may be used, and keeps the folder. An entry holds the key it was written for, and is used only when
that is the key now. The key covers the data and all of ldcf's own code, everything of ldcf's that decides
what an entry holds:

- The data: the data folders, and for every data file its path, size, modification and change times and
  inode (taken before the data was read, and the entry written only if they were the same after). A file is
  also compared by content when it was changed within RACY_SECONDS of that snapshot, since a later edit in the
  same tick of a coarse file-system clock could keep all of those (git's "racily clean" rule).
- The code: every file under the installed `ldcf` package folder (its modules, templates and anything else
  in it), except the `__pycache__` folders (Python's own copies of the modules) and the `data` and `schemas`
  folders that a wheel carries at the top of the package: the shipped data is keyed as data, file by file,
  whenever it is the data a command reads, and no command that uses the cache reads the schemas (they are
  written from the models, which are code). So every module that reads, merges, checks or stores the
  framework counts, not a chosen few. Of each file the key takes its path in the package, size, modification
  and change times and inode, as git's index does, without reading the file, and holds a 64-bit checksum
  (CRC-32 and Adler-32) of that list. An edit, a `git pull` in a checkout installed editable, an upgrade or
  a reinstall writes or replaces the files it changes, which gives them the clock's now as change time (a
  time no one can set back, unlike a modification time); adding or removing a file changes the list. A file
  changed within RACY_SECONDS of the fingerprint is keyed by its content too, by the same racy rule. The
  fingerprint is taken once per run, when the cache is first used: one `os.scandir` walk and a `stat` of each
  file (about a hundred), under a millisecond.
- ldcf's version, the format of an entry, and Python's version (major and minor).

The key does not cover the libraries ldcf uses (PyYAML, pydantic and the rest): should an upgrade of one read
or check the same files differently, remove the cache folder (or use `--no-cache`). Nor does it see a module
edited in the milliseconds between a run importing it and the run taking the fingerprint: the entry that run
writes is keyed by the new file though built by the old code, and can be used until RACY_SECONDS after the
edit, when the file's content leaves its key.

The folder must be private, the way ssh treats `~/.ssh`: created 0700, and used only while it is owned by the
user and writable by no one else, since whoever can write it decides what ldcf shows. Otherwise ldcf says so
once and runs without a cache. A missing, corrupt or foreign entry is a miss and is rebuilt; a part of an
entry found damaged only when it is read makes ldcf read the data files instead; a cache that cannot be written
is skipped, and so is the cache when the package's files cannot be listed (or one changed just now cannot be
read). Personal records are never cached: only the framework is.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import ldcf
from ldcf.building.cache_entry import NoCollection, Shelf, encode_entry
from ldcf.framework.lookups import Framework, SourceDamaged
from ldcf.reading.locations import data_files

CACHE_DIRECTORY_VARIABLE = "LDCF_CACHE_DIR"
NO_CACHE_VARIABLE = "LDCF_NO_CACHE"
_FORMAT = 5
MAX_ENTRIES = 16  # the oldest entries beyond this are removed
MAX_ENTRY_BYTES = 256 * 1024 * 1024
RACY_SECONDS = 3  # wider than the coarsest file-system clock in use (FAT's two seconds)
_STALE_TEMPORARY_SECONDS = 3600  # a temporary file older than this was left by a run that was killed
_ENTRY_SUFFIX = ".ldcf-cache"
_EARLIER_ENTRY_SUFFIX = ".json"  # entries of ldcf 0.1.0 before format 4, which no run reads any more


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


# The code that built the entries ---------------------------------------------------------------------------------

# The folders at the top of an installed package that hold data, not code (see the module's docstring).
_NOT_CODE = frozenset({"data", "schemas"})
# A file of the package: its path in the package ("/" between folders), size, modification and change times, inode.
PackageFile = tuple[str, int, int, int, int]


@functools.cache
def code_fingerprint() -> str | None:
    """A digest of every file of the installed package, so that an edit, upgrade or reinstall of ldcf never
    serves an entry that other code built; None when the package cannot be listed (no entry is then used)."""
    import time

    taken_ns = time.time_ns()  # before the files are listed, so that a file changed meanwhile counts as recent
    package = os.path.dirname(os.path.abspath(ldcf.__file__))
    files = package_files(package)
    return None if files is None else package_digest(package, files, taken_ns)


def package_files(package: str) -> list[PackageFile] | None:
    """Every file under `package` but the `__pycache__` folders and the data folders at its top, in path order,
    with what `os.stat` says of it; None when a folder cannot be listed or a file has gone meanwhile."""
    files: list[PackageFile] = []
    folders, linked = [""], set[tuple[int, int]]()
    try:
        while folders:
            relative = folders.pop()
            with os.scandir(os.path.join(package, relative) if relative else package) as entries:
                for entry in entries:
                    name = relative + entry.name
                    if not entry.is_dir():
                        try:
                            status = entry.stat()
                        except FileNotFoundError:  # a link to nothing (an editor's lock file): the link itself
                            status = entry.stat(follow_symlinks=False)
                        files.append((name, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
                    elif entry.name == "__pycache__" or (not relative and entry.name in _NOT_CODE):
                        continue
                    elif entry.is_symlink():  # followed, once: a link back up the tree must not loop
                        target = entry.stat()
                        if (target.st_dev, target.st_ino) not in linked:
                            linked.add((target.st_dev, target.st_ino))
                            folders.append(name + "/")
                    else:
                        folders.append(name + "/")
    except OSError:
        return None
    files.sort()
    return files


def package_digest(package: str, files: list[PackageFile], taken_ns: int) -> str | None:
    """A digest of the files as `os.stat` saw them, and of the content of those changed within RACY_SECONDS of
    `taken_ns`; None when one of those cannot be read as it was seen."""
    recent = []
    for name, size, modified_ns, changed_ns, _ in files:
        if max(modified_ns, changed_ns) >= taken_ns - RACY_SECONDS * 1_000_000_000:
            digest = _content_digest(os.path.join(package, name), size)
            if digest is None:
                return None
            recent.append((name, digest))
    listed = repr((files, recent)).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(listed):08x}{zlib.adler32(listed):08x}{len(files)}"


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
        with NoCollection():
            index = json.loads(first_line)
            if not isinstance(index, dict) or not _is_fresh(index, current):
                raise SourceDamaged("stale")
            return Framework.on_demand(Shelf(descriptor, len(first_line), status.st_size, index, fallback))
    except (SourceDamaged, OSError, ValueError, TypeError, LookupError, AttributeError):
        os.close(descriptor)  # a truncated, foreign or stale entry is a miss
        return None


def _is_fresh(index: dict[str, Any], current: Snapshot) -> bool:
    key = _key()
    if key is None or index.get("key") != key or index.get("folders") != current.folders:
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


def _key() -> list[Any] | None:
    """What an entry must have been written for to be used; None when there is no such key for this run."""
    code = code_fingerprint()
    return None if code is None else [_FORMAT, ldcf.__version__, list(sys.version_info[:2]), code]


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
    key = _key()
    digests = [_content_digest(file[0], file[1]) for file in taken.files]
    if key is None or None in digests:
        return
    index, body = encode_entry(framework)
    index.update(key=key, folders=taken.folders, files=taken.files, digests=digests, taken_ns=taken.taken_ns)
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
