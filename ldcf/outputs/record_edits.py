"""A manager's decisions written into a person's record file, changing only the lines they concern.

Every other byte stays as the person wrote it: comments, order, quoting, indentation, line endings (CRLF
included), a byte-order mark, the encoding (UTF-8 or UTF-16), and a document end marker (`...`). Where a change
cannot be made that way (a list written in flow style, `[...]`, with entries in it), the record is reported as
one that cannot be edited, and left as it is.

What the decisions do, and what the record must read as afterwards (`expected_record`):

- confirmed: the held entry gains `confirmed_by`, `confirmed_on` and `confirmed_edition` (the digest of the
  competence's definition confirmed, `ldcf.framework.confirmations`), and loses a rejection; a competence the
  record does not hold is added to `held` so, and leaves `working_towards` or `not_yet_assessed`;
- not yet confirmed: the held entry loses the decision it had;
- rejected: the held entry keeps the person's evidence and date and gains `rejected_by` and `rejected_on`.

Every value written is double-quoted, so that YAML reads it back as text: a reviewer named Yes or On stays a
name.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from ldcf.framework.confirmations import edition_of
from ldcf.framework.entities import Held, Record
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.queries.team import CONFIRMED, NOT_YET_CONFIRMED, REJECTED


class NotEditable(Exception):
    """A record whose decisions cannot be written by changing only their own lines; the message says why."""


_DECISION_FIELDS = ("confirmed_by", "confirmed_on", "confirmed_edition", "rejected_by", "rejected_on")


class EntryDecision(NamedTuple):
    key: str  # the competence's key
    decision: str  # CONFIRMED, NOT_YET_CONFIRMED or REJECTED
    reviewer: str | None  # for CONFIRMED and REJECTED
    on: str | None  # YYYY-MM-DD, for CONFIRMED and REJECTED


def _edition(framework: Framework, key: str) -> str:
    """The `confirmed_edition` a confirmation of the competence `key` records."""
    try:
        return edition_of(framework.find_competence(key))
    except UnknownName:
        raise NotEditable(f"the framework has no competence {key}") from None


def _quoted(value: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, and YAML reads it back as the same text.
    return json.dumps(value, ensure_ascii=False)


def _decoded(content: bytes) -> tuple[str, bytes, str]:
    """The record's text, its byte-order mark and its encoding, to write it back the same way."""
    for mark, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                        (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if content.startswith(mark):
            return content[len(mark) :].decode(codec), mark, codec
    return content.decode("utf-8"), b"", "utf-8"


class _Text:
    """The record's text and the changes planned to it, each a span replaced, applied at once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.edits: list[tuple[int, int, str]] = []

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Just after the newline that ends the line holding `index` (the end of the text on the last line)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def last(self, node: Any) -> int:
        """The index of the last character of `node`'s own text (not the spaces or newlines after it)."""
        start: int = node.start_mark.index
        end: int = node.end_mark.index
        while end > start and self.text[end - 1] in " \t\r\n":
            end -= 1
        return max(end - 1, start)

    def lines(self, *lines: str) -> str:
        return "".join(line + self.newline for line in lines)

    def insert_after_line(self, index: int, lines: str) -> None:
        at = self.line_end(index)
        if at == len(self.text) and not self.text.endswith("\n"):
            lines = self.newline + lines
        self.edits.append((at, at, lines))

    def result(self) -> str:
        out, position = [], 0
        for start, end, replacement in sorted(self.edits, key=lambda edit: (edit[0], edit[1])):
            if start < position:
                raise NotEditable("two changes overlap")  # never made by the planning below
            out += [self.text[position:start], replacement]
            position = end
        out.append(self.text[position:])
        return "".join(out)


def _pairs(node: Any) -> dict[str, tuple[Any, Any]]:
    return {key.value: (key, value) for key, value in node.value}


def _key_of(framework: Framework, entry: Any) -> str | None:
    code = _pairs(entry).get("code")
    if code is None or not isinstance(code[1].value, str):
        return None
    try:
        return framework.find_competence(code[1].value).key
    except UnknownName:
        return None


def _block_entries(field: str, node: Any) -> list[Any]:
    """The entries of a list (`held:`...) as block mappings; a list written in flow style cannot be edited."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return []  # empty: `held:` with nothing, or null
    if not isinstance(node, yaml.SequenceNode):
        raise NotEditable(f"its {field} is not a list")
    if node.flow_style and node.value:
        raise NotEditable(f"its {field} list is written in [...] (flow style): write it one entry to a line")
    for entry in node.value:
        if not isinstance(entry, yaml.MappingNode) or entry.flow_style:
            raise NotEditable(f"an entry of its {field} is written in {{...}} (flow style): write `- code: ...`")
    return list(node.value)


def _set_fields(text: _Text, entry: Any, values: dict[str, str | None]) -> None:
    """Give the entry each field in `values` (None removes it), changing only those fields' lines."""
    pairs = _pairs(entry)
    first_key = entry.value[0][0]
    indent = " " * first_key.start_mark.column
    added = []
    for field, value in values.items():
        found = pairs.get(field)
        if found is not None:
            key, node = found
            if key is first_key:
                raise NotEditable(f"an entry of its held list starts with {field}: put `code` first")
            start = text.line_start(key.start_mark.index)
            if text.text[start : key.start_mark.index].strip():
                raise NotEditable(f"its {field} shares a line with another field")
            text.edits.append((start, text.line_end(text.last(node)), ""))
        if value is not None:
            added.append(f"{indent}{field}: {_quoted(value)}")
    if added:
        last = max(text.last(node) for _, node in entry.value)
        text.insert_after_line(last, text.lines(*added))


def _remove_entry(text: _Text, entry: Any) -> None:
    """Take an entry out of its list, with the comment lines just above it that are written for it."""
    start = text.line_start(entry.start_mark.index)
    before = text.text[start : entry.start_mark.index]
    if before.strip() != "-":
        raise NotEditable("an entry of its lists does not start its own line with '- '")
    dash = before.index("-")
    end = text.line_end(max(text.last(node) for _, node in entry.value))
    while start > 0:
        above = text.line_start(start - 1)
        line = text.text[above:start].rstrip("\r\n")
        if not (line.lstrip().startswith("#") and len(line) - len(line.lstrip()) == dash):
            break
        start = above
    text.edits.append((start, end, ""))


def _add_held(text: _Text, root: Any, pairs: dict[str, tuple[Any, Any]], held: list[Any], adding: list[str]) -> None:
    """Append new held entries (each a list of lines without indentation, `- code` first) to `held`, making the
    list where the record has none."""
    import yaml

    if held:
        entry = held[0]
        dash = text.text[text.line_start(entry.start_mark.index) : entry.start_mark.index].index("-")
        column = entry.value[0][0].start_mark.column
        after = max(text.last(node) for _, node in held[-1].value)
        text.insert_after_line(after, text.lines(*_indented(adding, dash, column)))
        return
    root_column = root.value[0][0].start_mark.column
    dash, column = root_column + 2, root_column + 4
    if "held" in pairs:
        key, node = pairs["held"]
        if isinstance(node, yaml.SequenceNode) or node.value:  # `held: []`, `held: ~` or `held: null`
            start = node.start_mark.index
            while start > 0 and text.text[start - 1] in " \t":
                start -= 1
            text.edits.append((start, node.end_mark.index, ""))
        text.insert_after_line(key.start_mark.index, text.lines(*_indented(adding, dash, column)))
        return
    after = max(text.last(node) for _, node in root.value)
    lines = [" " * root_column + "held:", *_indented(adding, dash, column)]
    text.insert_after_line(after, text.lines(*lines))


def _indented(adding: list[str], dash: int, column: int) -> list[str]:
    return [(" " * dash + line) if line.startswith("- ") else (" " * column + line) for line in adding]


def decide(content: bytes, decisions: Sequence[EntryDecision], framework: Framework) -> bytes:
    """The record whose file holds `content` with `decisions` written in, every other byte kept. Raises
    NotEditable when that cannot be done."""
    import yaml

    try:
        source, mark, codec = _decoded(content)
        # libyaml's marks count characters, as Python's do, so its nodes' places index the text as the pure one's.
        root = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise NotEditable(f"it cannot be read as it was ({type(error).__name__})") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        raise NotEditable("it is not a record written as `key: value` lines")
    text = _Text(source)
    pairs = _pairs(root)
    lists = {
        field: _block_entries(field, pairs[field][1]) if field in pairs else []
        for field in ("held", "working_towards", "not_yet_assessed")
    }
    entries = {field: {_key_of(framework, entry): entry for entry in found} for field, found in lists.items()}
    adding: list[str] = []
    removed: dict[str, int] = {}
    for decision in decisions:
        entry = entries["held"].get(decision.key)
        if decision.decision == CONFIRMED:
            values = {"rejected_by": None, "rejected_on": None, "confirmed_by": decision.reviewer,
                      "confirmed_on": decision.on, "confirmed_edition": _edition(framework, decision.key)}  # fmt: skip
        elif decision.decision == REJECTED:
            values = {"confirmed_by": None, "confirmed_on": None, "confirmed_edition": None,
                      "rejected_by": decision.reviewer, "rejected_on": decision.on}  # fmt: skip
        elif decision.decision == NOT_YET_CONFIRMED:
            values = dict.fromkeys(_DECISION_FIELDS)
        else:
            raise NotEditable(f"unknown decision {decision.decision!r}")
        if entry is not None:
            present = _pairs(entry)
            _set_fields(text, entry, {field: value for field, value in values.items()
                                      if value is not None or field in present})  # fmt: skip
            continue
        if decision.decision != CONFIRMED:
            raise NotEditable(f"it does not hold {decision.key}, so there is no claim to decide on")
        for field in ("working_towards", "not_yet_assessed"):
            listed = entries[field].get(decision.key)
            if listed is not None:
                _remove_entry(text, listed)
                removed[field] = removed.get(field, 0) + 1
        assert decision.reviewer is not None
        assert decision.on is not None
        adding += [f"- code: {_quoted(decision.key)}", f"confirmed_by: {_quoted(decision.reviewer)}",
                   f"confirmed_on: {_quoted(decision.on)}",
                   f"confirmed_edition: {_quoted(_edition(framework, decision.key))}"]  # fmt: skip
    if adding:
        _add_held(text, root, pairs, lists["held"], adding)
    for field, count in removed.items():
        if count == len(lists[field]):  # the list is empty now: say so, as `[]`, rather than leave it null
            key = pairs[field][0]
            colon = text.text.find(":", key.end_mark.index)
            rest = text.text[colon + 1 : text.line_end(colon)].strip()
            if colon >= 0 and (not rest or rest.startswith("#")):
                text.edits.append((colon + 1, colon + 1, " []"))
    return mark + text.result().encode(codec)


def _key(framework: Framework, code: str) -> str | None:
    try:
        return framework.find_competence(code).key
    except UnknownName:
        return None


def expected_record(record: Record, decisions: Sequence[EntryDecision], framework: Framework) -> Record:
    """What the record must read as once `decisions` are written: the check that the edit did what it meant and
    nothing else."""
    by_key = {decision.key: decision for decision in decisions}
    held: list[Held] = []
    for entry in record.held:
        decision = by_key.get(_key(framework, entry.code) or "")
        if decision is None:
            held.append(entry)
        elif decision.decision == CONFIRMED:
            edition = _edition(framework, decision.key)
            held.append(entry._replace(confirmed_by=decision.reviewer, confirmed_on=decision.on, rejected_by=None,
                                       rejected_on=None, confirmed_edition=edition))  # fmt: skip
        elif decision.decision == REJECTED:
            held.append(entry._replace(confirmed_by=None, confirmed_on=None, confirmed_edition=None,
                                       rejected_by=decision.reviewer, rejected_on=decision.on))  # fmt: skip
        else:
            held.append(entry._replace(confirmed_by=None, confirmed_on=None, confirmed_edition=None,
                                       rejected_by=None, rejected_on=None))  # fmt: skip
    holding = {_key(framework, entry.code) for entry in record.held}
    added = [d for d in decisions if d.key not in holding and d.decision == CONFIRMED]
    held += [Held(d.key, None, None, d.reviewer, d.on, confirmed_edition=_edition(framework, d.key)) for d in added]
    moved = {d.key for d in added}
    return record._replace(
        held=tuple(held),
        working_towards=tuple(e for e in record.working_towards if _key(framework, e.code) not in moved),
        not_yet_assessed=tuple(e for e in record.not_yet_assessed if _key(framework, e.code) not in moved),
    )
