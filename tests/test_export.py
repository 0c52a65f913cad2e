"""`ldcf export`: CASE 1.0, the whole framework as JSON, and CSV tables, read back and checked."""

from __future__ import annotations

import csv
import datetime
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, edit, guide_commands, raw, raw_competences, raw_core, raw_holdings

ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# CASE 1.0 association types (the specification's enumeration).
ASSOCIATION_TYPES = {
    "isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy", "exemplar",
    "hasSkillLevel",
}  # fmt: skip


def export(run, kind: str, *options: str) -> str:
    result = run("export", kind, *options)
    assert result.exit_code == 0, result.output
    return result.stdout


def _date_time(value: object) -> bool:
    return isinstance(value, str) and datetime.datetime.fromisoformat(value).tzinfo is not None


def _required(entry: dict, fields: dict[str, type]) -> None:
    """Each field the specification requires is there, of its type; identifiers are lowercase UUIDs."""
    for name, kind in fields.items():
        assert name in entry, name
        assert isinstance(entry[name], kind), (name, entry[name])
    if "identifier" in entry:
        assert UUID.fullmatch(entry["identifier"]), entry["identifier"]
    if "lastChangeDateTime" in fields:
        assert _date_time(entry["lastChangeDateTime"])


LINK = {"title": str, "identifier": str, "uri": str}


@pytest.fixture(scope="module")
def package():
    from click.testing import CliRunner

    from ldcf.cli.app import cli

    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "export", "case"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_case_package_has_the_required_fields_of_case_1_0(package):
    assert set(package) >= {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions"}
    _required(package["CFDocument"], {"identifier": str, "uri": str, "creator": str, "title": str,
                                      "lastChangeDateTime": str})  # fmt: skip
    for item in package["CFItems"]:
        _required(item, {"identifier": str, "uri": str, "fullStatement": str, "lastChangeDateTime": str})
        _required(item["CFItemTypeURI"], LINK)
    for association in package["CFAssociations"]:
        _required(association, {"identifier": str, "uri": str, "associationType": str, "originNodeURI": dict,
                                 "destinationNodeURI": dict, "lastChangeDateTime": str})  # fmt: skip
        assert association["associationType"] in ASSOCIATION_TYPES
        _required(association["originNodeURI"], LINK)
        _required(association["destinationNodeURI"], LINK)
        if "CFAssociationGroupingURI" in association:
            _required(association["CFAssociationGroupingURI"], LINK)
    definitions = package["CFDefinitions"]
    for item_type in definitions["CFItemTypes"]:
        _required(item_type, {"identifier": str, "uri": str, "title": str, "description": str,
                              "hierarchyCode": str, "lastChangeDateTime": str})  # fmt: skip
    for grouping in definitions["CFAssociationGroupings"]:
        _required(grouping, {"identifier": str, "uri": str, "title": str, "lastChangeDateTime": str})
    identifiers = [entry["identifier"] for key in ("CFItems", "CFAssociations") for entry in package[key]]
    assert len(identifiers) == len(set(identifiers))


def test_every_level_role_and_nos_is_an_item_and_every_association_has_both_ends(package):
    items = {item["identifier"]: item for item in package["CFItems"]}
    kinds = [item["CFItemType"] for item in items.values()]
    assert kinds.count("Career Framework level") == len(raw(SHIPPED_DATA / "levels.yaml")["levels"])
    assert kinds.count("Role") == len(ROLES)
    coded = [c for c in raw_competences() if "code" in c]
    assert kinds.count("National Occupational Standard") == len(coded)
    assert kinds.count("Competence without a NOS code") == len(raw_competences()) - len(coded)
    nos = "National Occupational Standard"
    nos_codes = {item["humanCodingScheme"] for item in items.values() if item["CFItemType"] == nos}
    assert nos_codes == {c["code"] for c in coded}
    types = {item_type["identifier"] for item_type in package["CFDefinitions"]["CFItemTypes"]}
    groupings = {grouping["identifier"] for grouping in package["CFDefinitions"]["CFAssociationGroupings"]}
    for association in package["CFAssociations"]:
        assert association["originNodeURI"]["identifier"] in items
        assert association["destinationNodeURI"]["identifier"] in items
        if "CFAssociationGroupingURI" in association:
            assert association["CFAssociationGroupingURI"]["identifier"] in groupings
    assert all(item["CFItemTypeURI"]["identifier"] in types for item in items.values())


def test_each_role_is_a_child_of_its_level_and_holds_its_competences_by_category(package):
    items = {item["identifier"]: item for item in package["CFItems"]}
    roles = {item["humanCodingScheme"]: item["identifier"] for item in items.values() if item["CFItemType"] == "Role"}
    groupings = {g["identifier"]: g["title"] for g in package["CFDefinitions"]["CFAssociationGroupings"]}

    def associations(kind: str) -> list[dict]:
        return [a for a in package["CFAssociations"] if a["associationType"] == kind]

    for role in ROLES:
        level = raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"]
        parents = [a for a in associations("isChildOf") if a["originNodeURI"]["identifier"] == roles[role]]
        assert [items[a["destinationNodeURI"]["identifier"]]["humanCodingScheme"] for a in parents] == [
            f"Level {level}"
        ]
        parts = [a for a in associations("isPartOf") if a["destinationNodeURI"]["identifier"] == roles[role]]
        origins = [items[a["originNodeURI"]["identifier"]] for a in parts]
        keys = {item.get("humanCodingScheme") for item in origins}
        assert len(parts) == len(raw_holdings(role))
        core = [a for a in parts if groupings[a["CFAssociationGroupingURI"]["identifier"]].startswith("Core")]
        assert len(core) == len(raw_core(level))
        assert {code for code in raw_holdings(role) if code.isupper()} <= keys


def test_printed_codes_are_exact_matches_of_their_nos(package):
    items = {item["identifier"]: item for item in package["CFItems"]}
    matches = [a for a in package["CFAssociations"] if a["associationType"] == "exactMatchOf"]
    assert matches
    by_code = {c["code"]: c for c in raw_competences() if "code" in c}
    for association in matches:
        printed = items[association["originNodeURI"]["identifier"]]["humanCodingScheme"]
        nos = items[association["destinationNodeURI"]["identifier"]]["humanCodingScheme"]
        assert printed in by_code[nos]["aliases"]


def test_case_exports_are_identical_run_to_run_and_identifiers_survive_an_edit(run, tmp_path, package):
    assert json.loads(export(run, "case")) == package  # the shipped data, wherever it is installed
    copy = Path(shutil.copytree(SHIPPED_DATA, tmp_path / "data"))
    edit(copy / "competences.yaml", "title: Use digital communications\n", "title: Use digital tools\n")
    edited = json.loads(run("--data", str(copy), "export", "case").stdout)
    before = {
        item["humanCodingScheme"]: item["identifier"] for item in package["CFItems"] if "humanCodingScheme" in item
    }
    after = {item["humanCodingScheme"]: item["identifier"] for item in edited["CFItems"] if "humanCodingScheme" in item}
    assert before == after


def test_the_json_export_matches_its_schema_and_the_views(run):
    from ldcf.reading.edition_models import FrameworkExportFile

    text = export(run, "json")
    FrameworkExportFile.model_validate_json(text)
    document = json.loads(text)
    for role in document["roles"]:
        shown = json.loads(run("role", "show", role["id"], "--format", "json").stdout)
        assert [(h["key"], h["category"]) for h in role["holdings"]] == [
            (c["id"], c["category"]) for c in shown["competences"]
        ]
        assert role["level"] == shown["level"]
    for level in document["levels"]:
        shown = json.loads(run("level", "show", str(level["level"]), "--format", "json").stdout)
        assert level["core"] == [c["id"] for c in shown["core"]]


def test_the_csv_export_has_a_table_per_entity(run, tmp_path):
    out = tmp_path / "csv"
    result = run("export", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    with (out / "role_competences.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for role in ROLES:
        assert {row["key"] for row in rows if row["role"] == role} == raw_holdings(role)
    with (out / "competences.csv").open(encoding="utf-8", newline="") as file:
        assert len(list(csv.DictReader(file))) == len(raw_competences())
    again = run("export", "csv", "-o", str(out))
    assert again.exit_code == 1
    assert "exists already; --force replaces it" in again.stderr
    assert run("export", "csv", "-o", str(out), "--force").exit_code == 0


def test_csv_needs_a_folder(run):
    result = run("export", "csv")
    assert result.exit_code == 2
    assert "give -o FOLDER" in result.stderr


def test_every_command_in_the_interchange_guide_works(run, tmp_path, monkeypatch):
    import subprocess

    guide = (SHIPPED_DATA.parent / "docs" / "interchange.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SHIPPED_DATA, tmp_path / "data")
    shutil.copytree(SHIPPED_DATA, tmp_path / "old-data")
    shutil.copytree(SHIPPED_DATA.parent / "tests" / "fixtures" / "team", tmp_path / "team")
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "v1"], ["tag", "v1"], ["tag", "v2"],
                    ["branch", "-M", "main"]):  # fmt: skip
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *command], check=True)
    commands = guide_commands(guide)
    assert len(commands) == 10
    for arguments in commands:
        result = run(*arguments)
        assert result.exit_code == 0, (arguments, result.output)
    assert json.loads((tmp_path / "framework-case.json").read_text(encoding="utf-8"))["CFItems"]
    assert (tmp_path / "framework-csv" / "roles.csv").is_file()


def test_each_level_precedes_the_next_and_no_role_precedes_a_role(package):
    """Progression is said once per level, not once per pair of roles, so the package grows with the roles."""
    items = {item["identifier"]: item for item in package["CFItems"]}
    precedes = [a for a in package["CFAssociations"] if a["associationType"] == "precedes"]
    pairs = [
        (items[a["originNodeURI"]["identifier"]]["humanCodingScheme"], items[a["destinationNodeURI"]["identifier"]]
         ["humanCodingScheme"]) for a in precedes
    ]  # fmt: skip
    levels = sorted(level["level"] for level in raw(SHIPPED_DATA / "levels.yaml")["levels"])
    assert pairs == [(f"Level {a}", f"Level {b}") for a, b in itertools.pairwise(levels)]


def test_the_case_package_is_written_as_compact_json(run):
    result = run("export", "case")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1  # one line: no indentation to read or to encode in pure Python
    assert json.loads(result.stdout)["CFDocument"]["title"]
