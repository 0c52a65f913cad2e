"""The `ldcf` command's entry point.

The everyday views, with their output going to a file or a pipe, are what scripts run most, and importing click
costs about four times the bare interpreter's start; so they are served here without click, in their plain forms:
`ldcf role show ROLE`, `ldcf gap FROM TO` (or `gap --have RECORD [TO]`), `ldcf path FROM TO`, `ldcf roles`,
`ldcf level show N`, `ldcf competence show CODE`, `ldcf competence search TEXT` and `ldcf doc job-description ROLE`
(Markdown to standard output). Everything else, and anything unusual about them (another option, a folder, role,
competence or record that is not found or has errors, no route, data with errors, a cache that cannot be used),
goes to `ldcf.cli.app`, which does it all again from the start: nothing is written here until the whole output is
ready. Both paths run the same query and the same renderer, and tests run them over every combination of options
and compare what they print.
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
    """The output of `[--data DIR]... VIEW NAME... [OPTIONS]` to a file or a pipe, for the views of `_VIEWS` in their
    plain forms, exactly as `ldcf.cli.app` would print it; None for anything else, or anything that is not plain
    success."""
    parsed = _view_arguments(arguments)
    if parsed is None or sys.stdout.isatty() or _COMPLETION in environment:
        return None
    try:
        return _view(parsed, environment)
    except Exception:  # noqa: BLE001 - whatever went wrong, ldcf.cli.app does it again and reports it
        return None


_COMPLETION = "_LDCF_COMPLETE"  # set, click completes the command line instead of running it


# Each view served here, by the words that name it: how many names it takes, whether it takes --no-locality,
# --format table and --have RECORD (then it takes one name fewer, or none), and whether its one name is a number.
# (Tuples, not named tuples: defining a class costs more than this module's work.)
_VIEWS: dict[tuple[str, ...], tuple[int, bool, bool, bool, bool]] = {
    ("role", "show"): (1, True, True, False, False),
    ("gap",): (2, False, True, True, False),
    ("path",): (2, False, True, False, False),
    ("roles",): (0, False, True, False, False),
    ("level", "show"): (1, False, True, False, True),
    ("competence", "show"): (1, False, True, False, False),
    ("competence", "search"): (1, False, True, False, False),
    ("doc", "job-description"): (1, False, False, False, False),
}
# What the command line asks for: the data folders, the view, its names, whether to show locality-specific
# competences, and the record.
_Parsed = tuple[tuple[Path, ...], tuple[str, ...], list[str], bool, "Path | None"]


def _view_arguments(arguments: list[str]) -> _Parsed | None:
    """The data folders, the view, its names, whether to show locality-specific competences and the record; None
    unless the command line is one of the plain forms served here."""
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
    name_count, takes_locality, takes_table, takes_record, a_number = _VIEWS[view]
    names, locality, record = [], True, None
    options = rest[len(view) :]
    while options:
        token = options.pop(0)
        if token == "--no-locality" and takes_locality:
            locality = False
        elif token == "--format" and takes_table and options and options[0] == "table":
            options.pop(0)
        elif token == "--format=table" and takes_table:
            continue
        elif takes_record and record is None and (token == "--have" or token.startswith("--have=")):
            value = token.removeprefix("--have=") if token != "--have" else (options.pop(0) if options else "")
            if not value or value.startswith("-"):
                return None
            record = Path(value)
        elif token.startswith("-"):
            return None
        else:
            names.append(token)
    if len(names) not in ((name_count - 1, name_count - 2) if record else (name_count,)):
        return None
    if a_number and not (names[0].isascii() and names[0].isdigit()):
        return None
    return tuple(data), view, names, locality, record


def _view(parsed: _Parsed, environment: os._Environ[str] | dict[str, str]) -> str | None:
    from ldcf.api.data import NotDataFolder, open_data
    from ldcf.cli.output import under_github_actions
    from ldcf.render import for_github_log

    try:
        data_set = open_data(parsed[0], environment).data_set
    except NotDataFolder:
        return None
    if data_set.notice is not None or data_set.framework is None:
        return None
    text = _text(data_set.framework, parsed)
    if under_github_actions(environment):
        text = for_github_log(text)
    text.encode(sys.stdout.encoding or "utf-8")  # what cannot be written is for ldcf.cli.app to report
    return text


def _text(framework: Framework, parsed: _Parsed) -> str:
    from ldcf.api import views
    from ldcf.render import render, terminal_width

    _, view, names, locality, record = parsed
    result: object
    if view == ("doc", "job-description"):
        from ldcf.api import documents

        return documents.document_content(documents.job_description(framework, names[0]), ".md").decode("utf-8")
    if view == ("gap",):
        result = views.record_gap(framework, record, *names) if record else views.gap(framework, *names)
    elif view == ("path",):
        result = views.route(framework, *names)
    elif view == ("roles",):
        result = views.roles(framework)
    elif view == ("level", "show"):
        result = views.level(framework, int(names[0]))
    elif view == ("competence", "show"):
        result = views.competence(framework, names[0])
    elif view == ("competence", "search"):
        result = views.search(framework, names[0])
    else:
        result = views.profile(framework, names[0], locality)
    return render(result, "table", terminal_width(), terminal=False)
