"""The `ldcf` command: parse arguments, call one query, pick a renderer.

Pydantic, PyYAML and rich are imported inside the commands that need them, so that `--help` and shell
completion start quickly.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageProblem(click.ClickException):
    """A name or value on the command line that matches nothing: exit 2, like any usage error."""

    exit_code = EXIT_USAGE


def _data_location(ctx: click.Context):
    from ldcf.loader import locate_data

    return locate_data(ctx.obj, os.environ, Path.cwd())


def _framework(ctx: click.Context):
    """The framework from the chosen data folder; on invalid data, report the errors and exit 1."""
    from ldcf.dataset import open_data_set
    from ldcf.render.problems import render_text

    location = _data_location(ctx)
    data_set = open_data_set(location.directory)
    if data_set.framework is None:
        click.echo(render_text([p for p in data_set.problems if p.severity.value == "error"], ""), nl=False, err=True)
        raise click.ClickException(
            f"the data in {location.directory} has errors; run `ldcf validate` for the full report"
        )
    return data_set.framework


def _output_format(*choices: str):
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    help="Data folder to use. Default: $LDCF_DATA, else ./data if it holds ldcf data, else the shipped data.",
)
@click.version_option(package_name="ldcf", prog_name="ldcf")
@click.pass_context
def cli(ctx: click.Context, data: Path | None) -> None:
    """The Liaison and Diversion Career and Competence Framework: roles, levels and competences (NOS)."""
    ctx.obj = data


@cli.command()
@_output_format("text", "json", "github")
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.pass_context
def validate(ctx: click.Context, output_format: str, strict: bool) -> None:
    """Check every data file and report every problem as FILE:LINE:COL. Never changes a file.

    Exits 0 when the data is valid, 1 on any error (or any warning with --strict).
    """
    from ldcf.dataset import open_data_set
    from ldcf.render.problems import PROBLEM_RENDERERS, summary

    location = _data_location(ctx)
    data_set = open_data_set(location.directory)
    click.echo(PROBLEM_RENDERERS[output_format](data_set.problems, str(location.directory)), nl=False)
    errors, warnings = summary(data_set.problems)
    click.echo(
        f"checked {location.directory} ({location.reason}): {errors} error(s), {warnings} warning(s)", err=True
    )
    if errors or (strict and warnings):
        ctx.exit(EXIT_INVALID)


@cli.group()
def role() -> None:
    """Role profiles."""


@role.command("show")
@click.argument("name")
@_output_format("table", "json")
@click.pass_context
def role_show(ctx: click.Context, name: str, output_format: str) -> None:
    """Show a role: its level, and its core, role-specific and locality-specific competences.

    NAME is a role id, title or alias, in any case: practitioner, "Support Worker".
    """
    from ldcf.framework import UnknownName
    from ldcf.profiles import role_profile

    framework = _framework(ctx)
    try:
        profile = role_profile(framework, name)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None
    if output_format == "json":
        from ldcf.render import json as render

        click.echo(render.dumps(render.role_profile(profile)), nl=False)
    else:
        from ldcf.render import text

        click.echo(text.role_profile(profile), nl=False)


@cli.group()
def level() -> None:
    """Career Framework levels."""


@level.command("show")
@click.argument("number", type=int)
@_output_format("table", "json")
@click.pass_context
def level_show(ctx: click.Context, number: int, output_format: str) -> None:
    """Show a level: its descriptor, its core competences and the roles at that level."""
    from ldcf.framework import UnknownName
    from ldcf.profiles import level_profile

    framework = _framework(ctx)
    try:
        profile = level_profile(framework, number)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None
    if output_format == "json":
        from ldcf.render import json as render

        click.echo(render.dumps(render.level_profile(profile)), nl=False)
    else:
        from ldcf.render import text

        click.echo(text.level_profile(profile), nl=False)


def main() -> None:
    cli(prog_name="ldcf")
