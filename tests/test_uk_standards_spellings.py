"""Codes as UK Standards prints them find their competence: Skills for Health codes with the prefix SFH
(SFHGEN97) and Council for Administration codes without the underscore (CFABAD332), by a lookup rule rather
than aliases (README, "Rules the data follows")."""

from __future__ import annotations

import json

import pytest

from ldcf.framework.naming import competence_key, lookup_key


def test_competence_show_finds_a_skills_for_health_code_with_the_sfh_prefix(run):
    result = run("competence", "show", "SFHGEN97")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("GEN97: Communicate effectively in a healthcare environment\n")


def test_competence_show_finds_a_cfa_code_without_its_underscore(run):
    result = run("competence", "show", "CFABAD332", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["code"] == "CFA_BAD332"


def test_every_skills_for_health_code_is_found_with_the_sfh_prefix(framework):
    coded = [c for c in framework.competences.values() if c.code and c.body == "Skills for Health"]
    assert len(coded) > 40
    assert all(framework.find_competence(f"SFH{c.code}") == c for c in coded)


def test_every_cfa_code_is_found_without_its_underscore(framework):
    coded = [c for c in framework.competences.values() if c.code and c.code.startswith("CFA_")]
    assert {"CFA_BAD332", "CFA_BAA621", "CFA_CSD9"} <= {c.code for c in coded}
    assert all(framework.find_competence(c.code.replace("_", "", 1)) == c for c in coded)


@pytest.mark.parametrize(
    ("printed", "code"),
    [("SFHGEN97", "GEN97"), ("sfh ipc2.2012", "IPC2.2012"), ("SFHR&D10", "R&D10"), ("CFABAA621", "CFA_BAA621")],
)
def test_the_rule_is_the_lookup_key_of_a_code(printed, code):
    assert competence_key(printed) == competence_key(code)


def test_the_rule_leaves_other_names_alone():
    # Skills for Justice codes begin SFJ, not SFH; an id or a title is not a code; CFAM&L codes have no underscore.
    for name in ("SFJAB1", "sfh-local-duty", "Safeguarding", "CFAM&LBA3", "SFH"):
        assert competence_key(name) == lookup_key(name)


def test_an_unknown_code_with_the_prefix_is_still_unknown(run):
    result = run("competence", "show", "SFHGEN9999")
    assert result.exit_code != 0
    assert "unknown competence 'SFHGEN9999'" in result.output


def test_a_record_may_name_what_it_holds_as_uk_standards_prints_it(run, tmp_path):
    record = tmp_path / "record.yaml"
    record.write_text("name: Sam\nheld:\n  - code: SFHGEN97\n  - code: CFABAD332\n", encoding="utf-8")
    result = run("gap", "--have", str(record), "volunteer", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {"GEN97", "CFA_BAD332"} <= {entry["code"] for entry in json.loads(result.stdout)["retained"]}
