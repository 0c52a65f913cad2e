"""The Python API returns the objects the commands render: `to_dict()` is what `--format json` prints."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ldcf
from conftest import REPOSITORY, SHIPPED_DATA

LOCAL = REPOSITORY / "examples" / "local"


def json_of(run, *arguments: str):
    """What a command prints, on the shipped data as both it and ldcf.load() find it by default."""
    result = run(*arguments, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def shipped():
    return ldcf.load()


def test_load_without_folders_is_the_shipped_data(shipped):
    framework = ldcf.load(SHIPPED_DATA)
    assert set(framework.roles) == set(shipped.roles)
    assert set(framework.competences) == set(shipped.competences)


def test_profile_gap_and_route_are_what_the_commands_print(run, shipped):
    assert ldcf.profile(shipped, "practitioner").to_dict() == json_of(run, "role", "show", "practitioner")
    gap = ldcf.gap(shipped, "support-worker", "practitioner")
    assert gap.to_dict() == json_of(run, "gap", "support-worker", "practitioner")
    route = ldcf.route(shipped, "volunteer", "practitioner")
    assert route.to_dict() == json_of(run, "path", "volunteer", "practitioner")


def test_record_gap_is_what_gap_have_prints(run, shipped, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text("name: Sam\nheld:\n  - code: GEN97\n  - code: SfJ AB1\n", encoding="utf-8")
    gap = ldcf.record_gap(shipped, record, "volunteer")
    assert gap.to_dict() == json_of(run, "gap", "--have", str(record), "volunteer")
    assert gap.to_dict()["from"] == "Sam"


def test_an_overlay_alone_is_laid_on_the_shipped_data():
    framework = ldcf.load(LOCAL)
    role = framework.find_role("lincolnshire-senior-practitioner")
    assert role.level == framework.find_role("practitioner").level
    assert framework.origins.roles["practitioner"] == "national"


def test_invalid_data_raises_with_every_problem(tmp_path):
    data = tmp_path / "data"
    (data / "roles").mkdir(parents=True)
    (data / "levels.yaml").write_text("levels: []\n", encoding="utf-8")
    with pytest.raises(ldcf.InvalidData) as raised:
        ldcf.load(data)
    rules = {problem.rule for problem in raised.value.problems}
    assert rules == {"invalid-value", "missing-file", "missing-edition"}


def test_a_missing_folder_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        ldcf.load(tmp_path / "absent")


def test_an_invalid_record_raises(shipped, tmp_path):
    record = tmp_path / "me.yaml"
    record.write_text("held:\n  - code: GEN9999\n", encoding="utf-8")
    with pytest.raises(ldcf.InvalidData, match="unknown competence 'GEN9999'"):
        ldcf.record_gap(shipped, record, "volunteer")


def test_importing_ldcf_imports_none_of_its_api_until_used():
    code = "import sys, ldcf; print(sorted(m for m in sys.modules if m.startswith('ldcf')))"
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.strip() == "['ldcf']"


def test_the_api_guide_example_runs_and_prints_what_the_data_says():
    """docs/api.md's example, run as written from the repository's top folder."""
    import contextlib
    import io
    import os
    import re

    from conftest import raw_holdings

    guide = (REPOSITORY / "docs" / "api.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", guide, flags=re.S).group(1)
    printed = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(REPOSITORY)
        with contextlib.redirect_stdout(printed):
            exec(compile(example, "docs/api.md", "exec"), {})
    finally:
        os.chdir(cwd)
    validated, searched, gap, route, plan = printed.getvalue().splitlines()
    assert validated == "0 0"  # the shipped local example is valid, and its base's warnings are not its own
    assert "SCDHSC0034" in searched  # the NOS titled for safeguarding children
    needed = raw_holdings("practitioner")
    assert gap == f"{len(needed - raw_holdings('support-worker'))} practitioner"
    assert route.startswith("[")
    assert route.endswith("'practitioner']")
    assert plan.startswith("Development plan")
    assert plan.endswith("Practitioner")


def test_every_api_function_is_listed_in_the_guide_and_in_ldcf_all():
    guide = (REPOSITORY / "docs" / "api.md").read_text(encoding="utf-8")
    functions = [name for name in ldcf.__all__ if name[0].islower() and not name.startswith("_")]
    assert set(ldcf.__all__) == {"__version__", *ldcf._API}
    assert [name for name in functions if f"`{name}(" not in guide] == []
    assert all(callable(getattr(ldcf, name)) for name in functions)
