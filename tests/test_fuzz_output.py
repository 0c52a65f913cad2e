"""Property-based: whatever text the data or a job description holds, no output format passes on a character
that could drive a terminal or hide itself, and no CSV cell starts a formula. Rejected data is checked too:
its error messages are output as well."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_DATA
from ldcf.cli.app import cli

pytestmark = pytest.mark.slow  # a fuzz suite: seconds, not milliseconds

# Defined here, apart from ldcf's own list: C0 controls but tab and newline, DEL and C1 controls, bidirectional
# embeddings, overrides and isolates, the Arabic letter mark, and zero-width characters.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
TRICKY = st.sampled_from(
    ["\u2028", "\u2029", "[x](javascript:alert(1))", "![i](http://x/i.png)", "# h", "> q", "`c`", "**b**", "＝1",
     "\u200b=1", "\x1b[31m", "\x1b]8;;http://x\x07", "[bold]", "[/]", ":smile:", "=1+1", "+1", "-1", "@SUM", "|",
     "<script>", "\r", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\x00", "\x9b", "::warning::x", "\n# heading"]
)  # fmt: skip
TEXT = st.lists(TRICKY | st.text(min_size=1, max_size=8), min_size=1, max_size=6).map("".join)
FORMATS = ("table", "markdown", "csv", "json")
OUR_LINK = re.compile(r"^\| \[([A-Z0-9_&.\\]+)\]\(https?://[^\s()<>]+\)")


_STRUCTURE = ("#", ">", "- ", "+ ", "=")


def structure(markdown: str) -> list[str]:
    """How the lines that make Markdown structure (headings, quotes, list items, rules) begin: text from the
    data must never add one, nor change what one is."""
    return [line.split(" ", 1)[0] for line in markdown.splitlines() if line.startswith(_STRUCTURE)]


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("output") / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    return folder


def invoke(*arguments: str):
    # Under GitHub Actions, so that workflow commands are guarded in every format.
    return CliRunner().invoke(cli, list(arguments), env={"COLUMNS": "120", "GITHUB_ACTIONS": "true", "LDCF_DATA": None})


def assert_safe(result, output_format: str, markdown_structure: list[str] | None = None) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    assert not UNSAFE.search(result.stdout), (output_format, result.stdout)
    assert not UNSAFE.search(result.stderr), (output_format, result.stderr)
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.lstrip().startswith("::") or output_format == "github", line
    if result.exit_code != 0:
        return  # the data was refused: its messages, checked above, are the whole output
    if output_format == "markdown":
        found, allowed = Counter(structure(result.stdout)), Counter(markdown_structure)
        assert not found - allowed, (found, allowed)  # the data may leave structure out, never add it
        for row in (line for line in result.stdout.splitlines() if line.startswith("|")):
            row = OUR_LINK.sub(r"\1", row)  # the links ldcf makes itself, to NOS documents
            assert all(row[i - 1] == "\\" for i, c in enumerate(row) if c in "[`*_"), row
    if output_format == "json":
        json.loads(result.stdout)
    if output_format == "csv":
        for row in csv.reader(io.StringIO(result.stdout)):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


# Single-line fields of each kind of data file, each with the line that holds it in the shipped data.
FIELDS = [
    ("competences.yaml", "    title: Manage budgets\n", "    title: {}\n"),
    (
        "competences.yaml",
        "    title: Manage budgets\n    url: https://tools.skillsforhealth.org.uk/external/CFAM&LEA4\n"
        "    body: Council for Administration\n",
        "    title: Manage budgets\n    url: https://tools.skillsforhealth.org.uk/external/CFAM&LEA4\n    body: {}\n",
    ),
    ("roles/strategic-manager.yaml", "title: Strategic Manager\n", "title: {}\n"),
    (
        "roles/strategic-manager.yaml",
        "  document: Liaison and Diversion Service Career and Competence Framework, final report v3\n",
        "  document: {}\n",
    ),
    ("levels.yaml", "    indicative_title: Consultant\n", "    indicative_title: {}\n"),
    ("roles/strategic-manager.yaml", "aliases: [Liaison and Diversion Service Strategic Manager]\n", "aliases: [{}]\n"),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, field=st.sampled_from(FIELDS))
def test_data_text_cannot_escape_any_format(data_folder, text, field):
    file, line, replacement = field
    path = data_folder / file
    original = (SHIPPED_DATA / file).read_text(encoding="utf-8")
    assert original.count(line) == 1
    path.write_text(original.replace(line, replacement.format(json.dumps(text))), encoding="utf-8",
                    errors="surrogatepass")  # fmt: skip
    baseline = invoke("--data", str(SHIPPED_DATA), "role", "show", "strategic-manager", "--format", "markdown")
    try:
        for report_format in ("text", "github", "json"):
            assert_safe(invoke("validate", str(data_folder), "--format", report_format), report_format)
        for output_format in FORMATS:
            shown = invoke("--data", str(data_folder), "--no-cache", "role", "show", "strategic-manager",
                           "--format", output_format)  # fmt: skip
            assert_safe(shown, output_format, structure(baseline.stdout))
    finally:
        path.write_text(original, encoding="utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT)
def test_a_record_name_cannot_escape_any_format(tmp_path_factory, name):
    record = tmp_path_factory.mktemp("record") / "me.yaml"
    record.write_text(f"name: {json.dumps(name)}\nheld:\n  - code: GEN97\n", encoding="utf-8", errors="surrogatepass")
    baseline = tmp_path_factory.mktemp("record") / "me.yaml"
    baseline.write_text("name: Sam\nheld:\n  - code: GEN97\n", encoding="utf-8")
    expected = invoke("--data", str(SHIPPED_DATA), "gap", "--have", str(baseline), "volunteer", "--format", "markdown")
    for output_format in FORMATS:
        result = invoke("--data", str(SHIPPED_DATA), "gap", "--have", str(record), "volunteer", "--format",
                        output_format)  # fmt: skip
        assert_safe(result, output_format, structure(expected.stdout))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(duty=TEXT)
def test_job_description_text_cannot_escape_any_format(tmp_path_factory, duty):
    job_description = tmp_path_factory.mktemp("suggest") / "job.txt"
    job_description.write_text(
        f"Communicate effectively {duty} with people\n", encoding="utf-8", errors="surrogatepass"
    )
    plain = job_description.with_name("plain.txt")
    plain.write_text("Communicate effectively with people\n", encoding="utf-8")
    expected = invoke("--data", str(SHIPPED_DATA), "suggest", str(plain), "--format", "markdown")
    for output_format in FORMATS:
        result = invoke("--data", str(SHIPPED_DATA), "suggest", str(job_description), "--format", output_format)
        assert_safe(result, output_format, structure(expected.stdout))
