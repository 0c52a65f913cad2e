"""The framework's edition: stated in edition.yaml from the source documents, validated, shown by `ldcf about`,
and named by every export and the website's About page."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from conftest import REPOSITORY, SHIPPED_DATA, raw

SOURCES = REPOSITORY / "tests" / "fixtures" / "sources"
LOCAL_EDITION = """\
name: Our Service Local Framework
edition: Local edition 2
date: 2025-01
publisher: Our Trust
"""


def shipped_edition() -> dict:
    """data/edition.yaml as PyYAML reads it, dates as text (as ldcf reads them)."""
    return json.loads(json.dumps(raw(SHIPPED_DATA / "edition.yaml"), default=str))


def test_the_edition_is_the_2018_reports_title_page_and_the_2023_template_a_revision():
    edition = shipped_edition()
    report = (SOURCES / "career-and-competence-framework-2018.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in report.splitlines() if line.strip()]
    assert lines[0] == edition["name"]
    assert lines[1] == f"{edition['edition']} 31/05/18"
    assert edition["date"] == "2018-05-31"
    assert edition["publisher"] == "Skills for Health"
    assert "Skills for Health" in report
    (revision,) = edition["revisions"]
    template = (SOURCES / "engagement-worker-template-2023.txt").read_text(encoding="utf-8")
    assert revision["edition"] in template
    assert revision["date"] == "2023-02"
    assert "Liaison and Diversion Service Engagement Worker" in revision["document"]


def test_about_shows_the_edition(run):
    result = run("about")
    assert result.exit_code == 0, result.output
    for text in ("Liaison and Diversion Service Career and Competence Framework", "Final Report v3", "2018-05-31",
                 "Skills for Health", "Revised February 2023"):  # fmt: skip
        assert text in result.stdout
    document = json.loads(run("about", "--format", "json").stdout)
    (edition,) = document["editions"]
    assert edition == {"folder": "national", **shipped_edition()}
    assert len(document["data_digest"]) == 64
    rows = list(csv.DictReader(io.StringIO(run("about", "--format", "csv").stdout)))
    assert rows[0]["edition"] == "Final Report v3"


def test_an_overlay_may_state_its_own_edition_shown_after_the_base(run, tmp_path):
    overlay = tmp_path / "ours"
    shutil.copytree(REPOSITORY / "examples" / "local", overlay)
    (overlay / "edition.yaml").write_text(LOCAL_EDITION, encoding="utf-8")
    document = json.loads(run("--data", str(overlay), "about", "--format", "json").stdout)
    assert [edition["edition"] for edition in document["editions"]] == ["Final Report v3", "Local edition 2"]
    assert run("--data", str(overlay), "validate").exit_code == 0
    case = json.loads(run("--data", str(overlay), "export", "case").stdout)["CFDocument"]
    assert case["version"] == "Final Report v3 (2018-05-31); Local edition 2 (2025-01)"


def test_a_base_without_an_edition_is_warned_and_a_bad_one_is_an_error(run, tmp_path):
    data = shutil.copytree(SHIPPED_DATA, tmp_path / "data")
    (data / "edition.yaml").unlink()
    result = run("validate", str(data))
    assert result.exit_code == 0
    assert any(line.endswith("(missing-edition)") and ": warning: " in line for line in result.stdout.splitlines())
    assert run("validate", "--strict", str(data)).exit_code == 1
    assert run("--data", str(data), "about").exit_code == 0  # still usable: it says no edition is stated
    (data / "edition.yaml").write_text("name: A framework\nedition: 1\ndate: 31/05/18\n", encoding="utf-8")
    result = run("validate", str(data))
    assert result.exit_code == 1
    problems = result.stdout
    assert "edition.yaml:2:10: error:" in problems  # a number where text is wanted (wrong-type)
    assert "edition.yaml:3:7: error:" in problems  # not a date as YYYY-MM-DD (invalid-value)
    assert "publisher" in problems  # missing-key


@pytest.fixture(scope="module")
def case_document():
    from click.testing import CliRunner

    from ldcf.cli.app import cli

    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "export", "case"], catch_exceptions=False)
    return json.loads(result.stdout)["CFDocument"]


def test_every_export_names_the_edition(run, case_document, tmp_path):
    assert case_document["version"] == "Final Report v3 (2018-05-31)"
    assert case_document["publisher"] == "Skills for Health"
    assert "Liaison and Diversion Service Career and Competence Framework, Final Report v3" in case_document["notes"]
    assert "Revised February 2023" in case_document["notes"]
    exported = json.loads(run("export", "json").stdout)
    assert exported["editions"] == [{"folder": "national", **shipped_edition()}]
    moodle = list(csv.reader(io.StringIO(run("export", "moodle").stdout)))
    framework_row = moodle[1]
    assert framework_row[1].startswith("LDCF-2018-05-31-")
    assert "Final Report v3 (2018-05-31), Skills for Health" in framework_row[3]
    data_folders = run("export", "csv", "-o", str(tmp_path / "csv"))
    assert data_folders.exit_code == 0


def test_the_about_page_of_the_site_names_the_edition():
    import ldcf

    page = ldcf.site_files(ldcf.load())["about.html"].decode("utf-8")
    assert (
        "<p>Edition: Liaison and Diversion Service Career and Competence Framework, Final Report v3 (2018-05-31), "
        "Skills for Health</p>"
    ) in page
