"""The `doc` commands: a job description, a development plan and the starter Word template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ldcf.api import documents
from ldcf.cli.shared import UsageProblem, check_from_and_to, complete_roles, echo, from_and_to, query, refused, written

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.render.blocks import Document

F = TypeVar("F", bound=Callable[..., Any])


@click.group()
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


def _deliver(document: Document, output: Path | None, force: bool, template: Path | None) -> None:
    """Write the document where -o says, in the format its extension names, or print it as Markdown."""
    from ldcf.outputs.writing import WriteRefused
    from ldcf.reading.locations import printable_name
    from ldcf.render import DOCUMENT_FORMATS

    wrong_format = output is None or output.suffix.lower() in set(DOCUMENT_FORMATS) - {".docx"}
    if template is not None and wrong_format:
        raise UsageProblem("--template fills a Word document: give -o FILE.docx")
    if output is None:
        echo(documents.document_content(document, ".md").decode("utf-8"))
        return
    if output.suffix.lower() not in DOCUMENT_FORMATS:
        formats = ", ".join(DOCUMENT_FORMATS)
        raise UsageProblem(f"{printable_name(str(output))}: cannot tell the format from its extension; use {formats}")
    try:
        documents.write_document(document, output, force, template)
    except (documents.DocumentRefused, WriteRefused) as problem:
        raise refused(problem) from None
    written(output)


@doc.command("job-description")
@click.argument("name", metavar="ROLE", shell_complete=complete_roles)
@document_options
@click.pass_context
def doc_job_description(ctx: click.Context, name: str, output: Path | None, force: bool, template: Path | None) -> None:
    """A job description and person specification for ROLE, as NHS job descriptions are laid out: job details,
    job summary, key responsibilities, person specification, working conditions; then an appendix with the
    Career Framework level and every competence with its NOS link, learning, notes and sources.

    \b
    ldcf doc job-description practitioner -o practitioner.docx
    ldcf --data examples/local doc job-description registered-worker-band-6 -o jd.html
    """
    _deliver(query(ctx, documents.job_description, name), output, force, template)


@doc.command("development-plan")
@from_and_to
@click.option("--appraiser", metavar="NAME", help="The appraiser or supervisor (instead of the record's `appraiser`).")
@click.option("--plan-date", metavar="DATE", help="The date of the plan, YYYY-MM-DD. Default: a space to write it in.")
@click.option("--next-review", metavar="DATE", help="The next review date, YYYY-MM-DD (instead of the record's).")
@click.option(
    "--priority",
    "priorities",
    metavar="CODE",
    multiple=True,
    help="A priority for the year: a competence TO needs, by code (repeat it, up to five; instead of the "
    "record's `priorities`). Default: the first role-specific competences of TO still to acquire.",
)
@document_options
@click.pass_context
def doc_development_plan(
    ctx: click.Context,
    names: tuple[str, ...],
    record_path: Path | None,
    appraiser: str | None,
    plan_date: str | None,
    next_review: str | None,
    priorities: tuple[str, ...],
    output: Path | None,
    force: bool,
    template: Path | None,
) -> None:
    """A personal development plan for appraisal and supervision: the person, role, aim, appraiser and dates;
    up to five priorities for the year, each with how it will be met, support, target date, outcome and date
    achieved; what is held and being worked towards; a sign-off with room to sign and a review log.

    \b
    ldcf doc development-plan --have my-record.yaml practitioner -o plan.docx
    ldcf doc development-plan support-worker practitioner --priority FM12 -o plan.html
    """
    check_from_and_to(names, record_path)

    def plan(framework: Framework) -> Document:
        from_role, to_role = (names[0], names[1]) if record_path is None else (None, names[0])
        try:
            return documents.development_plan(
                framework,
                to_role,
                from_role,
                record_path,
                appraiser=appraiser,
                plan_date=plan_date,
                next_review=next_review,
                priorities=priorities,
            )
        except documents.PlanRefused as problem:
            raise UsageProblem(str(problem)) from None

    _deliver(query(ctx, plan), output, force, template)


@doc.command("template")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The .docx file to write."
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def doc_template(output: Path, force: bool) -> None:
    """Write ldcf's starter Word template, to restyle as a Trust's own and use with --template."""
    from ldcf.outputs.writing import WriteRefused

    if output.suffix.lower() != ".docx":
        raise UsageProblem("a Word template is a .docx file: give -o FILE.docx")
    try:
        documents.write_template(output, force)
    except WriteRefused as problem:
        raise refused(problem) from None
    written(output)


COMMANDS = (doc,)
