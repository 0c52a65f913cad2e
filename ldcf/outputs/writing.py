"""Writing files: never through a symbolic link, never half a file, never over a file unless asked.

Every command that writes uses these: `init` creates new files only, `schema --output` replaces its own
files whole, `doc -o` writes a document whole and replaces one only when told, `site build` replaces only a
site it built. A folder on the way that is a
symbolic link is refused, so a link planted in the target cannot send a write elsewhere.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


class WriteRefused(Exception):
    """A write that would follow a link, overwrite a file or fail; the message says which path and why."""


def _folder(path: Path) -> None:
    """Create `path` and the folders above it as needed, refusing any that is a symbolic link or not a folder."""
    for folder in (*reversed(path.parents), path):
        if folder.is_symlink():
            raise WriteRefused(f"{folder} is a symbolic link; ldcf does not write through links")
        if folder.exists() and not folder.is_dir():
            raise WriteRefused(f"{folder} is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
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
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError as error:
            raise WriteRefused(f"cannot create {path}: {error.strerror or error}") from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        written.append(path)
    return written


def replace_file(path: Path, content: bytes, overwrite: bool = True) -> None:
    """Write `path` whole: into a temporary file beside it, then renamed over it, so that a reader sees the old
    file or the new one and never half of either. A symbolic link at `path` is replaced, not followed.

    Without `overwrite`, a file (or link) already at `path` is refused; the temporary file is then linked into
    place, which fails rather than replace a file that appeared meanwhile."""
    _folder(path.parent)
    if path.is_dir() and not path.is_symlink():
        raise WriteRefused(f"{path} is a folder")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise WriteRefused(f"{path} exists already; --force replaces it")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.chmod(temporary, 0o644)
            if overwrite:
                os.replace(temporary, path)
            else:
                os.link(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except FileExistsError:
        raise WriteRefused(f"{path} exists already; --force replaces it") from None
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None


def replace_folder(path: Path, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]], marker: str) -> None:
    """Make `path` a folder holding exactly `files` (by relative path; a mapping, or pairs written as they come),
    replacing in one rename a folder that a previous run made (it holds the file `marker`); any other folder at
    `path` is refused, untouched.

    The files are written into a new folder beside `path` first, so that a reader sees the old folder or the
    new one whole, and an interrupted run leaves the old one as it was."""
    import shutil

    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; ldcf does not write through links")
    if path.exists():
        if not path.is_dir():
            raise WriteRefused(f"{path} is a file; give a folder for the site")
        owned = (path / marker).is_file() and not (path / marker).is_symlink()
        if not owned and any(path.iterdir()):
            raise WriteRefused(f"{path} holds files that ldcf did not write; nothing was written (give a new folder)")
    _folder(path.parent)
    try:
        staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.new."))
    except OSError as error:
        raise WriteRefused(f"cannot write beside {path}: {error.strerror or error}") from None
    try:
        for name, content in files.items() if isinstance(files, Mapping) else files:
            target = staging / name
            if ".." in Path(name).parts or Path(name).is_absolute():
                raise WriteRefused(f"{name!r} is not a path inside the folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
        os.chmod(staging, 0o755)
        if path.exists():
            retired = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.old."))
            os.replace(path, retired / path.name)
            os.replace(staging, path)
            shutil.rmtree(retired)
        else:
            os.replace(staging, path)
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)
