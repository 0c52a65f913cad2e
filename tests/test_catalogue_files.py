"""A catalogue of competences split over `competences/*.yaml` reads as the one list it was cut from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, raw_competences
from ldcf.reading.loader import MAX_FILE_BYTES

ENTRY = "  - "


def split_catalogue(data: Path, parts: int) -> list[Path]:
    """Move `competences.yaml` into `competences/part-N.yaml`, cutting its list between entries."""
    text = (data / "competences.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if line.startswith(ENTRY)]
    cuts = [starts[len(starts) * part // parts] for part in range(parts)] + [len(lines)]
    (data / "competences.yaml").unlink()
    (data / "competences").mkdir()
    files = []
    for part in range(parts):
        path = data / "competences" / f"part-{part + 1}.yaml"
        path.write_text("competences:\n" + "".join(lines[cuts[part] : cuts[part + 1]]), encoding="utf-8")
        files.append(path)
    return files


def without_origins(value):
    if isinstance(value, dict):
        return {key: without_origins(item) for key, item in value.items() if key != "origin"}
    if isinstance(value, list):
        return [without_origins(item) for item in value]
    return value


def exported(run, data: Path) -> dict:
    result = run("--data", str(data), "export", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_split_catalogue_builds_the_same_framework(run, data_copy):
    files = split_catalogue(data_copy, 3)
    assert all(path.stat().st_size > 0 for path in files)
    result = run("--data", str(data_copy), "validate")
    assert result.exit_code == 0, result.stdout + result.stderr
    split, whole = exported(run, data_copy), exported(run, SHIPPED_DATA)
    assert [c["title"] for c in split["competences"]] == [c["title"] for c in raw_competences()]
    # Where the data was read from is not part of what it says.
    assert without_origins(split["competences"]) == without_origins(whole["competences"])
    assert without_origins(split["roles"]) == without_origins(whole["roles"])


def test_a_competence_in_two_files_of_one_folder_is_defined_twice(run, data_copy):
    first, second = split_catalogue(data_copy, 2)
    first_entry = first.read_text(encoding="utf-8").split(ENTRY)[1]
    code = first_entry.split("\n", 1)[0].removeprefix("code: ")
    with second.open("a", encoding="utf-8") as appended:
        appended.write(ENTRY + first_entry)
    result = run("--data", str(data_copy), "validate")
    assert result.exit_code == 1
    second_lines = second.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(second_lines, 1) if text == f"{ENTRY}code: {code}")
    column = len(f"{ENTRY}code: ") + 1
    expected = f"{second}:{line}:{column}: error: {code} is defined twice (see {first}:2) (defined-twice)"
    assert expected in result.stdout.splitlines()


def test_each_file_has_the_size_limit_and_the_others_are_still_read(run, data_copy):
    first, _ = split_catalogue(data_copy, 2)
    first.write_text(first.read_text(encoding="utf-8").replace("    title: ", "    title:\n      - ", 1))
    oversized = data_copy / "competences" / "part-3.yaml"
    oversized.write_text("competences:\n" + "#" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    result = run("--data", str(data_copy), "validate")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert [line.split(":")[0] for line in errors] == [str(first), str(oversized)]
    assert errors[1].endswith("(file-too-large)")


def test_a_base_needs_competences_in_a_file_or_a_folder(run, data_copy):
    (data_copy / "competences.yaml").unlink()
    (data_copy / "competences").mkdir()
    result = run("--data", str(data_copy), "validate")
    assert result.exit_code == 1
    assert any(
        line.startswith(f"{data_copy / 'competences.yaml'}: error: missing") and "competences folder" in line
        for line in result.stdout.splitlines()
    )


@pytest.mark.parametrize("split", [False, True])
def test_an_overlay_may_split_its_local_competences(run, tmp_path, split):
    overlay = tmp_path / "local"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "local", overlay)
    if split:
        split_catalogue(overlay, 2)
    result = run("--data", str(overlay), "role", "show", "registered-worker-band-6", "--format", "json")
    assert result.exit_code == 0, result.stderr
    local_ids = {entry.get("code") or entry.get("id") for entry in _raw_entries(overlay)}
    shown = {competence["id"] for competence in json.loads(result.stdout)["competences"]}
    assert local_ids & shown


def _raw_entries(data: Path) -> list[dict]:
    import yaml

    paths = [data / "competences.yaml"] if (data / "competences.yaml").exists() else []
    paths += sorted((data / "competences").glob("*.yaml"))
    return [entry for path in paths for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["competences"]]
