"""Office files from outside (Word templates, Excel workbooks) are zip packages: before one is opened, each of
its parts is unpacked in small pieces and its real size counted, so that a small file cannot unpack to fill
memory, whatever the sizes its zip directory states. Each XML part is then read through, in the same small
pieces, by a parser that builds nothing (expat), so that one that is not well-formed is refused naming the part,
and so is one that declares a document type (`<!DOCTYPE`): the Open Packaging Conventions forbid it, Office never
writes it, and it is how entities are declared, to expand to fill memory or to read other files.

The readers that open the package afterwards (python-docx, docxtpl, openpyxl) trust the sizes the directory
states: once every part has been found to unpack to exactly its stated size, and their sum is within the
limit, what they unpack is bounded too."""

from __future__ import annotations

import copy
import io
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 5000
_PIECE = 64 * 1024  # what is unpacked at a time while a part is counted
_OFFICE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Office writes, and what is bounded
_XML_PARTS = (".xml", ".rels")  # what the readers parse; a legacy drawing (.vml) need not be well-formed XML


class PackageProblem(Exception):
    """A file that is not the Office document it should be, or too large to open; the message says which."""


class TooLarge(PackageProblem):
    """A package, or a part of it, larger than the limits: not damaged, and saving it again does not help."""


def _real_size(package: zipfile.ZipFile, part: zipfile.ZipInfo, stop_after: int) -> tuple[int, int]:
    """How many bytes `part` unpacks to, counted piece by piece up to `stop_after` + 1 (what lies beyond is not
    unpacked), and the CRC-32 of what was counted. zipfile stops at the size the directory states, and checks
    the CRC there, so the part is read as if it stated more, and its CRC is checked here."""
    probe = copy.copy(part)
    probe.file_size = stop_after + 1
    probe.CRC = None  # type: ignore[assignment]
    counted, crc = 0, 0
    with package.open(probe) as stream:
        while counted <= stop_after and (piece := stream.read(min(_PIECE, stop_after + 1 - counted))):
            counted += len(piece)
            crc = zlib.crc32(piece, crc)
    return counted, crc


class _DocumentType(Exception):
    """An XML part that declares a document type."""


def _refuse_document_type(*_: object) -> None:
    raise _DocumentType


# What a reader of the package checks in each element of its XML parts: given the part's name, the element's
# name as written (with its prefix) and its attributes; it raises PackageProblem to refuse the package.
ElementCheck = Callable[[str, str, dict[str, str]], None]


def _xml_problem(package: zipfile.ZipFile, part: zipfile.ZipInfo, elements: ElementCheck | None) -> str | None:
    """What makes `part`, an XML part whose size is known to be what it states, unfit to parse, or None: its
    content is read through in pieces by expat, which keeps no tree, and each element is shown to `elements`."""
    from xml.parsers import expat

    parser: Any = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_document_type
    if elements is not None:
        name = part.filename
        parser.StartElementHandler = lambda tag, attributes: elements(name, tag, attributes)
    try:
        with package.open(part) as stream:
            while piece := stream.read(_PIECE):
                parser.Parse(piece, False)
        parser.Parse(b"", True)
    except _DocumentType:
        return (
            f"its part {part.filename!r} declares a document type (<!DOCTYPE), which an Office file never does and "
            "which could make it expand to fill memory or read other files"
        )
    except expat.ExpatError as error:
        return f"damaged: its part {part.filename!r} is not well-formed XML ({error})"
    return None


def check_package(
    content: bytes, kind: str, main_part: str, max_part_bytes: int | None = None, elements: ElementCheck | None = None
) -> None:
    """Raise PackageProblem unless `content` is a zip package holding `main_part`, whose parts are no more than
    MAX_PARTS, each unpacks to the size its zip directory states (and to no more than `max_part_bytes`, when
    given), and all of them to no more than MAX_UNPACKED_BYTES, and each XML part is well-formed, without a
    document type (and passes `elements`, when given, element by element). Every part is unpacked to count it,
    in pieces of 64 KB, so the check itself never holds more than a piece."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise TooLarge(f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes or {MAX_PARTS} parts, the limits")
            if main_part not in {part.filename for part in parts}:
                raise PackageProblem(f"not {kind}: it has no {main_part}")
            for part in parts:
                if part.compress_type not in _OFFICE_COMPRESSION:
                    raise PackageProblem(f"not {kind}: its part {part.filename!r} is compressed in a way Office is not")
                if max_part_bytes is not None and part.file_size > max_part_bytes:
                    raise TooLarge(
                        f"its part {part.filename!r} unpacks to {part.file_size:,} bytes, more than the limit of "
                        f"{max_part_bytes:,}"
                    )
                real, crc = _real_size(package, part, part.file_size)
                if real != part.file_size:
                    stated = f"{part.file_size:,} bytes"
                    found = f"more than {stated}" if real > part.file_size else f"{real:,} bytes"
                    raise PackageProblem(
                        f"damaged: its part {part.filename!r} is stated as {stated} but unpacks to {found}"
                    )
                if crc != part.CRC:
                    raise PackageProblem(f"damaged: its part {part.filename!r} fails its check (CRC-32)")
                if part.filename.lower().endswith(_XML_PARTS) and (problem := _xml_problem(package, part, elements)):
                    raise PackageProblem(problem)
    except PackageProblem:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError, NotImplementedError) as error:
        reason = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        raise PackageProblem(f"not {kind}, or damaged: {reason}") from None
