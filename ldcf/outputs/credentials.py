"""Sign-off that travels: a manager's confirmation that a person holds a competence, as an Open Badges 3.0
`OpenBadgeCredential` (a W3C Verifiable Credential) signed by the issuer's key, which anyone can check without
ldcf or the issuer.

One credential per confirmed entry of a record (`confirmed_by` and `confirmed_on`): the achievement is the NOS
(achievementType Competency), aligned to the NOS and to its CASE item, in the framework's edition; the subject
is the person, by name or by an identifier they choose; who confirmed it is the subject's `source`; the date of
the confirmation is `validFrom`; the person's evidence is the evidence. The proof is `ldcf.outputs.proofs`'.

Credentials are personal data: they are written only where told, readable by their owner alone, and never
cached."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ldcf.outputs.exports import NAMESPACE, competence_identifier

if TYPE_CHECKING:
    from ldcf.framework.edition import Edition
    from ldcf.framework.entities import Competence, Held, Record
    from ldcf.framework.lookups import Framework

CONTEXT = ("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
TYPES = ("VerifiableCredential", "OpenBadgeCredential")
KEY_FORMAT = "ldcf issuer key 1"
PUBLIC_KEY_FORMAT = "ldcf issuer public key 1"
_LARGEST_KEY_FILE = 64 * 1024
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


class CredentialProblem(ValueError):
    """A key, record or credential file that cannot be used; the message says why."""


class Issuer(NamedTuple):
    """Who signs: a name, and the did:key of the key that signs."""

    id: str
    name: str


def confirmed(framework: Framework, record: Record) -> list[Held]:
    """The entries of a record a manager has confirmed (who confirmed them and when) of the competence as the
    framework defines it now: not one confirmed before it was retitled or replaced (`confirmed_edition`)."""
    from ldcf.framework.confirmations import is_confirmed
    from ldcf.queries.confirmations import to_reconfirm

    stale = {entry.held_as for entry in to_reconfirm(framework, record)}
    return [held for held in record.held if is_confirmed(held) and held.code not in stale]


def date_time(date: str) -> str:
    """A record's date (YYYY, YYYY-MM or YYYY-MM-DD) as an XML Schema dateTime in UTC, at its first day."""
    parts = [*date.split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def subject_of(record: Record, chosen: str | None) -> dict[str, Any]:
    """The credential's subject: an identifier the person chose (a URI becomes the subject's id), else their
    name from the record, unhashed."""
    if chosen is not None:
        if _URI.fullmatch(chosen):
            return {"id": chosen}
        return {"identifier": [_identity(chosen, "identifier")]}
    if not record.name:
        raise CredentialProblem("the record has no name: give the person's name in it, or --subject")
    return {"identifier": [_identity(record.name, "name")]}


def _identity(value: str, kind: str) -> dict[str, Any]:
    return {"type": "IdentityObject", "hashed": False, "identityHash": value, "identityType": kind}


def framework_name(framework: Framework) -> str:
    """The framework and its edition, as a credential's alignment names them."""
    editions = list(framework.editions.values())
    if not editions:
        return "Liaison and Diversion Career and Competence Framework (no edition stated)"
    return "; ".join(f"{e.name}, {e.edition} ({e.date})" for e in editions)


def criteria(framework: Framework, competence: Competence, record: Record) -> str:
    """Why the framework asks for the competence: the NOS, and where it belongs (the person's role first)."""
    places = []
    if competence.core_levels:
        levels = ", ".join(f"{n} ({framework.levels[n].indicative_title})" for n in competence.core_levels)
        plural = "s" if len(competence.core_levels) > 1 else ""
        places.append(f"core at Career Framework level{plural} {levels}")
    role_id = framework.find_role(record.role).id if record.role else None
    roles = sorted(framework.roles.values(), key=lambda role: role.id != role_id)
    for role in roles:
        for holding in framework.holdings(role):
            if holding.competence.key == competence.key and holding.category != "core":
                places.append(f"{holding.category} for the {role.title} (level {role.level})")
    coded = f"the National Occupational Standard {competence.code}" if competence.code else "the competence"
    where = "; ".join(places[:6]) + ("; and more" if len(places) > 6 else "")
    return (
        f"Competent in {coded}, '{competence.title}', which the framework lists as {where}."
        if where
        else (f"Competent in {coded}, '{competence.title}'.")
    )


def credential(
    framework: Framework, record: Record, held: Held, issuer: Issuer, subject: dict[str, Any]
) -> dict[str, Any]:
    """An unsigned OpenBadgeCredential for one confirmed entry of a record."""
    competence = framework.find_competence(held.code)
    editions: list[Edition] = list(framework.editions.values())
    item = f"urn:uuid:{competence_identifier(competence)}"
    named = competence.code or competence.key
    alignments = [
        {
            "type": ["Alignment"],
            "targetName": competence.title,
            "targetUrl": competence.url or item,
            "targetCode": named,
            "targetFramework": framework_name(framework),
            **({} if competence.url else {"targetType": "CFItem"}),
        }
    ]
    if competence.url:  # and the framework's own item for it, as the CASE export names it
        alignments.append({**alignments[0], "targetUrl": item, "targetType": "CFItem"})
    achievement: dict[str, Any] = {
        "id": item,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": competence.title,
        "description": (f"National Occupational Standard {competence.code}" if competence.code else "A competence")
        + f" of the {framework_name(framework)}"
        + (f"; standard-setting body: {competence.body}." if competence.body else "."),
        "criteria": {"narrative": criteria(framework, competence, record)},
        "alignment": alignments,
        **({"humanCode": competence.code} if competence.code else {}),
        **({"version": "; ".join(f"{e.edition} ({e.date})" for e in editions)} if editions else {}),
    }
    confirmer = {
        "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'confirmer:{issuer.id}:{held.confirmed_by}')}",
        "type": ["Profile"],
        "name": held.confirmed_by,
    }
    identity = f"{issuer.id}:{subject}:{competence.key}:{held.confirmed_on}:{held.confirmed_by}"
    document: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'credential:{identity}')}",
        "type": list(TYPES),
        "name": f"{named}: {competence.title}",
        "description": f"{held.confirmed_by} confirmed on {held.confirmed_on} that the holder is competent in "
        f"{named}, '{competence.title}'.",
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name},
        "validFrom": date_time(held.confirmed_on or ""),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            **subject,
            "achievement": achievement,
            "source": confirmer,
        },
    }
    if held.evidence:
        dated = f" (dated {held.date})" if held.date else ""
        evidence = {"type": ["Evidence"], "name": f"The holder's evidence{dated}", "narrative": held.evidence}
        document["evidence"] = [evidence]
    return document


def file_name(competence_key: str) -> str:
    """The credential's file name: the competence's key, with any character a file system could refuse as _."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", competence_key) + ".json"


class Claim(NamedTuple):
    """What a credential says, as `ldcf credential verify` prints it."""

    issuer: str
    subject: str
    competence: str
    framework: str
    confirmed_by: str
    valid_from: str


def claim_of(document: dict[str, Any]) -> Claim:
    """What a credential claims, read leniently: a credential from elsewhere may lack parts of it."""

    def text(value: object) -> str:
        return value if isinstance(value, str) else ""

    def part(value: object, name: str) -> object:
        return value.get(name) if isinstance(value, dict) else None

    issuer = document.get("issuer")
    issuer_text = (
        f"{text(part(issuer, 'name'))} ({text(part(issuer, 'id'))})" if isinstance(issuer, dict) else text(issuer)
    )
    subject = document.get("credentialSubject")
    identifiers = part(subject, "identifier")
    named = [text(part(entry, "identityHash")) for entry in identifiers] if isinstance(identifiers, list) else []
    achievement = part(subject, "achievement")
    alignment = part(achievement, "alignment")
    first = alignment[0] if isinstance(alignment, list) and alignment else None
    code = text(part(achievement, "humanCode")) or text(part(first, "targetCode"))
    return Claim(
        issuer_text,
        text(part(subject, "id")) or ", ".join(filter(None, named)),
        " ".join(filter(None, (code, text(part(achievement, "name"))))),
        text(part(first, "targetFramework")),
        text(part(part(subject, "source"), "name")),
        text(document.get("validFrom")),
    )


# Files ---------------------------------------------------------------------------------------------------------


def write_private(path: Path, content: bytes, overwrite: bool = False) -> None:
    """Write a file readable by its owner alone (0600, or stricter where the umask says so), whole, never through
    a symbolic link; one that exists is replaced only when `overwrite`."""
    from ldcf.outputs.writing import WriteRefused, replace_file

    if not overwrite and (path.exists() or path.is_symlink()):
        raise WriteRefused(f"{path} exists already; nothing was written")
    replace_file(path, content, overwrite, private=True)


def key_document(name: str, public_key: bytes, secret_key: bytes | None = None) -> dict[str, Any]:
    """An issuer's key file: its name and did:key, the public key, and (for the private file) the secret key."""
    from ldcf.outputs.proofs import did_key, public_multibase, secret_multibase

    document: dict[str, Any] = {
        "format": KEY_FORMAT if secret_key is not None else PUBLIC_KEY_FORMAT,
        "issuer": {"id": did_key(public_key), "name": name},
        "publicKeyMultibase": public_multibase(public_key),
    }
    if secret_key is not None:
        document["secretKeyMultibase"] = secret_multibase(secret_key)
    return document


def public_key_path(path: Path) -> Path:
    """Where the public key of the private key file `path` is written: beside it, ending .pub."""
    return path.with_name(f"{path.stem}.pub") if path.suffix == ".key" else path.with_name(f"{path.name}.pub")


def read_key_file(path: Path, need_secret: bool) -> tuple[Issuer, bytes, bytes | None]:
    """The issuer, public key and (if the file holds one) secret key of a key file; a private key file that
    others can read is refused, as ssh refuses one."""
    import stat

    from ldcf.outputs.proofs import ProofProblem, did_key, key_pair_from_secret, public_key_of, read_json, secret_key_of
    from ldcf.reading.loader import Unreadable, read_bytes

    try:
        raw = read_bytes(path, _LARGEST_KEY_FILE)
    except Unreadable as unreadable:
        raise CredentialProblem(f"{path}: {unreadable.message}") from None
    try:
        document = read_json(raw.decode("utf-8"), str(path))
        if not isinstance(document, dict) or document.get("format") not in (KEY_FORMAT, PUBLIC_KEY_FORMAT):
            raise CredentialProblem(f"{path} is not an issuer key file of ldcf (`ldcf credential key` makes one)")
        issuer = document.get("issuer")
        name = issuer.get("name") if isinstance(issuer, dict) else None
        public_key = public_key_of(document.get("publicKeyMultibase", ""))
        secret = document.get("secretKeyMultibase")
        secret_key = secret_key_of(secret) if isinstance(secret, str) else None
    except (UnicodeDecodeError, ProofProblem) as problem:
        raise CredentialProblem(f"{path}: {problem}") from None
    if not isinstance(name, str) or not name or issuer.get("id") != did_key(public_key):  # type: ignore[union-attr]
        raise CredentialProblem(f"{path}: its issuer's name or id does not match its key")
    if need_secret:
        if secret_key is None:
            raise CredentialProblem(f"{path} holds a public key only: give the private key file")
        if os.name == "posix" and stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            raise CredentialProblem(f"{path} can be read by others: chmod 600 it (a private key is for its owner)")
        if key_pair_from_secret(secret_key).public != public_key:
            raise CredentialProblem(f"{path}: its secret key is not the secret of its public key")
    return Issuer(did_key(public_key), name), public_key, secret_key
