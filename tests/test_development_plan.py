"""The development plan for appraisal and supervision: its shape, its priorities (the record's, the command
line's, or by default the first role-specific competences still to acquire), its appraiser and dates, and the
record fields it takes them from, validated."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_readers import PLAN_SECTIONS, read_any, read_docx, write

from conftest import FIXTURES, SHIPPED_DATA, raw, raw_listed

GOOD_RECORD = FIXTURES / "plans" / "good-record.yaml"
FORM_LABELS = ["Development need", "How it will be met", "Support needed", "Target date", "Outcome", "Date achieved"]


def priorities(read) -> list[list[list[str]]]:
    """The form of each priority, in order: rows of label and value."""
    return [rows for title, rows in read.tables if title.startswith("Priority ")]


def codes(read) -> list[str]:
    return [form[0][1].split()[0] for form in priorities(read)]


def record(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
def test_a_plan_has_the_shape_of_an_appraisal_personal_development_plan(run, tmp_path, extension):
    read = read_any(write(run, tmp_path, f"plan{extension}", "development-plan", "--have", str(GOOD_RECORD),
                          "practitioner"))  # fmt: skip
    assert read.sections() == PLAN_SECTIONS
    good = raw(GOOD_RECORD)
    assert read.pairs["Staff member"] == good["name"]
    assert read.pairs["Appraiser or supervisor"] == good["appraiser"]
    assert read.pairs["Next review date"] == str(good["next_review"])  # PyYAML reads a date
    assert read.pairs["Plan date"] == ""  # to write in: neither the record nor the command line gives it
    assert read.pairs["Target role"] == "Practitioner, level 5"


def test_each_priority_is_a_form_of_need_means_support_target_outcome_and_date_achieved(run, tmp_path):
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "--have", str(GOOD_RECORD),
                           "practitioner"))  # fmt: skip
    forms = priorities(read)
    assert len(forms) == 3
    for form in forms:
        assert [row[0] for row in form] == FORM_LABELS
    # GEN36 is worked towards in the record: its plan and target date are filled in, the rest left to write in.
    towards = raw(GOOD_RECORD)["working_towards"][0]
    first = dict(map(tuple, forms[0]))
    assert first["Development need"].startswith("GEN36 Make use of supervision")
    assert first["How it will be met"] == towards["plan"]
    assert first["Target date"] == towards["target_date"]
    assert first["Support needed"] == first["Outcome"] == first["Date achieved"] == ""
    second = dict(map(tuple, forms[1]))
    assert second["How it will be met"] == second["Target date"] == ""


def test_the_record_priorities_are_the_plan_priorities_in_their_order(run, tmp_path):
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "--have", str(GOOD_RECORD),
                           "practitioner"))  # fmt: skip
    assert codes(read) == ["GEN36", "SFJAB8", "HPC1"]  # SfJ AB8 is a printed spelling of SFJAB8
    # A priority is shown once: not again among what is worked towards or still to acquire.
    others = [row[0] for title, rows in read.tables if title.startswith(("Working towards", "Still to acquire"))
              for row in rows[1:]]  # fmt: skip
    assert not {"GEN36", "SFJAB8", "HPC1"} & set(others)


def test_without_priorities_the_plan_takes_the_first_role_specific_competences_still_to_acquire(run, tmp_path):
    path = record(tmp_path, "name: Sam\nrole: support-worker\nheld:\n  - code: SFJAB1\n  - code: GEN97\n")
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "--have", str(path), "practitioner"))
    missing = [code for code in raw_listed("practitioner", "role_specific") if code != "SFJAB1"]
    assert codes(read) == missing[:5]
    assert "Until priorities are agreed at appraisal" in read.text


def test_a_role_to_role_plan_takes_the_first_role_specific_competences_of_the_move(run, tmp_path):
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "support-worker", "practitioner"))
    held = set(raw_listed("support-worker", "role_specific"))
    level_four_core = {c.get("code") for c in raw(SHIPPED_DATA / "competences.yaml")["competences"]
                       if 4 in c.get("core_levels", [])}  # fmt: skip
    missing = [code for code in raw_listed("practitioner", "role_specific") if code not in held | level_four_core]
    assert codes(read) == missing[:5]


def test_priority_options_replace_the_record_priorities(run, tmp_path):
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "--have", str(GOOD_RECORD),
                           "--priority", "FM12", "--priority", "sfj ea2", "practitioner"))  # fmt: skip
    assert codes(read) == ["FM12", "SFJEA2"]


def test_options_give_the_appraiser_and_dates(run, tmp_path):
    read = read_any(
        write(
            run,
            tmp_path,
            "plan.md",
            "development-plan",
            "support-worker",
            "practitioner",
            "--appraiser",
            "Kim Supervisor",
            "--plan-date",
            "2026-03-02",
            "--next-review",
            "2026-09",
        )
    )
    assert read.pairs["Appraiser or supervisor"] == "Kim Supervisor"
    assert read.pairs["Plan date"] == "2026-03-02"
    assert read.pairs["Next review date"] == "2026-09"
    assert read.pairs["Staff member"] == ""
    sign_off = read.table("Sign-off")
    assert sign_off[2][:2] == ["Appraiser or supervisor", "Kim Supervisor"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--priority", "FM13"], "unknown competence 'FM13'; did you mean"),
        (["--priority", "GEN97"], "priority GEN97 is held already"),
        (["--priority", "GEN85"], "priority GEN85 is not a competence Practitioner needs"),
        (["--priority", "FM12", "--priority", "fm 12"], "priority FM12 is given twice"),
        (
            [arg for code in ("FM12", "HPC1", "SFJEA2", "SFJEC6", "SFJFJ1", "GEN109") for arg in ("--priority", code)],
            "6 priorities: a plan agrees at most 5",
        ),
        (["--plan-date", "2 March"], "the plan date '2 March' is not a date"),
        (["--next-review", "2026-13-01"], "the next review date '2026-13-01' is not a date"),
    ],
    ids=["unknown", "held", "not-needed", "twice", "six", "plan-date", "next-review"],
)
def test_a_priority_or_date_the_plan_cannot_hold_is_a_usage_error(run, tmp_path, options, message):
    output = tmp_path / "plan.docx"
    result = run("doc", "development-plan", "support-worker", "practitioner", *options, "-o", str(output))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not output.exists()


def test_a_good_record_with_the_plan_fields_is_valid_for_gap_and_team(run, tmp_path):
    gap = run("gap", "--have", str(GOOD_RECORD), "practitioner")
    assert gap.exit_code == 0, gap.output
    team = tmp_path / "team"
    team.mkdir()
    (team / "ana.yaml").write_text(GOOD_RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    report = run("team", "report", str(team))
    assert report.exit_code == 0, report.output


def test_a_record_priority_the_plan_target_does_not_need_is_an_error_at_its_line(run, tmp_path):
    # The record's priorities fit its target, the Practitioner, but this plan is towards the Volunteer.
    output = tmp_path / "plan.docx"
    result = run("doc", "development-plan", "--have", str(GOOD_RECORD), "volunteer", "-o", str(output))
    assert result.exit_code == 1
    assert f"{GOOD_RECORD}:10:5: error: GEN36 is not a competence Volunteer needs" in result.output
    assert "(unplannable-priority)" in result.output
    assert not output.exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("next_review: next spring\n", 2, "next_review: 'next spring' is not a date as YYYY-MM-DD"),
        ("next_review: 2026-02-30\n", 2, "next_review: '2026-02-30' is not a date of the calendar"),
        ("appraiser: ''\n", 2, "appraiser"),
        ("priorities: [GEN36, GEN36]\n", 2, "GEN36 is listed twice (first as priority 1)"),
        ("priorities: [NOPE1]\n", 2, "unknown priority: unknown competence 'NOPE1'"),
    ],
    ids=["review-not-a-date", "review-not-in-the-calendar", "empty-appraiser", "priority-twice", "unknown-priority"],
)
def test_bad_plan_fields_in_a_record_are_errors_at_their_line(run, tmp_path, text, line, message):
    path = record(tmp_path, "name: Sam\n" + text)
    result = run("doc", "development-plan", "--have", str(path), "practitioner", "-o", str(tmp_path / "p.docx"))
    assert result.exit_code == 1
    assert f"{path}:{line}:" in result.output
    assert message in result.output


def test_priority_options_replace_record_priorities_that_do_not_fit_the_target(run, tmp_path):
    # The record's priorities are for the Practitioner; for a plan towards the Volunteer, priorities given on the
    # command line replace them, so they are not checked against the Volunteer.
    read = read_docx(write(run, tmp_path, "plan.docx", "development-plan", "--have", str(GOOD_RECORD),
                           "--priority", "GEN85", "volunteer"))  # fmt: skip
    assert codes(read) == ["GEN85"]
