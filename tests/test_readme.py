"""The README documents every command and keeps the two set-up commands CI relies on."""

from __future__ import annotations

import re

import click

from conftest import REPOSITORY
from ldcf.cli.app import cli
from ldcf.rules import all_rules

README = (REPOSITORY / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_command_is_documented_in_the_readme():
    missing = [" ".join(path) for path in command_paths(cli) if f"ldcf {' '.join(path)}" not in README]
    assert not missing, f"not in README.md: {missing}"


def test_every_command_has_help_text():
    for path in command_paths(cli):
        command = cli
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert command.help, path
        assert len(command.help) > 20, path


def test_the_readme_holds_the_install_and_run_and_install_and_test_commands():
    assert re.search(r"pip install \. && \.venv/bin/ldcf role show practitioner", README)
    assert re.search(r"pip install '\.\[test\]' && \.venv/bin/pytest", README)
    ci = (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && .venv/bin/pytest" in ci


def test_the_readme_has_a_row_for_every_rule_as_ldcf_rules_prints_it(run):
    generated = run("rules", "--format", "markdown").stdout
    rows = [line for line in generated.splitlines() if line.startswith("| ") and not line.startswith("| Rule ")]
    rows = [row for row in rows if not row.startswith("| --- ")]
    assert len(rows) == len(all_rules())
    missing = [row for row in rows if row not in README]
    assert not missing, f"README.md lacks these rows of `ldcf rules --format markdown`: {missing}"


def test_the_python_example_runs_and_prints_what_the_data_says():
    import contextlib
    import io

    from conftest import raw_core, raw_holdings

    example = re.search(r"```python\n(.*?)```", README, flags=re.S).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example, "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    held, needed = raw_holdings("support-worker"), raw_holdings("practitioner")
    assert float(lines[1]) == round(len(held & needed) / len(needed), 4)
    assert lines[2].startswith("[")
    assert lines[2].endswith("'practitioner']")
    assert lines[3] == f"{len(needed)} Practitioner"
    assert len(raw_core(5)) <= len(needed)
