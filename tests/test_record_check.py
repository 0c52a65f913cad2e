"""A person's record is checked without pydantic by a checker written from its models (`ldcf.reading.checkers`):
the checker in the package must be the one the models write now, and it must judge records as the models do,
never vouching for one they refuse."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import FIXTURES, REPOSITORY
from ldcf.reading.checkers import GENERATED, record_checker
from ldcf.reading.models import RecordFile, plain
from ldcf.reading.record_check import check
from ldcf.reading.yaml_positions import YamlError, parse_yaml


def by_the_models(data: Any) -> Any:
    try:
        return plain(RecordFile.model_validate(data))
    except ValidationError:
        return None


def test_the_checker_in_the_package_is_the_one_the_models_write():
    assert GENERATED.read_text(encoding="utf-8") == record_checker(), (
        "the record's models changed: run `python -m ldcf.reading.checkers` to write ldcf/reading/record_check.py"
    )


def parsed_yaml_files() -> list[tuple[Path, Any]]:
    found = []
    for path in sorted([*FIXTURES.rglob("*.yaml"), *(REPOSITORY / "examples").rglob("*.yaml")]):
        try:
            data, _ = parse_yaml(path.read_text(encoding="utf-8"))
        except (YamlError, UnicodeDecodeError):
            continue
        found.append((path, data))
    return found


def test_every_yaml_file_of_the_fixtures_is_judged_as_the_models_judge_it():
    records = 0
    for path, data in parsed_yaml_files():
        expected = by_the_models(data)
        assert check(data) == expected, path
        records += expected is not None
    assert records >= 8  # the team's, the plan's and the records of the rules' examples


# Values as YAML gives them: text (sometimes with white space or characters the models refuse), numbers, years,
# booleans, null, and lists (as tuples, the reader's sequences; sometimes as lists, which strict models refuse).
_CHARACTERS = st.sampled_from([*"aZ09 -/.:&'", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\u00a0", "\u200b"])
_TEXT = st.one_of(
    st.text(_CHARACTERS, max_size=8),
    st.sampled_from(["GEN97", "SFJAB1", "2025-03-01", "2025-13-01", "2024-02-30", "2025-06", "2025", "31/12/2025"]),
    st.sampled_from(["30/02/2025", " 2025-03-01 ", "practitioner", "Ana Example", " padded ", "two\nlines", ""]),
    st.text(max_size=6),
)
_SCALAR = st.one_of(_TEXT, st.none(), st.booleans(), st.integers(-5, 10_000), st.sampled_from([2024, 1999, 1.5]))


def _sequence(items: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(items, max_size=3).map(tuple), st.lists(items, max_size=2), st.none(), _SCALAR)


_ENTRY_FIELDS = ["code", "evidence", "date", "confirmed_by", "confirmed_on", "rejected_by", "rejected_on"]
_ENTRY_FIELDS += ["target_date", "plan", "unknown"]
_ENTRY = st.one_of(st.dictionaries(st.sampled_from(_ENTRY_FIELDS), _SCALAR, max_size=4), _SCALAR)
_RECORD_FIELDS = ["name", "role", "target", "appraiser", "next_review", "targets", "priorities", "unknown"]


def _record() -> st.SearchStrategy[Any]:
    fields = dict.fromkeys(_RECORD_FIELDS, _SCALAR)
    fields.update(targets=_sequence(_TEXT), priorities=_sequence(_TEXT))
    for name in ("held", "working_towards", "not_yet_assessed"):
        fields[name] = _sequence(_ENTRY)
    return st.fixed_dictionaries({}, optional=fields)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_record())
def test_the_checker_never_vouches_for_a_record_the_models_refuse(data):
    found = check(data)
    if found is not None:
        assert found == by_the_models(data)


# Records as people write them: plain text and dates, lists of entries; each is judged exactly as the models do.
_PLAIN_TEXT = st.text(st.sampled_from(list("abcXYZ019 -'")), min_size=0, max_size=10)
_DATE = st.sampled_from(["2025-03-01", "2025-06", "2025", "31/12/2025", "2025-02-30", 2024, "March"])


def _plain_record() -> st.SearchStrategy[Any]:
    entry = st.fixed_dictionaries(
        {"code": _PLAIN_TEXT},
        optional={
            "evidence": _PLAIN_TEXT,
            "date": _DATE,
            "confirmed_by": _PLAIN_TEXT,
            "confirmed_on": _DATE,
            "rejected_by": _PLAIN_TEXT,
            "target_date": _DATE,
            "plan": _PLAIN_TEXT,
        },
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "name": _PLAIN_TEXT,
            "role": _PLAIN_TEXT,
            "target": st.one_of(_PLAIN_TEXT, st.none()),
            "appraiser": _PLAIN_TEXT,
            "next_review": _DATE,
            "held": st.lists(entry, max_size=3).map(tuple),
            "working_towards": st.lists(entry, max_size=2).map(tuple),
            "priorities": st.lists(_PLAIN_TEXT, max_size=6).map(tuple),
        },
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plain_record())
def test_the_checker_judges_plain_records_exactly_as_the_models_do(data):
    assert check(data) == by_the_models(data)


def test_a_valid_record_is_read_without_pydantic_and_an_invalid_one_with_it(tmp_path):
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from ldcf.reading.loader import load_record\n"
        "record, loaded = load_record(Path(sys.argv[1]))\n"
        "print(json.dumps([record is not None, len(loaded.problems), 'pydantic' in sys.modules]))\n"
    )
    invalid = tmp_path / "record.yaml"
    invalid.write_text("name: Ana\nheld:\n  - code: GEN97\n    colour: red\n", encoding="utf-8")
    verdicts = {}
    for path in (FIXTURES / "team" / "ana.yaml", invalid):
        command = [sys.executable, "-c", script, str(path)]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
        verdicts[path.name] = json.loads(completed.stdout)
    assert verdicts == {"ana.yaml": [True, 0, False], "record.yaml": [False, 1, True]}


def test_the_checker_vouches_for_nothing_once_the_models_change(tmp_path):
    import importlib.util

    from ldcf.reading import models

    package = Path(models.__file__).parent
    (tmp_path / "record_check.py").write_bytes((package / "record_check.py").read_bytes())
    data, _ = parse_yaml((FIXTURES / "team" / "ana.yaml").read_text(encoding="utf-8"))
    found = []
    for edit in (b"", b"\n# a comment added to the models\n"):
        (tmp_path / "models.py").write_bytes(Path(models.__file__).read_bytes() + edit)
        spec = importlib.util.spec_from_file_location(f"copied_check_{len(edit)}", tmp_path / "record_check.py")
        assert spec is not None
        assert spec.loader is not None
        copied = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(copied)
        found.append(copied.check(data))
    assert found == [by_the_models(data), None]
