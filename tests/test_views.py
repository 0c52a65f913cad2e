"""Every view command, in every format, and the output rules they share."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from collections.abc import Iterator

import click
import pytest
from click.shell_completion import ShellComplete
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, SHIPPED_DATA, edit, raw, raw_competences, raw_core, raw_holdings, raw_listed
from ldcf.cli.app import cli as ldcf_cli
from ldcf.render import OUTPUT_FORMATS
from ldcf.render.layout import layout, rows


def cli(run, *arguments, env=None):
    return run("--data", str(SHIPPED_DATA), *arguments, env=env)


def commands(
    group: click.Group = ldcf_cli, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


def takes_output_format(command: click.Command) -> bool:
    options = [p for p in command.params if isinstance(p, click.Option) and p.name == "output_format"]
    return any(list(getattr(option.type, "choices", ())) == list(OUTPUT_FORMATS) for option in options)


# Arguments for each command that prints results; a new command fails the test below until it is given some.
ARGUMENTS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("levels",): (),
    ("level", "show"): ("5",),
    ("roles",): ("--level", "4"),
    ("role", "show"): ("specialist-practitioner",),
    ("competences",): (),
    ("competence", "show"): ("GEN97",),
    ("competence", "search"): ("mental health",),
    ("gap",): ("support-worker", "practitioner"),
    ("path",): ("volunteer", "practitioner"),
    ("rules",): (),
    ("about",): (),
    ("suggest",): (str(FIXTURES / "suggest" / "lincolnshire-specific-skills.txt"),),
    ("team", "report"): (str(FIXTURES / "team"),),
    ("diff",): (str(SHIPPED_DATA), str(FIXTURES.parent.parent / "examples" / "local")),
}
FORMATTED = sorted(path for path, command in commands() if takes_output_format(command))


def test_every_command_that_prints_results_has_arguments_to_try():
    assert FORMATTED
    assert sorted(ARGUMENTS) == FORMATTED


@pytest.mark.parametrize("output_format", OUTPUT_FORMATS)
@pytest.mark.parametrize("path", FORMATTED, ids=" ".join)
def test_every_command_in_every_format(run, path, output_format):
    result = cli(run, *path, *ARGUMENTS.get(path, ()), "--format", output_format)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    if output_format == "json":
        assert json.loads(result.stdout)
    elif output_format == "markdown":
        assert result.stdout.startswith(("# ", "### ")) or result.stdout.split("\n\n")[1].startswith("### ")
    elif output_format == "csv":
        table = list(csv.reader(io.StringIO(result.stdout)))
        assert len(table) > 1
        assert all(len(row) == len(table[0]) for row in table)
    else:
        assert result.stdout.strip()


def test_every_result_type_is_registered_with_every_format():
    import importlib
    import pkgutil

    import ldcf.render

    for module in pkgutil.iter_modules(ldcf.render.__path__):
        if module.name.endswith("_layout"):  # laid out only when shown: import them all to count them
            importlib.import_module(f"ldcf.render.{module.name}")
    result_types = set(layout.registry) - {object}
    assert result_types == set(rows.registry) - {object}
    assert all(callable(getattr(result_type, "to_dict", None)) for result_type in result_types)


def test_levels_json_contract(run):
    levels = json.loads(cli(run, "levels", "--format", "json").stdout)
    assert levels[0] == {"level": 1, "indicative_title": "Cadet"}
    assert len(levels) == 9


def test_roles_json_contract_and_level_filter(run):
    roles = json.loads(cli(run, "roles", "--format", "json").stdout)
    assert {"id": "practitioner", "title": "Practitioner", "level": 5} in roles
    assert [role["level"] for role in roles] == sorted(role["level"] for role in roles)
    at_three = json.loads(cli(run, "roles", "--level", "3", "--format", "json").stdout)
    assert {role["id"] for role in at_three} == {"administrator", "peer-support-worker"}


def test_roles_at_an_unknown_level_is_a_usage_error(run):
    assert cli(run, "roles", "--level", "11").exit_code == 2


def test_list_gives_bare_ids_for_piping(run):
    assert cli(run, "roles", "--list").stdout.splitlines()[:2] == ["volunteer", "administrator"]
    assert cli(run, "levels", "--list").stdout.split() == [str(n) for n in range(1, 10)]
    codes = cli(run, "competences", "--list").stdout.splitlines()
    assert codes[0] == "GEN97"
    assert len(codes) == len(raw_competences())
    assert cli(run, "competence", "search", "GEN9", "--list").stdout.split() == ["GEN97", "GEN99"]


def test_competences_json_contract(run):
    competences = json.loads(cli(run, "competences", "--format", "json").stdout)
    assert {"code": "SFJAB1", "title": "Communicate effectively with people"}.items() <= competences[
        [c["code"] for c in competences].index("SFJAB1")
    ].items()


def test_competence_show_json_contract(run):
    shown = json.loads(cli(run, "competence", "show", "cfam&laa3", "--format", "json").stdout)
    assert {"code", "title", "url", "aliases", "core_levels", "used_by"} <= set(shown)
    assert shown["code"] == "CFAM&LAA3"
    assert shown["core_levels"] == [5, 6, 7, 8]
    used_by = {(use["role"], use["category"]) for use in shown["used_by"]}
    assert ("peer-support-worker", "role-specific") in used_by
    assert ("support-worker", "role-specific") in used_by
    assert ("practitioner", "core") in used_by
    assert ("strategic-manager", "core") in used_by
    assert not any(role == "volunteer" for role, _ in used_by)


def test_competence_show_by_a_printed_spelling(run):
    shown = json.loads(cli(run, "competence", "show", "CFA BAA123", "--format", "json").stdout)
    assert shown["code"] == "CFA_BAA213"


def test_unknown_competence_suggests_close_codes(run):
    result = cli(run, "competence", "show", "GEN977")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert "GEN97" in result.stderr


def test_search_puts_code_matches_before_title_matches(run):
    found = json.loads(cli(run, "competence", "search", "SFJAB1", "--format", "json").stdout)
    assert found[0]["code"] == "SFJAB1"
    by_words = json.loads(cli(run, "competence", "search", "mental health crisis", "--format", "json").stdout)
    assert by_words[0]["code"] == "MH21.2013"
    assert all(a["score"] >= b["score"] for a, b in itertools.pairwise(by_words))


def test_role_show_table_has_every_section(run):
    shown = cli(run, "role", "show", "engagement-worker").stdout
    for text in (
        "Engagement Worker (engagement-worker)",
        "Scope",
        "Person specification",
        f"Core competences ({len(raw_core(4))})",
        f"Role-specific competences ({len(raw_listed('engagement-worker', 'role_specific'))})",
        "Indicative learning and development",
        "Continuing professional development",
        "Source",
    ):
        assert text in shown


def test_no_locality_leaves_out_locality_specific_competences(run):
    full = json.loads(cli(run, "role", "show", "specialist-practitioner", "--format", "json").stdout)
    trimmed = json.loads(
        cli(run, "role", "show", "specialist-practitioner", "--no-locality", "--format", "json").stdout
    )
    assert sum(c["category"] == "locality-specific" for c in full["competences"]) == 8
    assert all(c["category"] != "locality-specific" for c in trimmed["competences"])
    assert len(full["competences"]) - len(trimmed["competences"]) == 8


def test_path_follows_the_framework_example(run):
    route = json.loads(cli(run, "path", "volunteer", "practitioner", "--format", "json").stdout)
    assert [(step["from"], step["to"]) for step in route["steps"]] == [
        ("volunteer", "peer-support-worker"),
        ("peer-support-worker", "support-worker"),
        ("support-worker", "practitioner"),
    ]
    assert [len(step["to_acquire"]) for step in route["steps"]] == [7, 17, 13]
    assert {"from", "to", "steps"} <= set(route)


def test_path_moves_across_a_level_when_that_adds_fewest(run):
    route = json.loads(cli(run, "path", "administrator", "peer-support-worker", "--format", "json").stdout)
    assert [(step["from"], step["to"]) for step in route["steps"]] == [("administrator", "peer-support-worker")]


def test_path_without_a_route_exits_1(run):
    result = cli(run, "path", "practitioner", "volunteer")
    assert result.exit_code == 1
    assert "no route from practitioner (level 5) to volunteer (level 2)" in result.stderr


def test_path_to_the_same_role_has_no_steps(run):
    route = json.loads(cli(run, "path", "practitioner", "practitioner", "--format", "json").stdout)
    assert route["steps"] == []


def test_data_text_is_never_read_as_markup(run, data_copy):
    edit(data_copy / "competences.yaml", "title: Manage budgets", "title: '[bold red]Manage[/] budgets :smile:'")
    result = run("--data", str(data_copy), "role", "show", "strategic-manager")
    assert "[bold red]Manage[/] budgets :smile:" in result.stdout
    assert "\x1b[" not in result.stdout


def test_no_colour_when_output_is_not_a_terminal(run):
    assert "\x1b[" not in cli(run, "role", "show", "practitioner").stdout


def test_csv_neutralises_formula_cells(run, data_copy):
    edit(data_copy / "competences.yaml", "title: Manage budgets", "title: '=HYPERLINK(\"http://x\")'")
    rows = list(csv.reader(io.StringIO(run("--data", str(data_copy), "competences", "--format", "csv").stdout)))
    titles = {row[2] for row in rows}
    assert '\'=HYPERLINK("http://x")' in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_markdown_keeps_ampersands_and_escapes_table_cells_and_html(run, data_copy):
    ampersand = run("--data", str(data_copy), "competence", "show", "CFAM&LBA3", "--format", "markdown").stdout
    assert "CFAM&LBA3" in ampersand
    assert "&amp;" not in ampersand


def test_markdown_escapes_table_cells_and_html(run, data_copy):
    edit(data_copy / "competences.yaml", "title: Manage budgets", "title: 'Manage <b>budgets</b> | costs'")
    shown = run("--data", str(data_copy), "role", "show", "strategic-manager", "--format", "markdown").stdout
    assert "Manage &lt;b>budgets&lt;/b> \\| costs" in shown


def test_every_command_has_help(run):
    for path, _ in commands():
        result = run(*path, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.stdout


def completions(*words: str) -> list[str]:
    completer = ShellComplete(ldcf_cli, {}, "ldcf", "_LDCF_COMPLETE")
    return [item.value for item in completer.get_completions(["--data", str(SHIPPED_DATA), *words[:-1]], words[-1])]


def test_shell_completion_of_roles_and_codes():
    assert completions("role", "show", "prac") == ["practitioner"]
    assert set(completions("gap", "s")) == {
        "senior-administrator",
        "support-worker",
        "specialist-practitioner",
        "strategic-manager",
    }
    assert completions("competence", "show", "SFJA") == [
        "SFJAB1",
        "SFJAB8",
        "SFJAD1",
        "SFJAG5",
        "SFJAD3",
        "SFJAD2",
        "SFJAB7",
    ]


def test_path_shows_what_each_step_acquires_and_why_the_total_exceeds_the_direct_gap(run):
    route = json.loads(cli(run, "path", "volunteer", "practitioner", "--format", "json").stdout)
    direct = raw_holdings("practitioner") - raw_holdings("volunteer")
    assert route["direct_to_acquire"] == len(direct)
    acquired = {entry["code"] or entry["id"] for step in route["steps"] for entry in step["to_acquire"]}
    extra = {entry["code"] or entry["id"] for entry in route["acquired_but_not_required"]}
    assert extra == acquired - raw_holdings("practitioner")
    table = cli(run, "path", "volunteer", "practitioner").stdout
    first = route["steps"][0]
    assert f"Step 1, Volunteer to {first['to'].replace('-', ' ').title()}: to acquire ({len(first['to_acquire'])})" in (
        table
    )
    assert all(entry["code"] in table for entry in first["to_acquire"])
    if extra:
        assert f"acquires {len(extra)} competence(s) on the way" in table


def test_search_ranks_by_meaning_as_suggest_does(run):
    supervise = json.loads(cli(run, "competence", "search", "supervise staff", "--format", "json").stdout)
    assert "GEN35" in [match["code"] for match in supervise[:3]]  # "Provide supervision to other individuals"
    common = json.loads(cli(run, "competence", "search", "health", "--format", "json").stdout)
    specific = json.loads(cli(run, "competence", "search", "mental health crisis", "--format", "json").stdout)
    assert common[0]["score"] < specific[0]["score"]


def test_narrow_tables_keep_web_addresses_whole_and_indent_wrapped_bullets(run):
    narrow = {"COLUMNS": "50"}
    url = json.loads(cli(run, "competence", "show", "SFJAB1", "--format", "json").stdout)["url"]
    shown = cli(run, "competence", "show", "SFJAB1", env=narrow).stdout
    assert any(line.endswith(url) for line in shown.splitlines())
    role = cli(run, "role", "show", "engagement-worker", env=narrow).stdout.splitlines()
    start = role.index("Informal learning")
    items = list(itertools.takewhile(lambda line: line.startswith("  "), role[start + 1 :]))
    assert items[0].startswith("  - ")
    assert all(line.startswith(("  - ", "    ")) for line in items)
    assert len(items) > len(raw(SHIPPED_DATA / "roles" / "engagement-worker.yaml")["learning"]["informal"])


def test_piped_tables_have_no_trailing_spaces(run):
    assert not [line for line in cli(run, "role", "show", "practitioner").stdout.splitlines() if line.endswith(" ")]


def test_markdown_links_each_nos_to_its_document(run):
    shown = cli(run, "role", "show", "practitioner", "--format", "markdown").stdout
    profile = json.loads(cli(run, "role", "show", "practitioner", "--format", "json").stdout)
    linked = [entry for entry in profile["competences"] if entry["url"]]
    assert linked
    for entry in linked:
        assert f"| [{entry['code']}]({entry['url']}) |" in shown


def _words(text: str) -> Counter[str]:
    """The words of a rendered view, without the rules under table headers (rich draws ─, plain text -)."""
    return Counter(word for word in text.split() if word.strip("-─"))


@pytest.mark.parametrize("path", FORMATTED, ids=" ".join)
def test_the_table_format_shows_the_same_words_in_a_terminal_and_in_a_pipe(run, path, monkeypatch):
    import ldcf.render

    shown = []
    original = ldcf.render.render

    def capture(result, *arguments, **options):
        shown.append(result)
        return original(result, *arguments, **options)

    monkeypatch.setattr(ldcf.render, "render", capture)
    assert cli(run, *path, *ARGUMENTS.get(path, ())).exit_code == 0
    (result,) = shown
    terminal = original(result, "table", width=200, terminal=True)
    piped = original(result, "table", width=200, terminal=False)
    assert "─" in terminal
    assert "─" not in piped
    assert _words(terminal) == _words(piped)


def _in_a_terminal(*arguments: str) -> str:
    """ldcf's output when its stdout is a terminal (a pseudo-terminal here)."""
    import os
    import pty
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    environment = {**os.environ, "COLUMNS": "120", "LDCF_NO_CACHE": "1", "NO_COLOR": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "ldcf", *arguments], stdout=terminal, stderr=subprocess.DEVNULL, env=environment
    ) as child:
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closes when the child exits
                break
            if not chunk:
                break
            output += chunk
        child.wait(timeout=60)
    os.close(controller)
    return output.decode("utf-8")


def test_rich_draws_the_table_format_only_in_a_terminal(run):
    arguments = ("--data", str(SHIPPED_DATA), "role", "show", "practitioner")
    assert "─" in _in_a_terminal(*arguments)
    piped = run(*arguments).stdout
    assert "─" not in piped
    assert any(set(line) == {"-", " "} for line in piped.splitlines())


def test_piped_views_do_not_import_rich(tmp_path):
    import os
    import subprocess
    import sys

    script = (
        "import sys\nfrom ldcf.cli.app import main\nsys.argv = ['ldcf', 'role', 'show', 'practitioner']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(name for name in sys.modules if name == 'rich' or name.startswith('rich.')), file=sys.stderr)"
    )
    environment = {**os.environ, "LDCF_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # with the cache cold, then warm
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environment
        )
        assert "Practitioner (practitioner)" in result.stdout
        assert result.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("text", ["", "   ", "a b", "  leading", "trailing  ", "x" * 40, "a\tb", "a\u00a0b", "é ü"])
@pytest.mark.parametrize("width", [1, 10, 40])
def test_plain_text_wraps_a_line_as_textwrap_does(text, width):
    import textwrap

    from ldcf.render.plain import _wrapped

    expected = textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]
    assert [line.rstrip() for line in _wrapped(text, width)] == [line.rstrip() for line in expected]


@pytest.mark.parametrize("columns", [None, "", "0", "-5", "abc", "37", "250"])
def test_the_width_drawn_for_is_what_shutil_would_give(monkeypatch, columns):
    import shutil

    from ldcf.render import terminal_width

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_width() == shutil.get_terminal_size().columns


@given(
    st.lists(
        st.sampled_from(["a", "bb", "risk", "dddd-e", "x" * 12, " ", "  ", "é", "\t", "\xa0", "-", "."]), max_size=30
    ),
    st.integers(min_value=-2, max_value=40),
)
def test_words_are_wrapped_as_textwrap_wraps_them(parts, width):
    # The table format wraps plain titles without textwrap; where it does, the lines are textwrap's own.
    import textwrap

    from ldcf.render.plain import _words_wrapped

    text = "".join(parts)
    ours = _words_wrapped(text, width)
    assert ours is None or ours == textwrap.wrap(text, width=max(width, 1), break_on_hyphens=False)
