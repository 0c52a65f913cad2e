"""Writing files: never through a symbolic link, never half a file, never over a file unless asked.

Every command that writes uses these: `init` creates new files only, `schema --output` replaces its own
files whole, `doc -o` writes a document whole and replaces one only when told, `site build` replaces only the
files it wrote before and keeps any other. A folder on the way that is a symbolic link is refused, so a link
planted in the target cannot send a write elsewhere. New files get the permissions the user's umask gives,
personal data 0600 at most, and a file replaced keeps its own.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

# A file made anew: never one (or a link) that is there already, and in binary on Windows.
_CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class WriteRefused(Exception):
    """A write that would follow a link, overwrite a file or fail; the message says which path and why."""


def _folder(path: Path, private: bool = False) -> None:
    """Create `path` and the folders above it as needed (`private`: readable by their owner alone), refusing any
    that is a symbolic link or not a folder."""
    for folder in (*reversed(path.parents), path):
        if folder.is_symlink():
            raise WriteRefused(f"{folder} is a symbolic link; ldcf does not write through links")
        if folder.exists() and not folder.is_dir():
            raise WriteRefused(f"{folder} is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700 if private else 0o777)
    except OSError as error:
        raise WriteRefused(f"cannot create the folder {path}: {error.strerror or error}") from None


def write_new_files(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """Create each file (by path under `folder`) exclusively; refuse, writing nothing, if any exists already.

    Files are opened with O_EXCL, which also refuses a symbolic link in their place, so not even a file or link
    that appears meanwhile is written through.
    """
    paths = [folder / name for name in files]
    for path in paths:
        if path.exists() or path.is_symlink():
            raise WriteRefused(f"{path} exists already; nothing was written")
    written = []
    for path, text in zip(paths, files.values(), strict=True):
        _folder(path.parent)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except OSError as error:
            raise WriteRefused(f"cannot create {path}: {error.strerror or error}") from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        written.append(path)
    return written


def _mode_of(path: Path) -> int | None:
    """The permissions of the regular file at `path` (not followed if a link), or None if there is none."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else None


def _create_beside(path: Path, mode: int) -> tuple[int, Path]:
    """A new temporary file beside `path`, opened to write, created with `mode` less the umask (os.open applies
    it); never a file or link that is there already."""
    for _ in range(100):
        temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temporary, _CREATE_NEW, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def replace_file(path: Path, content: bytes | Iterable[bytes], overwrite: bool = True, private: bool = False) -> None:
    """Write `path` whole: into a temporary file beside it, then renamed over it, so that a reader sees the old
    file or the new one and never half of either. A symbolic link at `path` is replaced, not followed. `content`
    may come in parts, written as they are made (nothing is written at `path` if making one fails).

    Without `overwrite`, a file (or link) already at `path` is refused; the temporary file is then linked into
    place, which fails rather than replace a file that appeared meanwhile.

    Permissions: a file that is replaced keeps its own. A new file gets what the user's umask gives (0644 under
    umask 022); with `private=True`, for personal data (development plans, team workbooks and reports), 0600,
    or less where the umask takes more away, and so do the folders made for it. The temporary file never has more
    than its final permissions, and a private or replaced one is 0600 while it is written."""
    _folder(path.parent, private)
    if path.is_dir() and not path.is_symlink():
        raise WriteRefused(f"{path} is a folder")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise WriteRefused(f"{path} exists already; --force replaces it")
    kept = _mode_of(path) if overwrite else None
    try:
        handle, temporary = _create_beside(path, 0o600 if private or kept is not None else 0o666)
        try:
            with os.fdopen(handle, "wb") as file:
                for part in (content,) if isinstance(content, bytes) else content:
                    file.write(part)
            if kept is not None:
                os.chmod(temporary, kept)
            if overwrite:
                os.replace(temporary, path)
            else:
                os.link(temporary, path)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    except FileExistsError:
        raise WriteRefused(f"{path} exists already; --force replaces it") from None
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None


# A folder that ldcf writes files into among others' (a website): its marker lists the files ldcf wrote -----------

MARKER_FORMAT = "ldcf-files 1"  # the first line of a marker; a file without it does not make a folder ldcf's
MAX_MARKER_BYTES = 16 * 1024 * 1024


def _listed_name(name: str) -> bool:
    """Whether `name` may be listed in a marker: a relative path of plain names, none hidden (so `.git` never is),
    without control characters."""
    parts = name.split("/")
    return (
        bool(name)
        and not name.startswith("#")  # a comment in a marker
        and all(part and not part.startswith(".") and part != ".." for part in parts)
        and not any(ord(character) < 32 or character in "\\:\x7f" for character in name)
    )


def _read_marker(path: Path) -> set[str]:
    """The files a marker lists; refuses (WriteRefused) a file that is not a marker of MARKER_FORMAT."""
    from ldcf.reading.loader import Unreadable, read_bytes

    try:
        lines = read_bytes(path, MAX_MARKER_BYTES).decode("utf-8").splitlines()
    except (Unreadable, UnicodeDecodeError) as error:
        raise WriteRefused(f"{path} cannot be read ({error}); nothing was written") from None
    if not lines or lines[0].strip() != MARKER_FORMAT:
        raise WriteRefused(
            f"{path.parent} holds a file {path.name} that does not list the files ldcf wrote (an older ldcf's, or "
            "not ldcf's); nothing was written: remove the folder, or give a new one"
        )
    names = {line for line in lines[1:] if line and not line.startswith("#")}
    wrong = next((name for name in sorted(names) if not _listed_name(name)), None)
    if wrong is not None:
        raise WriteRefused(f"{path} lists {wrong!r}, which is not a file ldcf writes; nothing was written")
    return names


def _write_marker(path: Path, names: Iterable[str], about: str) -> None:
    lines = [MARKER_FORMAT, *(f"# {line}" for line in about.splitlines()), *sorted(names)]
    content = ("\n".join(lines) + "\n").encode("utf-8")
    if not _holds(path, content, listed=True):
        replace_file(path, content)


def _plain_folders(root: Path, name: str) -> bool:
    """Whether every folder between `root` and the file `name` under it is a folder, or not there yet; never a
    symbolic link or a file."""
    folder = root
    for part in name.split("/")[:-1]:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return False
    return True


def replace_folder(
    path: Path, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]], marker: str, about: str = ""
) -> None:
    """Write `files` (by relative path; a mapping, or pairs written as they come) into the folder `path`, and list
    them in its file `marker` (with the format line MARKER_FORMAT and `about` as comments). The folder may be new,
    empty, or one ldcf wrote before: then the files its marker lists are replaced, those no longer written are
    removed, and every other file (a `.git` folder, a `CNAME`) is kept. A folder with other files and no marker is
    refused, untouched, and so is a file ldcf would write over that it did not write before (WriteRefused).

    A file ldcf wrote before that already holds exactly the bytes it would write is left as it is, so that a rebuild
    changes only the files whose content changed (their dates say so, and a tool that copies the folder elsewhere
    copies only those), and one that is replaced keeps its permissions. The others are first written into a folder
    of ldcf's own inside `path`, so that a build that fails changes nothing; then each is moved into place whole.
    The marker lists old and new files while they are moved."""
    import shutil

    path = Path(path)
    staging_prefix = f"{marker}.new."
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; ldcf does not write through links")
    previous: set[str] = set()
    if path.exists():
        if not path.is_dir():
            raise WriteRefused(f"{path} is a file; give a folder")
        for leftover in path.glob(f"{staging_prefix}*"):  # of a build that was stopped
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
        listing = path / marker
        if listing.is_symlink() or (listing.exists() and not listing.is_file()):
            raise WriteRefused(f"{listing} is not a file ldcf wrote; nothing was written")
        if listing.exists():
            previous = _read_marker(listing)
        elif any(path.iterdir()):
            raise WriteRefused(f"{path} holds files that ldcf did not write; nothing was written (give a new folder)")
    _folder(path)
    try:
        staging = Path(tempfile.mkdtemp(dir=path, prefix=staging_prefix))
    except OSError as error:
        raise WriteRefused(f"cannot write in {path}: {error.strerror or error}") from None
    try:
        written: list[str] = []
        changed: list[str] = []
        # A site has tens of thousands of files in a few folders: each folder is checked and made once, not per file.
        seen: set[str] = set()
        staged: set[str] = set()
        for name, content in files.items() if isinstance(files, Mapping) else files:
            if not _listed_name(name):
                raise WriteRefused(f"{name!r} is not a path inside the folder that ldcf may write")
            folder = name.rpartition("/")[0]
            if folder not in seen:
                if not _plain_folders(path, name):
                    raise WriteRefused(
                        f"a folder on the way to {path / folder} is a link or a file; nothing was written"
                    )
                seen.add(folder)
            written.append(name)
            if _holds(path / name, content, listed=name in previous):
                continue
            if folder not in staged:
                (staging / folder).mkdir(parents=True, exist_ok=True)
                staged.add(folder)
            _write_new(staging / name, content)
            changed.append(name)
        for folder in seen:  # again: one may have become a link while the files were made
            if not _plain_folders(path, f"{folder}/file"):
                raise WriteRefused(f"a folder on the way to {path / folder} is a link or a file; nothing was written")
        _write_marker(path / marker, previous | set(written), about)
        for folder in staged:
            (path / folder).mkdir(parents=True, exist_ok=True)
        for name in changed:
            kept = _mode_of(path / name)  # a file replaced keeps its permissions, as replace_file's do
            if kept is not None:
                os.chmod(staging / name, kept)
            os.replace(staging / name, path / name)
        for name in sorted(previous - set(written)):
            _remove_listed(path, name)
        _write_marker(path / marker, written, about)
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _holds(target: Path, content: bytes, listed: bool) -> bool:
    """Whether the file at `target`, which ldcf wrote before (`listed` in its marker), holds exactly `content`.
    Refuses (WriteRefused) anything there that ldcf would replace but did not write: a file it did not list, a
    link, a folder."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return False
    if not listed or not stat.S_ISREG(found.st_mode):
        raise WriteRefused(f"{target} is not a file ldcf wrote; nothing was written (move it away)")
    if found.st_size != len(content):
        return False
    # Not blocking: were the file swapped for a pipe meanwhile, opening it would wait for a writer for ever.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(target, flags)
    except OSError:  # gone or unreadable meanwhile: it is replaced, as a file that changed is
        return False
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode) or opened.st_size != len(content):
            return False
        held = bytearray()
        while len(held) <= len(content) and (part := os.read(descriptor, len(content) + 1 - len(held))):
            held += part
    finally:
        os.close(descriptor)
    return held == content


def _write_new(path: Path, content: bytes) -> None:
    """Create the file `path`, which must not exist (not even as a link), holding `content`."""
    descriptor = os.open(path, _CREATE_NEW, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _remove_listed(root: Path, name: str) -> None:
    """Remove a file ldcf wrote and no longer writes, and the folders it leaves empty; nothing through a link."""
    target = root / name
    if not _plain_folders(root, name) or not (target.is_file() or target.is_symlink()):
        return
    target.unlink()
    folder = target.parent
    while folder != root:
        try:
            folder.rmdir()  # only an empty folder
        except OSError:
            return
        folder = folder.parent


def replace_record_file(path: Path, content: bytes, folder: Path) -> Path:
    """Rewrite a person's record in `folder` in place, as their editor saving it would: whole (a temporary file
    beside it, renamed over it), keeping the file's permissions; a record that is a symbolic link is written
    through to its target when that target is inside `folder`, and refused when it leads out. Returns the path
    written (the target)."""
    try:
        inside = folder.resolve(strict=True)
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        raise WriteRefused(f"cannot write {path}: {getattr(error, 'strerror', None) or error}") from None
    if not target.is_relative_to(inside):
        raise WriteRefused(f"{path} is a symbolic link to a file outside {folder}; ldcf does not write there")
    kept = _mode_of(target)
    if kept is None:
        raise WriteRefused(f"{path} is not a regular file")
    try:
        handle, temporary = _create_beside(target, 0o600)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.chmod(temporary, kept)
            os.replace(temporary, target)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None
    return target
