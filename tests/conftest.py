from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ldcf.cli import cli
from ldcf.dataset import open_data_set

# Keep the tests' framework cache out of the user's own cache folder; child processes inherit this too.
os.environ["LDCF_CACHE_DIR"] = tempfile.mkdtemp(prefix="ldcf-test-cache-")

REPOSITORY = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPOSITORY / "data"
FIXTURES = REPOSITORY / "tests" / "fixtures"


_NEUTRAL_FOLDER = tempfile.mkdtemp(prefix="ldcf-test-cwd-")


@pytest.fixture(autouse=True)
def neutral_working_folder(monkeypatch):
    """Run every test from an empty folder of its own: ldcf shows paths relative to the working folder and
    looks for ./data there, so the tests must not depend on where pytest was started."""
    monkeypatch.chdir(_NEUTRAL_FOLDER)


@pytest.fixture(scope="session")
def framework():
    data_set = open_data_set([SHIPPED_DATA])
    assert data_set.framework is not None, data_set.problems
    return data_set.framework


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data, for tests that break it."""
    copy = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, copy)
    return copy


@pytest.fixture
def run():
    """Run the CLI in-process; returns click's Result with stdout and stderr apart."""

    def invoke(*arguments: str, env: dict[str, str] | None = None):
        # A wide terminal, so that table cells the tests look for are not wrapped; and none of the settings a
        # developer's or CI's environment may hold, unless a test sets them.
        environment = {"COLUMNS": "200", "LDCF_DATA": None, "GITHUB_ACTIONS": None, **(env or {})}
        return CliRunner().invoke(cli, list(arguments), env=environment, catch_exceptions=False)

    return invoke


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a data file, failing loudly if the piece is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
