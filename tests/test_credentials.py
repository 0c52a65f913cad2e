"""`ldcf credential`: an issuer's key, Open Badges 3.0 credentials for a record's confirmed competences, signed
with `eddsa-jcs-2022`, checked against the specification's JSON Schema and the W3C test vectors, and verified."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from conftest import REPOSITORY, raw_competences

FIXTURES = REPOSITORY / "tests" / "fixtures"
RECORD = """\
name: Sam Smith
role: support-worker
held:
  - code: GEN97
    evidence: Induction workbook, section 2
    date: 2024-03-01
    confirmed_by: Jo Bloggs
    confirmed_on: 2024-05-01
  - code: SfJ AB1
    evidence: Not looked at yet
  - code: HT2
    confirmed_by: Jo Bloggs
    confirmed_on: 2024-06
  - code: GEN36
    evidence: Shadowing notes
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def issued(run, tmp_path):
    """A key, a record with two confirmed entries (and two not confirmed), and the credentials issued for it."""
    (tmp_path / "me.yaml").write_text(RECORD, encoding="utf-8")
    key = tmp_path / "issuer.key"
    assert run("credential", "key", "-o", str(key), "--name", "Our Trust").exit_code == 0
    out = tmp_path / "credentials"
    result = run("credential", "issue", "--have", str(tmp_path / "me.yaml"), "--key", str(key), "-o", str(out))
    assert result.exit_code == 0, result.output
    return key, out


def test_a_key_is_an_ed25519_pair_named_by_its_did_key_and_never_replaced(run, tmp_path):
    from ldcf.outputs.proofs import did_key, public_key_of

    key = tmp_path / "issuer.key"
    result = run("credential", "key", "-o", str(key), "--name", "Our Trust")
    assert result.exit_code == 0, result.output
    public = tmp_path / "issuer.pub"
    assert mode(key) == 0o600
    private_document, public_document = json.loads(key.read_text()), json.loads(public.read_text())
    assert "secretKeyMultibase" not in public_document
    assert public_document["issuer"] == private_document["issuer"]
    assert public_document["issuer"]["name"] == "Our Trust"
    # The id is the did:key of the public key: multicodec 0xed01, base58btc, so it starts z6Mk.
    assert public_document["publicKeyMultibase"].startswith("z6Mk")
    assert public_document["issuer"]["id"] == did_key(public_key_of(public_document["publicKeyMultibase"]))
    before = key.read_bytes()
    again = run("credential", "key", "-o", str(key), "--name", "Someone Else")
    assert again.exit_code == 1
    assert "never replaced" in again.stderr
    assert key.read_bytes() == before
    public.unlink()  # even with the public key gone, the private key is not replaced
    assert run("credential", "key", "-o", str(key), "--name", "Someone Else").exit_code == 1
    assert key.read_bytes() == before


def test_credentials_are_issued_for_the_confirmed_entries_only_and_are_private(issued):
    _, out = issued
    assert sorted(path.name for path in out.iterdir()) == ["GEN97.json", "HT2.json"]
    for path in out.iterdir():
        assert mode(path) == 0o600


def test_a_stricter_umask_is_honoured(run, tmp_path):
    (tmp_path / "me.yaml").write_text(RECORD, encoding="utf-8")
    previous = os.umask(0o277)
    try:
        assert run("credential", "key", "-o", str(tmp_path / "issuer.key"), "--name", "Our Trust").exit_code == 0
        out = tmp_path / "out"
        result = run("credential", "issue", "--have", str(tmp_path / "me.yaml"), "--key", str(tmp_path / "issuer.key"),
                     "-o", str(out))  # fmt: skip
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "issuer.key") == 0o400
    assert {mode(path) for path in out.iterdir()} == {0o400}


def test_each_credential_verifies_and_says_who_confirmed_which_competence_of_which_edition_when(run, issued):
    _, out = issued
    result = run("credential", "verify", str(out / "GEN97.json"), str(out / "HT2.json"))
    assert result.exit_code == 0, result.output
    assert "GEN97.json: verified" in result.stdout
    assert "Holder: Sam Smith" in result.stdout
    assert "Competence: GEN97 Communicate effectively in a healthcare environment" in result.stdout
    assert "Confirmed by: Jo Bloggs" in result.stdout
    assert "Valid from: 2024-05-01T00:00:00Z" in result.stdout
    assert "Valid from: 2024-06-01T00:00:00Z" in result.stdout
    assert "Framework: Liaison and Diversion Service Career and Competence Framework, Final Report v3 (2018-05-31)" in (
        result.stdout
    )
    assert "Issuer: Our Trust (did:key:z6Mk" in result.stdout


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    elif isinstance(value, str):
        yield path


def test_one_flipped_character_anywhere_fails_verification(run, issued, tmp_path):
    _, out = issued
    original = json.loads((out / "GEN97.json").read_text(encoding="utf-8"))
    tampered = tmp_path / "tampered.json"
    paths = list(_leaves(original))
    assert len(paths) > 30
    for path in paths:
        document = json.loads(json.dumps(original))
        holder = document
        for step in path[:-1]:
            holder = holder[step]
        text = holder[path[-1]]
        flipped = "X" if text[-1] != "X" else "Y"
        holder[path[-1]] = text[:-1] + flipped
        tampered.write_text(json.dumps(document, indent=2), encoding="utf-8")
        result = run("credential", "verify", str(tampered))
        assert result.exit_code == 1, path
        assert "NOT VERIFIED" in result.stdout, path
    # A byte changed in the file as written, in the person's name.
    raw = (out / "GEN97.json").read_bytes()
    tampered.write_bytes(raw.replace(b"Sam Smith", b"Sam Smyth"))
    result = run("credential", "verify", str(tampered))
    assert result.exit_code == 1
    assert "the signature does not match" in result.stdout


def test_another_issuers_key_does_not_verify_a_credential(run, issued, tmp_path):
    _, out = issued
    other = tmp_path / "other.key"
    assert run("credential", "key", "-o", str(other), "--name", "Another Trust").exit_code == 0
    result = run("credential", "verify", "--key", str(tmp_path / "other.pub"), str(out / "GEN97.json"))
    assert result.exit_code == 1
    assert "NOT VERIFIED" in result.stdout
    own = run("credential", "verify", "--key", str(issued[0].with_suffix(".pub")), str(out / "GEN97.json"))
    assert own.exit_code == 0, own.output


def test_a_key_the_issuer_did_not_name_is_refused_even_when_the_signature_matches(issued, tmp_path):
    """Someone re-signing a credential with their own key cannot pass it off as the issuer's."""
    from ldcf.api.credentials import verify_credential
    from ldcf.outputs.proofs import add_proof, new_key_pair

    _, out = issued
    document = json.loads((out / "GEN97.json").read_text(encoding="utf-8"))
    del document["proof"]
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(add_proof(document, new_key_pair(), "2025-01-01T00:00:00Z")), encoding="utf-8")
    found = verify_credential(forged)
    assert not found.verified
    assert "not the issuer's" in found.reason


def test_credentials_match_the_open_badges_3_json_schema(issued):
    import jsonschema

    schema = json.loads((FIXTURES / "ob3" / "ob_v3p0_achievementcredential_schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.FormatChecker())
    _, out = issued
    for path in out.iterdir():
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
        assert not errors, [f"{list(error.path)}: {error.message}" for error in errors]
        assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert document["proof"][0]["cryptosuite"] == "eddsa-jcs-2022"
    # The schema is not a formality: it refuses a credential without its subject's achievement.
    broken = json.loads((out / "GEN97.json").read_text(encoding="utf-8"))
    del broken["credentialSubject"]["achievement"]
    assert list(validator.iter_errors(broken))


def test_the_achievement_is_the_nos_aligned_to_it_and_to_its_case_item_in_the_edition(issued, run):
    _, out = issued
    document = json.loads((out / "HT2.json").read_text(encoding="utf-8"))
    achievement = document["credentialSubject"]["achievement"]
    nos = next(c for c in raw_competences() if c.get("code") == "HT2")
    assert achievement["achievementType"] == "Competency"
    assert achievement["name"] == nos["title"]
    first, second = achievement["alignment"]
    assert (first["targetCode"], first["targetName"], first["targetUrl"]) == ("HT2", nos["title"], nos["url"])
    assert first["targetFramework"].endswith("Final Report v3 (2018-05-31)")
    case = json.loads(run("export", "case").stdout)
    item = next(i for i in case["CFItems"] if i.get("humanCodingScheme") == "HT2")
    assert second["targetUrl"] == item["uri"] == achievement["id"]
    assert second["targetType"] == "CFItem"
    assert "role-specific for the Engagement Worker (level 4)" in achievement["criteria"]["narrative"]
    assert document["credentialSubject"]["source"]["name"] == "Jo Bloggs"
    assert document["validFrom"] == "2024-06-01T00:00:00Z"
    gen97 = json.loads((out / "GEN97.json").read_text(encoding="utf-8"))
    assert gen97["evidence"][0]["narrative"] == "Induction workbook, section 2"
    assert "evidence" not in document  # HT2's entry gives none


def test_a_subject_identifier_replaces_the_name(run, tmp_path):
    (tmp_path / "me.yaml").write_text(RECORD.replace("name: Sam Smith\n", ""), encoding="utf-8")
    key = tmp_path / "issuer.key"
    assert run("credential", "key", "-o", str(key), "--name", "Our Trust").exit_code == 0
    arguments = ["credential", "issue", "--have", str(tmp_path / "me.yaml"), "--key", str(key)]
    nameless = run(*arguments, "-o", str(tmp_path / "a"))
    assert nameless.exit_code == 2
    assert "--subject" in nameless.stderr
    assert run(*arguments, "-o", str(tmp_path / "b"), "--subject", "mailto:sam@example.org").exit_code == 0
    subject = json.loads((tmp_path / "b" / "GEN97.json").read_text())["credentialSubject"]
    assert subject["id"] == "mailto:sam@example.org"
    assert "identifier" not in subject
    assert run(*arguments, "-o", str(tmp_path / "c"), "--subject", "staff 1234").exit_code == 0
    subject = json.loads((tmp_path / "c" / "GEN97.json").read_text())["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "staff 1234"
    assert subject["identifier"][0]["identityType"] == "identifier"


def test_a_private_key_others_can_read_is_refused_and_credentials_are_never_replaced_unasked(run, issued, tmp_path):
    key, out = issued
    arguments = ["credential", "issue", "--have", str(tmp_path / "me.yaml"), "--key", str(key), "-o", str(out)]
    again = run(*arguments)
    assert again.exit_code == 1
    assert "exists already" in again.stderr
    assert run(*arguments, "--force").exit_code == 0
    assert {mode(path) for path in out.iterdir()} == {0o600}
    key.chmod(0o644)
    opened = run(*arguments, "--force")
    assert opened.exit_code == 2
    assert "chmod 600" in opened.stderr


def test_a_record_with_nothing_confirmed_issues_nothing(run, tmp_path):
    (tmp_path / "me.yaml").write_text("name: Sam\nheld:\n  - code: GEN97\n", encoding="utf-8")
    assert run("credential", "key", "-o", str(tmp_path / "issuer.key"), "--name", "Our Trust").exit_code == 0
    result = run("credential", "issue", "--have", str(tmp_path / "me.yaml"), "--key", str(tmp_path / "issuer.key"),
                 "-o", str(tmp_path / "out"))  # fmt: skip
    assert result.exit_code == 0
    assert "nothing issued" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_w3c_eddsa_jcs_2022_test_vector_verifies():
    """The specification's own signed credential verifies, and its secret key gives its public key: ldcf's proofs
    are eddsa-jcs-2022 as specified, not only as ldcf reads them."""
    from ldcf.outputs.proofs import check_proof, key_pair_from_secret, public_multibase, read_json, secret_key_of

    vectors = FIXTURES / "vc-di-eddsa"
    pair = json.loads((vectors / "keyPair.json").read_text(encoding="utf-8"))
    derived = key_pair_from_secret(secret_key_of(pair["privateKeyMultibase"]))
    assert public_multibase(derived.public) == pair["publicKeyMultibase"]
    signed = read_json((vectors / "signedJCS.json").read_text(encoding="utf-8"), "the test vector")
    assert check_proof(signed).verified
    signed["credentialSubject"]["alumniOf"] = "Another School"
    assert not check_proof(signed).verified


def test_canonical_json_is_rfc_8785_for_json_without_fractions():
    from ldcf.outputs.proofs import ProofProblem, canonical_json, read_json

    # RFC 8785's sorting example: keys in the order of their UTF-16 code units.
    keys = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    written = canonical_json(dict.fromkeys(keys, 1)).decode("utf-8")
    assert written == '{"\\r":1,"1":1,"\u0080":1,"\u00f6":1,"\u20ac":1,"\U0001f600":1,"\ufb33":1}'
    assert (
        canonical_json({"b": [True, None, "a\u2028\x1f"], "a": -3})
        == b'{"a":-3,"b":[true,null,"a\xe2\x80\xa8\\u001f"]}'
    )
    with pytest.raises(ProofProblem):
        canonical_json({"a": 1.5})
    for text in ('{"a": 1, "a": 2}', '{"a": NaN}', '{"a": 0.5}'):
        with pytest.raises(ProofProblem):
            read_json(text, "a document")


def test_every_command_and_the_python_example_of_the_credentials_guide_work(run, tmp_path, monkeypatch):
    import contextlib
    import re

    from conftest import guide_commands

    guide = (REPOSITORY / "docs" / "credentials.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "me.yaml").write_text(RECORD, encoding="utf-8")
    commands = guide_commands(guide)
    assert len(commands) == 4
    for arguments in commands:
        result = run(*arguments)
        assert result.exit_code == 0, (arguments, result.output)
    for name in ("issuer.key", "issuer.pub"):
        (tmp_path / name).rename(tmp_path / f"first-{name}")
    example = re.search(r"```python\n(.*?)```", guide, flags=re.S).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example.replace('"my-credentials"', '"more"'), "docs/credentials.md", "exec"), {})
    assert printed.getvalue() == "True\n"
