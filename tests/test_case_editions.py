"""CASE between editions: an item keeps its identifier in every export and across edits that do not touch it,
and `ldcf export case --previous OLD` says which old competence each recoded one replaced (replacedBy)."""

from __future__ import annotations

import json
import re
import shutil

from conftest import SHIPPED_DATA, edit

NEW_ROLE = """\
id: our-worker
title: Our Worker
based_on: practitioner
source:
  document: a test
"""


def identifiers(package: dict) -> dict[tuple[str, str], str]:
    """Each item's identifier by its kind and code."""
    return {
        (item["CFItemType"], item.get("humanCodingScheme", item["fullStatement"])): item["identifier"]
        for item in package["CFItems"]
    }


def case(run, *arguments: str) -> dict:
    result = run(*arguments, "export", "case")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_competence_keeps_its_identifier_in_two_exports_and_across_an_added_role_and_another_retitle(run, tmp_path):
    first, second = case(run), case(run)
    assert first == second
    data = shutil.copytree(SHIPPED_DATA, tmp_path / "data")
    (data / "roles" / "our-worker.yaml").write_text(NEW_ROLE, encoding="utf-8")
    edit(data / "competences.yaml", "title: Make use of supervision\n", "title: Make good use of supervision\n")
    edited = case(run, "--data", str(data))
    before, after = identifiers(first), identifiers(edited)
    gen97 = ("National Occupational Standard", "GEN97")
    assert before[gen97] == after[gen97]
    assert before[("National Occupational Standard", "GEN36")] == after[("National Occupational Standard", "GEN36")]
    assert {key: value for key, value in after.items() if key in before} == before
    assert set(after) - set(before) == {("Role", "our-worker")}
    document = first["CFDocument"]["identifier"]
    assert edited["CFDocument"]["identifier"] == document


def test_previous_gives_replaced_by_for_a_recoded_competence(run, tmp_path):
    old = shutil.copytree(SHIPPED_DATA, tmp_path / "old-data")
    new = shutil.copytree(SHIPPED_DATA, tmp_path / "data")
    # GEN36 becomes GEN36A, which keeps the old code as an alias: a recode, as `ldcf diff` finds it.
    edit(new / "competences.yaml", "  - code: GEN36\n", "  - code: GEN36A\n    aliases: [GEN36]\n")
    for role in (new / "roles").glob("*.yaml"):
        text = role.read_text(encoding="utf-8")
        role.write_text(re.sub(r"\bGEN36\b", "GEN36A", text), encoding="utf-8")
    assert json.loads(run("diff", str(old), str(new), "--format", "json").stdout)["competences"]["recoded"] == [
        {"old": "GEN36", "new": "GEN36A"}
    ]
    result = run("--data", str(new), "export", "case", "--previous", str(old))
    assert result.exit_code == 0, result.output
    package = json.loads(result.stdout)
    old_package = case(run, "--data", str(old))
    old_id = identifiers(old_package)[("National Occupational Standard", "GEN36")]
    new_id = identifiers(package)[("National Occupational Standard", "GEN36A")]
    replaced = [a for a in package["CFAssociations"] if a["associationType"] == "replacedBy"]
    assert [(a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]) for a in replaced] == [
        (old_id, new_id)
    ]
    assert replaced[0]["originNodeURI"]["uri"] == f"urn:uuid:{old_id}"
    assert replaced[0]["originNodeURI"]["title"] == "Make use of supervision"
    # Without --previous, or between two equal editions, nothing is replaced.
    assert not [a for a in case(run, "--data", str(new))["CFAssociations"] if a["associationType"] == "replacedBy"]
    same = json.loads(run("export", "case", "--previous", str(old)).stdout)
    assert not [a for a in same["CFAssociations"] if a["associationType"] == "replacedBy"]


def test_previous_is_for_case_only_and_must_be_data(run, tmp_path):
    assert run("export", "json", "--previous", str(SHIPPED_DATA)).exit_code == 2
    missing = run("export", "case", "--previous", str(tmp_path / "absent"))
    assert missing.exit_code == 2
    assert "--previous" in missing.stderr


def test_the_package_written_to_a_file_as_it_is_made_is_the_one_printed(run, tmp_path):
    # -o writes the package a part at a time; its bytes are those of the whole package printed, --previous too.
    old = shutil.copytree(SHIPPED_DATA, tmp_path / "old-data")
    new = shutil.copytree(SHIPPED_DATA, tmp_path / "data")
    edit(new / "competences.yaml", "  - code: GEN36\n", "  - code: GEN36A\n    aliases: [GEN36]\n")
    for role in (new / "roles").glob("*.yaml"):
        role.write_text(re.sub(r"\bGEN36\b", "GEN36A", role.read_text(encoding="utf-8")), encoding="utf-8")
    for options in ([], ["--previous", str(old)]):
        printed = run("--data", str(new), "export", "case", *options)
        assert printed.exit_code == 0, printed.output
        written = tmp_path / "case.json"
        result = run("--data", str(new), "export", "case", *options, "-o", str(written), "--force")
        assert result.exit_code == 0, result.output
        assert written.read_bytes() == printed.stdout_bytes
        assert (b'"replacedBy"' in printed.stdout_bytes) == bool(options)
