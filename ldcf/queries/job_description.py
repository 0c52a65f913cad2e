"""The parts of a plain-text job description, as copied from a PDF or a Word file: its fields (job title, band,
reporting lines), its purpose, its duties under their headings, its person specification, and the Agenda for
Change band or Career Framework level it states.

Extraction loses layout, and this recovers what it can: wrapped lines are joined, a section number alone on its
line is joined to the heading after it, and the two columns of a person specification ("Essential Desirable")
are told apart by where their lines wrap, the narrower column's lines wrapping sooner. What cannot be told apart
(a short requirement that fits either column) is marked as a guess, for a person to check.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Part = Literal["purpose", "duties", "person", "other"]
Column = Literal["essential", "desirable"]
AREAS = ("qualifications", "experience", "knowledge", "skills", "personal_attributes", "other")

# Numbering and bullets that start a duty: 3.1.2, 2.4, 1., 1), a), (a), -, *, and the bullets PDFs leave.
_NUMBERING = re.compile(r"^\s*(?P<label>\d+(?:\.\d+)+\.?|\d+[.)]|\(?[a-z][.)]|[-*\u2022\u25aa\u25e6\u2023\uf0b7])\s+")
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*\.?|\d+[.)]")
# Page furniture that text extracted from a PDF keeps: "Page 3 of 12", a page number alone.
_FURNITURE = re.compile(r"^(page \d+( of \d+)?|\d+)$", re.IGNORECASE)
# A line ending in one of these words breaks a sentence, so the next line continues it.
_CONTINUED_AFTER = frozenset(
    (
        "and",
        "or",
        "of",
        "the",
        "to",
        "for",
        "with",
        "in",
        "a",
        "an",
        "by",
        "on",
        "at",
        "from",
        "their",
        "its",
        "as",
        "our",
        "your",
    )
)
_SENTENCE_END = ".!?:;"
_FIELD = re.compile(r"(?P<name>[^:]{1,40}):\s+(?P<value>\S.*)$")
_FEWEST_WORDS = 4  # a duty has at least this many words
_LONGEST_INTRODUCTION = 10  # words of a line such as "The post holder must:" that introduces a list
_LONG_LINE = 8  # words: a line this long after an unfinished numbered duty is the rest of its sentence

# Labelled values of a job description's header, by the role field each gives.
_FIELDS = {
    "job title": "title",
    "post title": "title",
    "title of post": "title",
    "role title": "title",
    "job description": "title",
    "accountable to": "accountable_to",
    "professionally accountable to": "accountable_to",
    "responsible to": "reports_to",
    "reports to": "reports_to",
    "reporting to": "reports_to",
    "line manager": "reports_to",
    "managed by": "reports_to",
    "responsible for": "responsible_for",
    "location": "location",
    "base": "location",
    "based at": "location",
    "service": "area_of_work",
    "department": "area_of_work",
    "directorate": "area_of_work",
    "area of work": "area_of_work",
    "employer": "employer",
    "organisation": "employer",
}
# The band or level a job description states: "Band: 6", "AfC band 6", "Agenda for Change band 8a"; "Career
# Framework level 4", "CF level 4", "level 4 of the L&D Career Framework". An NVQ or ITQ level is neither.
_BAND = re.compile(
    r"\b(?:(?:agenda\s+for\s+change|afc|nhs|pay)\s+)?band(?:ing)?\s*[:\-]?\s*(?P<value>[1-9][a-d]?)\b", re.IGNORECASE
)
_LEVEL = re.compile(
    r"\b(?:career\s+framework|cf)\s*[:\-]?\s*level\s*[:\-]?\s*(?P<value>[1-9])\b"
    r"|\blevel\s*(?P<after>[1-9])\s+(?:of|on|in)\s+the\s+(?:[\w&]+\s+){0,4}?career\s+framework\b",
    re.IGNORECASE,
)
# Headings, by the part of the job description they start.
_PURPOSE = re.compile(
    r"\b(job|post|role)\s+(summary|purpose|overview|profile)\b|\bmain purpose\b|\bpurpose of the (post|role|job)\b"
    r"|^(purpose|summary|overview)$",
    re.IGNORECASE,
)
_PERSON = re.compile(r"\bperson(nel)?\s+spec", re.IGNORECASE)
_LEFT_OUT = re.compile(
    r"\b(vision|values|mission|key messages|agreement|further information|about (us|the trust|the organisation)"
    r"|location|signature|equal(ity of)? opportunit)",
    re.IGNORECASE,
)
# The words of a person specification's areas; a heading of these words alone starts one ("Specific skills").
_AREA_WORDS = (
    ("qualifications", re.compile(r"qualification|education", re.IGNORECASE)),
    ("experience", re.compile(r"experience", re.IGNORECASE)),
    ("knowledge", re.compile(r"knowledge|understanding", re.IGNORECASE)),
    ("skills", re.compile(r"skill|abilit", re.IGNORECASE)),
    ("personal_attributes", re.compile(r"personal|attribute|characteristic|qualities|behaviour", re.IGNORECASE)),
    ("other", re.compile(r"\bother\b|requirement|vetting|circumstances", re.IGNORECASE)),
)
_AREA_HEADING_WORDS = frozenset(
    (
        "qualification",
        "qualifications",
        "education",
        "experience",
        "knowledge",
        "understanding",
        "skill",
        "skills",
        "abilities",
        "ability",
        "personal",
        "attribute",
        "attributes",
        "characteristics",
        "qualities",
        "behaviours",
        "other",
        "requirement",
        "requirements",
        "vetting",
        "special",
        "circumstances",
        "specific",
        "key",
        "and",
        "essential",
        "desirable",
        "additional",
    )
)
_DESIRABLE = re.compile(
    r"\bdesirable\b|\badvantage(ous)?\b|\bvaluable\b|\bpreferred\b|\bpreferable\b|\bideally\b"
    r"|\bwould be (useful|helpful|an asset)\b",
    re.IGNORECASE,
)
_NARROW = 0.75  # a wrapped requirement whose first line is shorter than this share of the longest is the narrow column


class Block(NamedTuple):
    """Text that belongs together: a numbered or bulleted item, a paragraph, a heading; its source lines joined."""

    line: int
    label: str
    lines: tuple[str, ...]  # each source line's text, spacing collapsed (the first without its numbering)

    @property
    def text(self) -> str:
        pieces: list[str] = []
        for part in (part for part in self.lines if part):
            # A word hyphenated at the end of a line ("on- / going") goes on without a space.
            hyphenated = pieces and pieces[-1].endswith("-") and pieces[-1][-2:-1].islower() and part[0].islower()
            pieces += [part] if hyphenated or not pieces else [" ", part]
        joined = re.sub(r" (?=[.,;:)])", "", "".join(pieces))
        return re.sub(r"([.!?])\.+(?=\s|$)", r"\1", joined)  # a stray "." on a line of its own


class Item(NamedTuple):
    """A line of a job description's purpose, duties or person specification (or of a part left out: `other`)."""

    line: int
    label: str
    text: str
    part: Part
    heading: str | None  # the heading it is under, as the job description words it
    area: str | None = None  # of a person specification: one of AREAS
    column: Column | None = None
    guessed: bool = False  # the column is a guess: the requirement fits either

    @property
    def is_duty(self) -> bool:
        """Whether it is long enough to compare with NOS titles."""
        return len(self.text.split()) >= _FEWEST_WORDS


class Statement(NamedTuple):
    """A band or level the job description states, where, and in its own words."""

    value: str
    line: int
    words: str


class JobDescription(NamedTuple):
    fields: dict[str, tuple[str, int]]  # role field name: (value, line)
    items: tuple[Item, ...]
    headings: tuple[tuple[str, Part, int], ...]  # each heading, the part it starts, its line
    band: Statement | None
    level: Statement | None
    columns: bool  # a person specification in two columns, told apart by where lines wrap
    left_out: int  # blocks left out: fields, headings, introductions to lists, text with no words

    def part(self, part: Part) -> list[Item]:
        return [item for item in self.items if item.part == part]


def blocks(text: str) -> list[Block]:
    """The blocks of a text: a new one at each numbering or bullet and at a line that does not continue the one
    before it; page furniture and empty lines left out."""
    found: list[tuple[int, str, list[str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line or _FURNITURE.match(line):
            continue
        numbering = _NUMBERING.match(raw)
        if numbering:
            found.append((number, numbering["label"].rstrip("."), [" ".join(raw[numbering.end() :].split())]))
        elif found and _continues(found[-1][1], found[-1][2], line):
            found[-1][2].append(line)
        else:
            found.append((number, "", [line]))
    return [Block(line, label, tuple(parts)) for line, label, parts in found]


def _continues(label: str, previous: list[str], line: str) -> bool:
    """Whether `line` continues the block whose label and lines so far are `label` and `previous`."""
    last = previous[-1]
    if not last:
        return True  # a numbering alone on its line: its text follows
    if line[0] in ".,;:)":
        return True
    if last.count("(") > last.count(")"):
        return True  # "(e.g. Mental" goes on to "Health Act)"
    unfinished = last[-1] not in _SENTENCE_END
    if unfinished and (line[0].islower() or line[0] in "&" or last.split()[-1].lower() in _CONTINUED_AFTER):
        return True
    if unfinished and len(line.split()) <= 3 and line[-1] in ".!?":
        return True  # the last word or two of a sentence: "People."
    # Whether the block so far is a heading; a block of more than three lines is not (nor read whole, each line).
    heading = len(previous) <= 3 and _is_heading(label, " ".join(previous))
    # A name broken over two lines: "... the Liaison and Diversion / Service. This delivery ...", "... of the
    # Liaison and Diversion / Service is:", the line's first sentence ending within two words.
    broken_name = not label and unfinished and last.split()[-1][:1].isupper() and not _FIELD.match(previous[0])
    if broken_name and not heading and re.match(r"\S+(?: \S+)?[.:;!?](?:\s|$)", line):
        return True
    if label[:1].isdigit() and not heading:
        # A numbered duty goes on until the next numbering: its next sentence, or the rest of one that a
        # capitalised name broke ("in accordance with the DCSF / Guidance for Safer Working Practice ...").
        return not _is_heading("", line) or (unfinished and len(line.split()) >= _LONG_LINE)
    return False


def _title_case(text: str) -> bool:
    informative = [word for word in text.split() if len(word) > 3]
    return bool(informative) and not any(word[0].islower() for word in informative)


def _is_heading(label: str, text: str) -> bool:
    """A heading: not a bullet, not ending a sentence, and in title case or short (a numbered one: a section
    number such as 4.0, or title case)."""
    words = text.split()
    if not words or text[-1] in _SENTENCE_END + "," or (label and not label[0].isdigit()):
        return False
    if label:
        section = label.endswith(".0") or label.rstrip(".)").isdigit()
        return len(words) <= 12 and (_title_case(text) or (section and len(words) <= 6))
    return len(words) <= 3 or (len(words) <= 12 and _title_case(text))


def _field(text: str) -> tuple[str | None, str] | None:
    """A labelled value ("Band: 6"): the role field it gives (None for another), and the value; None if the
    text is not one."""
    found = _FIELD.match(text)
    if not found:
        return None
    name = " ".join(found["name"].lower().split())
    if name in _FIELDS:
        return _FIELDS[name], found["value"].strip()
    if _LEVEL.search(name + " " + found["value"]) or _BAND.search(name + " " + found["value"]):
        return None, found["value"]
    if len(name.split()) <= 3 and len(text.split()) <= 8:
        return None, found["value"]
    return None


def _areas(text: str) -> list[str]:
    """The person specification areas a text names, in the order it names them."""
    found = [(match.start(), area) for area, pattern in _AREA_WORDS for match in [pattern.search(text)] if match]
    return [area for _, area in sorted(found)]


def _is_area_heading(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and all(word in _AREA_HEADING_WORDS for word in words) and bool(_areas(text))


def _column_heading(text: str) -> Column | Literal["both"] | None:
    """Which person specification columns a heading or introduction names: "Essential Desirable" both."""
    words = set(re.findall(r"[a-z]+", text.lower())) - {"criteria", "requirements", "requirement"}
    if words == {"essential", "desirable"}:
        return "both"
    if words == {"essential"}:
        return "essential"
    return "desirable" if words == {"desirable"} else None


def _statement(pattern: re.Pattern[str], text: str, starts: list[int]) -> Statement | None:
    import bisect

    found = pattern.search(text)
    if not found:
        return None
    value = found["value"] or (found.groupdict().get("after") or "")
    return Statement(value.lower(), bisect.bisect_right(starts, found.start()), " ".join(found.group().split()))


def read(text: str) -> JobDescription:
    """The parts of a plain-text job description."""
    lines = text.splitlines()
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    flat = "\n".join(lines)
    # A band or level in a labelled field ("Band: 6") is the post's own; else the first the text states.
    stated: dict[str, Statement] = {}

    fields: dict[str, tuple[str, int]] = {}
    items: list[Item] = []
    headings: list[tuple[str, Part, int]] = []
    left_out = 0
    part: Part = "duties"
    heading: str | None = None
    areas: list[str] = []
    column: Column | None = None
    columns = False
    seen_person = False
    widths: dict[int, tuple[int, int | None]] = {}  # person specification items: first line's length, and the
    # length of the first word of the second line when the item wraps
    for block in blocks(text):
        content = block.text
        if not re.search(r"[^\W\d_]", content):
            left_out += 1
            continue
        if not block.label:
            field = _field(content)
            if field is not None:
                name, value = field
                if name and name not in fields:
                    fields[name] = (value, block.line)
                for kind, pattern in (("band", _BAND), ("level", _LEVEL)):
                    found = pattern.search(content)
                    if found and kind not in stated:
                        value = found["value"] or found.groupdict().get("after") or ""
                        stated[kind] = Statement(value.lower(), block.line, " ".join(found.group().split()))
                left_out += 1
                continue
        if _is_heading(block.label, content):
            left_out += 1
            named = _column_heading(content)
            if part == "person" and named == "both":
                columns, column = True, None
                continue
            if part == "person" and named:
                column = "essential" if named == "essential" else "desirable"
                continue
            if _PERSON.search(content):
                part, areas, column, seen_person = "person", [], None, True
            elif part == "person" and _areas(content) and not _LEFT_OUT.search(content):
                areas = _areas(content)  # "Personal" and then "Attributes" name the same area
            elif not block.label and _is_area_heading(content) and not seen_person:
                part, areas, column, seen_person = "person", _areas(content), None, True
            elif _PURPOSE.search(content):
                part = "purpose"
            elif _LEFT_OUT.search(content) or seen_person:
                part = "other"
            else:
                part = "duties"
            heading = content
            headings.append((content, part, block.line))
            continue
        if content.endswith(":") and len(content.split()) <= _LONGEST_INTRODUCTION and not block.label[:1].isdigit():
            named = _column_heading(content)
            if part == "person" and named in ("essential", "desirable"):
                column = "essential" if named == "essential" else "desirable"
            left_out += 1
            continue
        if content.endswith(":") and ". " in content:
            content = content[: content.rindex(". ") + 1]  # "... Service. This delivery principally includes:"
        if part == "person":
            named_areas = [area for area in _areas(content) if area in areas]
            area = (named_areas or areas or _areas(content) or ["other"])[0]
            chosen: Column = column or ("desirable" if _DESIRABLE.search(content) else "essential")
            wrapped = len(block.lines) > 1 and bool(block.lines[1].split())
            widths[len(items)] = (len(block.lines[0]), len(block.lines[1].split()[0]) if wrapped else None)
            items.append(Item(block.line, block.label, content, part, heading, area, chosen))
        else:
            items.append(Item(block.line, block.label, content, part, heading))
    if columns:
        items = _by_width(items, widths)
    band = stated.get("band") or _statement(_BAND, flat, starts)
    level = stated.get("level") or _statement(_LEVEL, flat, starts)
    return JobDescription(fields, tuple(items), tuple(headings), band, level, columns, left_out)


def _by_width(items: list[Item], widths: dict[int, tuple[int, int | None]]) -> list[Item]:
    """Person specification items put in the essential or desirable column by where their lines wrap: a
    wrapped item whose first line is much shorter than the longest wrapped one is in the narrower column, taken
    to be the desirable one (as in the job descriptions these come from). An item on one line is essential,
    and a guess when it is short enough for the narrower column too: shorter than the narrower column's lines
    with the word that did not fit on them."""
    wrapped = [width for width, next_word in widths.values() if next_word is not None]
    if not wrapped:
        return items
    cut = _NARROW * max(wrapped)
    narrow = [width + 1 + next_word for width, next_word in widths.values() if next_word is not None and width < cut]
    fits_narrow = min(narrow, default=0)
    result = list(items)
    for index, (width, next_word) in widths.items():
        if next_word is not None:
            result[index] = items[index]._replace(column="desirable" if width < cut else "essential", guessed=False)
        else:
            result[index] = items[index]._replace(column="essential", guessed=len(items[index].text) < fits_narrow)
    return result
