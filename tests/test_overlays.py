"""Local overlays: later data folders add to earlier ones; local roles inherit from the national roles they are
based on; conflicts and cycles are errors naming both places."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPOSITORY, SHIPPED_DATA

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
EXAMPLE = REPOSITORY / "examples" / "local"

LOCAL_ROLE = """id: local-role
title: Local Role
based_on: example-role
source:
  document: A local job description
employer: A local trust
afc_band: 6
locality_specific:
  - competences: [GEN36]
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    base = tmp_path / "base"
    shutil.copytree(MINIMAL, base)
    local = tmp_path / "local"
    (local / "roles").mkdir(parents=True)
    (local / "roles" / "local-role.yaml").write_text(LOCAL_ROLE, encoding="utf-8")
    return base, local


def cli(run, folders, *arguments):
    base, local = folders
    return run("--no-cache", "--data", str(base), "--data", str(local), *arguments)


def errors(result) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if ": error: " in line]


def test_a_local_role_inherits_level_and_competences_and_adds_its_own(run, folders):
    shown = json.loads(cli(run, folders, "role", "show", "local-role", "--format", "json").stdout)
    assert shown["level"] == 5
    assert shown["based_on"] == "example-role"
    by_code = {entry["code"]: entry for entry in shown["competences"]}
    assert by_code["GEN97"]["category"] == "core"
    assert by_code["SFJAB1"]["category"] == by_code["FM12"]["category"] == "role-specific"
    assert by_code["GEN36"]["category"] == "locality-specific"
    base, local = folders
    assert by_code["SFJAB1"]["origin"] == str(base)
    assert by_code["GEN36"]["origin"] == str(local)


def test_the_band_is_recorded_but_never_sets_the_level(run, folders):
    shown = json.loads(cli(run, folders, "role", "show", "local-role", "--format", "json").stdout)
    assert shown["afc_band"] == "6"
    assert shown["level"] == 5
    assert "no automatic read-across" in shown["afc_note"]
    table = cli(run, folders, "role", "show", "local-role").stdout
    assert "Agenda for Change band" in table
    assert "no automatic read-across" in table


def test_provenance_is_shown_in_tables_when_there_are_overlays(run, folders):
    table = cli(run, folders, "role", "show", "local-role").stdout
    assert "Data folder" in table
    assert str(folders[1]) in table


def test_gap_works_from_a_local_role_to_a_national_one_and_back(run, folders):
    there = json.loads(cli(run, folders, "gap", "local-role", "other-role", "--format", "json").stdout)
    assert there["from_level"] == 5
    assert there["to_level"] == 4
    assert {e["code"] for e in there["no_longer_required"]} == {"SFJAB1", "FM12"}
    back = json.loads(cli(run, folders, "gap", "other-role", "local-role", "--format", "json").stdout)
    assert {e["code"] for e in back["to_acquire"]} == {"SFJAB1", "FM12"}
    assert {e["code"] for e in back["retained"]} == {"GEN97", "GEN36"}
    local_entry = next(e for e in back["retained"] if e["code"] == "GEN36")
    assert local_entry["origin"] == str(folders[1])


def test_an_overlay_given_alone_lies_on_the_national_data(run, tmp_path):
    local = tmp_path / "local"
    (local / "roles").mkdir(parents=True)
    (local / "roles" / "my-practitioner.yaml").write_text(
        "id: my-practitioner\ntitle: My Practitioner\nbased_on: practitioner\nsource: {document: Ours}\n",
        encoding="utf-8",
    )
    result = run("--no-cache", "--data", str(local), "role", "show", "my-practitioner", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["level"] == 5
    listed = run("--no-cache", "roles", "--list", env={"LDCF_DATA": f"{SHIPPED_DATA}{os.pathsep}{local}"}).stdout
    assert "my-practitioner" in listed.split()
    assert "practitioner" in listed.split()


def test_the_same_definition_in_two_folders_is_one_definition(run, folders):
    base, local = folders
    shutil.copyfile(base / "competences.yaml", local / "competences.yaml")
    assert cli(run, folders, "validate").exit_code == 0


def test_a_competence_defined_differently_in_two_folders_names_both(run, folders):
    base, local = folders
    (local / "competences.yaml").write_text(
        "competences:\n  - code: FM12\n    title: Manage something else\n    source: local\n", encoding="utf-8"
    )
    lines = errors(cli(run, folders, "validate"))
    assert any(
        line.startswith(f"{local / 'competences.yaml'}:2:")
        and "FM12 is also defined, differently" in line
        and f"{base / 'competences.yaml'}:10" in line
        for line in lines
    ), lines


def test_a_role_defined_differently_in_two_folders_names_both(run, folders):
    base, local = folders
    text = (base / "roles" / "other-role.yaml").read_text().replace("title: Other Role", "title: Another Role")
    (local / "roles" / "other-role.yaml").write_text(text, encoding="utf-8")
    lines = errors(cli(run, folders, "validate"))
    assert any(
        str(local / "roles" / "other-role.yaml") in line
        and "also defined, differently" in line
        and str(base / "roles" / "other-role.yaml") in line
        for line in lines
    ), lines


def test_based_on_a_role_that_does_not_exist(run, folders):
    local_role = folders[1] / "roles" / "local-role.yaml"
    local_role.write_text(LOCAL_ROLE.replace("based_on: example-role", "based_on: exampel-role"), encoding="utf-8")
    lines = errors(cli(run, folders, "validate"))
    assert any(
        f"{local_role}:3:" in line
        and "based_on names no role: 'exampel-role'" in line
        and "did you mean example-role" in line
        for line in lines
    ), lines


def test_a_cycle_of_based_on_names_both_files(run, folders):
    local = folders[1] / "roles"
    (local / "local-role.yaml").write_text(LOCAL_ROLE.replace("based_on: example-role", "based_on: loop-role"))
    (local / "loop-role.yaml").write_text(
        "id: loop-role\ntitle: Loop Role\nbased_on: local-role\nsource: {document: Ours}\n", encoding="utf-8"
    )
    lines = errors(cli(run, folders, "validate"))
    cycle = [line for line in lines if "based_on goes round in a cycle" in line]
    assert cycle, lines
    assert any(str(local / "local-role.yaml") in line and str(local / "loop-role.yaml") in line for line in cycle)


def test_a_level_that_differs_from_the_base_role_is_an_error(run, folders):
    local_role = folders[1] / "roles" / "local-role.yaml"
    local_role.write_text(LOCAL_ROLE.replace("based_on: example-role\n", "based_on: example-role\nlevel: 4\n"))
    lines = errors(cli(run, folders, "validate"))
    assert any(f"{local_role}:4:" in line and "level 4 differs from level 5 of example-role" in line for line in lines)


def test_listing_an_inherited_competence_again_is_an_error(run, folders):
    local_role = folders[1] / "roles" / "local-role.yaml"
    local_role.write_text(LOCAL_ROLE.replace("[GEN36]", "[GEN36, FM12]"), encoding="utf-8")
    lines = errors(cli(run, folders, "validate"))
    assert any(f"{local_role}:" in line and "FM12 is already held through example-role" in line for line in lines)


def test_an_unknown_band_is_an_error(run, folders):
    local_role = folders[1] / "roles" / "local-role.yaml"
    local_role.write_text(LOCAL_ROLE.replace("afc_band: 6", "afc_band: 10"), encoding="utf-8")
    lines = errors(cli(run, folders, "validate"))
    assert any(f"{local_role}:7:" in line and "not an Agenda for Change band" in line for line in lines), lines


def test_the_worked_example_overlay_validates(run):
    result = run("--no-cache", "--data", str(EXAMPLE), "validate")
    assert result.exit_code == 0, result.stdout
    assert "0 error(s)" in result.stderr


def test_the_worked_example_maps_local_skills_to_nos(run):
    shown = json.loads(
        run(
            "--no-cache", "--data", str(EXAMPLE), "role", "show", "lincolnshire-senior-practitioner", "--format", "json"
        ).stdout
    )
    assert shown["level"] == 5
    assert shown["employer"] == "Lincolnshire Action Trust"
    local = {e["code"] or e["id"] for e in shown["competences"] if e["origin"] != "national"}
    assert {"GEN99", "GEN14", "SCDHSC0410", "GEN35", "act-as-key-interface-with-partners"} <= local
    inherited = {e["code"] for e in shown["competences"] if e["origin"] == "national"}
    assert {"FM12", "SFJFJ1", "SFJEA2", "HPC1", "MH21.2013", "SFJED1"} <= inherited
    band6 = json.loads(
        run("--no-cache", "--data", str(EXAMPLE), "role", "show", "registered-worker-band-6", "--format", "json").stdout
    )
    assert (band6["level"], band6["afc_band"], band6["based_on"]) == (6, "6", "specialist-practitioner")


def test_the_printed_title_with_an_ampersand_finds_the_registered_worker(run):
    # Seed 004 prints "Liaison & Diversion Registered Worker"; "&" and "and" are the same in role names.
    from conftest import REPOSITORY

    shown = run("--data", str(REPOSITORY / "examples" / "local"), "role", "show",
                "Liaison & Diversion Registered Worker", "--format", "json")  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == "registered-worker-band-6"


def test_a_name_clash_is_blamed_on_the_overlay_that_brings_it_and_names_both(run, tmp_path):
    overlay = tmp_path / "clash"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "our-practitioner.yaml").write_text(
        "id: our-practitioner\ntitle: Practitioner\nbased_on: practitioner\nsource:\n  document: Ours\n",
        encoding="utf-8",
    )
    result = run("--data", str(overlay), "validate")
    errors = [line for line in result.stdout.splitlines() if "(name-clash)" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"{overlay / 'roles' / 'our-practitioner.yaml'}:2:")
    assert "ldcf:data/roles/practitioner.yaml" in errors[0]
