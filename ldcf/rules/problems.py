"""Problems found in the data: values that are collected, sorted and rendered, never raised.

Every problem is an instance of a named rule (`ldcf.rules`), so that it can be looked up, documented and
switched off by name.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ldcf.rules import Rule

DataPath = tuple[str | int, ...]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """A problem at a place in a file. Line and column count from 1; None when the file as a whole is meant."""

    file: str
    line: int | None
    column: int | None
    severity: Severity
    message: str
    rule: str

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.message)

    def with_severity(self, severity: Severity) -> Problem:
        return self._replace(severity=severity)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
        }


def problem(rule: Rule, file: str, message: str, line: int | None = None, column: int | None = None) -> Problem:
    """A problem of `rule`, with the rule's own severity."""
    return Problem(file, line, column, rule.severity, message, rule.id)


class Finding(NamedTuple):
    """A problem located by its path inside a file's data, before that path is turned into a line and column."""

    file: str
    path: DataPath
    rule: Rule
    message: str
    at_key: bool = False
    also: tuple[str, DataPath] | None = None  # a second place the message refers to, such as a conflicting one


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)


def problem_report(problems: Sequence[Problem], directory: str) -> dict[str, object]:
    """The problems found in `directory` as `ldcf validate --format json` prints them."""
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    return {
        "directory": directory,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [problem.to_dict() for problem in problems],
    }
