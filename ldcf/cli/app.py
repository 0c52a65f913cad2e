"""The `ldcf` command: parse arguments, call one query, pick a renderer.

Pydantic, PyYAML and rich are imported inside the commands that need them, so that `--help` and shell
completion start quickly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from ldcf.render import OUTPUT_FORMATS

if TYPE_CHECKING:
    from ldcf.framework.entities import Record
    from ldcf.framework.lookups import Framework
    from ldcf.outputs.documents import Document
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


def _data_location(data_options: tuple[Path, ...]) -> DataLocation:
    """The data folders to use; a folder the user gave that is missing or holds no data is a usage error."""
    from ldcf.reading.locations import given_folder_error, locate_data

    location = locate_data(data_options, os.environ, Path.cwd())
    error = given_folder_error(location)
    if error is not None:
        raise UsageProblem(error)
    return location


def _folders(location: DataLocation) -> str:
    """The data folders as reports name them: the shipped data the user did not name as `ldcf:data`."""
    from ldcf.reading.locations import SHIPPED_DATA_NAME, is_shipped, printable_name

    names = [printable_name(str(directory)) for directory in location.directories]
    if location.implied_base and is_shipped(location.directories[0]):
        names[0] = SHIPPED_DATA_NAME
    return " + ".join(names)


def _report_errors(problems: Sequence[Problem]) -> None:
    from ldcf.render.problems import render_text
    from ldcf.rules.problems import Severity

    _echo(render_text([p for p in problems if p.severity is Severity.ERROR], ""), err=True)


def _framework(ctx: click.Context) -> Framework:
    """The framework from the chosen data folder; on invalid data, report the errors and exit 1."""
    from ldcf.building.dataset import open_framework

    settings: Settings = ctx.obj
    location = _data_location(settings.data)
    data_set = open_framework(location.directories, settings.use_cache, location.implied_base)
    if data_set.notice:
        click.echo(f"ldcf: {data_set.notice}", err=True)
    if data_set.framework is None:
        _report_errors(data_set.problems)
        raise click.ClickException(
            f"the data in {_folders(location)} has errors; run `ldcf validate` for the full report"
        )
    return data_set.framework


def _query(ctx: click.Context, query: Callable[..., T], *arguments: Any) -> T:
    """Run one query over the framework; a name that matches nothing is a usage error with suggestions."""
    from ldcf.framework.lookups import UnknownName

    try:
        return query(_framework(ctx), *arguments)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None


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


def _emit(result: Any, output_format: str, list_ids: bool = False) -> None:
    if list_ids:
        from ldcf.render.ids import render as render_ids

        _echo(render_ids(result))
        return
    from ldcf.render import render, terminal_width

    terminal = sys.stdout.isatty()
    _echo(render(result, output_format, terminal_width(), terminal, color=terminal and "NO_COLOR" not in os.environ))


def _under_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _echo(text: str, err: bool = False) -> None:
    """Output that may hold text from the data: under GitHub Actions, no line of it can be a workflow command."""
    if _under_github_actions():
        from ldcf.render import for_github_log

        text = for_github_log(text)
    click.echo(text, nl=False, err=err)


# Shell completion ----------------------------------------------------------------------------------------------


def _completions(names: Callable[[Framework], list[str]]) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        from ldcf.building.dataset import open_framework

        try:
            root = ctx.find_root().params
            location = _data_location(tuple(root.get("data") or ()))
            framework = open_framework(location.directories, not root.get("no_cache"), location.implied_base).framework
        except Exception:  # noqa: BLE001 - completion must never break the shell
            return []
        if framework is None:
            return []
        return [name for name in names(framework) if name.lower().startswith(incomplete.lower())]

    return complete


_complete_roles = _completions(lambda framework: list(framework.roles))
_complete_competences = _completions(lambda framework: list(framework.competences))


# Commands ------------------------------------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    help="Data folder to use; repeat it to add local overlays on a base. Default: $LDCF_DATA, else ./data if "
    "it holds ldcf data, else the shipped data. An overlay given alone is laid on ./data if that holds ldcf data, "
    "else on the shipped data.",
)
@click.option(
    "--no-cache", is_flag=True, help="Read the data files even if a cached copy is up to date (also: LDCF_NO_CACHE=1)."
)
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error, to report it.")
@click.version_option(package_name="ldcf", prog_name="ldcf")
@click.pass_context
def cli(ctx: click.Context, data: tuple[Path, ...], no_cache: bool, debug: bool) -> None:
    """The Liaison and Diversion Career and Competence Framework: roles, levels and competences (NOS)."""
    ctx.obj = Settings(data, not no_cache)


@cli.command()
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
    from ldcf.building.dataset import open_data_set
    from ldcf.render.problems import PROBLEM_RENDERERS, summary

    location = _data_location(directories or ctx.obj.data)
    if output_format is None:
        output_format = "github" if _under_github_actions() else "text"
    data_set = open_data_set(location.directories, location.implied_base)
    listed = data_set.problems + data_set.unlisted if show_all else data_set.problems
    listed = tuple(sorted(listed, key=lambda problem: problem.sort_key))
    report = PROBLEM_RENDERERS[output_format](listed, _folders(location))
    if output_format == "github":  # annotations are the workflow commands ldcf means to give
        click.echo(report, nl=False)
    else:
        _echo(report)
    errors, warnings = summary(data_set.problems)
    click.echo(
        f"checked {_folders(location)} ({location.reason}): {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if data_set.unlisted:
        from ldcf.reading.locations import display_name, is_shipped

        base = location.directories[0]
        where = "the shipped national data" if is_shipped(base) else f"the base data ({display_name(base)})"
        hint = "" if show_all else "; --all to list them"
        click.echo(f"{len(data_set.unlisted)} warning(s) in {where}{hint}", err=True)
    if errors or (strict and warnings):
        ctx.exit(EXIT_INVALID)


@cli.command("rules")
@output_options(listable=True)
def rules_command(output_format: str, list_ids: bool) -> None:
    """List every rule that `ldcf validate` checks: its id, severity, whether settings may adjust it, and why.

    A data folder's ldcf.yaml may disable an adjustable rule or change its severity (`rules: {RULE: disable}`,
    or warning, or error); a line may end with `# ldcf: disable=RULE`.
    """
    from ldcf.rules import list_rules

    _emit(list_rules(), output_format, list_ids)


@cli.command("levels")
@output_options(listable=True)
@click.pass_context
def levels_command(ctx: click.Context, output_format: str, list_ids: bool) -> None:
    """List the Career Framework levels."""
    from ldcf.queries.profiles import list_levels

    _emit(_query(ctx, list_levels), output_format, list_ids)


@cli.group()
def level() -> None:
    """One Career Framework level."""


@level.command("show")
@click.argument("number", type=int)
@output_options()
@click.pass_context
def level_show(ctx: click.Context, number: int, output_format: str) -> None:
    """Show a level: its descriptor, the L&D roles at that level and its core competences."""
    from ldcf.queries.profiles import level_profile

    _emit(_query(ctx, level_profile, number), output_format)


@cli.command("roles")
@click.option("--level", "level_number", type=int, help="Only the roles at this level.")
@output_options(listable=True)
@click.pass_context
def roles_command(ctx: click.Context, level_number: int | None, output_format: str, list_ids: bool) -> None:
    """List the roles, by level."""
    from ldcf.queries.profiles import list_roles

    _emit(_query(ctx, list_roles, level_number), output_format, list_ids)


@cli.group()
def role() -> None:
    """One role profile."""


@role.command("show")
@click.argument("name", shell_complete=_complete_roles)
@click.option("--no-locality", is_flag=True, help="Leave out locality-specific competences.")
@output_options()
@click.pass_context
def role_show(ctx: click.Context, name: str, no_locality: bool, output_format: str) -> None:
    """Show a role: level, scope, competences by category, learning and development, CPD and source.

    NAME is a role id, title or alias, in any case: practitioner, "Support Worker".
    """
    from ldcf.queries.profiles import role_profile

    _emit(_query(ctx, role_profile, name, not no_locality), output_format)


@cli.command("competences")
@output_options(listable=True)
@click.pass_context
def competences_command(ctx: click.Context, output_format: str, list_ids: bool) -> None:
    """List every competence."""
    from ldcf.queries.profiles import list_competences

    _emit(_query(ctx, list_competences), output_format, list_ids)


@cli.group()
def competence() -> None:
    """One competence (NOS)."""


@competence.command("show")
@click.argument("code", shell_complete=_complete_competences)
@output_options()
@click.pass_context
def competence_show(ctx: click.Context, code: str, output_format: str) -> None:
    """Show a competence: title, URL, body, aliases, core levels and the roles that need it.

    CODE is a NOS code or any spelling the documents print (SfJ AB1 finds SFJAB1).
    """
    from ldcf.queries.profiles import competence_profile

    _emit(_query(ctx, competence_profile, code), output_format)


@competence.command("search")
@click.argument("text")
@output_options(listable=True)
@click.pass_context
def competence_search(ctx: click.Context, text: str, output_format: str, list_ids: bool) -> None:
    """Find competences by code, alias or title words, best matches first."""
    from ldcf.queries.search import search_competences

    _emit(_query(ctx, search_competences, text), output_format, list_ids)


def from_and_to(command: F) -> F:
    """[FROM] TO and --have RECORD, for the commands that compare a role or a person's record with a role."""
    command = click.option(
        "--have",
        "record_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="A YAML record of the competences a person holds, used instead of FROM.",
    )(command)
    return click.argument("names", nargs=-1, metavar="[FROM] TO", shell_complete=_complete_roles)(command)


def _check_from_and_to(names: tuple[str, ...], record_path: Path | None) -> None:
    expected = 1 if record_path else 2
    if len(names) != expected:
        wanted = "TO (FROM comes from --have)" if record_path else "FROM and TO"
        raise click.UsageError(f"give {wanted}; got {len(names)} name(s)")


@cli.command("gap")
@from_and_to
@output_options()
@click.pass_context
def gap_command(ctx: click.Context, names: tuple[str, ...], record_path: Path | None, output_format: str) -> None:
    """What someone in role FROM, or with the record given by --have, must acquire to work in role TO.

    \b
    ldcf gap support-worker practitioner
    ldcf gap --have my-record.yaml practitioner
    """
    _check_from_and_to(names, record_path)
    if record_path is None:
        from ldcf.queries.gaps import role_gap

        _emit(_query(ctx, role_gap, *names), output_format)
        return
    from ldcf.queries.gaps import record_gap

    _emit(_query(ctx, record_gap, *_record(ctx, record_path), names[0]), output_format)


def _record(ctx: click.Context, record_path: Path) -> tuple[Record, str]:
    """A person's record and the name to call it by; on errors in it, report them and exit 1."""
    from ldcf.building.records import open_record

    loaded = open_record(record_path, _framework(ctx))
    if loaded.record is None:
        _report_errors(loaded.problems)
        raise click.ClickException(f"the record {loaded.name} has errors")
    return loaded.record, loaded.name


@cli.command("path")
@click.argument("from_name", metavar="FROM", shell_complete=_complete_roles)
@click.argument("to_name", metavar="TO", shell_complete=_complete_roles)
@output_options()
@click.pass_context
def path_command(ctx: click.Context, from_name: str, to_name: str, output_format: str) -> None:
    """The progression route from one role to another, through intermediate roles.

    A step moves up one level or across within a level; the route adds the fewest competences in total.
    """
    from ldcf.queries.route import NoRoute, find_route

    try:
        route = _query(ctx, find_route, from_name, to_name)
    except NoRoute as no_route:
        raise click.ClickException(str(no_route)) from None
    _emit(route, output_format)


@cli.command("suggest")
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
    help="Also write a starting overlay into the folder ID: a role ID based on the best national role, with the "
    "matched NOS it lacks and the unmatched duties as local competences. Never overwrites a file.",
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
    """
    from ldcf.queries.suggest import suggest
    from ldcf.reading.loader import read_standard_input, read_text
    from ldcf.reading.locations import printable_name

    text, problems = read_standard_input() if str(job_description) == "-" else read_text(job_description)
    if text is None:
        _report_errors(problems)
        raise click.ClickException(f"cannot use {printable_name(str(job_description))}")
    framework = _framework(ctx)
    found = suggest(framework, text, min_score)
    _emit(found, output_format)
    if draft_role is not None:
        _write_draft(framework, found, draft_role, printable_name(str(job_description)))


def _write_draft(framework: Framework, found: Any, role_id: str, source: str) -> None:
    import re

    from ldcf.outputs.draft import draft_files

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", role_id):
        raise UsageProblem(f"{role_id!r} is not a role id: lower-case words joined by hyphens")
    if not found.roles:
        raise click.ClickException("no national role covers these duties, so there is no role to base a draft on")
    held = {holding.competence.key for holding in framework.holdings(found.roles[0].role)}
    _write_overlay(Path(role_id), draft_files(found, role_id, held, source))


def _write_overlay(folder: Path, files: dict[str, str]) -> None:
    """New files of a local overlay, none replacing one that exists; then what to run next."""
    from ldcf.outputs.writing import WriteRefused, write_new_files

    try:
        written = write_new_files(folder, files)
    except WriteRefused as refused:
        raise click.ClickException(str(refused)) from None
    for path in written:
        click.echo(f"wrote {path}", err=True)
    click.echo(f"next: ldcf --data {folder} validate", err=True)


@cli.group()
def doc() -> None:
    """Documents to hand to people: a job description, a development plan, as Word, HTML or Markdown."""


def document_options(command: F) -> F:
    """-o, --force and --template, for every command that writes a document."""
    command = click.option(
        "--template",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Fill this Word template (a Trust's own; start from `ldcf doc template`) instead of ldcf's layout. "
        "Needs -o FILE.docx.",
    )(command)
    command = click.option("--force", is_flag=True, help="Replace FILE if it exists.")(command)
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write the document to FILE, in the format its extension names: .docx, .html or .md. "
        "Default: Markdown to standard output.",
    )(command)


def _write(path: Path, content: bytes, force: bool) -> None:
    from ldcf.outputs.writing import WriteRefused, replace_file
    from ldcf.reading.locations import printable_name

    try:
        replace_file(path, content, overwrite=force)
    except WriteRefused as refused:
        raise click.ClickException(printable_name(str(refused))) from None
    click.echo(f"wrote {printable_name(str(path))}", err=True)


def _deliver(document: Document, output: Path | None, force: bool, template: Path | None) -> None:
    """Write the document where -o says, in the format its extension names, or print it as Markdown."""
    from ldcf.reading.locations import printable_name
    from ldcf.render import DOCUMENT_FORMATS, render_document

    if output is None:
        if template is not None:
            raise UsageProblem("--template fills a Word document: give -o FILE.docx")
        _echo(render_document(document, ".md").decode("utf-8"))
        return
    extension = output.suffix.lower()
    if extension not in DOCUMENT_FORMATS:
        formats = ", ".join(DOCUMENT_FORMATS)
        raise UsageProblem(f"{printable_name(str(output))}: cannot tell the format from its extension; use {formats}")
    if template is None:
        content = render_document(document, extension)
    elif extension != ".docx":
        raise UsageProblem("--template fills a Word document: give -o FILE.docx")
    else:
        from ldcf.reading.loader import Unreadable, read_bytes
        from ldcf.render.docx_template import TemplateProblem, render

        try:
            content = render(document, read_bytes(template))
        except (Unreadable, TemplateProblem) as problem:
            raise click.ClickException(f"{printable_name(str(template))}: {problem}") from None
    _write(output, content, force)


@doc.command("job-description")
@click.argument("name", metavar="ROLE", shell_complete=_complete_roles)
@document_options
@click.pass_context
def doc_job_description(ctx: click.Context, name: str, output: Path | None, force: bool, template: Path | None) -> None:
    """A job description and person specification for ROLE: level, reporting lines, purpose, duties, every
    competence with its NOS link, person specification, learning, CPD and sources.

    \b
    ldcf doc job-description practitioner -o practitioner.docx
    ldcf --data examples/local doc job-description registered-worker-band-6 -o jd.html
    """
    from ldcf.outputs.documents import job_description

    _deliver(_query(ctx, job_description, name), output, force, template)


@doc.command("development-plan")
@from_and_to
@document_options
@click.pass_context
def doc_development_plan(
    ctx: click.Context,
    names: tuple[str, ...],
    record_path: Path | None,
    output: Path | None,
    force: bool,
    template: Path | None,
) -> None:
    """A development plan for supervision and appraisal: what is met (with evidence), what is to acquire with
    columns for planned learning, support, target and review dates, the target role's learning and a sign-off.

    \b
    ldcf doc development-plan --have my-record.yaml practitioner -o plan.docx
    ldcf doc development-plan support-worker practitioner -o plan.html
    """
    _check_from_and_to(names, record_path)
    from ldcf.outputs.documents import record_plan, role_plan

    if record_path is None:
        document = _query(ctx, role_plan, *names)
    else:
        document = _query(ctx, record_plan, *_record(ctx, record_path), names[0])
    _deliver(document, output, force, template)


@doc.command("template")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The .docx file to write."
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def doc_template(output: Path, force: bool) -> None:
    """Write ldcf's starter Word template, to restyle as a Trust's own and use with --template."""
    from ldcf.render.docx_template import starter_template

    if output.suffix.lower() != ".docx":
        raise UsageProblem("a Word template is a .docx file: give -o FILE.docx")
    _write(output, starter_template(), force)


@cli.group()
def site() -> None:
    """The framework as a static website: browse, compare, search; offline and printable."""


def _site_files(ctx: click.Context) -> dict[str, bytes]:
    import ldcf
    from ldcf.outputs.site import Built, SiteProblem, data_digest, site_pages
    from ldcf.outputs.site_html import render_site

    framework = _framework(ctx)
    built = Built(framework.origins.layers, data_digest(framework), ldcf.__version__, _source_date())
    try:
        pages = site_pages(framework, built)
    except SiteProblem as problem:
        raise click.ClickException(str(problem)) from None
    return render_site(pages, framework.has_overlays, ldcf.__version__)


def _source_date() -> str | None:
    """The build date that SOURCE_DATE_EPOCH gives, the reproducible-builds convention; else none."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    if not epoch.isdigit():
        raise UsageProblem(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%d")


@site.command("build")
@click.argument("output", metavar="OUT", type=click.Path(path_type=Path))
@click.pass_context
def site_build(ctx: click.Context, output: Path) -> None:
    """Build the website into the folder OUT: index.html, levels/N.html, roles/ID.html, competences/SLUG.html,
    compare.html, search.html, about.html. It replaces a site it built before, and refuses any other folder
    that holds files. The same data gives the same files, byte for byte.

    \b
    ldcf site build site
    ldcf --data examples/local site build local-site
    """
    from ldcf.outputs.site_html import MARKER
    from ldcf.outputs.writing import WriteRefused, replace_folder
    from ldcf.reading.locations import printable_name

    files = _site_files(ctx)
    try:
        replace_folder(output, files, MARKER)
    except WriteRefused as refused:
        raise click.ClickException(printable_name(str(refused))) from None
    pages = sum(1 for name in files if name.endswith(".html"))
    click.echo(
        f"wrote {pages} pages to {printable_name(str(output))}; open {printable_name(str(output))}/index.html", err=True
    )


@site.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.pass_context
def site_serve(ctx: click.Context, port: int) -> None:
    """Build the website into a temporary folder and serve it on this computer only (127.0.0.1), to preview
    it. Stop with Ctrl-C; the folder is removed."""
    import functools
    import http.server
    import tempfile

    from ldcf.outputs.site_html import MARKER
    from ldcf.outputs.writing import replace_folder

    files = _site_files(ctx)
    with tempfile.TemporaryDirectory(prefix="ldcf-site-") as folder:
        root = Path(folder) / "site"
        replace_folder(root, files, MARKER)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError as error:
            raise click.ClickException(f"cannot serve on port {port}: {error.strerror or error}") from None
        with server:
            click.echo(f"serving the site at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", err=True)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                click.echo("stopped", err=True)


def _side(ctx: click.Context, folders: tuple[Path, ...], which: str, shown: str) -> Framework:
    """One edition of the data for `diff`; invalid data is reported and exits 1, naming the side."""
    from ldcf.building.dataset import open_framework
    from ldcf.reading.locations import given_folder_error, locate_data

    location = locate_data(folders, {}, Path.cwd())
    error = given_folder_error(location)
    if error is not None:
        raise UsageProblem(f"{which}: {error}")
    data_set = open_framework(location.directories, ctx.obj.use_cache, location.implied_base)
    if data_set.framework is None:
        _report_errors(data_set.problems)
        raise click.ClickException(f"{which} ({shown}) has errors; run `ldcf validate` on it for the full report")
    return data_set.framework


@cli.command("diff")
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
    help="A folder of people's records: show whose share of their role met changes.",
)
@output_options()
@click.pass_context
def diff_command(
    ctx: click.Context, editions: tuple[Path, ...], revisions: str | None, records: Path | None, output_format: str
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
    import tempfile

    from ldcf.queries.diff import compare, with_impact
    from ldcf.reading.locations import printable_name

    sides: tuple[tuple[Path, ...], tuple[Path, ...]]
    with tempfile.TemporaryDirectory(prefix="ldcf-diff-") as scratch:
        if revisions is None:
            if len(editions) != 2:
                raise click.UsageError(f"give OLD and NEW data folders, or --git; got {len(editions)} folder(s)")
            names = tuple(printable_name(str(folder)) for folder in editions)
            sides = ((editions[0],), (editions[1],))
        else:
            if editions:
                raise click.UsageError("give either OLD and NEW folders or --git, not both")
            names, sides = _revision_sides(ctx, revisions, Path(scratch))
        old = _side(ctx, sides[0], "OLD", names[0])
        new = _side(ctx, sides[1], "NEW", names[1])
        found = compare(old, new, *names)
    if records is not None:
        from ldcf.building.records import open_records_both_ways

        found = with_impact(found, old, new, open_records_both_ways(records, old, new))
    _emit(found, output_format)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if _under_github_actions() and summary:
        from ldcf.render import render

        with open(summary, "a", encoding="utf-8") as file:
            file.write(render(found, "markdown"))


def _revision_sides(
    ctx: click.Context, revisions: str, scratch: Path
) -> tuple[tuple[str, str], tuple[tuple[Path, ...], tuple[Path, ...]]]:
    """The data folders at the revisions `REV` (and the working data) or `A..B`, extracted under `scratch`."""
    from pathlib import PurePosixPath

    from ldcf.reading.revisions import RevisionProblem, extract, repository_root

    location = _data_location(ctx.obj.data)
    old_revision, _, new_revision = revisions.partition("..")
    try:
        root = repository_root(Path.cwd())

        def at(revision: str, side: str) -> tuple[Path, ...]:
            folders = []
            for directory in location.directories:
                resolved = directory.resolve()
                if root != resolved and root not in resolved.parents:
                    folders.append(directory)  # the shipped data under an overlay: not in the repository
                    continue
                relative = PurePosixPath(resolved.relative_to(root).as_posix())
                folders.append(extract(root, revision, relative, scratch / side))
            return tuple(folders)

        old = at(old_revision, "old")
        new = at(new_revision, "new") if new_revision else location.directories
    except RevisionProblem as problem:
        raise click.ClickException(f"--git {revisions}: {problem}") from None
    return (old_revision, new_revision or "working data"), (old, new)


EXPORT_KINDS = ("case", "json", "csv")


@cli.command("export")
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The file to write (case, json; default: standard output), or the folder of CSV files (csv).",
)
@click.option("--force", is_flag=True, help="Replace files that exist.")
@click.pass_context
def export_command(ctx: click.Context, kind: str, output: Path | None, force: bool) -> None:
    """The framework for other systems: `case`, a 1EdTech CASE 1.0 package (JSON) for competency registries;
    `json`, the whole framework resolved (schema: schemas/export.schema.json); `csv`, one CSV per entity
    (levels, competences, roles, role_competences) into a folder.

    \b
    ldcf export case -o framework-case.json
    ldcf export json -o framework.json
    ldcf export csv -o framework-csv
    """
    import json

    import ldcf
    from ldcf.outputs import exports
    from ldcf.outputs.site import data_digest

    framework = _framework(ctx)
    if kind == "csv":
        if output is None:
            raise UsageProblem("csv writes one file per entity: give -o FOLDER")
        _write_tables(output, exports.framework_tables(framework), force)
        return
    if kind == "case":
        date = _source_date()
        document = exports.case_package(framework, ldcf.__version__, data_digest(framework), date)
    else:
        document = exports.framework_document(framework)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        _echo(text)
    else:
        _write(output, text.encode("utf-8"), force)


def _write_tables(
    folder: Path, tables: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]], force: bool
) -> None:
    import csv
    import io

    from ldcf.outputs.writing import WriteRefused, replace_file
    from ldcf.reading.locations import printable_name
    from ldcf.render.csv import neutralise

    if not force:
        existing = [folder / name for name in tables if (folder / name).exists() or (folder / name).is_symlink()]
        if existing:
            raise click.ClickException(f"{printable_name(str(existing[0]))} exists already; --force replaces it")
    for name, (headers, rows) in tables.items():
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([neutralise("" if cell is None else str(cell)) for cell in row] for row in rows)
        try:
            replace_file(folder / name, text.getvalue().encode("utf-8"), overwrite=force)
        except WriteRefused as refused:
            raise click.ClickException(printable_name(str(refused))) from None
        click.echo(f"wrote {printable_name(str(folder / name))}", err=True)


@cli.group()
def team() -> None:
    """A team's records together: who meets their role, the team's training needs, a skills matrix to sign off."""


def _team(ctx: click.Context, folder: Path) -> tuple[Framework, Any]:
    """The framework and the team's records; problems in a record are reported, and the rest still used."""
    from ldcf.building.records import open_team
    from ldcf.rules.problems import has_errors

    framework = _framework(ctx)
    loaded = open_team(folder, framework)
    if has_errors(loaded.problems):
        _report_errors(loaded.problems)
    return framework, loaded


@team.command("report")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--target", metavar="ROLE", shell_complete=_complete_roles, help="Assess everyone against this role.")
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
    from ldcf.queries.team import team_report

    if pseudonymise and not salt:
        raise UsageProblem("--pseudonymise needs --salt (or LDCF_SALT): a secret of yours that keeps pseudonyms stable")
    framework, loaded = _team(ctx, folder)
    try:
        report = team_report(framework, loaded.records, target, salt if pseudonymise else None)
    except UnknownName as unknown:
        raise UsageProblem(str(unknown)) from None
    if output is None:
        _emit(report, output_format)
    elif output.suffix.lower() != ".xlsx":
        raise UsageProblem("-o writes an Excel workbook: give FILE.xlsx")
    else:
        from ldcf.outputs.workbook import render

        _write(output, render(report), force)
    if loaded.problems and any(problem.severity.value == "error" for problem in loaded.problems):
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

    from ldcf.building.records import record_digest
    from ldcf.outputs.workbook_import import WorkbookProblem, apply_decisions, read_decisions
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.locations import printable_name

    shown = printable_name(str(workbook))
    try:
        people = read_decisions(read_bytes(workbook))
    except (Unreadable, WorkbookProblem) as problem:
        raise click.ClickException(f"{shown}: {problem}") from None
    framework = _framework(ctx)
    changes: list[tuple[Path, bytes, str]] = []
    stale = []
    for person in people:
        if not person.decisions:
            continue
        path = folder / person.file
        try:
            content = read_bytes(path)
        except Unreadable as unreadable:
            stale.append(f"{printable_name(str(path))}: {unreadable}; its decisions were not written")
            continue
        if record_digest(content) != person.digest:
            stale.append(
                f"{printable_name(str(path))}: changed since the workbook was written; its decisions were not "
                "written (make a new workbook with `ldcf team report -o`)"
            )
            continue
        before = content.decode("utf-8")
        after = apply_decisions(before, person, framework)
        if after != before:
            changes.append((path, content, after))
            diff = difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True), str(path), str(path)
            )
            _echo("".join(diff))
    for message in stale:
        click.echo(f"ldcf: {message}", err=True)
    if not changes:
        click.echo("no decisions to write", err=True)
    elif yes or click.confirm(f"write these changes to {len(changes)} record(s)?", err=True):
        from ldcf.outputs.writing import WriteRefused, replace_file

        for path, content, after in changes:
            try:
                if read_bytes(path) != content:
                    stale.append(f"{printable_name(str(path))}: changed while ldcf ran; not written")
                    click.echo(f"ldcf: {stale[-1]}", err=True)
                    continue
                replace_file(path, after.encode("utf-8"))
            except (Unreadable, WriteRefused) as problem:
                raise click.ClickException(f"{printable_name(str(path))}: {problem}") from None
            click.echo(f"wrote {printable_name(str(path))}", err=True)
    else:
        click.echo("nothing written", err=True)
    if stale:
        ctx.exit(EXIT_INVALID)


@cli.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def init_command(folder: Path) -> None:
    """Write a starter local overlay into FOLDER: an example local role based on a national one, and a README
    on how to validate it. Never overwrites a file: if any exists, nothing is written."""
    from ldcf.framework.naming import UNSAFE_CHARACTERS
    from ldcf.outputs.starter import starter_files

    if UNSAFE_CHARACTERS.search(str(folder)) or not str(folder).isprintable():
        raise UsageProblem(f"{str(folder)!r}: a folder name with control or invisible characters is refused")
    _write_overlay(folder, starter_files(str(folder)))


@cli.group()
def record() -> None:
    """A person's own record of the competences they hold."""


@record.command("template")
@click.argument("name", metavar="ROLE", shell_complete=_complete_roles)
@click.pass_context
def record_template(ctx: click.Context, name: str) -> None:
    """Write a starting record for ROLE to stdout, to edit and use with `ldcf gap --have`."""
    from ldcf.outputs.record_template import render
    from ldcf.queries.profiles import role_profile

    _echo(render(_query(ctx, role_profile, name)))


@cli.command("schema")
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

    from ldcf.reading.schemas import json_schemas, schema_file_name

    schemas = json_schemas()
    if output_directory is None:
        click.echo(json.dumps(schemas, indent=2))
        return
    from ldcf.outputs.writing import WriteRefused, replace_file
    from ldcf.reading.loader import Unreadable, read_bytes

    for kind, schema in schemas.items():
        path = output_directory / schema_file_name(kind)
        content = (json.dumps(schema, indent=2) + "\n").encode("utf-8")
        try:
            unchanged = path.is_file() and not path.is_symlink() and read_bytes(path) == content
        except Unreadable:
            unchanged = False
        if unchanged:
            continue
        try:
            replace_file(path, content)
        except WriteRefused as refused:
            raise click.ClickException(str(refused)) from None
        click.echo(f"wrote {path}", err=True)


EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in ldcf, not a problem with what it was given


def main() -> None:
    """The command line (`ldcf.cli.fast` serves one command without it), with a guard of last resort: every
    known problem has its own message, and anything else is one line and exit 70 (with --debug, the
    traceback), never a traceback by surprise."""
    try:
        # Without standalone mode click returns the exit code of ctx.exit() instead of exiting.
        exit_code = cli(prog_name="ldcf", standalone_mode=False)
        sys.stdout.flush()
        sys.exit(exit_code if isinstance(exit_code, int) else 0)
    except click.ClickException as problem:
        problem.show()
        sys.exit(problem.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except OSError as error:
        if not isinstance(error, BrokenPipeError) and (error.errno is None or error.filename is not None):
            raise
        from ldcf.cli.fast import exit_after_output_error

        exit_after_output_error(error)
    except Exception as error:
        if "--debug" in sys.argv[1:]:
            raise
        click.echo(
            f"ldcf: internal error ({type(error).__name__}: {str(error)[:200]}); this is a bug in ldcf: "
            "please report it with the command that caused it (--debug shows the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
