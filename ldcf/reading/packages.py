"""Office files from outside (Word templates, Excel workbooks) are zip packages: before one is opened, its
size unpacked and its number of parts are bounded, so that a small file cannot unpack to fill memory."""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 5000


class PackageProblem(Exception):
    """A file that is not the Office document it should be, or too large to open; the message says which."""


def check_package(content: bytes, kind: str, main_part: str) -> None:
    """Raise PackageProblem unless `content` is a zip package holding `main_part` within the bounds."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise PackageProblem(f"not {kind}") from None
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise PackageProblem(f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes or {MAX_PARTS} parts, the limits")
    if main_part not in {part.filename for part in parts}:
        raise PackageProblem(f"not {kind}: it has no {main_part}")
