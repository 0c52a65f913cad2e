"""Self-assessment: `ldcf record template` and `ldcf gap --have`."""

from __future__ import annotations

import json

import pytest

from conftest import SHIPPED_DATA, raw_holdings


def cli(run, *arguments):
    return run("--data", str(SHIPPED_DATA), *arguments)


def test_a_template_for_a_role_meets_that_role_in_full(run, tmp_path):
    template = cli(run, "record", "template", "support-worker")
    assert template.exit_code == 0
    record = tmp_path / "me.yaml"
    record.write_text(template.stdout, encoding="utf-8")
    from_record = json.loads(cli(run, "gap", "--have", str(record), "practitioner", "--format", "json").stdout)
    from_role = json.loads(cli(run, "gap", "support-worker", "practitioner", "--format", "json").stdout)
    assert [e["code"] for e in from_record["to_acquire"]] == [e["code"] for e in from_role["to_acquire"]]
    assert [e["code"] for e in from_record["retained"]] == [e["code"] for e in from_role["retained"]]
    assert from_record["from_level"] is None
    held, needed = raw_holdings("support-worker"), raw_holdings("practitioner")
    assert from_record["share_met"] == pytest.approx(len(held & needed) / len(needed), abs=1e-4)


def test_a_record_with_evidence_shows_what_is_met_and_missing(run, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text(
        "name: Sam\nheld:\n"
        "  - code: GEN97\n    evidence: Induction workbook\n    date: 2024-03-01\n"
        "  - code: SfJ AB1\n"
        "  - code: GEN32\n",
        encoding="utf-8",
    )
    result = json.loads(cli(run, "gap", "--have", str(record), "volunteer", "--format", "json").stdout)
    retained = {entry["code"]: entry for entry in result["retained"]}
    assert set(retained) == {"GEN97", "SFJAB1"}
    assert retained["GEN97"]["evidence"] == "Induction workbook"
    assert retained["GEN97"]["date"] == "2024-03-01"
    assert [entry["code"] for entry in result["no_longer_required"]] == ["GEN32"]
    assert result["share_met"] == pytest.approx(2 / 25, abs=1e-4)
    table = cli(run, "gap", "--have", str(record), "volunteer").stdout
    assert "Met" in table
    assert "2 of 25 (8%)" in table
    assert "Induction workbook" in table


def test_a_missing_record_is_an_error(run, tmp_path):
    result = cli(run, "gap", "--have", str(tmp_path / "absent.yaml"), "practitioner")
    assert result.exit_code == 1
    assert "absent.yaml: error: no such file (missing-file)" in result.stderr


def test_have_takes_only_the_target(run, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text("held: []\n", encoding="utf-8")
    result = cli(run, "gap", "--have", str(record), "volunteer", "practitioner")
    assert result.exit_code == 2
    assert "FROM comes from --have" in result.stderr
