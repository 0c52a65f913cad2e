"""Reading documents back as their readers find them, whatever the format: the title, headings, tables, labelled
values, links and text. Used by the tests of `ldcf doc`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

COMPETENCE_TABLE = re.compile(r"(Core|Role-specific|Locality-specific) competences\b")


@dataclass
class Read:
    """What a reader of a document finds in it, whatever its format."""

    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[tuple[str, list[list[str]]]] = field(default_factory=list)  # (title, rows with the header first)
    pairs: dict[str, str] = field(default_factory=dict)  # labelled values: job details, the plan's details, forms
    links: dict[str, str] = field(default_factory=dict)  # link text to address
    text: str = ""

    def sections(self) -> list[str]:
        return [text for level, text in self.headings if level == 1]

    def table(self, start: str) -> list[list[str]]:
        found = [rows for title, rows in self.tables if title.startswith(start)]
        assert len(found) == 1, (start, [title for title, _ in self.tables])
        return found[0]

    def competence_tables(self) -> list[tuple[str, list[list[str]]]]:
        return [(title, rows) for title, rows in self.tables if COMPETENCE_TABLE.match(title) and rows[0][0] == "Code"]

    def competence_codes(self) -> list[str]:
        """The first cell of every row of the competence tables."""
        return [row[0] for _, rows in self.competence_tables() for row in rows[1:]]


def read_docx(path: Path) -> Read:
    word = docx.Document(str(path))
    read = Read(title=word.core_properties.title)
    last_heading = ""
    texts = []
    for item in word.iter_inner_content():
        if isinstance(item, WordParagraph):
            texts.append(item.text)
            style = item.style.name if item.style is not None else ""
            if style == "Title":
                read.headings.append((0, item.text))
            elif style.startswith("Heading "):
                # Word's Heading 1 holds the document's sections; they are level 1 here as in HTML's h2.
                read.headings.append((int(style.removeprefix("Heading ")), item.text))
                last_heading = item.text
        elif isinstance(item, WordTable):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            texts += [cell for row in rows for cell in row]
            header = item.rows[0]._tr.trPr
            if header is None or header.find(qn("w:tblHeader")) is None:  # labelled values, no header row
                read.pairs.update({row[0]: row[1] for row in rows if len(row) == 2})
            read.tables.append((last_heading, rows))
            for row in item.rows:
                for hyperlink in row.cells[0].paragraphs[0].hyperlinks:
                    read.links[hyperlink.text] = hyperlink.address
    read.text = "\n".join(texts)
    return read


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read = Read()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.buffer: list[str] = []
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.last_heading = ""
        self.href: str | None = None
        self.label = ""
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "td", "th", "a", "title", "dt", "dd"):
            self.buffer = []
        if tag == "a":
            self.href = dict(attrs).get("href")
        if tag == "tr":
            self.row = []
        if tag == "table":
            self.rows = []

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self.buffer).strip()
        if tag == "title":
            self.read.title = text
        elif tag in ("h1", "h2", "h3"):
            self.read.headings.append((int(tag[1]) - 1, text))
            self.last_heading = text
        elif tag == "a" and self.href:
            self.read.links[text] = self.href
        elif tag == "dt":
            self.label = text
        elif tag == "dd":
            self.read.pairs[self.label] = text
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(text)
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.read.tables.append((self.last_heading, self.rows))
            if not any(t == "thead" for t, _ in self.tags[self._table_start() :]):
                self.read.pairs.update({row[0]: row[1] for row in self.rows if len(row) == 2})

    def _table_start(self) -> int:
        return max(index for index, (tag, _) in enumerate(self.tags) if tag == "table")

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)
        self.texts.append(data)


def read_html(path: Path) -> tuple[Read, _HtmlReader]:
    reader = _HtmlReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.read.text = "".join(reader.texts)
    return reader.read, reader


_PAIR = re.compile(r"- \*\*(?P<label>.+?):\*\* (?P<value>.*)")


def read_markdown(text: str) -> Read:
    read = Read()
    lines = text.splitlines()
    last_heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            hashes = len(line) - len(line.lstrip("#"))
            read.headings.append((hashes - 1, line[hashes + 1 :]))
            last_heading = line[hashes + 1 :]
        elif line.startswith("| "):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                if not lines[index].startswith("| ---") and not lines[index].startswith("|---"):
                    cells = [cell.strip() for cell in lines[index].strip("|").split(" | ")]
                    rows.append([_markdown_cell(cell) for cell in cells])
                index += 1
            read.tables.append((last_heading, rows))
            continue
        elif found := _PAIR.fullmatch(line):
            value = found["value"].replace("\\", "")
            read.pairs[found["label"].replace("\\", "")] = "" if set(value) == {"_"} else value
        index += 1
    read.title = read.headings[0][1] if read.headings else ""
    read.text = text
    return read


def _markdown_cell(cell: str) -> str:
    if cell.startswith("[") and "](" in cell:
        cell = cell[1 : cell.index("](")]
    return cell.replace("\\", "")


def write(run, tmp_path: Path, name: str, *arguments: str, data: Path | None = None) -> Path:
    output = tmp_path / name
    result = run(*(["--data", str(data)] if data else []), "doc", *arguments, "-o", str(output))
    assert result.exit_code == 0, result.output
    assert f"wrote {output}" in result.stderr
    return output


def read_any(path: Path) -> Read:
    if path.suffix == ".docx":
        return read_docx(path)
    if path.suffix == ".html":
        return read_html(path)[0]
    return read_markdown(path.read_text(encoding="utf-8"))


# The sections of a development plan towards the Practitioner, in order, as docs/documents.md lists them.
PLAN_SECTIONS = [
    "About this plan",
    "Priorities for the year",
    "What is held",
    "What is being worked towards",
    "Indicative learning for Practitioner",
    "Sign-off",
    "Review log",
]
