"""Data folders as they were at a git revision, read from the repository's objects without a checkout: the
working tree and the index are never touched.

The files are read as the blobs that the revision's tree holds (`git ls-tree` and `git cat-file --batch`),
byte for byte: nothing in the compared tree decides what is read. (`git archive` would apply the tree's own
.gitattributes: `export-ignore` would hide a role, `export-subst` rewrite a file.) What is read is bounded in
bytes, and each git command in time."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

MAX_ARCHIVE_BYTES = 512 * 1024 * 1024  # all the files of a data folder at a revision
_BATCH_BYTES = 32 * 1024 * 1024  # what one `git cat-file --batch` gives at most, held in memory at once
_PLAIN_FILES = (b"100644", b"100755")


class RevisionProblem(Exception):
    """A revision or repository that cannot give the data; the message says which and why."""


def _git(root: Path, *arguments: str, given: bytes | None = None) -> bytes:
    try:
        completed = subprocess.run(["git", "-C", str(root), *arguments], input=given, capture_output=True,
                                   check=False, timeout=120)  # fmt: skip
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
    where the folder is there. Only regular files are written: a link or a submodule in the folder is refused."""
    if revision.startswith("-"):
        raise RevisionProblem(f"{revision!r} is not a revision")
    commit = _git(root, "rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    tree = f"{commit}:{folder.as_posix()}" if folder.parts else f"{commit}^{{tree}}"
    if _git(root, "cat-file", "-t", tree).strip() != b"tree":
        raise RevisionProblem(f"{folder} at {revision} is not a folder")
    entries = []
    for record in _git(root, "ls-tree", "-r", "-l", "-z", tree).split(b"\0"):
        if not record:
            continue
        details, _, name = record.partition(b"\t")
        mode, kind, blob, size = [*details.split(), b"", b"", b"", b""][:4]
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        if (
            mode not in _PLAIN_FILES
            or kind != b"blob"
            or not size.isdigit()
            or path.is_absolute()
            or ".." in path.parts
        ):
            raise RevisionProblem(f"the data at {revision} holds {name.decode('utf-8', 'replace')!r}, which is not "
                                  "a plain file in it")  # fmt: skip
        entries.append((path, blob, int(size)))
    if sum(size for _, _, size in entries) > MAX_ARCHIVE_BYTES:
        raise RevisionProblem(f"the data at {revision} is larger than {MAX_ARCHIVE_BYTES:,} bytes")
    target = into.joinpath(*folder.parts)
    target.mkdir(parents=True, exist_ok=True)
    batch: list[tuple[PurePosixPath, bytes, int]] = []
    for entry in entries:
        if batch and sum(size for _, _, size in batch) + entry[2] > _BATCH_BYTES:
            _write_blobs(root, batch, target)
            batch = []
        batch.append(entry)
    if batch:
        _write_blobs(root, batch, target)
    return target


def _write_blobs(root: Path, entries: list[tuple[PurePosixPath, bytes, int]], target: Path) -> None:
    """Each blob of `entries` as its file under `target`, as `git cat-file --batch` gives it: raw bytes."""
    output = _git(root, "cat-file", "--batch", given=b"".join(blob + b"\n" for _, blob, _ in entries))
    at = 0
    for path, blob, size in entries:
        end = output.find(b"\n", at)
        header = output[at:end].split()
        if header[:1] != [blob] or header[1:] != [b"blob", str(size).encode()]:
            raise RevisionProblem(f"git did not give the file {path} as it listed it")
        content = output[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
        file = target.joinpath(*path.parts)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content)
