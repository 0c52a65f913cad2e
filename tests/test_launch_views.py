"""More views into a pipe are served without click (`ldcf.cli.fast`): `roles`, `level show`, `competence show`,
`competence search`, `gap --have` and `doc job-description` (Markdown to standard output). They must print exactly
what `ldcf.cli.app` prints, for every combination of options, and hand everything else to `ldcf.cli.app`."""

from __future__ import annotations

import io
import itertools
import os
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED_DATA
from ldcf.cli.fast import served_without_click

LOCAL = Path(__file__).parent.parent / "examples" / "local"
GLOBAL_OPTIONS = [
    [],
    ["--data", str(SHIPPED_DATA)],
    [f"--data={SHIPPED_DATA}"],
    ["--data", str(SHIPPED_DATA), "--data", str(LOCAL)],
    ["--data", "no-such-folder"],
    ["--no-cache"],
]
ANA = str(FIXTURES / "team" / "ana.yaml")
UNKNOWN_CODE = str(FIXTURES / "rules" / "unknown-competence" / "record-unknown-code.yaml")
UNKNOWN_KEY = str(FIXTURES / "rules" / "unknown-key" / "record-unknown-key.yaml")
TABLE_OPTIONS = [[], ["--format", "table"], ["--format=table"], ["--format", "json"], ["--list"], ["extra"]]
VIEWS = [
    *(["roles", *options] for options in [*TABLE_OPTIONS, ["--level", "5"], ["--level=5"]]),
    *(
        ["level", "show", number, *options]
        for number, options in itertools.product(["5", "05", "0", "x", "٣", "-1"], TABLE_OPTIONS)
    ),
    *(
        ["competence", "show", code, *options]
        for code, options in itertools.product(["GEN97", "sfj ab1", "SFHGEN97", "nonesuch", "--", ""], TABLE_OPTIONS)
    ),
    *(
        ["competence", "search", text, *options]
        for text, options in itertools.product(["mental health crisis", "GEN9", "x", "", "SfJ AB1"], TABLE_OPTIONS)
    ),
    *(
        ["gap", *arguments, *options]
        for arguments, options in itertools.product(
            [
                ["--have", ANA],
                ["--have", ANA, "practitioner"],
                [f"--have={ANA}", "support-worker"],
                ["practitioner", "--have", ANA],
                ["--have", ANA, "nonesuch"],
                ["--have", ANA, "--have", ANA],
                ["--have", UNKNOWN_CODE, "practitioner"],
                ["--have", UNKNOWN_KEY, "practitioner"],
                ["--have", "no-such-record.yaml", "practitioner"],
                ["--have", ANA, "support-worker", "practitioner"],
                ["--have"],
            ],
            [[], ["--format", "table"], ["--format", "json"]],
        )
    ),
    *(
        ["doc", "job-description", *arguments]
        for arguments in [
            ["practitioner"],
            ["registered-worker-band-6"],
            ["Support Worker"],
            ["nonesuch"],
            ["practitioner", "--format", "table"],
            ["practitioner", "-o", "jd.md"],
            ["practitioner", "--force"],
        ]
    ),
]
COMPLETION = {"_LDCF_COMPLETE": "bash_complete", "COMP_WORDS": "ldcf competence show GEN", "COMP_CWORD": "3"}
ENVIRONMENTS = [{"LDCF_DATA": str(LOCAL)}, {"GITHUB_ACTIONS": "true"}, {"LDCF_NO_CACHE": "1"}, COMPLETION]
PLAIN = [
    ["roles"],
    ["level", "show", "5"],
    ["competence", "show", "GEN97"],
    ["competence", "search", "mental health crisis"],
    ["gap", "--have", ANA],
    ["doc", "job-description", "practitioner"],
]


@pytest.fixture
def both_paths(run, tmp_path, monkeypatch):
    """Run one command line both ways; returns whether the fast path served it."""
    monkeypatch.setenv("LDCF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    for name in ("LDCF_DATA", "GITHUB_ACTIONS", "LDCF_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)

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
    for global_options, view in itertools.product(GLOBAL_OPTIONS, VIEWS):
        if both_paths([*global_options, *view], {}):
            served.append([*global_options, *view])
    for environment, view in itertools.product(ENVIRONMENTS, PLAIN):
        if both_paths(view, environment):
            served.append([environment, *view])
    for view in PLAIN:
        assert view in served, view
    assert ["--data", str(SHIPPED_DATA), "competence", "show", "sfj ab1", "--format=table"] in served
    assert ["gap", "--have", ANA, "support-worker", "practitioner"] not in served
    assert ["gap", f"--have={ANA}", "support-worker"] in served
    assert [{"GITHUB_ACTIONS": "true"}, "doc", "job-description", "practitioner"] in served
    assert not any(COMPLETION in arguments for arguments in served)
    assert not any("--no-cache" in arguments or "nonesuch" in arguments for arguments in served)
    assert not any(UNKNOWN_CODE in arguments or UNKNOWN_KEY in arguments for arguments in served)
    assert not any("--list" in arguments or "json" in arguments or "-o" in arguments for arguments in served)
