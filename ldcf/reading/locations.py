"""Where the data is: which folders a command reads, and which files of a folder are data files.

Kept apart from the reader (`ldcf.reading.loader`) and light to import, since every command needs it, and a command
served from the cache needs nothing of the reader.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

LEVELS_FILE = "levels.yaml"
EDITION_FILE = "edition.yaml"  # the framework's edition: a base states one, an overlay may state its own
COMPETENCES_FILE = "competences.yaml"
COMPETENCES_FOLDER = "competences"  # a catalogue too large for one file is split over competences/*.yaml
ROLES_FOLDER = "roles"
ROLE_SUFFIX = ".yaml"
SETTINGS_FILE = "ldcf.yaml"
DATA_ENVIRONMENT_VARIABLE = "LDCF_DATA"
SHIPPED_DATA_NAME = "ldcf:data"  # how files of the shipped data are named when the user did not name that folder

# ---------------------------------------------------------------------------------------------------------------
# Which data folder


class DataLocation(NamedTuple):
    """The data folders to use, the national base first and local overlays after it, and why these.

    `implied_base` is true when the shipped data was put under folders the user named, as the base they need:
    its problems are then not the user's to fix.
    """

    directories: tuple[Path, ...]
    reason: str
    implied_base: bool = False


def shipped_data_directory() -> Path:
    """The data shipped with ldcf: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data"
    return installed if installed.is_dir() else package.parent / "data"


def is_data_directory(directory: Path) -> bool:
    """A complete data set, which can be a base; a folder without a levels file can only be an overlay."""
    return (directory / LEVELS_FILE).is_file()


def folder_error(directory: Path) -> str | None:
    """Why a folder given as data cannot be data, or None: it must exist and hold at least one data file."""
    shown = printable_name(str(directory))
    if not directory.exists():
        return f"{shown}: no such folder"
    if not directory.is_dir():
        return f"{shown}: not a folder"
    names = (LEVELS_FILE, COMPETENCES_FILE, COMPETENCES_FOLDER, ROLES_FOLDER)
    if not any((directory / name).exists() or (directory / name).is_symlink() for name in names):
        return f"{shown}: holds no ldcf data ({', '.join(names)}); is it the right folder?"
    return None


def locate_data(options: Sequence[Path], environment: Mapping[str, str], cwd: Path) -> DataLocation:
    """--data (repeatable), else $LDCF_DATA (folders separated by the path separator), else ./data when it holds
    a data set, else the shipped data. When the first folder is an overlay, its base is ./data when that holds a
    data set (a maintainer's working copy wins over the installed one), else the shipped data."""
    if options:
        directories, reason = tuple(options), "given on the command line"
    elif environment.get(DATA_ENVIRONMENT_VARIABLE, "").strip(os.pathsep):
        parts = environment[DATA_ENVIRONMENT_VARIABLE].split(os.pathsep)
        directories, reason = tuple(Path(part) for part in parts if part), f"${DATA_ENVIRONMENT_VARIABLE}"
    elif is_data_directory(cwd / "data"):
        directories, reason = (cwd / "data",), "./data"
    else:
        return DataLocation((shipped_data_directory(),), "the data shipped with ldcf")
    if not is_data_directory(directories[0]) and directories[0].is_dir():
        if is_data_directory(cwd / "data"):
            return DataLocation((cwd / "data", *directories), f"{reason}, on ./data", True)
        return DataLocation((shipped_data_directory(), *directories), f"{reason}, on the data shipped with ldcf", True)
    return DataLocation(directories, reason)


def given_folder_error(location: DataLocation) -> str | None:
    """Why a folder the user gave (not the shipped data put under it) cannot be data, or None."""
    given = location.directories[1:] if location.implied_base else location.directories
    return next((error for error in map(folder_error, given) if error is not None), None)


def is_shipped(directory: Path) -> bool:
    return directory.resolve() == shipped_data_directory().resolve()


def folder_label(directory: Path) -> str:
    """How a data folder is named where a competence's provenance is shown."""
    if is_shipped(directory):
        return "national"
    return display_name(directory)


def display_name(path: Path) -> str:
    """Paths under the current folder are shown relative to it, as editors and CI annotations expect. Bytes of
    a file name that are not UTF-8 are shown as escapes (\\xff), so the name can be printed and put in JSON."""
    absolute = path.absolute()
    try:
        name = str(absolute.relative_to(Path.cwd()))
    except ValueError:
        name = str(path)
    return printable_name(name)


def printable_name(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def role_files(directory: Path) -> list[Path]:
    return [Path(path) for path in _yaml_files(os.path.join(directory, ROLES_FOLDER))]


def competence_files(directory: Path) -> list[Path]:
    """`competences.yaml` when there is one, then every file of the `competences` folder, in name order."""
    return [Path(path) for path in _competence_files(str(directory))]


def _competence_files(directory: str) -> list[str]:
    single = os.path.join(directory, COMPETENCES_FILE)
    folder = os.path.join(directory, COMPETENCES_FOLDER)
    return ([single] if os.path.lexists(single) else []) + (_yaml_files(folder) if os.path.isdir(folder) else [])


def _yaml_files(folder: str) -> list[str]:
    return [
        os.path.join(folder, name)
        for name in sorted(os.listdir(folder))
        if name.endswith(ROLE_SUFFIX) and name != ROLE_SUFFIX
    ]


def data_files(directory: Path) -> list[str]:
    """Every file of a data folder that ldcf reads, those that exist, in reading order: as strings, since a
    cached command lists a thousand of them before it starts."""
    folder = str(directory)
    files = [os.path.join(folder, name) for name in (LEVELS_FILE, EDITION_FILE, SETTINGS_FILE)]
    files = [path for path in files if os.path.lexists(path)] + _competence_files(folder)
    roles = os.path.join(folder, ROLES_FOLDER)
    return files + (_yaml_files(roles) if os.path.isdir(roles) else [])
