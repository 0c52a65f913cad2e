"""The commands that check, compare, export and start data: validate, diff, export, schema, init, suggest and
record template."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from ldcf.api import changes, data, drafting, publish
from ldcf.cli.output import under_github_actions
from ldcf.cli.shared import (
    EXIT_INVALID,
    UsageProblem,
    complete_roles,
    data_location,
    echo,
    emit,
    framework_of,
    output_options,
    previous_edition,
    query,
    refused,
    report_errors,
    source_date,
    written,
)


@click.command()
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json", "github")),
    help="Report format. Default: github under GitHub Actions, else text.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option("--all", "show_all", is_flag=True, help="Also list the warnings of the shipped data under an overlay.")
@click.pass_context
def validate(
    ctx: click.Context, directories: tuple[Path, ...], output_format: str | None, strict: bool, show_all: bool
) -> None:
    """Check every data file and report every problem as FILE:LINE:COL (RULE). Never changes a file.

    DIRECTORIES are the data folders to check, a base and its overlays (default: as for --data); an overlay
    alone is checked on the shipped data, whose warnings are then counted but not listed, and never fail
    --strict. Exits 0 when the data is valid, 1 on any error (or any warning with --strict), 2 when a folder
    does not exist or holds no data.
    """
    from ldcf.reading.locations import display_name, is_shipped
    from ldcf.render.problems import PROBLEM_RENDERERS, summary

    try:
        found = data.validate(*(directories or ctx.obj.data), environment=os.environ, include_base=show_all)
    except data.NotDataFolder as error:
        raise UsageProblem(str(error)) from None
    location, data_set = found.data
    if output_format is None:
        output_format = "github" if under_github_actions() else "text"
    report = PROBLEM_RENDERERS[output_format](found.problems, found.data.name)
    if output_format == "github":  # annotations are the workflow commands ldcf means to give
        click.echo(report, nl=False)
    else:
        echo(report)
    errors, warnings = summary(data_set.problems)
    click.echo(f"checked {found.data.name} ({location.reason}): {errors} error(s), {warnings} warning(s)", err=True)
    if data_set.unlisted:
        base = location.directories[0]
        where = "the shipped national data" if is_shipped(base) else f"the base data ({display_name(base)})"
        hint = "" if show_all else "; --all to list them"
        click.echo(f"{len(data_set.unlisted)} warning(s) in {where}{hint}", err=True)
    if errors or (strict and warnings):
        ctx.exit(EXIT_INVALID)


@click.command("diff")
@click.argument("editions", nargs=-1, metavar="[OLD NEW]", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--git",
    "revisions",
    metavar="REV|A..B",
    help="Compare the data at git revision REV with the working data, or at revision A with revision B, read "
    "from the repository without a checkout.",
)
@click.option(
    "--records",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder of people's records: what changes for each person whose share of their role or a target "
    "moves, for the role, each target and each competence they are working towards.",
)
@click.option(
    "--all",
    "everyone",
    is_flag=True,
    help='With --records, every person, "no change" for those for whom nothing changes.',
)
@output_options()
@click.pass_context
def diff_command(
    ctx: click.Context,
    editions: tuple[Path, ...],
    revisions: str | None,
    records: Path | None,
    everyone: bool,
    output_format: str,
) -> None:
    """What changed between two editions of the data, for people: levels, competences added, removed,
    retitled or recoded, and each role's competences gained and lost (through its level's core and `based_on`
    too). OLD and NEW are data folders; or --git compares revisions of the data repository. Exits 0 whether or
    not anything changed; 1 when either side has errors.

    \b
    ldcf diff old-data data
    ldcf diff --git main
    ldcf diff --git v1..v2 --records team/ --format markdown
    """
    from ldcf.reading.revisions import RevisionProblem

    use_cache = ctx.obj.use_cache
    try:
        if revisions is None:
            if len(editions) != 2:
                raise click.UsageError(f"give OLD and NEW data folders, or --git; got {len(editions)} folder(s)")
            found = changes.diff((editions[0],), (editions[1],), records, use_cache=use_cache, everyone=everyone)
        else:
            if editions:
                raise click.UsageError("give either OLD and NEW folders or --git, not both")
            location = data_location(ctx.obj.data)
            try:
                found = changes.diff_revisions(revisions, location.directories, records, use_cache, everyone=everyone)
            except RevisionProblem as problem:
                raise click.ClickException(f"--git {revisions}: {problem}") from None
    except data.NotDataFolder as error:
        raise UsageProblem(str(error)) from None
    except data.InvalidData as invalid:
        report_errors(invalid.problems)
        raise click.ClickException(
            f"{invalid.what} has errors; run `ldcf validate` on it for the full report"
        ) from None
    emit(found, output_format)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if under_github_actions() and step_summary:
        from ldcf.render import render

        with open(step_summary, "a", encoding="utf-8") as file:
            file.write(render(found, "markdown"))


@click.command("export")
@click.argument("kind", type=click.Choice(publish.EXPORT_KINDS))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The file to write (case, json; default: standard output), or the folder of CSV files (csv).",
)
@click.option("--force", is_flag=True, help="Replace files that exist.")
@click.option(
    "--previous",
    type=click.Path(path_type=Path, file_okay=False),
    help="case: the data folder of the previous edition; each of its competences recoded or replaced in this one "
    "is replacedBy the new one.",
)
@click.pass_context
def export_command(ctx: click.Context, kind: str, output: Path | None, force: bool, previous: Path | None) -> None:
    """The framework for other systems: `case`, a 1EdTech CASE 1.0 package (JSON) for competency registries;
    `json`, the whole framework resolved (schema: schemas/export.schema.json); `csv`, one CSV per entity
    (levels, competences, roles, role_competences) into a folder; `moodle`, a competency framework for Moodle's
    (and Totara's) Import competency framework. Each names the framework's edition.

    \b
    ldcf export case -o framework-case.json
    ldcf export case --previous old-data -o framework-case.json
    ldcf export json -o framework.json
    ldcf export csv -o framework-csv
    ldcf export moodle -o framework.csv
    """
    from ldcf.outputs.writing import WriteRefused

    if previous is not None and kind != "case":
        raise UsageProblem("--previous is for `export case`")
    framework = framework_of(ctx)
    earlier = previous_edition(previous, ctx.obj.use_cache) if previous is not None else None
    date = source_date() if kind == "case" else None
    if output is None:
        if kind == "csv":
            raise UsageProblem("csv writes one file per entity: give -o FOLDER")
        echo(publish.export_text(publish.export(framework, kind, date, earlier), kind))
        return
    try:
        for path in publish.write_export(framework, kind, output, force, date, earlier):
            written(path)
    except WriteRefused as problem:
        raise refused(problem) from None


@click.command("about")
@output_options()
@click.pass_context
def about_command(ctx: click.Context, output_format: str) -> None:
    """Which framework this is: the edition each data folder states (name, edition, date, publisher, and the
    later documents it follows), the data folders, and the digest of their content."""
    emit(query(ctx, publish.about), output_format)


@click.command("schema")
@click.option(
    "--output",
    "output_directory",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one KIND.schema.json file per kind of data file into this folder.",
)
def schema_command(output_directory: Path | None) -> None:
    """The JSON Schemas of the data files (levels, competences, role, record, settings), for editors, and of
    `ldcf export json` (export).

    Without --output, prints them as one JSON object keyed by kind.
    """
    import json

    from ldcf.outputs.writing import WriteRefused

    if output_directory is None:
        click.echo(json.dumps(publish.schemas(), indent=2))
        return
    try:
        for path in publish.write_schemas(output_directory):
            click.echo(f"wrote {path}", err=True)
    except WriteRefused as problem:
        raise click.ClickException(str(problem)) from None


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def init_command(folder: Path) -> None:
    """Write a starter local overlay into FOLDER: an example local role based on a national one, and a README
    on how to validate it. Never overwrites a file: if any exists, nothing is written."""
    from ldcf.framework.naming import UNSAFE_CHARACTERS

    if UNSAFE_CHARACTERS.search(str(folder)) or not str(folder).isprintable():
        raise UsageProblem(f"{str(folder)!r}: a folder name with control or invisible characters is refused")
    _overlay_written(folder, lambda: drafting.start_overlay(folder))


def _overlay_written(folder: Path, write: Callable[[], list[Path]], notes: tuple[str, ...] = ()) -> None:
    """New files of a local overlay, none replacing one that exists; then `notes` and what to run next."""
    from ldcf.outputs.writing import WriteRefused

    try:
        paths = write()
    except WriteRefused as problem:
        raise click.ClickException(str(problem)) from None
    for path in paths:
        click.echo(f"wrote {path}", err=True)
    for note in notes:
        click.echo(note, err=True)
    click.echo(f"next: ldcf --data {folder} validate", err=True)


@click.command("suggest")
@click.argument("job_description", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=70,
    show_default=True,
    help="The score from which a duty's best NOS counts as a match (weaker ones are still shown).",
)
@click.option(
    "--draft-role",
    "draft_role",
    metavar="ID",
    help="Also write a starting overlay into the folder ID: a role ID based on the national role that fits best "
    "(weighed by a stated level or band), with the job description's purpose, duties under its headings (each "
    "with the NOS it matched) and person specification, and the matched NOS the base role lacks as "
    "locality-specific. Says what to check by hand. Never overwrites a file.",
)
@output_options()
@click.pass_context
def suggest_command(
    ctx: click.Context, job_description: Path, min_score: int, draft_role: str | None, output_format: str
) -> None:
    """Suggest, for each duty of a plain-text job description (- for standard input), the NOS that fit it best,
    and the national roles whose competences cover the matched duties best.

    Numbered and bulleted duties are taken apart and wrapped lines joined; headings and page furniture are
    left out. Scores run from 0 to 100: how much of a NOS title the duty covers, rare words counting most.
    Roles are weighed by level where the job description states a Career Framework level or an Agenda for
    Change band, or restates a level descriptor; the output says how (a band is never read as a level).
    """
    from ldcf.reading.loader import read_standard_input, read_text
    from ldcf.reading.locations import printable_name

    text, problems = read_standard_input() if str(job_description) == "-" else read_text(job_description)
    if text is None:
        report_errors(problems)
        raise click.ClickException(f"cannot use {printable_name(str(job_description))}")
    framework = framework_of(ctx)
    found = drafting.suggest(framework, text, min_score)
    emit(found, output_format)
    if draft_role is None:
        return
    source = printable_name(str(job_description))
    if not drafting.ROLE_ID.fullmatch(draft_role):
        raise UsageProblem(f"{draft_role!r} is not a role id: lower-case words joined by hyphens")
    try:
        planned = drafting.draft(framework, found, draft_role, source)
        notes = ("drafted:", *(f"  - {note}" for note in planned.drafted))
        notes += ("check by hand (also at the top of the file):", *(f"  - {note}" for note in planned.to_check))
        _overlay_written(Path(draft_role), lambda: drafting.draft_role(framework, found, draft_role, source), notes)
    except drafting.DraftRefused as problem:
        raise click.ClickException(str(problem)) from None


@click.group()
def record() -> None:
    """A person's own record of the competences they hold."""


@record.command("template")
@click.argument("name", metavar="ROLE", shell_complete=complete_roles)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write FILE instead of stdout.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_context
def record_template(ctx: click.Context, name: str, output: Path | None, force: bool) -> None:
    """Write a starting record for ROLE, to edit and use with `ldcf gap --have`: every competence of the role
    under not_yet_assessed, to move into held or working_towards, so that it claims nothing until edited.

    \b
    ldcf record template support-worker -o me.yaml
    """
    text = query(ctx, drafting.record_template, name)
    if output is None:
        echo(text)
        return
    from ldcf.outputs.writing import WriteRefused, replace_file

    try:
        replace_file(output, text.encode("utf-8"), overwrite=force, private=True)  # to become personal data
    except WriteRefused as problem:
        raise refused(problem) from None
    written(output)


COMMANDS = (
    validate,
    diff_command,
    export_command,
    about_command,
    schema_command,
    init_command,
    suggest_command,
    record,
)
