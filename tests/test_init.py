"""`ldcf init`: a starter overlay that validates, written without ever overwriting a file."""

from __future__ import annotations

import json


def test_init_writes_a_starter_overlay_that_validates(run, tmp_path):
    folder = tmp_path / "our-service"
    result = run("init", str(folder))
    assert result.exit_code == 0
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "README.md",
        "roles/local-practitioner.yaml",
    ]
    checked = run("--no-cache", "--data", str(folder), "validate")
    assert checked.exit_code == 0, checked.stdout
    assert f"ldcf --data {folder} validate" in (folder / "README.md").read_text()
    shown = json.loads(
        run("--no-cache", "--data", str(folder), "role", "show", "local-practitioner", "--format", "json").stdout
    )
    assert shown["based_on"] == "practitioner"
    assert shown["level"] == 5


def test_init_never_overwrites_and_writes_nothing_when_a_file_exists(run, tmp_path):
    folder = tmp_path / "our-service"
    folder.mkdir()
    (folder / "README.md").write_text("our own notes\n")
    result = run("init", str(folder))
    assert result.exit_code == 1
    assert "README.md exists already; nothing was written" in result.stderr
    assert (folder / "README.md").read_text() == "our own notes\n"
    assert not (folder / "roles").exists()


def test_init_twice_keeps_the_edited_files(run, tmp_path):
    folder = tmp_path / "our-service"
    run("init", str(folder))
    role = folder / "roles" / "local-practitioner.yaml"
    role.write_text(role.read_text().replace("Local Practitioner", "Custody Practitioner"))
    assert run("init", str(folder)).exit_code == 1
    assert "Custody Practitioner" in role.read_text()
