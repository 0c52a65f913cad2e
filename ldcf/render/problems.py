"""Problem reports in three formats: text for people, GitHub annotations for CI, JSON for scripts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ldcf.framework.naming import UNSAFE_CHARACTERS
from ldcf.render.json import dumps
from ldcf.rules.problems import Problem, Severity, problem_report

_CONTROL_CHARACTERS = re.compile(f"[\\x00-\\x1f]|{UNSAFE_CHARACTERS.pattern}")


def _printable(text: str) -> str:
    """Control characters, which a hostile file name could carry to the terminal, shown as escapes."""
    return _CONTROL_CHARACTERS.sub(lambda found: repr(found.group())[1:-1], text)


def _text(problem: Problem) -> str:
    place = ":".join(str(part) for part in (_printable(problem.file), problem.line, problem.column) if part is not None)
    return f"{place}: {problem.severity.value}: {_printable(problem.message)} ({problem.rule})"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(problem: Problem) -> str:
    properties = [f"file={_escape_property(_printable(problem.file))}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    if problem.column is not None:
        properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(problem.rule)}")
    return f"::{problem.severity.value} {','.join(properties)}::{_escape_data(_printable(problem.message))}"


def summary(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    return errors, len(problems) - errors


def render_lines(problems: Sequence[Problem], line: Callable[[Problem], str]) -> str:
    return "".join(f"{line(problem)}\n" for problem in problems)


def render_text(problems: Sequence[Problem], directory: str) -> str:
    return render_lines(problems, _text)


def render_github(problems: Sequence[Problem], directory: str) -> str:
    return render_lines(problems, _github)


def render_json(problems: Sequence[Problem], directory: str) -> str:
    return dumps(problem_report(problems, directory))


PROBLEM_RENDERERS: dict[str, Callable[[Sequence[Problem], str], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
