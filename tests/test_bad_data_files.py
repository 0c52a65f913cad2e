"""Every file in tests/fixtures/bad-data is one case of bad input, checked against the minimal valid data set.

Each case begins with two comments: `# path:` is where it goes in a copy of tests/fixtures/minimal (replacing
the file there, if any) and `# expect:` is the problem `ldcf validate` must report: `LINE: message`, with the
line counted in the case file, or `FILE:LINE: message` when the problem is reported in another file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
CASES = sorted((FIXTURES / "bad-data").glob("*.yaml"))
_HEADER = re.compile(rb"# path: (?P<path>.+)\n# expect: (?:(?P<file>[^:\n]+\.yaml):)?(?P<line>\d+): (?P<message>.+)\n")


def read_case(case: Path) -> tuple[str, str | None, int, str]:
    header = _HEADER.match(case.read_bytes())
    assert header, f"{case.name} must begin with '# path:' and '# expect:' lines"
    file = header["file"].decode() if header["file"] else None
    return header["path"].decode(), file, int(header["line"]), header["message"].decode()


def test_the_minimal_data_set_is_valid(run):
    result = run("validate", str(MINIMAL))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_there_is_a_case_for_every_kind_of_bad_input():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.stem)
def test_bad_input_is_reported_at_its_file_and_line(run, tmp_path, case):
    path, file, line, message = read_case(case)
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    shutil.copyfile(case, data / path)
    result = run("validate", str(data))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    reported_file = data / (file or path)
    expected_start = f"{reported_file}:{line}:"
    errors = [entry for entry in result.stdout.splitlines() if ": error: " in entry]
    assert any(entry.startswith(expected_start) and message in entry for entry in errors), (
        f"expected {expected_start} ... {message}\ngot:\n" + "\n".join(errors)
    )
