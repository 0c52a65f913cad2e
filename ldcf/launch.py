"""The `ldcf` command's entry point.

`ldcf role show ROLE`, with its output going to a file or a pipe, is the command scripts run most, and importing
click costs about four times the bare interpreter's start; so that one command, in its plain forms, is served
here without click. Everything else, and anything unusual about that command (another option, a folder or role
that is not found, data with errors, a cache that cannot be used), goes to `ldcf.cli`, which does it all again
from the start: nothing is written here until the whole output is ready. Both paths run the same query and the
same renderer, and a test runs them over every combination of options and compares what they print.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn


def main() -> None:
    output = served_without_click(sys.argv[1:], os.environ)
    if output is None:
        from ldcf.cli import main as command_line

        command_line()
        return
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except OSError as error:
        exit_after_output_error(error)


def exit_after_output_error(error: OSError) -> NoReturn:
    """The output could not be written: a reader that went away (`ldcf roles | head -1`) needs nothing more;
    anything else is one line on stderr. Exit 1 either way."""
    if isinstance(error, BrokenPipeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        sys.stderr.write(f"ldcf: cannot write the output: {error.strerror}\n")
    sys.exit(1)


def served_without_click(arguments: list[str], environment: os._Environ[str] | dict[str, str]) -> str | None:
    """The output of `[--data DIR]... role show NAME [--no-locality] [--format table]` to a file or a pipe,
    exactly as `ldcf.cli` would print it; None for anything else, or anything that is not plain success."""
    parsed = _role_show_arguments(arguments)
    if parsed is None or sys.stdout.isatty():
        return None
    data, name, locality = parsed
    try:
        return _role_show(data, name, locality, environment)
    except Exception:  # noqa: BLE001 - whatever went wrong, ldcf.cli does it again and reports it
        return None


def _role_show_arguments(arguments: list[str]) -> tuple[tuple[Path, ...], str, bool] | None:
    data: list[Path] = []
    rest = list(arguments)
    while rest and rest[0].startswith("--data"):
        option = rest.pop(0)
        if option == "--data" and rest:
            value = rest.pop(0)
        elif option.startswith("--data="):
            value = option.removeprefix("--data=")
        else:
            return None
        if not value or value.startswith("-"):
            return None
        data.append(Path(value))
    if rest[:2] != ["role", "show"]:
        return None
    names, locality = [], True
    options = rest[2:]
    while options:
        token = options.pop(0)
        if token == "--no-locality":
            locality = False
        elif token == "--format" and options and options[0] == "table":
            options.pop(0)
        elif token.startswith("-") and token != "--format=table":
            return None
        elif token != "--format=table":
            names.append(token)
    if len(names) != 1:
        return None
    return tuple(data), names[0], locality


def _role_show(
    data: tuple[Path, ...], name: str, locality: bool, environment: os._Environ[str] | dict[str, str]
) -> str | None:
    from ldcf.dataset import open_framework
    from ldcf.locations import given_folder_error, locate_data
    from ldcf.profiles import role_profile
    from ldcf.render import for_github_log, render, terminal_width

    location = locate_data(data, environment, Path.cwd())
    if given_folder_error(location) is not None:
        return None
    data_set = open_framework(location.directories, True, location.implied_base)
    if data_set.notice is not None or data_set.framework is None:
        return None
    profile = role_profile(data_set.framework, name, locality)
    text = render(profile, "table", terminal_width(), terminal=False)
    if environment.get("GITHUB_ACTIONS") == "true":
        text = for_github_log(text)
    text.encode(sys.stdout.encoding or "utf-8")  # what cannot be written is for ldcf.cli to report
    return text
