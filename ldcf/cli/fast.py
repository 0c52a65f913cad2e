"""The `ldcf` command's entry point.

The everyday views, `ldcf role show ROLE`, `ldcf gap FROM TO` and `ldcf path FROM TO`, with their output going to
a file or a pipe, are what scripts run most, and importing click costs about four times the bare interpreter's
start; so those three, in their plain forms, are served here without click. Everything else, and anything unusual
about them (another option, a folder or role that is not found, no route, data with errors, a cache that cannot
be used), goes to `ldcf.cli.app`, which does it all again from the start: nothing is written here until the whole
output is ready. Both paths run the same query and the same renderer, and a test runs them over every
combination of options and compares what they print.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework


def main() -> None:
    # A command lasts a moment and leaves little cyclic garbage, while the collector's default pace (every 700 new
    # objects) walks everything loaded again and again: about 8% of `ldcf path` at national scale.
    gc.set_threshold(50_000, 20, 10)
    output = served_without_click(sys.argv[1:], os.environ)
    if output is None:
        from ldcf.cli.app import main as command_line

        command_line()
        return
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except OSError as error:
        from ldcf.cli.output import exit_after_output_error

        exit_after_output_error(error)
    # All is written and nothing is left to do: freeing every object one by one on the way out would take up to a
    # tenth of the command's time (`role show`), for memory the process gives back anyway.
    os._exit(0)


def served_without_click(arguments: list[str], environment: os._Environ[str] | dict[str, str]) -> str | None:
    """The output of `[--data DIR]... VIEW NAME... [--format table]` to a file or a pipe, where VIEW is `role
    show` (which also takes --no-locality), `gap` or `path`, exactly as `ldcf.cli.app` would print it; None for
    anything else, or anything that is not plain success."""
    parsed = _view_arguments(arguments)
    if parsed is None or sys.stdout.isatty() or _COMPLETION in environment:
        return None
    try:
        return _view(*parsed, environment)
    except Exception:  # noqa: BLE001 - whatever went wrong, ldcf.cli.app does it again and reports it
        return None


_COMPLETION = "_LDCF_COMPLETE"  # set, click completes the command line instead of running it
# Each view served here: the words that name it, how many names it takes, whether it takes --no-locality.
_VIEWS = {("role", "show"): (1, True), ("gap",): (2, False), ("path",): (2, False)}


def _view_arguments(arguments: list[str]) -> tuple[tuple[Path, ...], tuple[str, ...], list[str], bool] | None:
    """The data folders, the view, its names and whether to show locality-specific competences; None unless
    the command line is one of the plain forms served here."""
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
    view = next((words for words in _VIEWS if tuple(rest[: len(words)]) == words), None)
    if view is None:
        return None
    name_count, takes_locality = _VIEWS[view]
    names, locality = [], True
    options = rest[len(view) :]
    while options:
        token = options.pop(0)
        if token == "--no-locality" and takes_locality:
            locality = False
        elif token == "--format" and options and options[0] == "table":
            options.pop(0)
        elif token.startswith("-") and token != "--format=table":
            return None
        elif token != "--format=table":
            names.append(token)
    if len(names) != name_count:
        return None
    return tuple(data), view, names, locality


def _view(
    data: tuple[Path, ...],
    view: tuple[str, ...],
    names: list[str],
    locality: bool,
    environment: os._Environ[str] | dict[str, str],
) -> str | None:
    from ldcf.api.data import NotDataFolder, open_data
    from ldcf.cli.output import under_github_actions
    from ldcf.render import for_github_log, render, terminal_width

    try:
        data_set = open_data(data, environment).data_set
    except NotDataFolder:
        return None
    if data_set.notice is not None or data_set.framework is None:
        return None
    text = render(_result(data_set.framework, view, names, locality), "table", terminal_width(), terminal=False)
    if under_github_actions(environment):
        text = for_github_log(text)
    text.encode(sys.stdout.encoding or "utf-8")  # what cannot be written is for ldcf.cli.app to report
    return text


def _result(framework: Framework, view: tuple[str, ...], names: list[str], locality: bool) -> object:
    from ldcf.api import views

    if view == ("gap",):
        return views.gap(framework, *names)
    if view == ("path",):
        return views.route(framework, *names)
    return views.profile(framework, names[0], locality)
