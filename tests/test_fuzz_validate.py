"""Property-based: no mutation of the shipped data makes `ldcf validate` crash.

Whatever is done to a data file (keys deleted, types swapped, keys duplicated, files truncated, random bytes,
deep nesting, very long strings, byte-order marks, tabs, NUL and other unicode oddities), validate exits 0 or
1, its JSON report is valid, and every problem names a file in the data folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_DATA
from ldcf.cli.app import cli

pytestmark = pytest.mark.slow  # a fuzz suite: seconds, not milliseconds

FILES = ["levels.yaml", "competences.yaml", "roles/practitioner.yaml", "roles/engagement-worker.yaml"]

ODD_VALUES = [
    "5",
    "'5'",
    "five",
    "yes",
    "no",
    "~",
    "null",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: {b: c}}",
    "-1",
    "1e9",
    "0x1F",
    ".inf",
    "2018-01-01",
    "!!binary aGVsbG8=",
    "!!python/name:os.system",
    "&anchor value",
    "*alias",
    "|\n  text",
    '"\\e[31mred"',
    "'[bold]markup[/bold]'",
    "=HYPERLINK(1)",
    "\t",
    '"\\u202e"',
]


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@st.composite
def mutation(draw, original: bytes) -> bytes:
    text = original.decode("utf-8")
    lines = lines_of(text)
    index = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "swap",
                "truncate",
                "bytes",
                "nest",
                "long",
                "bom",
                "tab",
                "nul",
                "unicode",
                "rename",
                "replace",
            ]
        )
    )
    if kind == "delete":
        return "".join(lines[:index] + lines[index + 1 :]).encode()
    if kind == "duplicate":
        return "".join(lines[: index + 1] + lines[index:]).encode()
    if kind in ("swap", "nest", "long"):
        value = {
            "swap": lambda: draw(st.sampled_from(ODD_VALUES) | st.text(max_size=20)),
            "nest": lambda: "[" * draw(st.integers(1, 300)) + "]" * 300,
            "long": lambda: "x" * draw(st.integers(1_000, 200_000)),
        }[kind]()
        key, colon, _ = lines[index].partition(": ")
        lines[index] = f"{key}: {value}\n" if colon else f"{value}\n"
        return "".join(lines).encode("utf-8", "surrogatepass")
    if kind == "truncate":
        return original[: draw(st.integers(0, len(original)))]
    if kind == "bytes":
        at = draw(st.integers(0, len(original)))
        return original[:at] + draw(st.binary(min_size=1, max_size=20)) + original[at:]
    if kind == "bom":
        return b"\xef\xbb\xbf" + original
    if kind == "tab":
        lines[index] = "\t" + lines[index]
        return "".join(lines).encode()
    if kind == "nul":
        lines[index] = lines[index][:2] + "\x00" + lines[index][2:]
        return "".join(lines).encode()
    if kind == "unicode":
        odd = draw(st.sampled_from(["\u2028", "\x85", "\u200f", "\ufeff", "\U0001f600", "\u0301", "\ud800"]))
        lines[index] = odd + lines[index]
        return "".join(lines).encode("utf-8", "surrogatepass")
    if kind == "rename":
        lines[index] = lines[index].replace(":", "x:", 1)
        return "".join(lines).encode()
    return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    return folder


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_validate_never_crashes(data_folder, data):
    file = data.draw(st.sampled_from(FILES))
    path = data_folder / file
    original = (SHIPPED_DATA / file).read_bytes()
    path.write_bytes(data.draw(mutation(original)))
    try:
        result = CliRunner().invoke(
            cli, ["validate", str(data_folder), "--format", "json"], env={"GITHUB_ACTIONS": None}
        )
    finally:
        path.write_bytes(original)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1)
    report = json.loads(result.stdout)
    for problem in report["problems"]:
        assert problem["file"].startswith(str(data_folder)), problem
        assert problem["message"]
