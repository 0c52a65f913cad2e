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
COMPETENCES = "competences.yaml"
LEVELS = "levels.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "message"),
    [
        # Types are never coerced.
        (ROLE, "level: 5", 'level: "5"', 5, "level: expected a whole number, got text '5'"),
        (ROLE, "level: 5", "level: five", 5, "level: expected a whole number"),
        (ROLE, "title: Practitioner", "title: no", 4, "title: expected text, got false (yes/no)"),
        (ROLE, "level: 5", "level: 12", 5, "level: Input should be less than or equal to 9"),
        (ROLE, "title: Practitioner", 'title: "Prac\\e[31mtitioner"', 4, "contains the control character '\\x1b'"),
        # Unknown and missing keys.
        (ROLE, "level: 5\n", "level: 5\ngrade: 5\n", 6, "grade: unknown key"),
        (ROLE, "title: Practitioner\n", "", 3, "title: required key is missing"),
        # YAML that ldcf refuses.
        (ROLE, "level: 5\n", "level: 5\nlevel: 6\n", 6, "duplicate key 'level' (first at line 5)"),
        (ROLE, "  - competences:\n", "  - &group competences:\n", 12, "anchors"),
        # Cross-references.
        (ROLE, "      - FM12\n", "      - FM99\n", 18, "unknown competence 'FM99'"),
        (ROLE, "      - FM12\n", "      - SfJ AB1\n", 18, "another spelling of SFJAB1"),
        (ROLE, "      - FM12\n", "      - SFJAB1\n", 18, "SFJAB1 is listed twice in this role"),
        (ROLE, "id: practitioner", "id: practitioner-two", 3, "does not match the file name"),
        (COMPETENCES, "  - code: GEN63\n", "  - code: gen63\n", None, "not a canonical NOS code"),
        (COMPETENCES, "aliases: [SCDHCS3100]", "aliases: [SCDHCS3100, GEN 97]", None, "alias 'GEN 97' already names GEN97"),
        (COMPETENCES, "    core_levels: [7, 8]\n", "    core_levels: [8, 7]\n", None, "increasing order"),
        (COMPETENCES, "  - id: support-individuals-in-the-community\n", "  - id: support-individuals\n", None,
         "the slug of its title"),
        (LEVELS, "  - level: 9\n", "  - level: 8\n", None, "level 8 is defined twice"),
    ],
)
def test_bad_data_is_reported_at_its_file_and_line(run, data_copy, file, old, new, line, message):
    edit(data_copy / file, old, new)
    result = validate(run, data_copy)
    assert result.exit_code == 1
    matching = [entry for entry in error_lines(result) if message in entry]
    assert matching, result.stdout
    assert all(entry.startswith(str(data_copy / file)) or file in entry for entry in matching)
    if line is None:
        line = _line_of(data_copy / file, new.strip().splitlines()[0].strip())
    assert any(f"{file}:{line}:" in entry for entry in matching), matching


def _line_of(path: Path, text: str) -> int:
    """The line of the last occurrence of `text`: an edit that duplicates something is reported at the copy."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, start=1) if text in line)


def test_a_name_shared_by_two_roles_is_reported_with_both_files(run, data_copy):
    edit(data_copy / ROLE, "aliases: [Liaison and Diversion Service Practitioner]", "aliases: [Support Worker]")
    result = validate(run, data_copy)
    assert result.exit_code == 1
    clash = [line for line in error_lines(result) if "'Support Worker' already names the role practitioner" in line]
    assert len(clash) == 1
    assert "support-worker.yaml:4:" in clash[0] and "practitioner.yaml" in clash[0].split(": error: ")[1]


def test_an_uncoded_competence_whose_title_is_a_known_nos_is_an_error(run, data_copy):
    edit(
        data_copy / COMPETENCES,
        "  - id: support-individuals-in-the-community\n    title: Support individuals in the community\n",
        "  - id: make-use-of-supervision\n    title: Make Use of Supervision\n",
    )
    edit(data_copy / "roles/engagement-worker.yaml", "      - support-individuals-in-the-community\n",
         "      - make-use-of-supervision\n")
    result = validate(run, data_copy)
    assert result.exit_code == 1
    assert any("is the title of GEN36" in line for line in error_lines(result))


def test_every_problem_is_reported_in_one_pass_sorted_by_file_and_line(run, data_copy):
    edit(data_copy / "roles/volunteer.yaml", "level: 2", "level: two")
    edit(data_copy / "roles/practitioner.yaml", "      - FM12\n", "      - FM99\n")
    edit(data_copy / "roles/practitioner.yaml", "title: Practitioner", "title: 7")
    result = validate(run, data_copy)
    errors = error_lines(result)
    assert len(errors) == 2  # the practitioner's file fails its model, so its references are not checked
    assert "practitioner.yaml:4:" in errors[0] and "volunteer.yaml:5:" in errors[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"- just\n- a list\n", "the top level must be a mapping"),
        (b"id: volunteer\ntitle: Vol\xe9\n", "not UTF-8"),
        (b"id: [unclosed\n", "invalid YAML"),
    ],
)
def test_unreadable_role_files_are_reported(run, data_copy, content, message):
    (data_copy / "roles/volunteer.yaml").write_bytes(content)
    result = validate(run, data_copy)
    assert result.exit_code == 1
    assert any("volunteer.yaml:" in line and message in line for line in error_lines(result)), result.stdout


def test_wrong_shapes_are_explained(run, data_copy):
    (data_copy / "roles/volunteer.yaml").write_text(
        "id: volunteer\ntitle: Volunteer\nlevel: 2\nsource: {document: Report, date: 2018}\n"
        "role_specific: [GEN97, {competences: GEN85}]\nlocality_specific:\n  - competences: []\n",
        encoding="utf-8",
    )
    errors = error_lines(validate(run, data_copy))
    volunteer = [line.split("volunteer.yaml:")[1] for line in errors if "volunteer.yaml:" in line]
    assert volunteer == [
        "4:34: error: source.date: expected text, got int 2018 (put text that YAML reads as a number or yes/no in quotes)",
        "5:17: error: role_specific.0: expected a mapping, got text 'GEN97'",
        "5:38: error: role_specific.1.competences: expected a list, got text 'GEN85'",
        "7:18: error: locality_specific.0.competences: needs at least 1 entry",
    ]


def test_a_byte_order_mark_is_accepted(run, data_copy):
    path = data_copy / "roles/volunteer.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(run, data_copy).exit_code == 0


def test_a_missing_data_folder_is_an_error_not_a_traceback(run, tmp_path):
    result = validate(run, tmp_path / "absent")
    assert result.exit_code == 1
    assert "absent: error: not a folder" in result.stdout


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
    assert error["file"].endswith("practitioner.yaml") and error["line"] == 18 and error["column"] == 9


def test_github_format_escapes_annotation_text(run, data_copy):
    edit(data_copy / ROLE, "      - FM12\n", "      - 'FM99,%:x'\n")
    result = validate(run, data_copy, "--format", "github")
    annotation = next(line for line in result.stdout.splitlines() if line.startswith("::error "))
    assert ",line=18,col=9::" in annotation
    assert "FM99,%25:x" in annotation
    assert annotation.split("::")[1].startswith("error file=")


def test_unknown_format_is_a_usage_error(run):
    assert validate(run, SHIPPED_DATA, "--format", "xml").exit_code == 2


def test_validate_reports_which_folder_it_checked_and_why(run, data_copy):
    result = run("validate", env={"LDCF_DATA": str(data_copy)})
    assert f"checked {data_copy} ($LDCF_DATA)" in result.stderr
