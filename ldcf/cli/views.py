"""The commands that show the framework: rules, levels, roles, competences, search, gaps and routes."""

from __future__ import annotations

from pathlib import Path

import click

from ldcf.api import views
from ldcf.cli.shared import (
    UsageProblem,
    check_from_and_to,
    complete_competences,
    complete_roles,
    emit,
    from_and_to,
    output_options,
    query,
)


@click.command("rules")
@output_options(listable=True)
def rules_command(output_format: str, list_ids: bool) -> None:
    """List every rule that `ldcf validate` checks: its id, severity, whether settings may adjust it, and why.

    A data folder's ldcf.yaml may disable an adjustable rule or change its severity (`rules: {RULE: disable}`,
    or warning, or error); a line may end with `# ldcf: disable=RULE`.
    """
    emit(views.list_rules(), output_format, list_ids)


@click.command("levels")
@output_options(listable=True)
@click.pass_context
def levels_command(ctx: click.Context, output_format: str, list_ids: bool) -> None:
    """List the Career Framework levels."""
    emit(query(ctx, views.levels), output_format, list_ids)


@click.group()
def level() -> None:
    """One Career Framework level."""


@level.command("show")
@click.argument("number", type=int)
@output_options()
@click.pass_context
def level_show(ctx: click.Context, number: int, output_format: str) -> None:
    """Show a level: its descriptor, the L&D roles at that level and its core competences."""
    emit(query(ctx, views.level, number), output_format)


@click.command("roles")
@click.option("--level", "level_number", type=int, help="Only the roles at this level.")
@output_options(listable=True)
@click.pass_context
def roles_command(ctx: click.Context, level_number: int | None, output_format: str, list_ids: bool) -> None:
    """List the roles, by level."""
    emit(query(ctx, views.roles, level_number), output_format, list_ids)


@click.group()
def role() -> None:
    """One role profile."""


@role.command("show")
@click.argument("name", shell_complete=complete_roles)
@click.option("--no-locality", is_flag=True, help="Leave out locality-specific competences.")
@output_options()
@click.pass_context
def role_show(ctx: click.Context, name: str, no_locality: bool, output_format: str) -> None:
    """Show a role: level, scope, competences by category, learning and development, CPD and source.

    NAME is a role id, title or alias, in any case: practitioner, "Support Worker".
    """
    emit(query(ctx, views.profile, name, not no_locality), output_format)


@click.command("competences")
@output_options(listable=True)
@click.pass_context
def competences_command(ctx: click.Context, output_format: str, list_ids: bool) -> None:
    """List every competence."""
    emit(query(ctx, views.competences), output_format, list_ids)


@click.group()
def competence() -> None:
    """One competence (NOS)."""


@competence.command("show")
@click.argument("code", shell_complete=complete_competences)
@output_options()
@click.pass_context
def competence_show(ctx: click.Context, code: str, output_format: str) -> None:
    """Show a competence: title, URL, body, aliases, core levels and the roles that need it.

    CODE is a NOS code or any spelling the documents print (SfJ AB1 finds SFJAB1).
    """
    emit(query(ctx, views.competence, code), output_format)


@competence.command("search")
@click.argument("text")
@output_options(listable=True)
@click.pass_context
def competence_search(ctx: click.Context, text: str, output_format: str, list_ids: bool) -> None:
    """Find competences by code, alias or title words, best matches first."""
    emit(query(ctx, views.search, text), output_format, list_ids)


@click.command("gap")
@from_and_to
@output_options()
@click.pass_context
def gap_command(ctx: click.Context, names: tuple[str, ...], record_path: Path | None, output_format: str) -> None:
    """What someone in role FROM, or with the record given by --have, must acquire to work in role TO. With
    --have, TO may be left out: the record's own `target` is used.

    \b
    ldcf gap support-worker practitioner
    ldcf gap --have my-record.yaml practitioner
    ldcf gap --have my-record.yaml
    """
    check_from_and_to(names, record_path, record_target=True)
    if record_path is None:
        emit(query(ctx, views.gap, *names), output_format)
        return
    try:
        emit(query(ctx, views.record_gap, record_path, *names), output_format)
    except views.NoTarget as no_target:
        raise UsageProblem(str(no_target)) from None


@click.command("path")
@click.argument("from_name", metavar="FROM", shell_complete=complete_roles)
@click.argument("to_name", metavar="TO", shell_complete=complete_roles)
@output_options()
@click.pass_context
def path_command(ctx: click.Context, from_name: str, to_name: str, output_format: str) -> None:
    """The progression route from one role to another, through intermediate roles.

    A step moves up one level or across within a level; the route adds the fewest competences in total.
    """
    from ldcf.queries.route import NoRoute

    try:
        route = query(ctx, views.route, from_name, to_name)
    except NoRoute as no_route:
        raise click.ClickException(str(no_route)) from None
    emit(route, output_format)


COMMANDS = (
    rules_command,
    levels_command,
    level,
    roles_command,
    role,
    competences_command,
    competence,
    gap_command,
    path_command,
)
