"""Self-assessment: `ldcf record template` and `ldcf gap --have`."""

from __future__ import annotations

import json

import pytest

from conftest import SHIPPED_DATA, raw, raw_holdings


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
    assert from_record["from_role"] == "support-worker"
    assert from_record["from_level"] == raw(SHIPPED_DATA / "roles" / "support-worker.yaml")["level"]
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
    assert "Retained" in table
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


ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_template_round_trips(run, tmp_path, role):
    record = tmp_path / "r.yaml"
    record.write_text(cli(run, "record", "template", role).stdout, encoding="utf-8")
    result = cli(run, "gap", "--have", str(record), role, "--format", "json")
    assert result.exit_code == 0, result.stderr
    gap = json.loads(result.stdout)
    assert gap["to_acquire"] == []
    assert {entry["code"] or entry["id"] for entry in gap["retained"]} == raw_holdings(role)
    assert gap["share_met"] == 1.0


def test_a_competence_listed_twice_for_a_role_is_shown_once_with_a_note(run):
    profile = json.loads(cli(run, "role", "show", "peer-support-worker", "--format", "json").stdout)
    ht4 = [entry for entry in profile["competences"] if entry["code"] == "HT4"]
    assert len(ht4) == 1
    assert ht4[0]["category"] == "core"
    assert ht4[0]["note"] == "also listed as role-specific for this role"


def test_a_record_with_a_role_shows_the_level_change_and_the_persons_name(run, tmp_path):
    record = tmp_path / "sam.yaml"
    record.write_text("name: Sam Smith\nrole: Support Worker\nheld:\n  - code: GEN97\n", encoding="utf-8")
    table = cli(run, "gap", "--have", str(record), "practitioner").stdout
    assert "Sam Smith, Support Worker (support-worker)" in table
    assert "4 to 5 (+1)" in table
    gap = json.loads(cli(run, "gap", "--have", str(record), "practitioner", "--format", "json").stdout)
    assert (gap["from"], gap["from_role"], gap["from_level"], gap["record"]) == ("Sam Smith", "support-worker", 4,
                                                                                 str(record))  # fmt: skip


def test_working_towards_is_shown_apart_with_its_target_date(run, tmp_path):
    record = tmp_path / "sam.yaml"
    record.write_text(
        "name: Sam\nheld:\n  - code: GEN97\nworking_towards:\n  - code: SfJ AB1\n    target_date: 2027-03\n"
        "    plan: Shadow a practitioner in custody\n",
        encoding="utf-8",
    )
    table = cli(run, "gap", "--have", str(record), "practitioner").stdout
    section = table[table.index("Working towards (1)") :]
    assert "SFJAB1" in section.split("Retained")[0]
    assert "2027-03" in section
    assert "Shadow a practitioner in custody" in section
    gap = json.loads(cli(run, "gap", "--have", str(record), "practitioner", "--format", "json").stdout)
    planned = [entry for entry in gap["to_acquire"] if entry.get("working_towards")]
    assert [(entry["code"], entry["target_date"]) for entry in planned] == [("SFJAB1", "2027-03")]
    assert "SFJAB1" not in {entry["code"] for entry in gap["retained"]}
