"""People's records read from files and checked against the framework: one record, a team's folder, or a
folder read by two editions of the data (for a diff's impact on people). Records are personal data: they are
never cached."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ldcf.building.dataset import sorted_problems
from ldcf.framework.entities import Record
from ldcf.framework.lookups import Framework
from ldcf.rules.problems import Problem, has_errors


class TeamRecord(NamedTuple):
    """One person's record as the team report reads it: the record, the file it came from, and its digest (so
    that a sign-off can tell whether the file changed since)."""

    record: Record
    file: str
    digest: str


class RecordsBothWays(NamedTuple):
    """One person's record as each edition reads it: None where it does not fit that edition."""

    name: str
    file: str
    old: Record | None
    new: Record | None


class LoadedRecord(NamedTuple):
    """A person's record as read from a file: the record (None on any error) and the problems found."""

    name: str
    record: Record | None
    problems: tuple[Problem, ...]


def open_record(path: Path, framework: Framework, aim: str | None = None) -> LoadedRecord:
    """Load a person's record and check its codes against the framework; the record is None on any error.
    `aim` is the role a development plan from the record is towards, whose needs its priorities must fit."""
    from ldcf.reading.loader import load_record, locate
    from ldcf.rules.records import check_record

    record, loaded = load_record(path)
    name = next(iter(loaded.file_names), str(path))
    problems = list(loaded.problems)
    if record is not None:
        problems.extend(locate(finding, loaded.parsed_files) for finding in check_record(framework, record, name, aim))
    if has_errors(problems):
        record = None
    return LoadedRecord(name, record, sorted_problems(problems))


def read_record_content(content: bytes, name: str, framework: Framework) -> LoadedRecord:
    """A record from its file's bytes, read and checked as `open_record` reads a file (the same decoding, YAML
    reader, model and rules): for a record about to be written, before it replaces the old one."""
    from pydantic import ValidationError

    from ldcf.reading.loader import NotText, ParsedFile, decode_text, locate
    from ldcf.reading.models import RecordFile, plain
    from ldcf.reading.yaml_positions import YamlError, parse_yaml
    from ldcf.rules import schema
    from ldcf.rules.files import NOT_UTF8
    from ldcf.rules.problems import problem
    from ldcf.rules.records import check_record

    try:
        data, source_map = parse_yaml(decode_text(content))
    except NotText as bad:
        return LoadedRecord(name, None, (problem(NOT_UTF8, name, f"not text ({bad})", bad.line, bad.column),))
    except YamlError as error:
        return LoadedRecord(name, None, (problem(error.rule, name, error.message, error.line, error.column),))
    parsed = {name: ParsedFile(name, data, source_map)}
    try:
        record = plain(RecordFile.model_validate(data))
    except ValidationError as error:
        found = schema.findings(error.errors(include_url=False), name, RecordFile)
        return LoadedRecord(name, None, sorted_problems([locate(finding, parsed) for finding in found]))
    problems = sorted_problems([locate(finding, parsed) for finding in check_record(framework, record, name)])
    return LoadedRecord(name, None if has_errors(problems) else record, problems)


class LoadedTeam(NamedTuple):
    """A folder of people's records: those that are valid, and the problems of those that are not."""

    records: tuple[TeamRecord, ...]
    problems: tuple[Problem, ...]


RECORD_SUFFIXES = (".yaml", ".yml")


def record_digest(content: bytes) -> str:
    """What identifies a record file's content, so that a sign-off can tell whether it changed since."""
    import hashlib

    return hashlib.sha256(content).hexdigest()


def open_team(folder: Path, framework: Framework) -> LoadedTeam:
    """Every record in `folder` (its .yaml files, not its subfolders), in file-name order; a record with errors
    is left out of `records` and its problems reported, so that one bad file does not hide the team."""
    from ldcf.reading.loader import Unreadable, read_bytes

    records: list[TeamRecord] = []
    problems: list[Problem] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in RECORD_SUFFIXES and not p.is_dir()):
        try:
            digest = record_digest(read_bytes(path))
        except Unreadable:
            digest = ""  # open_record reports why
        loaded = open_record(path, framework)
        problems.extend(loaded.problems)
        if loaded.record is not None:
            records.append(TeamRecord(loaded.record, path.name, digest))
    return LoadedTeam(tuple(records), sorted_problems(problems))


def open_records_both_ways(folder: Path, old: Framework, new: Framework) -> list[RecordsBothWays]:
    """Each record in `folder` as each edition reads it, for a diff's impact on people."""
    found = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in RECORD_SUFFIXES and not p.is_dir()):
        before, after = open_record(path, old), open_record(path, new)
        record = after.record or before.record
        name = record.name if record is not None and record.name else path.name
        found.append(RecordsBothWays(name, path.name, before.record, after.record))
    return found
