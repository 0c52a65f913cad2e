"""`ldcf gap`: checked against gaps computed by hand from the role lists of the 2018 report."""

from __future__ import annotations

import json

import pytest

from conftest import SHIPPED_DATA, raw_core, raw_holdings

L3_CORE_ONLY = {"GEN23"}
L5_NEW_CORE = {"CFAM&LDD1", "GEN13", "CFAM&LAA3", "SCDHSC0033", "SCDHSC0043", "CFAM&LCA1", "SCDHSC3111"}


def gap(run, *names: str) -> dict:
    result = run("--data", str(SHIPPED_DATA), "gap", *names, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def codes(entries: list[dict]) -> set[str]:
    return {entry["code"] for entry in entries}


def test_volunteer_to_peer_support_worker(run):
    result = gap(run, "volunteer", "peer-support-worker")
    assert codes(result["to_acquire"]) == L3_CORE_ONLY | {"CMG4", "CFAM&LAA3", "GEN36", "SFTMVD2", "SFTMVC3", "SFTMVC5"}
    assert result["no_longer_required"] == []
    assert (result["from_level"], result["to_level"]) == (2, 3)


def test_support_worker_to_practitioner(run):
    result = gap(run, "support-worker", "practitioner")
    # The support worker already holds CFAM&LDD1, CFAM&LAA3 and SCDHSC3111 as role-specific competences.
    new_core = L5_NEW_CORE - {"CFAM&LDD1", "CFAM&LAA3", "SCDHSC3111"}
    new_specific = {"CCSCCS18", "FM12", "SFJFJ1", "SFJEA2", "SFJEC6", "HPC1", "MH21.2013", "SFJED1", "HI7.2010"}
    assert codes(result["to_acquire"]) == new_core | new_specific
    by_code = {entry["code"]: entry["category"] for entry in result["to_acquire"] + result["retained"]}
    assert by_code["GEN13"] == "core"
    assert by_code["FM12"] == "role-specific"
    assert by_code["CFAM&LDD1"] == "core"  # the category it has in TO
    assert codes(result["no_longer_required"]) == {
        "SCDHSC0023",
        "GEN99",
        "SCDHSC0233",
        "CHS177",
        "GEN14",
        "GEN134",
        "CFA_CSD9",
        "AA1.2014",
        "CHS99",
        "CHS233",
        "CHS234",
        "SCDHSC0226",
        "SCDHSC3103",
        "SCDHSC0410",
        "LSILADD07",
    }


def test_across_a_level_administrator_to_peer_support_worker(run):
    result = gap(run, "Administrator", "Peer Support Worker")
    assert codes(result["to_acquire"]) == {
        "CMG4",
        "GEN85",
        "SCDHSC0233",
        "CHS177",
        "SCDHSC0026",
        "CFAM&LAA3",
        "GEN36",
        "MH14.2013",
        "AA1.2014",
        "SCDHSC0226",
        "SCDHSC0330",
        "HT3",
        "PHP41",
        "SCDHSC0410",
        "SFTMVD2",
        "SFTMVC3",
        "SFTMVC5",
    }
    assert codes(result["no_longer_required"]) == {
        "SFJAB8",
        "CFA_CSD9",
        "CFA_BAA411",
        "CFA_BAA612",
        "SCDHSC0242",
        "SS07",
        "CFA_BAA621",
    }


def test_operational_manager_to_strategic_manager(run):
    result = gap(run, "operational-manager", "strategic-manager")
    assert codes(result["to_acquire"]) == {
        "SFJCPS2.2",
        "PHP30",
        "R&D10",
        "CFAM&LBA2",
        "SFJHF31",
        "SCDHSC0437",
        "GEN122",
        "CFAOP2",
        "SFJHF18",
    }


def test_down_a_level_practitioner_to_support_worker(run):
    result = gap(run, "practitioner", "support-worker")
    assert "SCDHSC0023" in codes(result["to_acquire"])  # core at level 4 only
    assert L5_NEW_CORE - {"CFAM&LDD1", "CFAM&LAA3", "SCDHSC3111"} <= codes(result["no_longer_required"])


def test_a_role_to_itself_is_an_empty_gap(run):
    result = gap(run, "practitioner", "practitioner")
    assert result["to_acquire"] == []
    assert result["no_longer_required"] == []
    assert len(result["retained"]) == len(raw_holdings("practitioner"))


def test_json_contract_keys(run):
    result = gap(run, "volunteer", "administrator")
    assert {"from", "to", "from_level", "to_level", "to_acquire", "retained", "no_longer_required"} <= set(result)
    for entry in result["to_acquire"] + result["retained"] + result["no_longer_required"]:
        assert {"code", "title", "category"} <= set(entry)


def test_table_shows_sections_counts_and_target_descriptor(run):
    result = run("--data", str(SHIPPED_DATA), "gap", "support-worker", "practitioner")
    assert result.exit_code == 0
    held, needed = raw_holdings("support-worker"), raw_holdings("practitioner")
    core_to_acquire = raw_core(5) - held
    for text in (
        f"To acquire: core ({len(core_to_acquire)})",
        f"To acquire: role-specific ({len(needed - held - core_to_acquire)})",
        f"Retained ({len(needed & held)})",
        f"No longer required ({len(held - needed)})",
        "4 to 5 (+1)",
        "People at level 5",
    ):
        assert text in result.stdout


def test_gap_shows_the_target_learning_and_development(run):
    result = run("--data", str(SHIPPED_DATA), "gap", "support-worker", "engagement-worker")
    assert "Indicative learning and development" in result.stdout
    assert "Trauma-informed practices" in result.stdout


@pytest.mark.parametrize("names", [(), ("practitioner",), ("a", "b", "c")])
def test_gap_needs_from_and_to(run, names):
    result = run("--data", str(SHIPPED_DATA), "gap", *names)
    assert result.exit_code == 2
    assert "FROM and TO" in result.stderr


def test_unknown_role_in_gap_is_a_usage_error(run):
    result = run("--data", str(SHIPPED_DATA), "gap", "support-wroker", "practitioner")
    assert result.exit_code == 2
    assert "did you mean 'support-worker'" in result.stderr


def test_gap_have_without_to_uses_the_record_s_target(run, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text("name: Sam\nrole: volunteer\ntarget: Practitioner\nheld:\n  - code: GEN97\n", encoding="utf-8")
    result = run("gap", "--have", str(record), "--format", "json")
    assert result.exit_code == 0, result.output
    gap = json.loads(result.stdout)
    assert gap["to"] == "practitioner"
    assert {entry["code"] or entry["id"] for entry in gap["to_acquire"]} == raw_holdings("practitioner") - {"GEN97"}
    named = run("gap", "--have", str(record), "support-worker", "--format", "json")
    assert json.loads(named.stdout)["to"] == "support-worker"  # a TO given still wins


def test_gap_have_without_to_or_target_is_a_usage_error_that_says_what_to_add(run, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text("held:\n  - code: GEN97\n", encoding="utf-8")
    result = run("gap", "--have", str(record))
    assert result.exit_code == 2
    assert "add `target:` to the record" in result.stderr
    assert "Traceback" not in result.output
