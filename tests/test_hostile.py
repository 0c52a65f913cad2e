"""Hostile environments: special files, huge files, odd names and inputs never hang ldcf, exhaust its memory
or end in a traceback; each gets its own message and exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED_DATA

MINIMAL = FIXTURES / "minimal"
LDCF = [sys.executable, "-m", "ldcf"]


def ldcf(*arguments: str, timeout: float = 60, **options) -> subprocess.CompletedProcess[str]:
    """ldcf in a child process, so that a hang fails the test at `timeout` instead of stalling the suite."""
    environment = {**os.environ, "LDCF_NO_CACHE": "1", **options.pop("env", {})}
    return subprocess.run([*LDCF, *arguments], capture_output=True, text=True, timeout=timeout, env=environment,
                          check=False, **options)  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    return folder


@pytest.mark.parametrize("command", [("roles",), ("role", "show", "example-role"), ("validate",)])
def test_a_fifo_among_the_roles_is_an_error_not_a_hang(data, command):
    os.mkfifo(data / "roles" / "pipe.yaml")
    environment = {"LDCF_NO_CACHE": "0", "LDCF_CACHE_DIR": str(data.parent / "cache")}
    result = ldcf("--data", str(data), *command, timeout=20, env=environment)
    assert result.returncode == 1
    assert "pipe.yaml: error: not a regular file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_huge_sparse_file_is_refused_before_it_is_read(data):
    with open(data / "roles" / "huge.yaml", "wb") as huge:
        huge.truncate(1536 * 1024 * 1024)
    result = ldcf("--data", str(data), "validate", timeout=20)
    assert result.returncode == 1
    assert "huge.yaml: error: file too large (1,610,612,736 bytes" in result.stdout


@pytest.mark.parametrize("special", ["fifo", "device", "folder"])
def test_special_files_as_records_and_job_descriptions_are_errors(tmp_path, special):
    if special == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif special == "device":
        path = Path("/dev/zero")
    else:
        path = tmp_path
    for command in (("gap", "--have", str(path), "practitioner"), ("suggest", str(path))):
        result = ldcf("--data", str(SHIPPED_DATA), *command, timeout=20)
        assert result.returncode in (1, 2), result.stderr
        assert "Traceback" not in result.stderr
        assert result.returncode == 2 or "not a regular file" in result.stderr


def test_an_oversized_job_description_is_refused(tmp_path):
    job_description = tmp_path / "jd.txt"
    with open(job_description, "wb") as text:
        text.truncate(100 * 1024 * 1024)
    result = ldcf("--data", str(SHIPPED_DATA), "suggest", str(job_description), timeout=20)
    assert result.returncode == 1
    assert "jd.txt: error: file too large" in result.stderr


# No traceback, whatever happens --------------------------------------------------------------------------------

_BROKEN_QUERY = (
    "import sys, ldcf.queries.profiles\n"
    "def broken(*arguments): raise RuntimeError('planted')\n"
    "ldcf.queries.profiles.role_profile = broken\n"
    "from ldcf.cli.app import main\n"
    "sys.argv = ['ldcf', *sys.argv[1:]]\n"
    "main()\n"
)


def test_an_unexpected_error_is_one_line_and_exit_70():
    result = subprocess.run([sys.executable, "-c", _BROKEN_QUERY, "role", "show", "practitioner"],
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 70
    assert result.stderr.count("\n") == 1
    assert "internal error (RuntimeError: planted)" in result.stderr
    assert "Traceback" not in result.stderr
    debug = subprocess.run([sys.executable, "-c", _BROKEN_QUERY, "--debug", "role", "show", "practitioner"],
                           capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert "Traceback" in debug.stderr
    assert "RuntimeError: planted" in debug.stderr


def test_output_to_a_full_device_is_a_message():
    with open("/dev/full", "w") as full:
        result = subprocess.run([*LDCF, "--data", str(SHIPPED_DATA), "roles"], stdout=full, stderr=subprocess.PIPE,
                                text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == "ldcf: cannot write the output: No space left on device"


def test_an_empty_data_variable_is_no_folder_at_all():
    result = ldcf("roles", "--list", env={"LDCF_DATA": os.pathsep})
    assert result.returncode == 0
    assert "practitioner" in result.stdout.split()


def test_an_unreadable_roles_folder_is_reported(data, monkeypatch, run):
    real = os.listdir

    def refuse(folder):
        if Path(folder).name == "roles":
            raise PermissionError(13, "Permission denied")
        return real(folder)

    monkeypatch.setattr(os, "listdir", refuse)
    result = run("validate", str(data))
    assert result.exit_code == 1
    assert f"{data / 'roles'}: error: cannot read the roles folder: Permission denied (unreadable-file)" in (
        result.stdout
    )


def test_file_names_that_are_not_utf8_are_shown_with_escapes(data):
    os.rename(data / "roles" / "other-role.yaml", os.fsencode(data / "roles") + b"/other\xff.yaml")
    text = ldcf("validate", str(data))
    assert text.returncode == 1
    assert "other\\xff.yaml" in text.stdout
    report = subprocess.run([*LDCF, "validate", str(data), "--format", "json"], capture_output=True, timeout=60,
                            check=False)  # fmt: skip
    report.stdout.decode("utf-8")
    assert any(p["file"].endswith("other\\xff.yaml") for p in json.loads(report.stdout)["problems"])


@pytest.mark.slow
def test_a_chain_of_ten_thousand_based_on_roles_resolves(tmp_path):
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    previous = "practitioner"
    for index in range(10_000):
        role = f"chain-{index}"
        (overlay / "roles" / f"{role}.yaml").write_text(
            f"id: {role}\ntitle: Chain {index}\nbased_on: {previous}\nsource:\n  document: Test\n", encoding="utf-8"
        )
        previous = role
    result = ldcf("--data", str(overlay), "role", "show", previous, "--format", "json", timeout=300)
    assert result.returncode == 0, result.stderr[-500:]
    assert json.loads(result.stdout)["level"] == 5


# Writes ----------------------------------------------------------------------------------------------------------


def test_schema_output_replaces_a_link_instead_of_writing_through_it(run, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    output = tmp_path / "schemas"
    output.mkdir()
    (output / "role.schema.json").symlink_to(victim)
    result = run("schema", "--output", str(output))
    assert result.exit_code == 0
    assert victim.read_text() == "keep me\n"
    assert not (output / "role.schema.json").is_symlink()
    assert json.loads((output / "role.schema.json").read_text())["title"] == "ldcf role file"


def test_schema_output_handles_odd_targets_with_messages(run, tmp_path):
    output = tmp_path / "new" / "nested"
    assert run("schema", "--output", str(output)).exit_code == 0
    assert (output / "levels.schema.json").is_file()
    (output / "role.schema.json").unlink()
    (output / "role.schema.json").mkdir()
    (output / "levels.schema.json").write_bytes(b"\xff\xfe not utf-8")
    result = run("schema", "--output", str(output))
    assert result.exit_code == 1
    assert "role.schema.json is a folder" in result.stderr
    linked = tmp_path / "linked"
    linked.symlink_to(tmp_path / "new")
    result = run("schema", "--output", str(linked / "nested"))
    assert result.exit_code == 1
    assert "is a symbolic link" in result.stderr


def test_init_refuses_a_linked_roles_folder_and_writes_nothing(run, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "roles").symlink_to(elsewhere)
    result = run("init", str(tmp_path / "ours"))
    assert result.exit_code == 1
    assert "is a symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_init_refuses_a_folder_name_with_a_line_break(run, tmp_path):
    result = run("init", str(tmp_path / "our\nservice"))
    assert result.exit_code == 2
    assert not (tmp_path / "our\nservice").exists()


def test_a_name_of_megabytes_without_a_space_is_shown_in_part(tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text("name: " + "x" * 9_000_000 + "\nheld: []\n", encoding="utf-8")
    result = ldcf("--data", str(SHIPPED_DATA), "gap", "--have", str(record), "volunteer", timeout=60)
    assert result.returncode == 0
    assert "(8,998,000 more characters in --format json)" in " ".join(result.stdout.split())  # wrapped or not
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
