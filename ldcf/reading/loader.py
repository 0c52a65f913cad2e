"""Reading the data folders: the only module that touches data files.

Each file is read with its positions (`ldcf.reading.yaml_positions`) and validated against its model here, because only
here are the positions known that turn a Pydantic error into `file:line:column`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ldcf.reading.locations import (
    COMPETENCES_FILE,
    COMPETENCES_FOLDER,
    EDITION_FILE,
    LEVELS_FILE,
    ROLE_SUFFIX,
    ROLES_FOLDER,
    SETTINGS_FILE,
    competence_files,
    display_name,
    folder_label,
    printable_name,
    role_files,
)
from ldcf.reading.yaml_positions import SourceMap, YamlError, parse_yaml
from ldcf.rules import Rule
from ldcf.rules.files import FILE_TOO_LARGE, LINK_LOOP, LINK_OUTSIDE_FOLDER, MISSING_FILE, NOT_UTF8, UNREADABLE_FILE
from ldcf.rules.problems import Finding, Problem, problem
from ldcf.rules.settings import RULE_NOT_ADJUSTABLE, UNKNOWN_RULE

# Every data file is read whole into memory, so each has a limit; about 50,000 competences fit in one file, and
# a larger catalogue is split over several (COMPETENCES_FOLDER), each within the limit.
MAX_FILE_BYTES = 10 * 1024 * 1024


# ---------------------------------------------------------------------------------------------------------------
# Files and models


# Plain classes, not dataclasses: a person's record is read with them on every run of `gap --have`, and the
# dataclasses module alone costs about half the bare interpreter's start to import.


class ParsedFile:
    """One parsed data file: the name problems are reported under, its data and where each value came from."""

    def __init__(self, name: str, data: Any, source_map: SourceMap) -> None:
        self.name, self.data, self.source_map = name, data, source_map


class LoadedData:
    """Everything read from one data folder: the valid models, the problems, and the parsed files behind them.

    A base folder must hold a levels file, a competences file and a roles folder; an overlay adds to a base and
    may hold a competences file, a roles folder, or both. `shown_as`, when set, names the folder in reports
    instead of its path.
    """

    levels_file: str = ""
    levels: Any = None
    edition: Any = None  # the folder's edition.yaml, when it has a valid one
    competences_invalid: bool = False

    def __init__(self, directory: Path, label: str, is_base: bool, shown_as: str | None = None) -> None:
        self.directory, self.label, self.is_base, self.shown_as = directory, label, is_base, shown_as
        self.competences: list[tuple[str, Any]] = []  # (file name, model) of each valid file
        self.roles: list[tuple[str, Any]] = []
        self.parsed_files: dict[str, ParsedFile] = {}
        self.problems: list[Problem] = []
        self.settings: dict[str, str] = {}  # a setting by rule id, from the settings file
        self.disabled: dict[tuple[str, int], frozenset[str]] = {}  # by (file, line)
        self.file_names: set[str] = set()

    def name_of(self, path: Path) -> str:
        if self.shown_as is None:
            return display_name(path)
        return printable_name(f"{self.shown_as}/{path.relative_to(self.directory).as_posix()}")


def locate(finding: Finding, parsed_files: Mapping[str, ParsedFile]) -> Problem:
    """Turn a finding's data path into a line and column, naming the second place it refers to, if any."""

    def position(file: str, path: Any, at_key: bool = False) -> tuple[int | None, int | None]:
        parsed = parsed_files.get(file)
        return parsed.source_map.position(path, at_key) if parsed else (None, None)

    line, column = position(finding.file, finding.path, finding.at_key)
    message = finding.message
    if finding.also is not None:
        other_file, other_path = finding.also
        other_line, _ = position(other_file, other_path)
        message += f" (see {other_file}" + (f":{other_line}" if other_line else "") + ")"
    return problem(finding.rule, finding.file, message, line, column)


class Unreadable(Exception):
    """Why a file is not read, as a rule and a message."""

    def __init__(self, rule: Rule, message: str) -> None:
        super().__init__(message)
        self.rule, self.message = rule, message


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's content, at most `limit` bytes: checked on the open file before a byte is read, so that
    a pipe, a device or a huge (even sparse) file can neither hang nor exhaust memory. Raises Unreadable."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Unreadable(UNREADABLE_FILE, f"cannot read: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(UNREADABLE_FILE, "not a regular file (a folder, pipe, socket or device)")
        if status.st_size > limit:
            raise Unreadable(FILE_TOO_LARGE, f"file too large ({status.st_size:,} bytes; the limit is {limit:,})")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise Unreadable(FILE_TOO_LARGE, f"file too large (over {limit:,} bytes, the limit)")
        return b"".join(chunks)
    except OSError as error:
        raise Unreadable(UNREADABLE_FILE, f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


class NotText(Exception):
    """Bytes that are not text in an encoding ldcf reads; where the first bad byte is."""

    def __init__(self, line: int, column: int, byte: int) -> None:
        super().__init__(f"byte 0x{byte:02x} at line {line}")
        self.line, self.column, self.byte = line, column, byte


def decode_text(raw: bytes) -> str:
    """A file's text: UTF-8, with or without a byte-order mark, or UTF-16 with one, which Windows PowerShell's
    `>` writes. Raises NotText naming the first byte that is not text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise NotText(1, 1, raw[error.start]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise NotText(line, column, raw[error.start]) from None


_NOT_UTF8 = "not UTF-8 text (byte 0x{byte:02x} cannot be decoded); save the file as UTF-8"


def _parse_file(
    path: Path, loaded: LoadedData, missing: str = "missing: a data folder needs this file"
) -> ParsedFile | None:
    name = loaded.name_of(path)
    loaded.file_names.add(name)

    def report(rule: Rule, message: str, line: int | None = None, column: int | None = None) -> None:
        loaded.problems.append(problem(rule, name, message, line, column))

    try:
        if not path.exists() and not path.is_symlink():
            report(MISSING_FILE, missing)
            return None
        # Resolved, so that no link (of the file or of a folder above it) leads out of the data folder.
        target = path.resolve(strict=True)
        if not target.is_relative_to(loaded.directory.resolve()):
            report(LINK_OUTSIDE_FOLDER, "a symbolic link to a file outside the data folder; copy the file in instead")
            return None
        raw = read_bytes(target)
    except Unreadable as unreadable:
        report(unreadable.rule, unreadable.message)
        return None
    except (RuntimeError, OSError) as error:  # resolve(strict=True) raises either on a loop of symbolic links
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
            report(LINK_LOOP, "a loop of symbolic links")
        else:
            report(UNREADABLE_FILE, f"cannot read: {error.strerror or error}")
        return None
    try:
        text = decode_text(raw)
    except NotText as bad:
        report(NOT_UTF8, _NOT_UTF8.format(byte=bad.byte), bad.line, bad.column)
        return None
    _read_disable_comments(text, name, loaded)
    try:
        data, source_map = parse_yaml(text)
    except YamlError as error:
        report(error.rule, error.message, error.line, error.column)
        return None
    parsed = ParsedFile(name, data, source_map)
    loaded.parsed_files[name] = parsed
    if not isinstance(data, dict):
        from ldcf.rules.schema import NOT_A_MAPPING  # with difflib: a person's record needs neither

        report(NOT_A_MAPPING, "the top level must be a mapping of keys to values", *source_map.position(()))
        return None
    return parsed


# `# ldcf: disable=rule-id,other-id` at the end of a line, or alone on the line before.
_DISABLE_COMMENT = re.compile(r"(?:^|\s)#\s*ldcf:\s*disable=(?P<ids>\S*)")


def _read_disable_comments(text: str, name: str, loaded: LoadedData) -> None:
    if "ldcf:" not in text:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        found = _DISABLE_COMMENT.search(line)
        if found is None:
            continue
        named = [rule_id for rule_id in found["ids"].split(",") if rule_id]
        column = found.start("ids") + 1
        if not named:
            loaded.problems.append(
                problem(UNKNOWN_RULE, name, "name the rules to disable: disable=RULE-ID", number, column)
            )
        rules = set()
        for rule_id in named:
            complaint = _setting_problem(rule_id)
            if complaint is None:
                rules.add(rule_id)
            else:
                loaded.problems.append(problem(complaint[0], name, complaint[1], number, column))
        applies_to = number + 1 if not line[: found.start()].strip() else number
        loaded.disabled[(name, applies_to)] = loaded.disabled.get((name, applies_to), frozenset()) | rules


def _setting_problem(rule_id: str) -> tuple[Rule, str] | None:
    """Why a rule id cannot be disabled or adjusted, if it cannot."""
    import difflib

    from ldcf.rules import all_rules

    rules = all_rules()
    if rule_id not in rules:
        close = [known for known in rules if known.startswith(rule_id)] or difflib.get_close_matches(rule_id, rules)
        hint = f"; did you mean {close[0]}?" if close else "; `ldcf rules` lists them"
        return UNKNOWN_RULE, f"unknown rule {rule_id!r}{hint}"
    if not rules[rule_id].adjustable:
        return RULE_NOT_ADJUSTABLE, f"the rule {rule_id} guards what the framework is built from: it cannot be adjusted"
    return None


def _read_model(
    path: Path, model: Any, loaded: LoadedData, missing: str = "missing: a data folder needs this file"
) -> Any:
    """The file read and validated against `model`; None, with its problems noted, when it cannot be."""
    parsed = _parse_file(path, loaded, missing)
    if parsed is None:
        return None
    return _validated(parsed, model, loaded)


def _validated(parsed: ParsedFile, model: Any, loaded: LoadedData) -> Any:
    """A parsed file validated against `model`; None, with its problems noted, when it is not valid."""
    from pydantic import ValidationError

    from ldcf.rules import schema

    try:
        return model.model_validate(parsed.data)
    except ValidationError as error:
        for finding in schema.findings(error.errors(include_url=False), parsed.name, model):
            loaded.problems.append(locate(finding, loaded.parsed_files))
        return None


def load_directory(directory: Path, is_base: bool = True, shown_as: str | None = None) -> LoadedData:
    """Read and validate every file of a data folder, collecting every problem rather than stopping."""
    from ldcf.reading.models import CompetencesFile, LevelsFile, RoleFile

    loaded = LoadedData(directory, label=folder_label(directory), is_base=is_base, shown_as=shown_as)
    loaded.levels_file = loaded.name_of(directory / LEVELS_FILE)
    _load_settings(directory, loaded)
    levels_path = directory / LEVELS_FILE
    if is_base or levels_path.exists() or levels_path.is_symlink():
        loaded.levels = _read_model(levels_path, LevelsFile, loaded)
    _load_edition(directory, loaded)
    try:
        paths = competence_files(directory)
    except OSError as error:
        message = f"cannot read the competences folder: {error.strerror or error}"
        loaded.problems.append(problem(UNREADABLE_FILE, loaded.name_of(directory / COMPETENCES_FOLDER), message))
        paths, loaded.competences_invalid = [], True
    if is_base and not paths:
        message = f"missing: a data folder needs this file (or a {COMPETENCES_FOLDER} folder of them)"
        loaded.problems.append(problem(MISSING_FILE, loaded.name_of(directory / COMPETENCES_FILE), message))
        loaded.competences_invalid = True
    for path in paths:
        competences = _read_model(path, CompetencesFile, loaded)
        if competences is None:
            loaded.competences_invalid = True
            _report_duplicates_of_an_invalid_file(loaded.parsed_files.get(loaded.name_of(path)), loaded)
        else:
            loaded.competences.append((loaded.name_of(path), competences))
    roles_folder = directory / ROLES_FOLDER
    if not roles_folder.is_dir():
        if is_base:
            message = "missing: a data folder needs a roles folder"
            loaded.problems.append(problem(MISSING_FILE, loaded.name_of(roles_folder), message))
        return loaded
    try:
        role_paths = role_files(directory)
    except OSError as error:
        message = f"cannot read the roles folder: {error.strerror or error}"
        loaded.problems.append(problem(UNREADABLE_FILE, loaded.name_of(roles_folder), message))
        return loaded
    for path in role_paths:
        role = _read_model(path, RoleFile, loaded)
        if role is None:
            continue
        name = loaded.name_of(path)
        if path.stem != role.id:
            message = (
                f"id {role.id!r} does not match the file name '{printable_name(path.name)}': a role file is named "
                f"after its id, so rename the file to {role.id}{ROLE_SUFFIX} or set id to the file name"
            )
            from ldcf.rules.schema import ID_NOT_FILE_NAME

            loaded.problems.append(locate(Finding(name, ("id",), ID_NOT_FILE_NAME, message), loaded.parsed_files))
            continue
        loaded.roles.append((name, role))
    return loaded


def _load_edition(directory: Path, loaded: LoadedData) -> None:
    """The folder's `edition.yaml`: a base folder without one is reported (missing-edition), an overlay need not
    have one."""
    from ldcf.reading.edition_models import EditionFile
    from ldcf.rules.edition import MISSING_EDITION

    path = directory / EDITION_FILE
    if path.exists() or path.is_symlink():
        loaded.edition = _read_model(path, EditionFile, loaded)
    elif loaded.is_base:
        name = loaded.name_of(path)
        loaded.file_names.add(name)
        message = "missing: name the framework's edition here (name, edition, date, publisher)"
        loaded.problems.append(problem(MISSING_EDITION, name, message))


def _report_duplicates_of_an_invalid_file(parsed: ParsedFile | None, loaded: LoadedData) -> None:
    """A competence defined twice, found in the raw data of a competences file that failed validation, so that
    it is reported in the same run as the file's other errors (the merge, which finds it otherwise, never sees
    an invalid file)."""
    from ldcf.rules.definitions import DEFINED_TWICE

    if parsed is None or not isinstance(parsed.data, dict):
        return
    entries = parsed.data.get("competences")
    if not isinstance(entries, (list, tuple)):
        return
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        field = "code" if "code" in entry else "id"
        key = entry.get(field)
        if not isinstance(key, str):
            continue
        if key in seen:
            finding = Finding(parsed.name, ("competences", index, field), DEFINED_TWICE, f"{key} is defined twice")
            loaded.problems.append(locate(finding, loaded.parsed_files))
        seen.add(key)


def _load_settings(directory: Path, loaded: LoadedData) -> None:
    """The folder's `ldcf.yaml`, if it has one: its rule settings, each naming an adjustable rule."""
    from ldcf.reading.models import SettingsFile

    path = directory / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return
    settings = _read_model(path, SettingsFile, loaded)
    if settings is None:
        return
    name = loaded.name_of(path)
    for rule_id, setting in settings.rules.items():
        complaint = _setting_problem(rule_id)
        if complaint is None:
            loaded.settings[rule_id] = setting
        else:
            finding = Finding(name, ("rules", rule_id), complaint[0], complaint[1], at_key=True)
            loaded.problems.append(locate(finding, loaded.parsed_files))


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A plain-text file, such as a job description, as text; or the problem that stops it being read."""
    name = display_name(path)
    if not path.exists():
        return None, [problem(MISSING_FILE, name, "no such file")]
    try:
        raw = read_bytes(path)
    except Unreadable as unreadable:
        return None, [problem(unreadable.rule, name, unreadable.message)]
    try:
        return decode_text(raw), []
    except NotText as bad:
        return None, [problem(NOT_UTF8, name, _NOT_UTF8.format(byte=bad.byte), bad.line)]


def read_standard_input() -> tuple[str | None, list[Problem]]:
    """Standard input as text, at most MAX_FILE_BYTES; or the problem that stops it being read."""
    import sys

    raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return None, [problem(FILE_TOO_LARGE, "<stdin>", f"more than {MAX_FILE_BYTES:,} bytes, the limit")]
    try:
        return decode_text(raw), []
    except NotText as bad:
        return None, [problem(NOT_UTF8, "<stdin>", _NOT_UTF8.format(byte=bad.byte), bad.line)]


def load_record(path: Path) -> tuple[Any, LoadedData]:
    """Read and validate a person's record file; the record (an entity) is None when the file has errors.

    A record is personal data, never cached, so it is checked on every run: by the checker written from its model
    (`ldcf.reading.record_check`), which needs no pydantic; only a record that checker cannot vouch for, such as
    one with errors, is validated by the model itself, which says what is wrong."""
    from ldcf.reading.record_check import check

    loaded = LoadedData(path.resolve().parent, label=display_name(path), is_base=False)
    parsed = _parse_file(path, loaded, missing="no such file")
    if parsed is None:
        return None, loaded
    record = check(parsed.data)
    if record is not None:
        return record, loaded
    from ldcf.reading.models import RecordFile, plain

    return plain(_validated(parsed, RecordFile, loaded)), loaded
