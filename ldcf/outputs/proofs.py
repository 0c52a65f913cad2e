"""Signatures anyone can check: an issuer's Ed25519 key, named by a did:key, and Data Integrity proofs of the
`eddsa-jcs-2022` cryptosuite (W3C, Data Integrity EdDSA Cryptosuites v1.0).

- The key: an Ed25519 key pair. Its public key is written as a Multikey (`publicKeyMultibase`: the multicodec
  prefix 0xed 0x01 and the 32 bytes of the key, base58btc, after the multibase prefix `z`), and the issuer's id
  is the did:key made of it (`did:key:z6Mk...`), so that a verifier needs nothing but the credential to find the
  key that signed it. The secret key is written the same way with the prefix 0x80 0x26 (`secretKeyMultibase`).
- The proof: the credential without its proof and the proof's options (with the credential's `@context`) are
  each canonicalised by JCS (RFC 8785) and hashed with SHA-256; the Ed25519 signature of the two hashes joined,
  options first, is the `proofValue`, base58btc with the prefix `z`.

JCS here is Python's JSON writer with keys sorted by their UTF-16 code units, no spaces and no ASCII escaping,
which is exactly RFC 8785 for JSON without fractional numbers: a credential of ldcf has none, and a document
that has one is refused rather than canonicalised by a guess. Duplicate keys and NaN are refused when a document
is read, so that what is shown is what was signed.

`cryptography` is imported only by the functions that sign, verify or make keys."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, NamedTuple

CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_TYPE = "DataIntegrityProof"
_PUBLIC_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, as a varint
_SECRET_PREFIX = b"\x80\x26"  # multicodec ed25519-priv (0x1300), as a varint
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_LONGEST_MULTIBASE = 200  # characters; a key is 48 and a signature about 88
_LARGEST_SAFE_INTEGER = 2**53 - 1  # JCS numbers are IEEE 754 doubles


class ProofProblem(ValueError):
    """A key, a document or a proof that cannot be used; the message says why."""


# Canonical JSON (RFC 8785, for JSON without fractional numbers) -----------------------------------------------

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def canonical_json(value: Any) -> bytes:
    """`value` as RFC 8785 canonical JSON, UTF-8. Raises ProofProblem for a fractional or unsafe number."""
    return _canonical(value).encode("utf-8")


def _string(text: str) -> str:
    written = json.dumps(text, ensure_ascii=False)
    # JSON read by Python may hold a lone surrogate, which JCS writes as an escape.
    return _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", written)


def _canonical(value: Any) -> str:
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise ProofProblem("a JSON object's keys are text")
        pairs = sorted(value.items(), key=lambda pair: pair[0].encode("utf-16-be"))
        return "{" + ",".join(f"{_string(key)}:{_canonical(item)}" for key, item in pairs) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        if abs(value) > _LARGEST_SAFE_INTEGER:
            raise ProofProblem(f"the number {value} is too large to canonicalise exactly")
        return str(value)
    raise ProofProblem(f"{type(value).__name__} values cannot be canonicalised (only whole numbers are)")


def read_json(text: str, what: str) -> Any:
    """JSON as read for checking a signature: a key given twice, NaN or Infinity, or a number with a fraction is
    refused, since two readers could disagree on what it says."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                raise ProofProblem(f"{what} gives the key {key!r} twice")
            found[key] = value
        return found

    def refuse(token: str) -> Any:
        raise ProofProblem(f"{what} holds {token}, which JSON does not allow")

    def fraction(token: str) -> Any:
        raise ProofProblem(f"{what} holds the number {token}: a credential of ldcf has no fractional number")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=refuse, parse_float=fraction)
    except (ValueError, RecursionError) as error:
        if isinstance(error, ProofProblem):
            raise
        raise ProofProblem(f"{what} is not JSON: {error}") from None


# Base58btc, multibase and did:key ------------------------------------------------------------------------------


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(_BASE58[remainder])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def from_base58btc(text: str) -> bytes:
    if len(text) > _LONGEST_MULTIBASE:
        raise ProofProblem("a base58btc value too long to be a key or a signature")
    number = 0
    for character in text:
        digit = _BASE58.find(character)
        if digit < 0:
            raise ProofProblem(f"{character!r} is not a base58btc character")
        number = number * 58 + digit
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def multibase(data: bytes) -> str:
    return "z" + base58btc(data)


def from_multibase(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ProofProblem("a multibase value starts with 'z' (base58btc)")
    return from_base58btc(text[1:])


def public_multibase(public_key: bytes) -> str:
    return multibase(_PUBLIC_PREFIX + public_key)


def secret_multibase(secret_key: bytes) -> str:
    return multibase(_SECRET_PREFIX + secret_key)


def public_key_of(value: str) -> bytes:
    """The Ed25519 public key that a Multikey value (`z6Mk...`) holds."""
    data = from_multibase(value)
    if not data.startswith(_PUBLIC_PREFIX) or len(data) != 34:
        raise ProofProblem("not an Ed25519 public key (multicodec 0xed01, 32 bytes)")
    return data[2:]


def secret_key_of(value: str) -> bytes:
    data = from_multibase(value)
    if not data.startswith(_SECRET_PREFIX) or len(data) != 34:
        raise ProofProblem("not an Ed25519 secret key (multicodec 0x1300, 32 bytes)")
    return data[2:]


def did_key(public_key: bytes) -> str:
    """The did:key of an Ed25519 public key."""
    return f"did:key:{public_multibase(public_key)}"


def verification_method(public_key: bytes) -> str:
    """The key's verification method: its did:key, and the key again as the fragment."""
    return f"{did_key(public_key)}#{public_multibase(public_key)}"


def public_key_of_method(method: object) -> bytes:
    """The Ed25519 public key a did:key verification method names."""
    if not isinstance(method, str) or not method.startswith("did:key:"):
        raise ProofProblem("the proof's verificationMethod is not a did:key; give the issuer's public key (--key)")
    did, _, fragment = method.partition("#")
    public_key = public_key_of(did.removeprefix("did:key:"))
    if fragment and fragment != public_multibase(public_key):
        raise ProofProblem("the proof's verificationMethod names two different keys")
    return public_key


# Keys ----------------------------------------------------------------------------------------------------------


class KeyPair(NamedTuple):
    """An Ed25519 key pair: the 32-byte secret (None for a public key alone) and public keys."""

    secret: bytes | None
    public: bytes

    @property
    def did(self) -> str:
        return did_key(self.public)


def new_key_pair() -> KeyPair:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    return KeyPair(private.private_bytes_raw(), private.public_key().public_bytes_raw())


def key_pair_from_secret(secret: bytes) -> KeyPair:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.from_private_bytes(secret)
    return KeyPair(secret, private.public_key().public_bytes_raw())


# Proofs --------------------------------------------------------------------------------------------------------


def _hash_data(unsecured: dict[str, Any], options: dict[str, Any]) -> bytes:
    return hashlib.sha256(canonical_json(options)).digest() + hashlib.sha256(canonical_json(unsecured)).digest()


def add_proof(document: dict[str, Any], key: KeyPair, created: str) -> dict[str, Any]:
    """The document with an `eddsa-jcs-2022` Data Integrity proof by `key`, made at `created` (an XML Schema
    dateTime), for the purpose assertionMethod. The proof is a list of one, as Open Badges 3.0 writes it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if key.secret is None:
        raise ProofProblem("signing needs the secret key")
    options: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method(key.public),
        "proofPurpose": "assertionMethod",
    }
    if "@context" in document:
        options["@context"] = document["@context"]
    signature = Ed25519PrivateKey.from_private_bytes(key.secret).sign(_hash_data(document, options))
    return {**document, "proof": [{**options, "proofValue": multibase(signature)}]}


class Checked(NamedTuple):
    """What checking a document's proof found: whether it holds, why not, and the key that signed it."""

    verified: bool
    reason: str
    public_key: bytes | None = None


def check_proof(document: object, public_key: bytes | None = None) -> Checked:
    """Check a document's one `eddsa-jcs-2022` proof, with `public_key` or else the key its did:key
    verification method names. Never raises for a document that fails: the reason says why."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(document, dict) or "proof" not in document:
        return Checked(False, "it has no proof")
    proofs = document["proof"]
    proof = proofs[0] if isinstance(proofs, list) and len(proofs) == 1 else proofs
    if not isinstance(proof, dict):
        return Checked(False, "its proof is not one proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return Checked(False, f"its proof is not a {PROOF_TYPE} of the cryptosuite {CRYPTOSUITE}")
    options = {name: value for name, value in proof.items() if name != "proofValue"}
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    try:
        key = public_key if public_key is not None else public_key_of_method(proof.get("verificationMethod"))
        signature = from_multibase(proof.get("proofValue"))  # type: ignore[arg-type]
        if "@context" in options:
            context = options["@context"]
            given = unsecured.get("@context")
            if not (isinstance(context, list) and isinstance(given, list) and given[: len(context)] == context):
                return Checked(False, "its proof was made for another @context")
            unsecured["@context"] = context
        Ed25519PublicKey.from_public_bytes(key).verify(signature, _hash_data(unsecured, options))
    except ProofProblem as problem:
        return Checked(False, str(problem))
    except InvalidSignature:
        return Checked(
            False, "the signature does not match: it was changed after it was signed, or another key signed it"
        )
    except ValueError as error:  # a key or signature of the wrong length
        return Checked(False, f"its key or signature is malformed ({error})")
    return Checked(True, "the signature matches", key)
