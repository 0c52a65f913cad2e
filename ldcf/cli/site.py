"""The `site` commands: build the website into a folder, or preview it on this computer."""

from __future__ import annotations

from pathlib import Path

import click

from ldcf.api import publish
from ldcf.cli.shared import framework_of, refused, source_date


@click.group()
def site() -> None:
    """The framework as a static website: browse, compare, search; offline and printable."""


def _site_files(ctx: click.Context) -> dict[str, bytes]:
    from ldcf.outputs.site import SiteProblem

    framework = framework_of(ctx)
    try:
        return publish.site_files(framework, source_date())
    except SiteProblem as problem:
        raise click.ClickException(str(problem)) from None


@site.command("build")
@click.argument("output", metavar="OUT", type=click.Path(path_type=Path))
@click.pass_context
def site_build(ctx: click.Context, output: Path) -> None:
    """Build the website into the folder OUT: index.html, levels/N.html, roles/ID.html, competences/SLUG.html,
    compare.html, search.html, about.html. Into a folder it built before, it replaces the files it wrote and
    keeps any other (such as .git or CNAME); it refuses any other folder that holds files. The same data gives
    the same files, byte for byte.

    \b
    ldcf site build site
    ldcf --data examples/local site build local-site
    """
    from ldcf.outputs.site import SiteProblem
    from ldcf.outputs.writing import WriteRefused
    from ldcf.reading.locations import printable_name

    framework = framework_of(ctx)
    try:
        pages = publish.build_site(framework, output, source_date())
    except SiteProblem as problem:
        raise click.ClickException(str(problem)) from None
    except WriteRefused as problem:
        raise refused(problem) from None
    shown = printable_name(str(output))
    click.echo(f"built {pages} pages in {shown}; open {shown}/index.html", err=True)


@site.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.pass_context
def site_serve(ctx: click.Context, port: int) -> None:
    """Build the website into a temporary folder and serve it on this computer only (127.0.0.1), to preview
    it. Stop with Ctrl-C; the folder is removed."""
    files = _site_files(ctx)
    try:
        publish.serve_site(
            files, port, lambda address: click.echo(f"serving the site at {address} (Ctrl-C stops)", err=True)
        )
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    except OSError as error:
        raise click.ClickException(f"cannot serve on port {port}: {error.strerror or error}") from None


COMMANDS = (site,)
