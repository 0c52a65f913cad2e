"""The commands of sign-off that travels: an issuer's key, credentials for a record's confirmed competences, and
checking a credential."""

from __future__ import annotations

from pathlib import Path

import click

from ldcf.api import credentials
from ldcf.cli.shared import EXIT_INVALID, UsageProblem, echo, framework_of, refused, report_errors, written


@click.group()
def credential() -> None:
    """Open Badges 3.0 credentials of confirmed competences, signed with the issuer's key, that anyone can check."""


@credential.command("key")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The private key file to create (readable by you alone); the public key goes beside it, .pub.",
)
@click.option("--name", required=True, help='The issuer\'s name, as credentials show it: "Our Trust".')
def key_command(output: Path, name: str) -> None:
    """Make the issuer's Ed25519 key pair: the private key file (created 0600, never over a file) and the public
    key beside it, each with the issuer's name and id, a did:key made from the public key. Keep the private key
    file secret; hand out the public one.

    \b
    ldcf credential key -o issuer.key --name "Our Trust"
    """
    from ldcf.outputs.credentials import CredentialProblem
    from ldcf.outputs.writing import WriteRefused

    try:
        for path in credentials.make_issuer_key(output, name):
            written(path)
    except CredentialProblem as problem:
        raise UsageProblem(str(problem)) from None
    except WriteRefused as problem:
        raise refused(problem) from None


@credential.command("issue")
@click.option(
    "--have",
    "record",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The person's record: a credential for each entry with confirmed_by and confirmed_on.",
)
@click.option(
    "--key",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The issuer's private key file (ldcf credential key).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The folder to write the credentials into, one CODE.json each.",
)
@click.option(
    "--subject",
    help="Name the person by this identifier (a URI, or any text they choose) instead of the name in their record.",
)
@click.option("--force", is_flag=True, help="Replace credentials that exist.")
@click.pass_context
def issue_command(ctx: click.Context, record: Path, key: Path, output: Path, subject: str | None, force: bool) -> None:
    """Write one Open Badges 3.0 credential for each competence a manager has confirmed in the record
    (confirmed_by, confirmed_on), signed with the issuer's key; none for an entry not confirmed, or confirmed
    before the framework retitled or replaced its competence (that needs confirming again). Each names the
    NOS, the framework's edition, who confirmed it and when. Credentials are personal data: each file is
    readable by you alone.

    \b
    ldcf credential issue --have me.yaml --key issuer.key -o my-credentials
    """
    from ldcf.api.data import InvalidData
    from ldcf.outputs.credentials import CredentialProblem
    from ldcf.outputs.writing import WriteRefused

    framework = framework_of(ctx)
    try:
        paths = credentials.issue_credentials(framework, record, key, output, subject, force)
    except InvalidData as invalid:
        report_errors(invalid.problems)
        raise click.ClickException(f"{invalid.what} has errors") from None
    except CredentialProblem as problem:
        raise UsageProblem(str(problem)) from None
    except WriteRefused as problem:
        raise refused(problem) from None
    for path in paths:
        written(path)
    for again in credentials.stale_confirmations(framework, record):
        echo(
            f"not issued for {again.held_as}: confirmed by {again.confirmed_by} on {again.confirmed_on}, but "
            f"{again.reason}; a manager needs to confirm {again.competence.key} {again.competence.title} again\n",
            err=True,
        )
    if not paths:
        click.echo("no entry of the record is confirmed (confirmed_by and confirmed_on): nothing issued", err=True)


@credential.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--key",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Check with this issuer's public key file instead of the did:key the credential names.",
)
@click.pass_context
def verify_command(ctx: click.Context, files: tuple[Path, ...], key: Path | None) -> None:
    """Check each credential's signature, with the public key of the did:key it names (or --key), and say who
    confirmed which competence of which edition, and when. A credential changed after it was signed fails.
    Exits 1 if any fails.

    \b
    ldcf credential verify my-credentials/GEN97.json
    """
    from ldcf.outputs.credentials import CredentialProblem
    from ldcf.render.blocks import clean

    failed = False
    for file in files:
        try:
            found = credentials.verify_credential(file, key)
        except CredentialProblem as problem:
            raise UsageProblem(str(problem)) from None
        claim = found.claim
        if not found.verified:
            failed = True
            click.echo(f"{clean(found.file)}: NOT VERIFIED: {clean(found.reason)}")
            continue
        click.echo(f"{clean(found.file)}: verified: {clean(found.reason)}")
        if claim is not None:
            for label, value in (
                ("Issuer", claim.issuer),
                ("Holder", claim.subject),
                ("Competence", claim.competence),
                ("Framework", claim.framework),
                ("Confirmed by", claim.confirmed_by),
                ("Valid from", claim.valid_from),
            ):
                if value:
                    click.echo(f"  {label}: {clean(value)}")
    if failed:
        ctx.exit(EXIT_INVALID)


COMMANDS = (credential,)
