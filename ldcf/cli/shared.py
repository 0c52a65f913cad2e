"""What the commands share: the global settings, the exit codes, the data they read, the options that mean the
same everywhere (--format, --list, [FROM] TO with --have, -o with --force and --template) and how results and
messages are shown.

Pydantic, PyYAML and rich are imported inside the code that needs them, so that `--help` and shell completion
start quickly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from ldcf.cli.output import under_github_actions
from ldcf.render import OUTPUT_FORMATS

if TYPE_CHECKING:
    from ldcf.api.data import OpenedData
    from ldcf.framework.lookups import Framework
    from ldcf.reading.locations import DataLocation
    from ldcf.rules.problems import Problem

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

EXIT_INVALID = 1
EXIT_USAGE = 2


class Settings(NamedTuple):
    """The global options, kept on the click context for every command."""

    data: tuple[Path, ...] = ()
    use_cache: bool = True


class UsageProblem(click.ClickException):
    """A name or value on the command line that matches nothing: exit 2, like any usage error."""

    exit_code = EXIT_USAGE


# Data ----------------------------------------------------------------------------------------------------------


def data_location(data_options: Sequence[Path]) -> DataLocation:
    """The data folders to use; a folder the user gave that is missing or holds no data is a usage error."""
    from ldcf.api.data import NotDataFolder, locate

    try:
        return locate(data_options, os.environ)
    except NotDataFolder as error:
        raise UsageProblem(str(error)) from None


def opened_data(ctx: click.Context) -> OpenedData:
    """The chosen data folders, read; a folder the user gave that is missing or holds no data is a usage error."""
    from ldcf.api.data import NotDataFolder, open_data

    settings: Settings = ctx.obj
    try:
        opened = open_data(settings.data, os.environ, settings.use_cache)
    except NotDataFolder as error:
        raise UsageProblem(str(error)) from None
    if opened.data_set.notice:
        click.echo(f"ldcf: {opened.data_set.notice}", err=True)
    return opened


def framework_of(ctx: click.Context) -> Framework:
    """The framework from the chosen data folders; on invalid data, report the errors and exit 1."""
    opened = opened_data(ctx)
    if opened.data_set.framework is None:
        report_errors(opened.data_set.problems)
        raise click.ClickException(f"the data in {opened.name} has errors; run `ldcf validate` for the full report")
    return opened.data_set.framework


def report_errors(problems: Sequence[Problem]) -> None:
    from ldcf.render.problems import render_text
    from ldcf.rules.problems import Severity

    echo(render_text([p for p in problems if p.severity is Severity.ERROR], ""), err=True)


def previous_edition(folder: Path, use_cache: bool) -> Framework:
    """The framework of a previous edition's data folder, given as --previous (an overlay alone laid on the shipped
    data)."""
    from ldcf.api import data

    try:
        opened = data.open_data((folder,), {}, use_cache)
    except data.NotDataFolder as error:
        raise UsageProblem(f"--previous: {error}") from None
    if opened.data_set.framework is None:
        report_errors(opened.data_set.problems)
        raise click.ClickException(f"--previous {opened.name} has errors; run `ldcf validate` on it")
    return opened.data_set.framework


def query(ctx: click.Context, work: Callable[..., T], *arguments: Any) -> T:
    """Run one function over the framework; a name that matches nothing is a usage error with suggestions, and
    a record or data folder with errors is reported and exits 1."""
    from ldcf.api.data import InvalidData
    from ldcf.framework.lookups import UnknownName

    try:
        return work(framework_of(ctx), *arguments)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None
    except InvalidData as invalid:
        report_errors(invalid.problems)
        raise click.ClickException(f"{invalid.what} has errors") from None


# Output --------------------------------------------------------------------------------------------------------


def output_options(listable: bool = False) -> Callable[[F], F]:
    """--format for every command that prints results, and --list where bare ids are useful."""

    def decorate(command: F) -> F:
        command = click.option(
            "--format",
            "output_format",
            type=click.Choice(OUTPUT_FORMATS),
            default="table",
            show_default=True,
            help="Output format.",
        )(command)
        if listable:
            command = click.option("--list", "list_ids", is_flag=True, help="Print only the ids, one per line.")(
                command
            )
        return command

    return decorate


def emit(result: Any, output_format: str, list_ids: bool = False) -> None:
    if list_ids:
        from ldcf.render.ids import render as render_ids

        echo(render_ids(result))
        return
    from ldcf.render import render, terminal_width

    terminal = sys.stdout.isatty()
    echo(render(result, output_format, terminal_width(), terminal, color=terminal and "NO_COLOR" not in os.environ))


def echo(text: str, err: bool = False) -> None:
    """Output that may hold text from the data: under GitHub Actions, no line of it can be a workflow command."""
    if under_github_actions():
        from ldcf.render import for_github_log

        text = for_github_log(text)
    click.echo(text, nl=False, err=err)


def written(path: Path) -> None:
    from ldcf.reading.locations import printable_name

    click.echo(f"wrote {printable_name(str(path))}", err=True)


def refused(problem: Exception) -> click.ClickException:
    """A write or read the command could not do, as its one-line message."""
    from ldcf.reading.locations import printable_name

    return click.ClickException(printable_name(str(problem)))


def source_date() -> str | None:
    """The build date that SOURCE_DATE_EPOCH gives, the reproducible-builds convention; else none."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    if not epoch.isdigit():
        raise UsageProblem(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%d")


# Arguments -----------------------------------------------------------------------------------------------------


def _completions(names: Callable[[Framework], list[str]]) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        from ldcf.api.data import open_data

        try:
            root = ctx.find_root().params
            framework = open_data(
                tuple(root.get("data") or ()), os.environ, not root.get("no_cache")
            ).data_set.framework
        except Exception:  # noqa: BLE001 - completion must never break the shell
            return []
        if framework is None:
            return []
        return [name for name in names(framework) if name.lower().startswith(incomplete.lower())]

    return complete


# From the cache's index of names, so that completing a name reads no role or competence.
complete_roles = _completions(lambda framework: framework.role_ids())
complete_competences = _completions(lambda framework: framework.competence_keys())


def from_and_to(command: F) -> F:
    """[FROM] TO and --have RECORD, for the commands that compare a role or a person's record with a role."""
    command = click.option(
        "--have",
        "record_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="A YAML record of the competences a person holds, used instead of FROM.",
    )(command)
    return click.argument("names", nargs=-1, metavar="[FROM] TO", shell_complete=complete_roles)(command)


def check_from_and_to(names: tuple[str, ...], record_path: Path | None, record_target: bool = False) -> None:
    """FROM and TO, or TO with --have; with `record_target`, TO may be left to the record's `target`."""
    expected = (0, 1) if record_path and record_target else (1,) if record_path else (2,)
    if len(names) not in expected:
        wanted = "TO (FROM comes from --have)" if record_path else "FROM and TO"
        raise click.UsageError(f"give {wanted}; got {len(names)} name(s)")
