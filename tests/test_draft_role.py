"""`ldcf suggest --draft-role` (issue 24): a local role drafted from a real job description is based on a role at
the level the job description states or shows, keeps the job description's own parts in the role's own fields,
and adds as locality-specific only matched NOS the base role lacks. Expected values come from the job
descriptions' text, the data files and the hand transcriptions in examples/local, never from ldcf's output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPOSITORY, SHIPPED_DATA, raw, raw_competences, raw_holdings
from ldcf.queries.job_description import read

SEED_004 = FIXTURES / "sources" / "registered-worker-job-description.txt"  # band 6 Registered Worker
SEED_003 = FIXTURES / "sources" / "lincolnshire-senior-practitioner-job-description.txt"  # Lincolnshire
EXAMPLES = REPOSITORY / "examples" / "local" / "roles"
KNOWN_CODES = {entry["code"] for entry in raw_competences() if "code" in entry}


def level_of(role_id: str) -> int:
    return raw(SHIPPED_DATA / "roles" / f"{role_id}.yaml")["level"]


def apostrophes(value):
    """Text with typographic apostrophes as the hand transcriptions write them, and spacing collapsed."""
    if isinstance(value, str):
        return " ".join(value.replace("\u2019", "'").split())
    if isinstance(value, list):
        return [apostrophes(item) for item in value]
    if isinstance(value, dict):
        return {key: apostrophes(item) for key, item in value.items()}
    return value


class Drafted:
    def __init__(self, run, folder: Path, job_description: Path, role_id: str, *data: str) -> None:
        self.folder = folder / role_id
        data_folders = [argument for folder in (data or (str(SHIPPED_DATA),)) for argument in ("--data", folder)]
        self.result = run(*data_folders, "suggest", str(job_description), "--draft-role", role_id, "--format",
                          "json")  # fmt: skip
        assert self.result.exit_code == 0, self.result.stderr
        self.suggestions = json.loads(self.result.stdout)
        self.text = (self.folder / "roles" / f"{role_id}.yaml").read_text(encoding="utf-8")
        self.role = raw(self.folder / "roles" / f"{role_id}.yaml")

    @property
    def locality_specific(self) -> list[str]:
        return [code for group in self.role.get("locality_specific", []) for code in group["competences"]]

    @property
    def duty_competences(self) -> dict[str, list[str]]:
        return {duty["text"]: duty.get("competences", []) for group in self.role["duties"] for duty in group["duties"]}


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def registered_worker(run, in_tmp) -> Drafted:
    return Drafted(run, in_tmp, SEED_004, "rw")


@pytest.fixture
def lincolnshire(run, in_tmp) -> Drafted:
    return Drafted(run, in_tmp, SEED_003, "lsp")


def section_headings(text: str) -> list[tuple[str, str]]:
    """The numbers and headings of seed 004's duty sections, 3.1 to 3.10 and 4.0 to 9.0, as the text gives them:
    after their number on the same line, or on the next line with text when the number stands alone."""
    lines = text.splitlines()
    headings = []
    for index, line in enumerate(lines):
        found = re.fullmatch(r"\s*(3\.\d+|[4-9]\.0)(?![.\d])\s*(.*?)\s*", line)
        if found and found[1] != "3.0":
            heading = found[2] or next(later.strip() for later in lines[index + 1 :] if later.strip())
            headings.append((found[1], heading))
    return headings


def numbered_duties(text: str, section: str) -> int:
    """How many duties seed 004 numbers within a section: 3.1.1, 3.1.2 ... for 3.1; 4.1, 4.2 ... for 4.0."""
    prefix = section[:-2] if section.endswith(".0") else section
    return len({found for found in re.findall(rf"(?m)^\s*({re.escape(prefix)}\.\d+)\s+\S", text) if found != section})


# Seed 004: the band 6 Registered Worker ------------------------------------------------------------------------


def test_the_band_6_registered_worker_is_based_on_a_level_5_or_6_role(registered_worker):
    base = registered_worker.role["based_on"]
    assert level_of(base) in (5, 6), base
    assert base in ("practitioner", "specialist-practitioner")
    assert registered_worker.role["afc_band"] == 6  # "Band: 6", recorded as a band
    assert "level" not in registered_worker.role  # the level is the base role's, never the band's


def test_the_output_says_why_the_base_was_chosen_and_that_a_band_is_not_a_level(registered_worker):
    fit = registered_worker.suggestions["level_fit"]
    assert fit["basis"] == "band-heuristic"
    assert fit["band"]["value"] == "6"
    assert fit["band"]["line"] == 1 + SEED_004.read_text(encoding="utf-8").splitlines().index("Band: 6 ")
    assert "not a Career Framework level" in fit["reason"]
    assert "read-across" in fit["reason"]
    roles = registered_worker.suggestions["roles"]
    assert roles[0]["id"] == registered_worker.role["based_on"]
    # The level 7 Operational Manager covers more of the matched duties but one level away counts less.
    manager = next(role for role in roles if role["id"] == "operational-manager")
    assert manager["covered"] > roles[0]["covered"]
    assert manager["counted"] < roles[0]["counted"]
    assert "Operational Manager (level 7) covers" in registered_worker.text
    assert f"based on {raw(SHIPPED_DATA / 'roles' / (roles[0]['id'] + '.yaml'))['title']}" in (
        registered_worker.result.stderr
    )


def test_duties_are_grouped_under_the_job_descriptions_own_headings(registered_worker):
    text = SEED_004.read_text(encoding="utf-8")
    sections = section_headings(text)
    expected = [heading for _, heading in sections]
    assert len(expected) == 16
    assert expected[:2] == ["Clinical Responsibilities, Patient Contact", "Administrative Responsibilities"]
    assert expected[-1] == "Other requirements"
    groups = registered_worker.role["duties"]
    assert [group["heading"] for group in groups] == expected
    # Each section's numbered duties, and no other, under its heading.
    assert [len(group["duties"]) for group in groups] == [numbered_duties(text, number) for number, _ in sections]


def test_clauses_such_as_may_be_required_to_are_duties_without_competences(registered_worker):
    other = next(group for group in registered_worker.role["duties"] if group["heading"] == "Other requirements")
    clauses = [duty for duty in other["duties"] if duty["text"].startswith("The post holder may be required to")]
    assert len(clauses) == 3  # 9.1, 9.2 and 9.3
    assert not any(duty.get("competences") for duty in clauses)
    assert "competences.yaml" not in {path.name for path in registered_worker.folder.iterdir()}


def test_purpose_is_the_job_summary(registered_worker):
    text = SEED_004.read_text(encoding="utf-8")
    summary = re.findall(r"(?m)^\s*2\.\d+ (To .{10})", text)
    assert len(summary) == 11
    purpose = registered_worker.role["purpose"]
    assert [line[:13] for line in purpose] == summary
    assert apostrophes(purpose) == apostrophes(raw(EXAMPLES / "registered-worker-band-6.yaml")["purpose"])


def test_the_person_specification_is_the_hand_transcriptions(registered_worker):
    # examples/local tells the lost Essential and Desirable columns apart by where lines wrap, by hand.
    by_hand = raw(EXAMPLES / "registered-worker-band-6.yaml")["person_specification"]
    assert apostrophes(registered_worker.role["person_specification"]) == apostrophes(by_hand)
    assert registered_worker.role["person_specification"]["qualifications"]["desirable"] == [
        "Leadership or management qualification",
        "Post-graduate qualification in a relevant area",
    ]
    assert "# column guessed" in registered_worker.text  # "Clinical Supervisor." fits either column


def test_duty_competences_are_their_matches_above_the_threshold(registered_worker):
    lines = {line["text"]: line for line in registered_worker.suggestions["lines"]}
    mapped = {text: codes for text, codes in registered_worker.duty_competences.items() if codes}
    assert mapped
    for text, codes in mapped.items():
        line = lines[text]
        assert codes == [line["match"]]
        assert line["suggestions"][0]["score"] >= 70
    unmatched = [text for text, line in lines.items() if line["part"] == "duties" and line["match"] is None]
    assert unmatched
    assert not any(registered_worker.duty_competences.get(text) for text in unmatched)


def test_locality_specific_are_only_known_nos_the_base_lacks(registered_worker):
    local = registered_worker.locality_specific
    assert local
    assert set(local) <= KNOWN_CODES
    held = raw_holdings(registered_worker.role["based_on"])
    assert not set(local) & held
    drafted_parts = ("purpose", "duties", "person")
    matched = {line["match"] for line in registered_worker.suggestions["lines"]
               if line["match"] and line["part"] in drafted_parts}  # fmt: skip
    assert set(local) == matched - held
    assert len(local) == len(set(local))


def test_every_id_is_short(registered_worker):
    ids = [registered_worker.role["id"], *registered_worker.locality_specific]
    ids += [code for codes in registered_worker.duty_competences.values() for code in codes]
    assert all(len(identifier) <= 40 for identifier in ids), [i for i in ids if len(i) > 40]


def test_the_draft_validates_without_errors_or_warnings(run, registered_worker):
    result = run("--data", str(registered_worker.folder), "validate", "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_the_output_says_what_was_drafted_and_what_to_check(registered_worker):
    said = registered_worker.result.stderr
    drafted, to_check = said.split("drafted:")[1].split("check by hand")
    for part in ("purpose: 11 lines", "duties:", "person specification:", "locality-specific:", "afc_band: 6"):
        assert part in drafted, part
    for part in ("the base role", "matching words", "column guessed", "left out"):
        assert part in to_check, part
    assert "# To check by hand:" in registered_worker.text


# A stated Career Framework level -------------------------------------------------------------------------------


def test_a_stated_career_framework_level_4_drafts_on_a_level_4_role(run, in_tmp):
    stated = in_tmp / "level-4.txt"
    text = SEED_004.read_text(encoding="utf-8")
    assert text.count("Band: 6") == 1
    stated.write_text(text.replace("Band: 6", "Career Framework level 4"), encoding="utf-8")
    drafted = Drafted(run, in_tmp, stated, "level-four")
    assert level_of(drafted.role["based_on"]) == 4
    assert drafted.suggestions["level_fit"]["basis"] == "stated-level"
    assert "afc_band" not in drafted.role
    assert run("--data", str(drafted.folder), "validate").exit_code == 0


def test_band_statements_and_level_statements_are_told_apart():
    assert read("Band: 6\n").band.value == "6"
    assert read("Agenda for Change band 8a\n").band.value == "8a"
    assert read("A post at level 5 of the Liaison and Diversion Career Framework.\n").level.value == "5"
    not_levels = read("Qualified in NVQ Level 4; key skills in ITQ level 2; level 2 vetting.\n")
    assert (not_levels.level, not_levels.band) == (None, None)
    assert read("commensurate with the role and/or band as required\n").band is None
    # A band in a labelled field is the post's own, not one named in a duty before it.
    assert read("Supervises band 5 nurses in the team.\nBand: 6\n").band.value == "6"


def test_a_band_that_roles_in_the_data_give_prefers_their_level(run):
    # examples/local's Registered Worker gives afc_band 6 and is based on a level 6 role.
    by_hand = raw(EXAMPLES / "registered-worker-band-6.yaml")
    result = run("--data", str(REPOSITORY / "examples" / "local"), "suggest", str(SEED_004), "--format", "json")
    found = json.loads(result.stdout)
    assert found["level_fit"]["basis"] == "band-in-data"
    assert found["level_fit"]["levels"] == [level_of(by_hand["based_on"])]
    assert level_of(found["roles"][0]["id"]) == level_of(by_hand["based_on"])


def test_a_role_id_that_names_a_role_is_refused(run, in_tmp):
    result = run("--data", str(SHIPPED_DATA), "suggest", str(SEED_004), "--draft-role", "practitioner")
    assert result.exit_code == 1
    assert "names a role of the framework already" in result.stderr
    assert not (in_tmp / "practitioner").exists()


# Seed 003: the Lincolnshire Senior Practitioner -----------------------------------------------------------------


def test_lincolnshire_is_based_on_the_role_a_person_chose(lincolnshire):
    by_hand = raw(EXAMPLES / "lincolnshire-senior-practitioner.yaml")
    assert lincolnshire.role["based_on"] == by_hand["based_on"] == "practitioner"
    fit = lincolnshire.suggestions["level_fit"]
    # "The post requires comprehensive, specialised, factual and theoretical knowledge ..." restates level 5's.
    assert fit["basis"] == "descriptor"
    assert fit["levels"] == [level_of("practitioner")]
    text = SEED_003.read_text(encoding="utf-8").splitlines()
    assert text[fit["line"] - 1].startswith("The post requires comprehensive, specialised, factual")


def test_lincolnshire_keeps_its_own_parts(run, lincolnshire):
    by_hand = apostrophes(raw(EXAMPLES / "lincolnshire-senior-practitioner.yaml"))
    role = apostrophes(lincolnshire.role)
    assert role["title"] == by_hand["title"]
    assert role["reports_to"] == by_hand["reports_to"]
    assert set(by_hand["purpose"]) <= set(role["purpose"])  # with the service's purpose, to check by hand
    assert [group["heading"] for group in role["duties"]] == ["Responsibilities and duties"]
    drafted_duties = [duty["text"] for group in role["duties"] for duty in group["duties"]]
    by_hand_duties = [duty["text"] for group in by_hand["duties"] for duty in group["duties"]]
    assert drafted_duties[1:] == by_hand_duties[1:]
    specification = role["person_specification"]
    assert specification["skills"] == by_hand["person_specification"]["skills"]
    assert specification["personal_attributes"] == by_hand["person_specification"]["personal_attributes"]
    assert specification["experience"] == by_hand["person_specification"]["experience"]
    local = lincolnshire.locality_specific
    assert set(local) <= KNOWN_CODES
    assert not set(local) & raw_holdings("practitioner")
    assert {"GEN99", "GEN14", "SCDHSC0410"} <= set(local)  # three of the NOS the person added
    assert run("--data", str(lincolnshire.folder), "validate", "--strict").exit_code == 0


def test_a_job_title_that_names_a_role_is_not_reused(run, in_tmp):
    job = in_tmp / "jd.txt"
    job.write_text(
        "Job Title: Practitioner\nBand: 5\n\nMain duties\n"
        "1. Communicate effectively with people who are troubled or distressed.\n"
        "2. Provide supervision to other individuals in the team.\n",
        encoding="utf-8",
    )
    drafted = Drafted(run, in_tmp, job, "our-practitioner")
    assert drafted.role["title"] == "Our practitioner"
    assert "is the name of a role already" in drafted.result.stderr
    assert [group["heading"] for group in drafted.role["duties"]] == ["Main duties"]
    assert run("--data", str(drafted.folder), "validate", "--strict").exit_code == 0
