"""The parts a page is made of: headings, paragraphs, fields, tables and bulleted lists. Views and documents are
built of them, and each renderer writes them out in its own format. Text is cleaned as a block is made, so
that no renderer meets a character that could drive a terminal or hide what the text says."""

# No `from __future__ import annotations`: typing compiles each string annotation of a named tuple's fields
# as the class is made, which costs more at start-up than the annotations as objects do.

import re
from collections.abc import Iterable
from typing import NamedTuple

from ldcf.framework.naming import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS

NO_CODE = "(no code)"  # how a competence without a NOS code is shown in place of its code

# Not characters at all: halves of a surrogate pair alone, which UTF-8 cannot encode, and the non-characters
# U+FFFE and U+FFFF, which XML cannot hold. Either would stop a file being written or opened.
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """Text as it may be shown: control characters, which could drive a terminal, and what is not text at all
    are removed, and invisible characters (bidirectional controls, zero-width characters), which could make it
    read differently from what it holds, are shown as escapes such as \\u202e. What is left is safe for every
    format, XML (Word, HTML) included."""
    shown = "" if text is None else str(text)
    if shown.isprintable():  # every character the patterns below find is one Python counts as not printable
        return shown
    shown = _NOT_TEXT.sub("", CONTROL_CHARACTERS.sub("", shown))
    return INVISIBLE_CHARACTERS.sub(lambda found: f"\\u{ord(found.group()):04x}", shown)


class Heading(NamedTuple):
    text: str
    level: int = 1


class Paragraph(NamedTuple):
    text: str


class Fields(NamedTuple):
    """Labelled values. In a document, a value left empty ("") is a space to write in by hand."""

    pairs: tuple[tuple[str, str], ...]


class Table(NamedTuple):
    """Rows under column headers. A document's table may say more about its layout: the columns' relative
    `widths` (else they are sized from what they hold), the least height of a body row in millimetres
    (`row_height`, for writing in by hand or signing), the columns whose cells must never wrap (`nowrap`, for
    codes), and whether the first cell of each row labels it (`row_labels`, as in a form; `headers` may then
    be empty, for no header row). An empty title, or one that repeats its section's heading, is not shown."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: tuple[str | None, ...] = ()  # for each row, a web address its first cell names, where there is one
    widths: tuple[float, ...] = ()
    row_height: float = 0.0
    nowrap: tuple[int, ...] = ()
    row_labels: bool = False

    @property
    def columns(self) -> int:
        return len(self.headers) if self.headers else max((len(row) for row in self.rows), default=0)


class Bullets(NamedTuple):
    title: str
    items: tuple[str, ...]


Block = Heading | Paragraph | Fields | Table | Bullets


def heading(text: str, level: int = 1) -> Heading:
    return Heading(clean(text), level)


def paragraphs(text: str | None) -> list[Block]:
    return [Paragraph(clean(part)) for part in (text or "").split("\n") if part.strip()]


def fields(*pairs: tuple[str, object]) -> Fields:
    return Fields(tuple((label, clean(value)) for label, value in pairs if value not in (None, "", ())))


def fields_to_fill(*pairs: tuple[str, object]) -> Fields:
    """Labelled values for a form: a value not given (None or empty) stays, as a space to write in."""
    return Fields(tuple((label, clean(value)) for label, value in pairs))


def table(
    title: str,
    headers: Iterable[str],
    rows: Iterable[Iterable[object]],
    links: Iterable[str | None] = (),
    *,
    widths: Iterable[float] = (),
    row_height: float = 0.0,
    nowrap: Iterable[int] = (),
    row_labels: bool = False,
) -> Table:
    return Table(
        clean(title),
        tuple(clean(header) for header in headers),
        tuple(tuple(clean(cell) for cell in row) for row in rows),
        tuple(links),
        tuple(widths),
        row_height,
        tuple(nowrap),
        row_labels,
    )


def bullets(title: str, items: Iterable[object]) -> list[Block]:
    """A bulleted list under `title` (none shown when it is empty), or nothing when there are no items."""
    cleaned = tuple(clean(item) for item in items if item)
    return [Bullets(clean(title), cleaned)] if cleaned else []


def shown_title(title: str, section_heading: str) -> str:
    """The title a table or list is shown under in its section: none when it would only repeat the section's
    heading (so that no heading is printed twice)."""
    return "" if title.strip().casefold() == section_heading.strip().casefold() else title


# A web address that every format can link to as it is: no space, quote, angle bracket or backslash.
_SAFE_ADDRESS = re.compile(r"https?://[^\s<>\\\"'`]+")


def web_address(address: str | None) -> str | None:
    """`address` when it is a plain web address that is safe to link to, otherwise None."""
    return address if address and _SAFE_ADDRESS.fullmatch(address) else None


# A document is sections of blocks, built once by ldcf.outputs.job_description or ldcf.outputs.development_plan
# and written by each format's renderer.
GENERATOR = "ldcf"
LANGUAGE = "en-GB"


class Section(NamedTuple):
    heading: str
    blocks: tuple[Block, ...]
    new_page: bool = False  # printed from the top of a page (an appendix)


class Document(NamedTuple):
    kind: str  # what the document is, as its readers name it: a job description, a development plan
    title: str
    subject: str
    author: str
    sections: tuple[Section, ...]
    language: str = LANGUAGE
    footer: str = ""  # printed at the foot of every page, before the page number (Word, and HTML printed)
