from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ldcf.building.dataset import open_data_set
from ldcf.cli.app import cli

REPOSITORY = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPOSITORY / "data"
FIXTURES = REPOSITORY / "tests" / "fixtures"

# Folders of the test session, removed when it ends: the framework cache, kept out of the user's own cache folder
# (child processes inherit the variable too), and an empty working folder.
_SESSION_FOLDERS = tempfile.TemporaryDirectory(prefix="ldcf-tests-")
os.environ["LDCF_CACHE_DIR"] = str(Path(_SESSION_FOLDERS.name) / "cache")
_NEUTRAL_FOLDER = Path(_SESSION_FOLDERS.name) / "cwd"
_NEUTRAL_FOLDER.mkdir()


def pytest_unconfigure(config):
    _SESSION_FOLDERS.cleanup()


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

    def invoke(*arguments: str, env: dict[str, str] | None = None, input: str | None = None):
        # A wide terminal, so that table cells the tests look for are not wrapped; and none of the settings a
        # developer's or CI's environment may hold, unless a test sets them.
        environment = {"COLUMNS": "200", "LDCF_DATA": None, "GITHUB_ACTIONS": None, **(env or {})}
        return CliRunner().invoke(cli, list(arguments), env=environment, catch_exceptions=False, input=input)

    return invoke


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a data file, failing loudly if the piece is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# The shipped data read straight from its files with PyYAML, not through ldcf: expected counts in the tests come
# from here (or from the source documents), never from what ldcf itself prints.


def guide_commands(text: str) -> list[list[str]]:
    """The `ldcf` commands in a guide's ```sh blocks, each as its arguments after `ldcf` (comments dropped)."""
    import re
    import shlex

    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [
        shlex.split(line, comments=True)[1:]
        for block in blocks
        for line in block.splitlines()
        if line.startswith("ldcf ")
    ]


def raw(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def raw_competences() -> list[dict]:
    return raw(SHIPPED_DATA / "competences.yaml")["competences"]


def definition_digest(code: str, title: str) -> str:
    """What a confirmation records of the competence it confirmed, as docs/team.md defines it: the first 16
    hexadecimal digits of the SHA-256 of the JSON array [code, title] in UTF-8, written here from that definition."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps([code, title], ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def raw_title(code: str, data: Path = SHIPPED_DATA) -> str:
    """A competence's title as a data folder's competences file gives it."""
    found = [c["title"] for c in raw(data / "competences.yaml")["competences"] if c.get("code", c.get("id")) == code]
    assert len(found) == 1, code
    return str(found[0])


def raw_core(level: int) -> set[str]:
    return {c.get("code") or c["id"] for c in raw_competences() if level in c.get("core_levels", [])}


def raw_listed(role: str, category: str) -> list[str]:
    """The competences a national role's file lists in one category (role_specific or locality_specific)."""
    return [
        code
        for group in raw(SHIPPED_DATA / "roles" / f"{role}.yaml").get(category, [])
        for code in group["competences"]
    ]


def raw_holdings(role: str) -> set[str]:
    level = raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"]
    return raw_core(level) | set(raw_listed(role, "role_specific")) | set(raw_listed(role, "locality_specific"))


# Browser tests (tests/browser, run with `pytest -m browser tests/browser`) -------------------------------------


@pytest.fixture(scope="session")
def browser():
    """The system's Chromium under Playwright; the tests fail, never skip, without it."""
    from playwright.sync_api import sync_playwright

    from chromium import chromium_path

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path())
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A page at desktop width that fails its test on a script error or a request to any other host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    # axe-core fetches style sheets to inspect them, which the site's Content-Security-Policy blocks ("Connecting
    # to ... violates"): that is the policy working on an injected tool, not an error of the site.
    opened.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Connecting to")
            else None
        ),
    )
    yield opened
    context.close()
    assert not errors, errors
    assert not [url for url in requests if not url.startswith(("file://", "data:"))], requests


def _build_site(out: Path, data: Path) -> Path:
    result = CliRunner().invoke(cli, ["--data", str(data), "site", "build", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return _build_site(tmp_path_factory.mktemp("site") / "national", SHIPPED_DATA)


@pytest.fixture(scope="session")
def built_local_site(tmp_path_factory) -> Path:
    return _build_site(tmp_path_factory.mktemp("site") / "local", REPOSITORY / "examples" / "local")
