"""What changed between two editions of the data (`ldcf diff`), as folders or as git revisions of the data
repository, and whose share of their role it changes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.queries.diff import FrameworkDiff

Folders = Sequence["str | os.PathLike[str]"]


def _edition(folders: Folders, side: str, shown: str, use_cache: bool) -> Framework:
    from ldcf.api.data import InvalidData, NotDataFolder, open_data

    try:
        opened = open_data(folders, {}, use_cache)
    except NotDataFolder as error:
        raise NotDataFolder(f"{side}: {error}") from None
    if opened.data_set.framework is None:
        raise InvalidData(f"{side} ({shown})", opened.data_set.problems)
    return opened.data_set.framework


def diff(
    old: Folders,
    new: Folders,
    records: str | os.PathLike[str] | None = None,
    names: tuple[str, str] | None = None,
    use_cache: bool = True,
    everyone: bool = False,
) -> FrameworkDiff:
    """The changes from the data in folders `old` to the data in folders `new` (each a base and its overlays),
    named `names` in the result (default: the folders). With `records`, a folder of people's records, what
    changes for each person whose share of a role (their current role or a target) moves, in words; `everyone`
    lists every person, "no change" for those for whom nothing changes. Raises NotDataFolder or InvalidData naming
    the side (OLD or NEW)."""
    from ldcf.queries.diff import compare
    from ldcf.reading.locations import printable_name

    shown = names or (printable_name(" + ".join(map(str, old))), printable_name(" + ".join(map(str, new))))
    old_framework = _edition(old, "OLD", shown[0], use_cache)
    new_framework = _edition(new, "NEW", shown[1], use_cache)
    found = compare(old_framework, new_framework, *shown)
    if records is None:
        return found
    from ldcf.building.records import open_records_both_ways
    from ldcf.queries.diff import with_impact

    return with_impact(
        found,
        old_framework,
        new_framework,
        open_records_both_ways(Path(records), old_framework, new_framework),
        everyone,
    )


def diff_revisions(
    revisions: str,
    folders: Sequence[Path],
    records: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    cwd: Path | None = None,
    everyone: bool = False,
) -> FrameworkDiff:
    """The changes between git revisions of the data folders (`REV` against the working data, or `A..B`), read
    from the repository that holds them without a checkout. Raises RevisionProblem (ldcf.reading.revisions)."""
    import tempfile

    from ldcf.reading.revisions import extract, repository_root

    old_revision, _, new_revision = revisions.partition("..")
    root = repository_root(cwd or Path.cwd())

    def at(revision: str, scratch: Path) -> tuple[Path, ...]:
        extracted = []
        for directory in folders:
            resolved = directory.resolve()
            if root != resolved and root not in resolved.parents:
                extracted.append(directory)  # the shipped data under an overlay: not in the repository
                continue
            relative = PurePosixPath(resolved.relative_to(root).as_posix())
            extracted.append(extract(root, revision, relative, scratch))
        return tuple(extracted)

    with tempfile.TemporaryDirectory(prefix="ldcf-diff-") as scratch:
        old = at(old_revision, Path(scratch) / "old")
        new = at(new_revision, Path(scratch) / "new") if new_revision else tuple(folders)
        names = (old_revision, new_revision or "working data")
        return diff(old, new, records, names, use_cache, everyone)
