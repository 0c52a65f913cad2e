"""The everyday views into a pipe (`role show`, `gap`, `path`) are served without click (`ldcf.cli.fast`): they
must print exactly what `ldcf.cli.app` prints, for every combination of options, and hand everything else to
`ldcf.cli.app`."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA
from ldcf.cli.fast import served_without_click

LOCAL = Path(__file__).parent.parent / "examples" / "local"
GLOBAL_OPTIONS = [
    [],
    ["--data", str(SHIPPED_DATA)],
    [f"--data={SHIPPED_DATA}"],
    ["--data", str(LOCAL)],
    ["--data", str(SHIPPED_DATA), "--data", str(LOCAL)],
    ["--data", "no-such-folder"],
    ["--data", str(SHIPPED_DATA / "levels.yaml")],
    ["--data"],
    ["--no-cache"],
    ["--debug"],
]
NAMES = ["practitioner", "Peer Support Worker", "PRACTITIONER", "nonesuch", "registered-worker-band-6"]
# FROM and TO for gap and path: up a level, across several, down (no route), to itself, unknown, to a local role.
PAIRS = [
    ("support-worker", "practitioner"),
    ("Volunteer", "Strategic Manager"),
    ("practitioner", "Support Worker"),
    ("practitioner", "PRACTITIONER"),
    ("nonesuch", "practitioner"),
    ("support-worker", "registered-worker-band-6"),
]
COMMAND_OPTIONS = [
    [],
    ["--no-locality"],
    ["--format", "table"],
    ["--format=table"],
    ["--no-locality", "--format", "table", "--no-locality"],
    ["--format", "json"],
    ["--format"],
    ["--help"],
    ["--", "practitioner"],
    ["extra-name"],
]
COMPLETION = {"_LDCF_COMPLETE": "bash_complete", "COMP_WORDS": "ldcf gap support-worker prac", "COMP_CWORD": "3"}
ENVIRONMENTS = [{}, {"LDCF_DATA": str(LOCAL)}, {"GITHUB_ACTIONS": "true"}, {"LDCF_NO_CACHE": "1"}, COMPLETION]
PLAIN_VIEWS = [
    ["role", "show", "practitioner"],
    ["gap", "support-worker", "practitioner"],
    ["path", "volunteer", "practitioner"],
]


def combinations():
    for global_options, options in itertools.product(GLOBAL_OPTIONS, COMMAND_OPTIONS):
        for name in NAMES:
            yield [*global_options, "role", "show", name, *options]
            yield [*global_options, "role", "show", *options, name]
        for view, (first, second) in itertools.product(["gap", "path"], PAIRS):
            yield [*global_options, view, first, second, *options]
            yield [*global_options, view, first, *options, second]
            yield [*global_options, view, *options, first, second]
    yield from itertools.product(ENVIRONMENTS[1:], PLAIN_VIEWS)


@pytest.fixture
def both_paths(run, tmp_path, monkeypatch):
    """Run one command line both ways; returns whether the fast path served it."""
    monkeypatch.setenv("LDCF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    for name in ("LDCF_DATA", "GITHUB_ACTIONS", "LDCF_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)

    def compare(arguments: list[str], environment: dict[str, str]) -> bool:
        with monkeypatch.context() as patched:
            for name, value in environment.items():
                patched.setenv(name, value)
            patched.setattr(sys, "stdout", io.StringIO())  # a pipe, not a terminal
            served = served_without_click(arguments, os.environ)
        by_click = run(*arguments, env={"LDCF_CACHE_DIR": str(tmp_path / "cache"), **environment})
        if served is not None:
            assert (by_click.exit_code, by_click.stdout, by_click.stderr) == (0, served, ""), arguments
        return served is not None

    return compare


@pytest.mark.slow
def test_both_paths_print_the_same_for_every_combination_of_options(both_paths):
    served = []
    for combination in combinations():
        environment, arguments = combination if isinstance(combination, tuple) else ({}, combination)
        if both_paths(arguments, environment):
            served.append((environment, arguments))
    plain = [arguments for environment, arguments in served if not environment]
    assert ["role", "show", "practitioner"] in plain
    assert [f"--data={SHIPPED_DATA}", "role", "show", "--no-locality", "PRACTITIONER"] in plain
    assert ["--data", str(LOCAL), "role", "show", "registered-worker-band-6", "--format=table"] in plain
    assert ["gap", "support-worker", "--format", "table", "practitioner"] in plain
    assert ["--data", str(LOCAL), "gap", "support-worker", "registered-worker-band-6"] in plain
    assert ["path", "--format=table", "Volunteer", "Strategic Manager"] in plain
    assert ["gap", "practitioner", "Support Worker"] in plain  # a gap downwards is a gap; a path is not
    assert ["path", "practitioner", "Support Worker"] not in plain
    assert ({"GITHUB_ACTIONS": "true"}, ["path", "volunteer", "practitioner"]) in served
    assert not any(environment == COMPLETION for environment, _ in served)
    assert not any("nonesuch" in arguments or "--no-cache" in arguments for _, arguments in served)
    assert not any("--help" in arguments or "json" in arguments for _, arguments in served)
    assert not any("--no-locality" in arguments for arguments in plain if "role" not in arguments)


def test_nothing_is_served_to_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    assert served_without_click(["role", "show", "practitioner"], os.environ) is None


# What a cached `role show` into a pipe has no need of: the command line, the terminal renderer, the reader, and
# the library that finds the cache folder (computed by ldcf where that is simple).
HEAVY = ("click", "rich", "pydantic", "yaml", "platformdirs")


def _entry_point(tmp_path: Path, *arguments: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """ldcf run as the installed command runs it, and which of HEAVY it imported."""
    report = tmp_path / "imported-click.json"
    script = (
        "import json, os, sys\n"
        f"HEAVY = {set(HEAVY)!r}\n"
        "def report():\n"
        "    heavy = sorted({name.split('.')[0] for name in sys.modules} & HEAVY)\n"
        f"    open({str(report)!r}, 'w').write(json.dumps(heavy))\n"
        "exit_at_once = os._exit\n"
        "os._exit = lambda code: (report(), exit_at_once(code))  # how a served command ends\n"
        "from ldcf.cli.fast import main\n"
        f"sys.argv = ['ldcf', *{list(arguments)!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    report()\n"
    )
    environment = {**os.environ, "LDCF_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "120"}
    environment.pop("PYTHONUNBUFFERED", None)  # output buffered, as it is for most who run ldcf
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment)
    return completed, json.loads(report.read_text())


def test_the_installed_command_serves_the_everyday_views_without_click_and_the_rest_with_it(run, tmp_path):
    for view in PLAIN_VIEWS:
        first, _ = _entry_point(tmp_path, *view)  # fills the cache
        served, imported = _entry_point(tmp_path, *view)
        by_click = run(*view, env={"LDCF_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "120"})
        assert (served.returncode, served.stdout, served.stderr) == (0, by_click.stdout, ""), view
        assert first.stdout == served.stdout, view
        assert imported == [], view
    assert served.stdout.startswith("Route from Volunteer to Practitioner")
    unknown, imported = _entry_point(tmp_path, "role", "show", "nonesuch")
    assert unknown.returncode == 2
    assert "unknown role 'nonesuch'" in unknown.stderr
    assert "click" in imported
    listed, imported = _entry_point(tmp_path, "roles", "--list")
    assert listed.returncode == 0
    assert "practitioner" in listed.stdout.split()
    assert "click" in imported


def test_the_performance_guide_commands_work(run, tmp_path):
    from conftest import REPOSITORY, guide_commands

    commands = guide_commands((REPOSITORY / "docs" / "performance.md").read_text(encoding="utf-8"))
    assert ["--no-cache", "role", "show", "practitioner"] in commands
    for arguments in commands:
        result = run(*arguments, env={"LDCF_CACHE_DIR": str(tmp_path / "cache")})
        assert result.exit_code == 0, (arguments, result.output)
        assert result.stdout.startswith("Practitioner (practitioner)\n")
