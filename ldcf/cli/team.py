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
    previous_edition,
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
@click.option(
    "--previous",
    type=click.Path(path_type=Path, file_okay=False),
    help="The data folder of the edition before this one: a confirmation that does not record what it confirmed "
    "(written by hand) is judged as made in it.",
)
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
    previous: Path | None,
    output_format: str,
) -> None:
    """Report on the team whose self-assessment records are the .yaml files in DIR: each person against their
    role (and targets), the competences the team lacks, and how many meet each role.

    \b
    ldcf team report team/
    ldcf team report team/ --target practitioner --format markdown
    ldcf team report team/ -o team.xlsx
    ldcf --data new-data team report team/ --previous old-data -o team.xlsx
    """
    from ldcf.framework.lookups import UnknownName
    from ldcf.outputs.writing import WriteRefused
    from ldcf.queries.team import SHORTEST_SALT, SaltTooShort
    from ldcf.rules.problems import has_errors

    if pseudonymise and not salt:
        raise UsageProblem("--pseudonymise needs --salt (or LDCF_SALT): a secret of yours that keeps pseudonyms stable")
    if pseudonymise and salt is not None and len(salt) < SHORTEST_SALT:
        raise UsageProblem(f"--salt is {len(salt)} characters: give at least {SHORTEST_SALT}, a secret kept like a "
                           "password, so that no one can find a name by trying names")  # fmt: skip
    framework = framework_of(ctx)
    earlier = previous_edition(previous, ctx.obj.use_cache) if previous is not None else None
    loaded = team_api.open_team(framework, folder)
    if has_errors(loaded.problems):
        if pseudonymise:
            # A record's file name is often its person's name: a pseudonymised run names no file, here either.
            bad = len({problem.file for problem in loaded.problems})
            click.echo(
                f"ldcf: {bad} record(s) have errors and are left out; run `ldcf team report DIR` without "
                "--pseudonymise to see which",
                err=True,
            )
        else:
            report_errors(loaded.problems)
    try:
        report = team_api.team_report(framework, loaded, target, salt if pseudonymise else None, earlier)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None
    except SaltTooShort as problem:
        raise UsageProblem(str(problem)) from None
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
    competences gain confirmed_by and confirmed_on (one shown missing is added as held), rejected ones keep the
    person's evidence and gain rejected_by and rejected_on. Shows the changes and asks first; leaves alone, and
    names, any record that changed since the workbook was written or cannot be edited, and writes the others.
    """
    import difflib

    try:
        plan = team_api.plan_import(framework_of(ctx), workbook, folder)
    except team_api.WorkbookRefused as problem:
        raise click.ClickException(str(problem)) from None
    for change in plan.changes:
        before, after, name = change.before_text, change.after, str(change.path)
        lines = difflib.unified_diff(  # shown with plain line breaks, whichever the record has
            before.replace("\r\n", "\n").splitlines(keepends=True),
            after.replace("\r\n", "\n").splitlines(keepends=True),
            name,
            name,
        )
        echo("".join(lines))
    for message in plan.left_alone:
        click.echo(f"ldcf: {message}", err=True)
    left_alone = bool(plan.left_alone)
    if not plan.changes:
        click.echo("no decisions to write", err=True)
    elif yes or click.confirm(f"write these changes to {len(plan.changes)} record(s)?", err=True):
        for path, not_written in team_api.apply_import(plan, folder):
            if not_written is None:
                written(path)
            else:
                left_alone = True
                click.echo(f"ldcf: {not_written}", err=True)
    else:
        click.echo("nothing written", err=True)
    if left_alone:
        ctx.exit(EXIT_INVALID)


COMMANDS = (team,)
