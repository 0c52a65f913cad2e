"""Self-assessment: `ldcf record template` and `ldcf gap --have`."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import SHIPPED_DATA, raw, raw_holdings

ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))


def cli(run, *arguments):
    return run("--data", str(SHIPPED_DATA), *arguments)


def held_in_full(template: str) -> str:
    """The template with every entry not yet assessed moved into held, as a person holding them all would."""
    head, listed = template.split("not_yet_assessed:\n")
    return head.replace("held:\n", "held:\n" + listed, 1)


def test_a_template_claims_nothing_until_its_entries_are_moved_into_held(run, tmp_path):
    template = cli(run, "record", "template", "support-worker")
    assert template.exit_code == 0
    record = tmp_path / "me.yaml"
    record.write_text(template.stdout, encoding="utf-8")
    unedited = json.loads(cli(run, "gap", "--have", str(record), "support-worker", "--format", "json").stdout)
    assert unedited["share_met"] == 0
    assert unedited["retained"] == []
    record.write_text(held_in_full(template.stdout), encoding="utf-8")
    from_record = json.loads(cli(run, "gap", "--have", str(record), "practitioner", "--format", "json").stdout)
    from_role = json.loads(cli(run, "gap", "support-worker", "practitioner", "--format", "json").stdout)
    assert [e["code"] for e in from_record["to_acquire"]] == [e["code"] for e in from_role["to_acquire"]]
    assert [e["code"] for e in from_record["retained"]] == [e["code"] for e in from_role["retained"]]
    assert from_record["from_role"] == "support-worker"
    assert from_record["from_level"] == raw(SHIPPED_DATA / "roles" / "support-worker.yaml")["level"]
    held, needed = raw_holdings("support-worker"), raw_holdings("practitioner")
    assert from_record["share_met"] == pytest.approx(len(held & needed) / len(needed), abs=1e-4)


def next_up(role: str) -> str | None:
    """The first role (in file-name order, as the data lists them) at the nearest level above, from the YAML."""
    levels = {name: raw(SHIPPED_DATA / "roles" / f"{name}.yaml")["level"] for name in ROLES}
    above = sorted({level for level in levels.values() if level > levels[role]})
    return next(name for name in ROLES if levels[name] == above[0]) if above else None


@pytest.mark.parametrize("role", ["volunteer", "support-worker", "practitioner", "strategic-manager"])
def test_the_template_suggests_the_next_role_up_and_its_examples_can_be_made_live(run, tmp_path, role):
    text = cli(run, "record", "template", role).stdout
    up = next_up(role)
    if up is None:
        assert "ldcf gap --have THIS-FILE ROLE" in text
    else:
        assert f"ldcf gap --have THIS-FILE {up}" in text
        assert f"ldcf gap --have THIS-FILE {role}\n" not in text  # not the role compared with itself
    listed = {entry["code"] for entry in yaml.safe_load(text)["not_yet_assessed"]}
    live = "\n".join(line.replace("  # - ", "  - ").replace("  #   ", "    ") for line in text.splitlines()) + "\n"
    record = tmp_path / "live.yaml"
    record.write_text(live, encoding="utf-8")
    result = cli(run, "gap", "--have", str(record), role, "--format", "json")
    assert result.exit_code == 0, result.stderr  # no example is listed twice
    examples = {entry["code"] for field in ("held", "working_towards") for entry in yaml.safe_load(live)[field]}
    assert len(examples) == 2
    assert not examples & listed
    if up is not None:  # competences the next role up needs and this role does not
        assert examples <= raw_holdings(up) - raw_holdings(role)


def test_the_template_can_be_written_to_a_file(run, tmp_path):
    target = tmp_path / "me.yaml"
    result = cli(run, "record", "template", "volunteer", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == cli(run, "record", "template", "volunteer").stdout
    again = cli(run, "record", "template", "support-worker", "-o", str(target))
    assert again.exit_code == 1
    assert "--force" in again.stderr
    assert cli(run, "record", "template", "support-worker", "-o", str(target), "--force").exit_code == 0
    assert '"support-worker"' in target.read_text(encoding="utf-8")


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


@pytest.mark.parametrize("role", ROLES)
def test_every_role_template_round_trips(run, tmp_path, role):
    record = tmp_path / "r.yaml"
    record.write_text(held_in_full(cli(run, "record", "template", role).stdout), encoding="utf-8")
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


@pytest.mark.parametrize(
    ("written", "read"),
    [("2024", "2024"), ("2024-03", "2024-03"), ("2024-03-01", "2024-03-01"), ("01/03/2024", "2024-03-01"),
     ('"01/03/2024"', "2024-03-01"), ("29/02/2024", "2024-02-29"), ('"2024"', "2024"), ("1/3/2024", "2024-03-01"),
     ("9/11/2025", "2025-11-09"), ("09/1/2025", "2025-01-09")],
)  # fmt: skip
def test_each_form_of_date_is_read_as_a_date(run, tmp_path, written, read):
    record = tmp_path / "sam.yaml"
    record.write_text(f"name: Sam\nheld:\n  - code: GEN97\n    date: {written}\n", encoding="utf-8")
    result = cli(run, "gap", "--have", str(record), "volunteer", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (entry,) = [entry for entry in json.loads(result.stdout)["retained"] if entry["code"] == "GEN97"]
    assert entry["date"] == read  # DD/MM/YYYY (day first, as in the UK) is read as YYYY-MM-DD


@pytest.mark.parametrize(
    "written",
    ["2025-13-45", "2025-02-30", "30/02/2025", "02/30/2025", "13/13/2025", "2025-13", "1/13/2024", "31/4/2024",
     "2024-3-1", "001/3/2024", "1/3/24", "１/３/２０２４", "next week", "20240301"],
)  # fmt: skip
@pytest.mark.parametrize("field", ["date", "confirmed_on", "rejected_on", "target_date"])
def test_a_date_that_is_no_date_of_the_calendar_is_refused(run, tmp_path, written, field):
    entry = "working_towards" if field == "target_date" else "held"
    record = tmp_path / "sam.yaml"
    record.write_text(f"name: Sam\n{entry}:\n  - code: GEN97\n    {field}: {written}\n", encoding="utf-8")
    result = cli(run, "gap", "--have", str(record), "volunteer")
    assert result.exit_code == 1
    assert "sam.yaml:4:" in result.stderr
    assert field in result.stderr


def test_a_held_entry_is_confirmed_or_rejected_never_both(run, tmp_path):
    record = tmp_path / "sam.yaml"
    record.write_text(
        "name: Sam\nheld:\n  - code: GEN97\n    confirmed_by: Lee\n    rejected_by: Kim\n", encoding="utf-8"
    )
    result = cli(run, "gap", "--have", str(record), "volunteer")
    assert result.exit_code == 1
    assert "either confirmed or rejected, not both" in result.stderr


@pytest.mark.parametrize(
    "decision",
    ["confirmed_by: Lee", "confirmed_on: 2026-01-10", "rejected_by: Kim", "rejected_on: 2026-01-10",
     "confirmed_by: Lee\n    confirmed_edition: 0123456789abcdef"],
)  # fmt: skip
def test_a_decision_says_who_made_it_and_when(run, tmp_path, decision):
    record = tmp_path / "sam.yaml"
    record.write_text(f"name: Sam\nheld:\n  - code: GEN97\n    {decision}\n", encoding="utf-8")
    result = cli(run, "gap", "--have", str(record), "volunteer")
    assert result.exit_code == 1
    assert "sam.yaml:3:" in result.stderr
    assert "give both confirmed_by and confirmed_on (or rejected_by and rejected_on)" in result.stderr


def test_targets_name_several_roles_the_first_by_default(run, tmp_path):
    record = tmp_path / "sam.yaml"
    record.write_text("name: Sam\nrole: volunteer\ntargets: [support-worker, Practitioner]\n", encoding="utf-8")
    gap = json.loads(cli(run, "gap", "--have", str(record), "--format", "json").stdout)
    assert gap["to"] == "support-worker"
    record.write_text("name: Sam\ntarget: practitioner\ntargets: [Practitioner]\n", encoding="utf-8")
    result = cli(run, "gap", "--have", str(record))
    assert result.exit_code == 1
    assert "listed twice" in result.stderr
