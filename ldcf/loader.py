"""Reading the data folders: the only module that touches files.

Each file is read with its positions (`ldcf.yaml_reader`) and validated against its model here, because only
here are the positions known that turn a Pydantic error into `file:line:column`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldcf.problems import Finding, Problem, Severity
from ldcf.yaml_reader import SourceMap, YamlError, parse_yaml

LEVELS_FILE = "levels.yaml"
COMPETENCES_FILE = "competences.yaml"
ROLES_FOLDER = "roles"
ROLE_SUFFIX = ".yaml"
DATA_ENVIRONMENT_VARIABLE = "LDCF_DATA"

MAX_FILE_BYTES = 10 * 1024 * 1024


# ---------------------------------------------------------------------------------------------------------------
# Which data folder


@dataclass(frozen=True)
class DataLocation:
    """The data folders to use, the national base first and local overlays after it, and why these."""

    directories: tuple[Path, ...]
    reason: str


def shipped_data_directory() -> Path:
    """The data shipped with ldcf: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "data"
    return installed if installed.is_dir() else package.parent / "data"


def is_data_directory(directory: Path) -> bool:
    """A complete data set, which can be a base; a folder without a levels file can only be an overlay."""
    return (directory / LEVELS_FILE).is_file()


def locate_data(options: Sequence[Path], environment: Mapping[str, str], cwd: Path) -> DataLocation:
    """--data (repeatable), else $LDCF_DATA (folders separated by the path separator), else ./data when it holds
    a data set, else the shipped data. When the first folder is an overlay, the shipped data is its base."""
    if options:
        directories, reason = tuple(options), "given on the command line"
    elif environment.get(DATA_ENVIRONMENT_VARIABLE):
        parts = environment[DATA_ENVIRONMENT_VARIABLE].split(os.pathsep)
        directories, reason = tuple(Path(part) for part in parts if part), f"${DATA_ENVIRONMENT_VARIABLE}"
    elif is_data_directory(cwd / "data"):
        directories, reason = (cwd / "data",), "./data"
    else:
        return DataLocation((shipped_data_directory(),), "the data shipped with ldcf")
    if not is_data_directory(directories[0]) and directories[0].is_dir():
        directories = (shipped_data_directory(), *directories)
        reason += ", on the data shipped with ldcf"
    return DataLocation(directories, reason)


def folder_label(directory: Path) -> str:
    """How a data folder is named where a competence's provenance is shown."""
    if directory.resolve() == shipped_data_directory().resolve():
        return "national"
    return display_name(directory)


# ---------------------------------------------------------------------------------------------------------------
# Files and models


@dataclass
class Document:
    """One parsed data file: the name problems are reported under, its data and where each value came from."""

    name: str
    data: Any
    source_map: SourceMap


@dataclass
class LoadedData:
    """Everything read from one data folder: the valid models, the problems, and the documents behind them.

    A base folder must hold a levels file, a competences file and a roles folder; an overlay adds to a base and
    may hold a competences file, a roles folder, or both.
    """

    directory: Path
    label: str
    is_base: bool
    levels_file: str = ""
    competences_file: str = ""
    levels: Any = None
    competences: Any = None
    competences_invalid: bool = False
    roles: list[tuple[str, Any]] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def locate(finding: Finding, documents: Mapping[str, Document]) -> Problem:
    """Turn a finding's data path into a line and column, naming the second place it refers to, if any."""

    def position(file: str, path, at_key: bool = False) -> tuple[int | None, int | None]:
        document = documents.get(file)
        return document.source_map.position(path, at_key) if document else (None, None)

    line, column = position(finding.file, finding.path, finding.at_key)
    message = finding.message
    if finding.also is not None:
        other_file, other_path = finding.also
        other_line, _ = position(other_file, other_path)
        message += f" (see {other_file}" + (f":{other_line}" if other_line else "") + ")"
    return Problem(finding.file, line, column, finding.severity, message)


def display_name(path: Path) -> str:
    """Paths under the current folder are shown relative to it, as editors and CI annotations expect."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_document(path: Path, loaded: LoadedData) -> Document | None:
    name = display_name(path)

    def problem(message: str, line: int | None = None, column: int | None = None) -> None:
        loaded.problems.append(Problem(name, line, column, Severity.ERROR, message))

    try:
        if not path.exists() and not path.is_symlink():
            problem("missing: a data folder needs this file")
            return None
        # Resolved, so that no link (of the file or of a folder above it) leads out of the data folder.
        target = path.resolve(strict=True)
        if not target.is_relative_to(loaded.directory.resolve()):
            problem("a symbolic link to a file outside the data folder; copy the file in instead")
            return None
        if not target.is_file():
            problem("not a regular file")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problem(f"file too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
            return None
        raw = path.read_bytes()
    except RuntimeError:  # Path.resolve(strict=True) on a loop of symbolic links
        problem("a loop of symbolic links")
        return None
    except OSError as error:
        problem(f"cannot read: {error.strerror or error}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problem(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be decoded); save the file as UTF-8", line, column
        )
        return None
    try:
        data, source_map = parse_yaml(text)
    except YamlError as error:
        problem(error.message, error.line, error.column)
        return None
    document = Document(name, data, source_map)
    loaded.documents[name] = document
    if not isinstance(data, dict):
        problem("the top level must be a mapping of keys to values", *source_map.position(()))
        return None
    return document


def _validate(model, document: Document, loaded: LoadedData) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        for detail in details:
            if detail["type"] == "too_short" and _has_error_inside(detail["loc"], details):
                continue  # the list is short only because an item in it failed, which is reported already
            finding = Finding(
                document.name,
                tuple(detail["loc"]),
                Severity.ERROR,
                _describe(detail),
                at_key=detail["type"] == "extra_forbidden",
            )
            loaded.problems.append(locate(finding, loaded.documents))
        return None


def _has_error_inside(location: tuple, details: list[Mapping[str, Any]]) -> bool:
    return any(len(other["loc"]) > len(location) and other["loc"][: len(location)] == location for other in details)


def _describe(detail: Mapping[str, Any]) -> str:
    location = ".".join(str(part) for part in detail["loc"] if not _is_internal(part))
    kind = detail["type"]
    if kind == "extra_forbidden":
        message = "unknown key"
    elif kind == "missing":
        message = "required key is missing"
    elif kind == "too_short":
        message = f"needs at least {detail['ctx']['min_length']} entry"
    elif kind in ("string_type", "int_type", "tuple_type", "dict_type", "model_type"):
        wanted = {
            "string_type": "text",
            "int_type": "a whole number",
            "tuple_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping",
        }[kind]
        message = f"expected {wanted}, got {_describe_input(detail['input'])}"
        if kind == "string_type" and isinstance(detail["input"], (bool, int, float)):
            message += " (put text that YAML reads as a number or yes/no in quotes)"
    else:
        message = str(detail["msg"]).removeprefix("Value error, ")
    return f"{location}: {message}" if location else message


def _is_internal(part: Any) -> bool:
    """Pydantic adds validator names to error locations; they mean nothing to someone editing YAML."""
    return isinstance(part, str) and ("[" in part or part in ("function-after", "constrained-str"))


def _describe_input(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, (dict,)):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    return f"{type(value).__name__} {value!r}"


def role_files(directory: Path) -> list[Path]:
    return sorted(path for path in (directory / ROLES_FOLDER).iterdir() if path.suffix == ROLE_SUFFIX)


def fingerprint(directories: Sequence[Path]) -> str | None:
    """A digest of every data file's path, size, modification time and content; None if any cannot be read.

    The content is part of it, so an edit that keeps a file's size and modification time still changes it.
    """
    import hashlib

    digest = hashlib.blake2b(digest_size=32)
    try:
        for directory in directories:
            digest.update(f"{directory.resolve()}\0".encode())
            roles = role_files(directory) if (directory / ROLES_FOLDER).is_dir() else []
            for path in [directory / LEVELS_FILE, directory / COMPETENCES_FILE, *roles]:
                try:
                    descriptor = os.open(path, os.O_RDONLY)
                except FileNotFoundError:
                    continue
                try:
                    status = os.fstat(descriptor)
                    content = os.read(descriptor, status.st_size + 1)
                finally:
                    os.close(descriptor)
                digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
                digest.update(hashlib.blake2b(content, digest_size=32).digest())
    except OSError:
        return None
    return digest.hexdigest()


def load_directory(directory: Path, is_base: bool = True) -> LoadedData:
    """Read and validate every file of a data folder, collecting every problem rather than stopping."""
    from ldcf.models import CompetencesFile, LevelsFile, Role

    loaded = LoadedData(
        directory,
        label=folder_label(directory),
        is_base=is_base,
        levels_file=display_name(directory / LEVELS_FILE),
        competences_file=display_name(directory / COMPETENCES_FILE),
    )
    if not directory.is_dir():
        loaded.problems.append(
            Problem(display_name(directory), None, None, Severity.ERROR, "not a folder: give a data folder with --data")
        )
        return loaded
    for file_name, model, attribute in (
        (LEVELS_FILE, LevelsFile, "levels"),
        (COMPETENCES_FILE, CompetencesFile, "competences"),
    ):
        path = directory / file_name
        if not is_base and not path.exists() and not path.is_symlink():
            continue
        document = _read_document(path, loaded)
        model_instance = _validate(model, document, loaded) if document is not None else None
        setattr(loaded, attribute, model_instance)
        if attribute == "competences" and model_instance is None:
            loaded.competences_invalid = True
    roles_folder = directory / ROLES_FOLDER
    if not roles_folder.is_dir():
        if is_base:
            loaded.problems.append(
                Problem(
                    display_name(roles_folder),
                    None,
                    None,
                    Severity.ERROR,
                    "missing: a data folder needs a roles folder",
                )
            )
        return loaded
    for path in role_files(directory):
        document = _read_document(path, loaded)
        if document is None:
            continue
        role = _validate(Role, document, loaded)
        if role is None:
            continue
        if path.stem != role.id:
            loaded.problems.append(
                locate(
                    Finding(
                        document.name,
                        ("id",),
                        Severity.ERROR,
                        f"id {role.id!r} does not match the file name {path.name!r}: "
                        "a role file is named after its id, "
                        f"so rename the file to {role.id}{ROLE_SUFFIX} or set id to the file name",
                    ),
                    loaded.documents,
                )
            )
            continue
        loaded.roles.append((document.name, role))
    return loaded


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A plain-text file, such as a job description, as text; or the problem that stops it being read."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, None, None, Severity.ERROR, f"cannot read: {error.strerror or error}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(name, line, None, Severity.ERROR, "not UTF-8 text; save the file as UTF-8")]


def write_new_files(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """Create each file under `folder`; refuse, writing nothing, if any of them exists already.

    Raises FileExistsError naming the first file that exists. Files are opened for exclusive creation, so
    not even a file that appears meanwhile is overwritten.
    """
    paths = [folder / name for name in files]
    for path in paths:
        if path.exists() or path.is_symlink():
            raise FileExistsError(str(path))
    written = []
    for path, text in zip(paths, files.values(), strict=False):
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:
            file.write(text)
        written.append(path)
    return written


def load_record(path: Path) -> tuple[Any, LoadedData]:
    """Read and validate a person's record file; the record is None when the file has errors."""
    from ldcf.models import Record

    loaded = LoadedData(path.resolve().parent, label=display_name(path), is_base=False)
    document = _read_document(path, loaded)
    record = _validate(Record, document, loaded) if document is not None else None
    return record, loaded
