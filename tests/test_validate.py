"""`ldcf validate`: every kind of bad input is reported with its file and line, and nothing else happens."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, edit


def validate(run, directory: Path, *options: str):
    return run("--data", str(directory), "validate", *options)


def error_lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": error: " in line]


def test_shipped_data_is_valid(run):
    result = validate(run, SHIPPED_DATA)
    assert result.exit_code == 0, result.stdout
    assert error_lines(result) == []
    assert f"checked {SHIPPED_DATA}" in result.stderr


def test_shipped_data_warns_about_uncoded_competences_and_repeated_core(run):
    result = validate(run, SHIPPED_DATA)
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert any("has no NOS code" in line and "competences.yaml" in line for line in warnings)
    assert any("HT4 is role-specific here but already core at level 3" in line for line in warnings)


def test_strict_turns_warnings_into_failure(run):
    assert validate(run, SHIPPED_DATA, "--strict").exit_code == 1


ROLE = "roles/practitioner.yaml"


def test_a_name_shared_by_two_roles_is_reported_with_both_files(run, data_copy):
    edit(data_copy / ROLE, "aliases: [Liaison and Diversion Service Practitioner]", "aliases: [Support Worker]")
    result = validate(run, data_copy)
    assert result.exit_code == 1
    clash = [line for line in error_lines(result) if "'Support Worker' already names the role practitioner" in line]
    assert len(clash) == 1
    assert "support-worker.yaml:5:" in clash[0]
    assert "practitioner.yaml" in clash[0].split(": error: ")[1]


def test_every_problem_is_reported_in_one_pass_sorted_by_file_and_line(run, data_copy):
    edit(data_copy / "roles/volunteer.yaml", "level: 2", "level: two")
    edit(data_copy / "roles/practitioner.yaml", "      - FM12\n", "      - FM99\n")
    edit(data_copy / "roles/practitioner.yaml", "title: Practitioner", "title: 7")
    result = validate(run, data_copy)
    errors = error_lines(result)
    assert len(errors) == 2  # the practitioner's file fails its model, so its references are not checked
    assert "practitioner.yaml:5:" in errors[0]
    assert "volunteer.yaml:6:" in errors[1]


def test_a_byte_order_mark_is_accepted(run, data_copy):
    path = data_copy / "roles/volunteer.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(run, data_copy).exit_code == 0


def test_a_missing_data_folder_is_a_usage_error_naming_the_folder_as_given(run, tmp_path):
    result = run("validate", str(tmp_path / "absent"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'absent'}: no such folder" in result.stderr
    assert "--data" not in result.stderr


def test_a_folder_without_data_files_is_a_usage_error(run, tmp_path):
    (tmp_path / "notes.txt").write_text("not data\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path}: holds no ldcf data" in result.stderr
    assert run("--data", str(tmp_path), "roles").exit_code == 2


def test_missing_files_are_reported(run, tmp_path):
    (tmp_path / "levels.yaml").write_text("levels: []\n")
    result = validate(run, tmp_path)
    assert result.exit_code == 1
    assert any("competences.yaml: error: missing" in line for line in error_lines(result))
    assert any("roles: error: missing" in line for line in error_lines(result))


def test_validate_never_changes_a_file(run, data_copy):
    edit(data_copy / ROLE, "level: 5", "level: '5'")
    before = _digest(data_copy)
    validate(run, data_copy)
    validate(run, data_copy, "--format", "json")
    assert _digest(data_copy) == before


def _digest(directory: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_json_format(run, data_copy):
    edit(data_copy / ROLE, "      - FM12\n", "      - FM99\n")
    result = validate(run, data_copy, "--format", "json")
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert report["directory"] == str(data_copy)
    error = next(p for p in report["problems"] if p["severity"] == "error")
    assert error["file"].endswith("practitioner.yaml")
    assert error["line"] == 19
    assert error["column"] == 9


def test_github_format_escapes_annotation_text(run, data_copy):
    edit(data_copy / ROLE, "      - FM12\n", "      - 'FM99,%:x'\n")
    result = validate(run, data_copy, "--format", "github")
    annotation = next(line for line in result.stdout.splitlines() if line.startswith("::error "))
    assert ",line=19,col=9,title=unknown-competence::" in annotation
    assert "FM99,%25:x" in annotation
    assert annotation.split("::")[1].startswith("error file=")


def test_unknown_format_is_a_usage_error(run):
    assert validate(run, SHIPPED_DATA, "--format", "xml").exit_code == 2


def test_validate_reports_which_folder_it_checked_and_why(run, data_copy):
    result = run("validate", env={"LDCF_DATA": str(data_copy)})
    assert f"checked {data_copy} ($LDCF_DATA)" in result.stderr


def test_github_annotations_are_the_default_under_github_actions(run, data_copy):
    edit(data_copy / ROLE, "      - FM12\n", "      - FM99\n")
    result = run("validate", str(data_copy), env={"GITHUB_ACTIONS": "true"})
    assert any(line.startswith("::error file=") for line in result.stdout.splitlines())
    assert run("validate", str(data_copy), "--format", "text", env={"GITHUB_ACTIONS": "true"}).stdout.startswith(
        str(data_copy)
    )


def test_a_symbolic_link_out_of_the_data_folder_is_refused(run, data_copy, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text((data_copy / ROLE).read_text(encoding="utf-8").replace("practitioner", "outside"))
    (data_copy / "roles" / "outside.yaml").symlink_to(outside)
    result = validate(run, data_copy)
    assert result.exit_code == 1
    assert any(
        "outside.yaml: error: a symbolic link to a file outside the data folder" in line for line in error_lines(result)
    )


def test_a_loop_of_symbolic_links_is_an_error(run, data_copy):
    (data_copy / "roles" / "loop.yaml").symlink_to("loop.yaml")
    result = validate(run, data_copy)
    assert result.exit_code == 1
    assert any("loop.yaml: error:" in line and "symbolic links" in line for line in error_lines(result))


def test_a_symbolic_link_inside_the_data_folder_is_followed(run, data_copy):
    (data_copy / "roles" / "practitioner.yaml").rename(data_copy / "practitioner-role.yaml")
    (data_copy / "roles" / "practitioner.yaml").symlink_to("../practitioner-role.yaml")
    edit(data_copy / "practitioner-role.yaml", "title: Practitioner", "title: Linked Practitioner")
    assert validate(run, data_copy).exit_code == 0
    shown = run("--data", str(data_copy), "--no-cache", "role", "show", "practitioner", "--format", "json")
    assert json.loads(shown.stdout)["title"] == "Linked Practitioner"


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_a_hostile_file_name_cannot_drive_the_terminal(run, data_copy, output_format):
    (data_copy / "roles" / "\x1b[2J\x1b]0;owned\x07.yaml").write_text("id: x\n", encoding="utf-8")
    result = validate(run, data_copy, "--format", output_format)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    if output_format != "json":
        assert "\\x1b[2J" in result.stdout
