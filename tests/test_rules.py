"""Every rule has bad input that triggers it, reported at its file and line with its rule id.

Each file in tests/fixtures/rules/RULE-ID/ is one case of that rule, checked against the minimal valid data set
in tests/fixtures/minimal. It begins with two comments: `# path:` is where the case goes, and `# expect:` is
the problem that must be reported, `LINE: message` with the line counted in the case file, or
`FILE:LINE: message` when it is reported in another file. The path is a file of the base folder (replacing
the minimal one, if any), `overlay/...` for a file of an overlay given after the base, or `record` for a
person's record read by `ldcf gap --have`. Rules whose input cannot be a committed file (links, sizes, missing
files) have a case generated here instead.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ldcf.reading.loader import MAX_FILE_BYTES
from ldcf.rules import all_rules

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
RULES = FIXTURES / "rules"
CASES = sorted(RULES.glob("*/*.yaml"))
_HEADER = re.compile(rb"# path: (?P<path>.+)\n# expect: (?:(?P<file>[^:\n]+\.yaml):)?(?P<line>\d+): (?P<message>.+)\n")


def read_case(case: Path) -> tuple[str, str | None, int, str]:
    header = _HEADER.match(case.read_bytes())
    assert header, f"{case} must begin with '# path:' and '# expect:' lines"
    file = header["file"].decode() if header["file"] else None
    return header["path"].decode(), file, int(header["line"]), header["message"].decode()


def reported(result, rule: str) -> list[str]:
    return [line for line in result.output.splitlines() if line.endswith(f"({rule})")]


def test_the_minimal_data_set_is_valid(run):
    result = run("validate", str(MINIMAL))
    assert result.exit_code == 0
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.parent.name}/{case.stem}")
def test_bad_input_is_reported_at_its_file_and_line_with_its_rule(run, tmp_path, case):
    rule = case.parent.name
    path, file, line, message = read_case(case)
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    if path == "record":
        result = run("--data", str(data), "gap", "--have", str(case), "example-role")
        expected_start = f"{case}:{line}:"
    else:
        overlay = path.startswith("overlay/")
        folder = tmp_path / "overlay" if overlay else data
        target = folder / path.removeprefix("overlay/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case, target)
        result = run("validate", str(data), *([str(folder)] if overlay else []))
        expected_start = f"{folder / (file or path.removeprefix('overlay/'))}:{line}:"
    assert "Traceback" not in result.output
    severity = all_rules()[rule].severity.value
    if severity == "error":
        assert result.exit_code == 1
    problems = reported(result, rule)
    found = [entry for entry in problems if entry.startswith(expected_start) and message in entry]
    assert any(f": {severity}: " in entry for entry in found), (
        f"expected {expected_start} ... {message} ({rule})\ngot:\n{result.output}"
    )


def _link_out_of_the_folder(data: Path, tmp_path: Path) -> Path:
    outside = tmp_path / "outside.yaml"
    outside.write_text((data / "roles/other-role.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (data / "roles/outside.yaml").symlink_to(outside)
    return data / "roles/outside.yaml"


def _link_loop(data: Path, tmp_path: Path) -> Path:
    (data / "roles/loop.yaml").symlink_to("loop.yaml")
    return data / "roles/loop.yaml"


def _too_large(data: Path, tmp_path: Path) -> Path:
    with open(data / "roles/huge.yaml", "wb") as huge:
        huge.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk space
    return data / "roles/huge.yaml"


def _not_a_regular_file(data: Path, tmp_path: Path) -> Path:
    (data / "roles/folder.yaml").mkdir()
    return data / "roles/folder.yaml"


def _missing(data: Path, tmp_path: Path) -> Path:
    (data / "competences.yaml").unlink()
    return data / "competences.yaml"


def _no_edition(data: Path, tmp_path: Path) -> Path:
    (data / "edition.yaml").unlink()
    return data / "edition.yaml"


GENERATED = {
    "link-outside-folder": _link_out_of_the_folder,
    "link-loop": _link_loop,
    "file-too-large": _too_large,
    "unreadable-file": _not_a_regular_file,
    "missing-file": _missing,
    "missing-edition": _no_edition,
}


@pytest.mark.parametrize("rule", sorted(GENERATED))
def test_generated_bad_input_is_reported_with_its_rule(run, tmp_path, rule):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = GENERATED[rule](data, tmp_path)
    result = run("validate", str(data))
    severity = all_rules()[rule].severity.value
    assert result.exit_code == (1 if severity == "error" else 0)
    assert any(entry.startswith(f"{path}: {severity}: ") for entry in reported(result, rule)), result.output


def test_every_rule_has_a_case():
    with_fixtures = {case.parent.name for case in CASES}
    assert with_fixtures <= set(all_rules()), "a fixture folder names no rule"
    missing = set(all_rules()) - with_fixtures - set(GENERATED)
    assert not missing, f"rules without a case in tests/fixtures/rules/ or GENERATED: {sorted(missing)}"
