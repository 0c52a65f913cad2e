"""Problems found in the data: values that are collected, sorted and rendered, never raised."""

from __future__ import annotations

import enum
from dataclasses import dataclass

DataPath = tuple[str | int, ...]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A problem at a place in a file. Line and column count from 1; None when the file as a whole is meant."""

    file: str
    line: int | None
    column: int | None
    severity: Severity
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.message)


@dataclass(frozen=True)
class Finding:
    """A problem located by its path inside a file's data, before that path is turned into a line and column."""

    file: str
    path: DataPath
    severity: Severity
    message: str
    at_key: bool = False
    also: tuple[str, DataPath] | None = None  # a second place the message refers to, such as a conflicting one


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)
