"""Hostile inputs end quickly, in bounded memory, with a clear error.

Each case runs `ldcf validate` in a child process that reports its own peak memory. The limits below are
bounds, not timings: the peaks measured on the development machine (Linux x86_64, Python 3.11, where a clean
`ldcf validate` of the minimal data set peaks at 33 MB and every case below ends in under half a second) are
given in each docstring, and the bound leaves room for other machines. The timeout only stops a hang.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MEMORY_BOUND_MB = 150
HANG_GUARD_SECONDS = 60

# The child reads its peak resident memory from /proc (VmHWM), which, unlike ru_maxrss, does not carry over
# the parent's peak across fork and exec.
_CHILD = """
import sys
from ldcf.cli.app import cli
try:
    cli(["validate", sys.argv[1]], prog_name="ldcf")
except SystemExit as exit:
    code = exit.code
try:
    with open("/proc/self/status") as status:
        peak = int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
except OSError:  # no /proc: ru_maxrss, in KiB (bytes on macOS)
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
print("peak-kb", peak, file=sys.stderr)
sys.exit(code)
"""


def validate_in_child(directory: Path) -> tuple[int, str, str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(directory)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    peak_line = next(line for line in completed.stderr.splitlines() if line.startswith("peak-kb "))
    peak_mb = int(peak_line.split()[1]) / 1024
    return completed.returncode, completed.stdout, completed.stderr, peak_mb


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def assert_refused(data: Path, file: str, message: str) -> float:
    code, stdout, stderr, peak_mb = validate_in_child(data)
    assert code == 1, stdout + stderr
    assert "Traceback" not in stderr
    assert any(line.startswith(str(data / file)) and message in line for line in stdout.splitlines()), stdout
    assert peak_mb < MEMORY_BOUND_MB, f"peak memory {peak_mb:.0f} MB"
    return peak_mb


def test_alias_bomb(data):
    """Billion laughs: nine levels of nine aliases each. Refused at the first anchor; measured peak 33 MB."""
    shutil.copyfile(FIXTURES / "rules" / "anchor-or-alias" / "alias-bomb.yaml", data / "roles" / "example-role.yaml")
    assert_refused(data, "roles/example-role.yaml", "YAML anchors (&a) are not allowed")


def test_fifty_megabyte_file(data):
    """A 50 MB role file is refused by its size before it is read; measured peak 33 MB."""
    with open(data / "roles" / "huge.yaml", "w", encoding="utf-8") as handle:
        line = "# " + "x" * 1022 + "\n"
        handle.writelines(line for _ in range(50 * 1024))
    assert_refused(data, "roles/huge.yaml", "file too large")


def test_nesting_ten_thousand_deep(data):
    """Flow lists nested 10,000 deep stop at the nesting limit; measured peak 33 MB."""
    shutil.copyfile(FIXTURES / "rules" / "too-deep" / "deep-nesting.yaml", data / "roles" / "example-role.yaml")
    assert_refused(data, "roles/example-role.yaml", "nesting deeper than")


def test_block_nesting_a_thousand_deep(data):
    """Block mappings nested 1,000 deep (deeper would pass the size limit first): the same nesting limit applies;
    measured peak 34 MB."""
    text = "".join(f"{' ' * depth}k{depth}:\n" for depth in range(1_000)) + " " * 1_000 + "end\n"
    (data / "roles" / "example-role.yaml").write_text(text, encoding="utf-8")
    assert_refused(data, "roles/example-role.yaml", "nesting deeper than")


def test_long_string_under_the_size_limit(data):
    """A 9 MB title is read and refused only because the role file is incomplete; measured peak 85 MB."""
    (data / "roles" / "example-role.yaml").write_text("title: " + "x" * (9 * 1024 * 1024) + "\n", encoding="utf-8")
    assert_refused(data, "roles/example-role.yaml", "id: required key is missing")


def test_symbolic_link_loop(data):
    """A role file that links to itself; measured peak 33 MB."""
    (data / "roles" / "loop.yaml").symlink_to("loop.yaml")
    assert_refused(data, "roles/loop.yaml", "symbolic links")


def test_link_to_a_file_outside_the_data_folder(data, tmp_path):
    """`roles/x.yaml` pointing at `../../x.yaml`: nothing outside the data folder is read; peak 33 MB."""
    (tmp_path / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (data / "roles" / "x.yaml").symlink_to("../../x.yaml")
    assert_refused(data, "roles/x.yaml", "outside the data folder")
