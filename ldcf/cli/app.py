"""The click application: the global options, every command group, and the guard of last resort."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import ldcf
from ldcf.cli import credentials, data, documents, site, team, views
from ldcf.cli.shared import Settings


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
@click.version_option(ldcf.__version__, prog_name="ldcf")
@click.pass_context
def cli(ctx: click.Context, data: tuple[Path, ...], no_cache: bool, debug: bool) -> None:
    """The Liaison and Diversion Career and Competence Framework: roles, levels and competences (NOS)."""
    ctx.obj = Settings(data, not no_cache)


# `ldcf --help` lists them by name, whatever the order here.
for command in (
    *views.COMMANDS,
    *documents.COMMANDS,
    *data.COMMANDS,
    *site.COMMANDS,
    *team.COMMANDS,
    *credentials.COMMANDS,
):
    cli.add_command(command)

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in ldcf, not a problem with what it was given


def main() -> None:
    """The command line (`ldcf.cli.fast` serves a few views without it), with a guard of last resort: every
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
        from ldcf.cli.output import exit_after_output_error

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
