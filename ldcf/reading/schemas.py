"""JSON Schemas of the data files, generated from the models, for editors that check YAML while it is typed."""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_kinds() -> dict[str, Any]:
    from ldcf.reading.edition_models import EditionFile, FrameworkExportFile
    from ldcf.reading.models import CompetencesFile, LevelsFile, RecordFile, RoleFile, SettingsFile

    return {
        "edition": EditionFile,
        "levels": LevelsFile,
        "competences": CompetencesFile,
        "role": RoleFile,
        "record": RecordFile,
        "settings": SettingsFile,
        "export": FrameworkExportFile,
    }


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schemas() -> dict[str, dict[str, Any]]:
    """The schema of each kind of file, by kind."""
    schemas = {}
    for kind, model in file_kinds().items():
        schema = model.model_json_schema()
        schema["$schema"] = SCHEMA_DIALECT
        schema["title"] = f"ldcf {kind} file"
        schemas[kind] = schema
    return schemas
