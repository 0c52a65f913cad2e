"""The `team` commands: a report on a team's records, and a manager's sign-off written back into them."""

from __future__ import annotations

from pathlib import Path

import click

from ldcf.api import team as team_api
from ldcf.cli.shared import (
    EXIT_INVALID,
    UsageProblem,
    complete_roles,
    echo,
    emit,
    framework_of,
    output_options,
    refused,
    report_errors,
    written,
)


@click.group()
def team() -> None:
    """A team's records together: who meets their role, the team's training needs, a skills matrix to sign off."""


@team.command("report")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--target", metavar="ROLE", shell_complete=complete_roles, help="Assess everyone against this role.")
@click.option(
    "--pseudonymise",
    is_flag=True,
    help="Show each person as a short id instead of their name: the same id for the same person with the same --salt.",
)
@click.option("--salt", envvar="LDCF_SALT", help="The secret that makes pseudonyms (also: LDCF_SALT).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write an Excel workbook (FILE.xlsx): skills matrix to sign off, training needs, people.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@output_options()
@click.pass_context
def team_report_command(
    ctx: click.Context,
    folder: Path,
    target: str | None,
    pseudonymise: bool,
    salt: str | None,
    output: Path | None,
    force: bool,
    output_format: str,
) -> None:
    """Report on the team whose self-assessment records are the .yaml files in DIR: each person against their
    role (and target), the competences the team most lacks, and how many meet each role.

    \b
    ldcf team report team/
    ldcf team report team/ --target practitioner --format markdown
    ldcf team report team/ -o team.xlsx
    """
    from ldcf.framework.lookups import UnknownName
    from ldcf.outputs.writing import WriteRefused
    from ldcf.rules.problems import has_errors

    if pseudonymise and not salt:
        raise UsageProblem("--pseudonymise needs --salt (or LDCF_SALT): a secret of yours that keeps pseudonyms stable")
    framework = framework_of(ctx)
    loaded = team_api.open_team(framework, folder)
    if has_errors(loaded.problems):
        report_errors(loaded.problems)
    try:
        report = team_api.team_report(framework, loaded, target, salt if pseudonymise else None)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None
    if output is None:
        emit(report, output_format)
    elif output.suffix.lower() != ".xlsx":
        raise UsageProblem("-o writes an Excel workbook: give FILE.xlsx")
    else:
        try:
            team_api.write_workbook(report, output, force)
        except WriteRefused as problem:
            raise refused(problem) from None
        written(output)
    if has_errors(loaded.problems):
        ctx.exit(EXIT_INVALID)


@team.command("import")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Write the changes without asking.")
@click.pass_context
def team_import_command(ctx: click.Context, workbook: Path, folder: Path, yes: bool) -> None:
    """Write a manager's sign-off from WORKBOOK (made by `team report -o`) into the records in DIR: confirmed
    competences gain confirmed_by and confirmed_on, rejected ones move to working_towards. Shows the changes and
    asks first; leaves alone any record that changed since the workbook was written, and says so.
    """
    import difflib

    from ldcf.outputs.writing import WriteRefused

    try:
        plan = team_api.plan_import(framework_of(ctx), workbook, folder)
    except team_api.WorkbookRefused as problem:
        raise click.ClickException(str(problem)) from None
    for change in plan.changes:
        before, name = change.before.decode("utf-8"), str(change.path)
        lines = difflib.unified_diff(
            before.splitlines(keepends=True), change.after.splitlines(keepends=True), name, name
        )
        echo("".join(lines))
    for message in plan.left_alone:
        click.echo(f"ldcf: {message}", err=True)
    left_alone = bool(plan.left_alone)
    if not plan.changes:
        click.echo("no decisions to write", err=True)
    elif yes or click.confirm(f"write these changes to {len(plan.changes)} record(s)?", err=True):
        try:
            for path, not_written in team_api.apply_import(plan):
                if not_written is None:
                    written(path)
                else:
                    left_alone = True
                    click.echo(f"ldcf: {not_written}", err=True)
        except WriteRefused as problem:
            raise click.ClickException(str(problem)) from None
    else:
        click.echo("nothing written", err=True)
    if left_alone:
        ctx.exit(EXIT_INVALID)


COMMANDS = (team,)
