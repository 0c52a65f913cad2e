"""Sign-off that travels: an issuer's key, Open Badges 3.0 credentials for the confirmed competences of a
person's record, and checking one (`ldcf credential key`, `issue`, `verify`). Credentials are personal data:
written only where told, readable by their owner alone, never cached."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.outputs.credentials import Claim
    from ldcf.queries.confirmations import Reconfirmation

_LARGEST_CREDENTIAL = 1024 * 1024


def make_issuer_key(path: str | os.PathLike[str], name: str) -> tuple[Path, Path]:
    """Make an Ed25519 key pair for the issuer `name`: the private key file `path` (created 0600, never over a
    file) and the public key beside it (`.pub`), each naming the issuer and its did:key. The paths written.
    Raises WriteRefused (ldcf.outputs.writing) when either exists, and CredentialProblem for a bad name."""
    import json

    from ldcf.framework.naming import UNSAFE_CHARACTERS
    from ldcf.outputs.credentials import CredentialProblem, key_document, public_key_path, write_private
    from ldcf.outputs.proofs import new_key_pair
    from ldcf.outputs.writing import WriteRefused, replace_file

    name = name.strip()
    if not name or UNSAFE_CHARACTERS.search(name) or not name.isprintable():
        raise CredentialProblem("the issuer's name is one line of printable text")
    private, public = Path(path), public_key_path(Path(path))
    for taken in (private, public):
        if taken.exists() or taken.is_symlink():
            raise WriteRefused(f"{taken} exists already; a key is never replaced (nothing was written)")
    pair = new_key_pair()
    assert pair.secret is not None

    def text(document: dict[str, Any]) -> bytes:
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    write_private(private, text(key_document(name, pair.public, pair.secret)))
    replace_file(public, text(key_document(name, pair.public)), overwrite=False)
    return private, public


def issue_credentials(
    framework: Framework,
    record: str | os.PathLike[str],
    key: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    subject: str | None = None,
    overwrite: bool = False,
    created: str | None = None,
) -> list[Path]:
    """One signed OpenBadgeCredential per confirmed entry of the record (`confirmed_by` and `confirmed_on`),
    written into `folder` as CODE.json, each readable by its owner alone; nothing for an entry not confirmed, or
    confirmed before its competence was retitled or replaced (its `confirmed_edition` no longer matches).
    The subject is the person's name, or `subject` (an identifier they choose). The files written, none when
    nothing is confirmed; refuses (WriteRefused) to replace a credential unless `overwrite`, and then writes none.
    Raises InvalidData for a record with errors, CredentialProblem for a key or subject that cannot be used."""
    import datetime
    import json

    from ldcf.api.data import read_record
    from ldcf.outputs.credentials import confirmed, credential, file_name, read_key_file, subject_of, write_private
    from ldcf.outputs.proofs import KeyPair, add_proof
    from ldcf.outputs.writing import WriteRefused

    person, _ = read_record(framework, record)
    issuer, public_key, secret_key = read_key_file(Path(key), need_secret=True)
    entries = confirmed(framework, person)
    if not entries:
        return []
    about = subject_of(person, subject)
    signed_at = created or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    files: dict[Path, bytes] = {}
    for held in entries:
        document = add_proof(
            credential(framework, person, held, issuer, about), KeyPair(secret_key, public_key), signed_at
        )
        path = Path(folder) / file_name(framework.find_competence(held.code).key)
        files[path] = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if not overwrite:  # all or nothing
        existing = next((path for path in files if path.exists() or path.is_symlink()), None)
        if existing is not None:
            raise WriteRefused(f"{existing} exists already; --force replaces it (nothing was written)")
    for path, content in files.items():
        write_private(path, content, overwrite)
    return list(files)


def stale_confirmations(framework: Framework, record: str | os.PathLike[str]) -> tuple[Reconfirmation, ...]:
    """The record's confirmations of a competence the framework has since retitled or replaced: no credential is
    issued for them until a manager confirms them again. Raises InvalidData for a record with errors."""
    from ldcf.api.data import read_record
    from ldcf.queries.confirmations import to_reconfirm

    person, _ = read_record(framework, record)
    return to_reconfirm(framework, person)


class Verification(NamedTuple):
    """What checking a credential found: whether its proof holds (and its issuer signed it), why not, and what
    it claims."""

    file: str
    verified: bool
    reason: str
    claim: Claim | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "verified": self.verified,
            "reason": self.reason,
            "claim": self.claim._asdict() if self.claim else None,
        }


def verify_credential(path: str | os.PathLike[str], key: str | os.PathLike[str] | None = None) -> Verification:
    """Check a credential's `eddsa-jcs-2022` proof with the public key its did:key names, or with the issuer's
    key file `key`; the proof must be the issuer's. Never raises for a credential that fails: `verified` is
    false and `reason` says why. Raises CredentialProblem when the key file cannot be used."""
    from ldcf.outputs.credentials import claim_of, read_key_file
    from ldcf.outputs.proofs import ProofProblem, check_proof, did_key, read_json
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.locations import printable_name

    shown = printable_name(str(path))
    public_key = read_key_file(Path(key), need_secret=False)[1] if key is not None else None
    try:
        document = read_json(read_bytes(Path(path), _LARGEST_CREDENTIAL).decode("utf-8"), "the credential")
    except Unreadable as unreadable:
        return Verification(shown, False, unreadable.message, None)
    except (UnicodeDecodeError, ProofProblem) as problem:
        return Verification(shown, False, str(problem), None)
    checked = check_proof(document, public_key)
    claim = claim_of(document) if isinstance(document, dict) else None
    if not checked.verified or checked.public_key is None:
        return Verification(shown, False, checked.reason, claim)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != did_key(checked.public_key):
        return Verification(shown, False, "the signature matches, but the key that made it is not the issuer's", claim)
    return Verification(shown, True, checked.reason, claim)
