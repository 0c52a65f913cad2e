"""Records as people write them: saved by Windows tools in UTF-16 or with a byte-order mark, and the YAML
mistakes hand-editing makes, each with a hint a person can act on."""

from __future__ import annotations

import json

import pytest

from conftest import raw_holdings

RECORD = "name: Sam\nrole: support-worker\nheld:\n  - code: GEN97\n    evidence: Induction\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-16", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")],
    ids=["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-8-bom"],
)
def test_a_record_saved_by_windows_tools_reads_as_text(run, tmp_path, encoding, prefix):
    """PowerShell's `>` writes UTF-16 with a byte-order mark; Notepad may add one to UTF-8."""
    record = tmp_path / "me.yaml"
    record.write_bytes(prefix + RECORD.replace("\n", "\r\n").encode(encoding))
    result = run("gap", "--have", str(record), "practitioner", "--format", "json")
    assert result.exit_code == 0, result.output
    retained = {entry["code"] for entry in json.loads(result.stdout)["retained"]}
    assert retained == {"GEN97"} & raw_holdings("practitioner")


@pytest.mark.parametrize(
    ("body", "line", "hint"),
    [
        ("    evidence: Trust induction: communication module\n", 5, "put the whole text in double quotes"),
        ("\tevidence: Induction\n", 5, "YAML needs spaces, so replace the tab with spaces"),
        ("   evidence: Induction\n", 5, "check the indentation"),
    ],
    ids=["colon-in-text", "tab", "indent"],
)
def test_a_yaml_mistake_names_its_line_and_what_to_do(run, tmp_path, body, line, hint):
    record = tmp_path / "me.yaml"
    record.write_text("name: Sam\nrole: support-worker\nheld:\n  - code: GEN97\n" + body, encoding="utf-8")
    result = run("gap", "--have", str(record), "practitioner")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = next(text for text in result.stderr.splitlines() if "me.yaml" in text)
    assert f"me.yaml:{line}:" in message
    assert hint in message


def test_text_that_is_neither_utf8_nor_utf16_is_refused_at_its_byte(run, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_bytes(b"name: Caf\xe9\n")
    result = run("gap", "--have", str(record), "practitioner")
    assert result.exit_code == 1
    assert "me.yaml:1:10: error: not UTF-8 text (byte 0xe9" in result.stderr
