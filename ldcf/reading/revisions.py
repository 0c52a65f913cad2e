"""Data folders as they were at a git revision, read from the repository's objects without a checkout: the
working tree and the index are never touched."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

MAX_ARCHIVE_BYTES = 512 * 1024 * 1024


class RevisionProblem(Exception):
    """A revision or repository that cannot give the data; the message says which and why."""


def _git(root: Path, *arguments: str) -> bytes:
    try:
        completed = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise RevisionProblem("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise RevisionProblem(f"git {arguments[0]} took more than two minutes") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionProblem(message[-1] if message else f"git {arguments[0]} failed")
    return completed.stdout


def repository_root(folder: Path) -> Path:
    """The top of the git repository that holds `folder`."""
    return Path(_git(folder, "rev-parse", "--show-toplevel").decode("utf-8").strip())


def extract(root: Path, revision: str, folder: PurePosixPath, into: Path) -> Path:
    """The files of `folder` (relative to the repository's top) at `revision`, written under `into`; returns
    where the folder is there. Only regular files inside the folder are written: an archive member that is a
    link, or whose path leaves the folder, is refused."""
    if revision.startswith("-"):
        raise RevisionProblem(f"{revision!r} is not a revision")
    commit = _git(root, "rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    archive = _git(root, "archive", "--format=tar", commit, "--", str(folder))
    if len(archive) > MAX_ARCHIVE_BYTES:
        raise RevisionProblem(f"the data at {revision} is larger than {MAX_ARCHIVE_BYTES:,} bytes")
    with tarfile.open(fileobj=io.BytesIO(archive)) as members:
        for member in members:
            path = PurePosixPath(member.name)
            if member.isdir():
                continue
            if (
                not member.isfile()
                or path.is_absolute()
                or ".." in path.parts
                or path.parts[: len(folder.parts)] != folder.parts
            ):
                raise RevisionProblem(f"the data at {revision} holds {member.name!r}, which is not a plain file in it")
            target = into.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = members.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
    return into.joinpath(*folder.parts)
