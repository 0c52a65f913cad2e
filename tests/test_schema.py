"""JSON Schemas for editors: generated from the models, committed, and named at the top of every data file."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPOSITORY, SHIPPED_DATA
from ldcf.reading.schemas import json_schemas, schema_file_name

SCHEMAS = REPOSITORY / "schemas"


def test_committed_schemas_match_the_models():
    """Fails when a model changes without `ldcf schema --output schemas` being run and committed."""
    for kind, schema in json_schemas().items():
        committed = json.loads((SCHEMAS / schema_file_name(kind)).read_text(encoding="utf-8"))
        assert committed == schema, (
            f"schemas/{schema_file_name(kind)} is out of date: run `ldcf schema --output schemas`"
        )


def test_schemas_forbid_unknown_keys_and_describe_codes():
    role = json_schemas()["role"]
    assert role["additionalProperties"] is False
    assert "pattern" in role["properties"]["id"]
    competence = json_schemas()["competences"]["$defs"]["CompetenceEntry"]
    assert competence["additionalProperties"] is False
    code_pattern = next(option for option in competence["properties"]["code"]["anyOf"] if "pattern" in option)
    assert code_pattern["pattern"].startswith("^")


def data_files() -> list[Path]:
    return [
        SHIPPED_DATA / "levels.yaml",
        SHIPPED_DATA / "edition.yaml",
        SHIPPED_DATA / "competences.yaml",
        *sorted(SHIPPED_DATA.glob("roles/*.yaml")),
    ]


def test_every_data_file_names_its_schema_on_its_first_line():
    for path in data_files():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first_line.startswith(prefix), path
        schema = (path.parent / first_line.removeprefix(prefix)).resolve()
        kind = "role" if path.parent.name == "roles" else path.stem
        assert schema == (SCHEMAS / schema_file_name(kind)).resolve(), path


def test_schema_command_writes_one_file_per_kind(run, tmp_path):
    result = run("schema", "--output", str(tmp_path))
    assert result.exit_code == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == [
        "competences.schema.json",
        "edition.schema.json",
        "export.schema.json",
        "levels.schema.json",
        "record.schema.json",
        "role.schema.json",
        "settings.schema.json",
    ]
    assert json.loads((tmp_path / "role.schema.json").read_text()) == json_schemas()["role"]
    again = run("schema", "--output", str(tmp_path))
    assert again.stderr == ""  # unchanged files are not rewritten


def test_schema_command_prints_all_schemas_without_output(run):
    printed = json.loads(run("schema").stdout)
    assert set(printed) == {"edition", "levels", "competences", "role", "record", "settings", "export"}
