"""Property-based: whatever text the data holds, no format lets it drive the terminal or a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_DATA
from ldcf.cli import cli

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TITLE_LINE = "    title: Manage budgets\n"
TRICKY = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]8;;http://x\x07",
        "[bold]",
        "[/]",
        ":smile:",
        "=1+1",
        "+1",
        "-1",
        "@SUM",
        "|",
        "<script>",
        "\r",
        "\u202e",
        "\x00",
        "\x9b",
    ]
)


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("output") / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    return folder


def invoke(*arguments: str):
    return CliRunner().invoke(cli, list(arguments), env={"COLUMNS": "120", "GITHUB_ACTIONS": None})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.lists(TRICKY | st.text(min_size=1, max_size=8), min_size=1, max_size=6).map("".join))
def test_data_text_cannot_escape_any_format(data_folder, title):
    competences = data_folder / "competences.yaml"
    original = (SHIPPED_DATA / "competences.yaml").read_text(encoding="utf-8")
    competences.write_text(
        original.replace(TITLE_LINE, f"    title: {json.dumps(title)}\n"), encoding="utf-8", errors="surrogatepass"
    )
    try:
        report = invoke("validate", str(data_folder))
        assert not CONTROL.search(report.stdout), report.stdout
        outputs = {
            fmt: invoke("--data", str(data_folder), "role", "show", "strategic-manager", "--format", fmt)
            for fmt in ("table", "markdown", "csv", "json")
        }
    finally:
        competences.write_text(original, encoding="utf-8")
    for fmt, result in outputs.items():
        assert result.exit_code in (0, 1), (fmt, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        if result.exit_code == 1:
            continue
        if fmt == "json":
            json.loads(result.stdout)
        else:
            assert not CONTROL.search(result.stdout.replace("\n", "")), (fmt, result.stdout)
        if fmt == "csv":
            for row in csv.reader(io.StringIO(result.stdout)):
                assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
