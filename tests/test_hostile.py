"""Hostile environments: special files, huge files, odd names and inputs never hang ldcf, exhaust its memory
or end in a traceback; each gets its own message and exit code."""

from __future__ import annotations

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
