"""Facts from the source documents, checked against the shipped data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPOSITORY, SHIPPED_DATA, raw
from ldcf.framework.naming import lookup_key, title_key

ALL_LEVELS = (2, 3, 4, 5, 6, 7, 8)


def core_levels(framework, code: str) -> tuple[int, ...]:
    return framework.find_competence(code).core_levels


def test_nine_levels_with_their_indicative_titles(framework):
    assert sorted(framework.levels) == list(range(1, 10))
    assert framework.levels[1].indicative_title == "Cadet"
    assert framework.levels[9].indicative_title == "Director"
    assert framework.levels[1].ld_descriptor is None
    assert all(framework.levels[n].ld_descriptor for n in ALL_LEVELS)


def test_level_four_keeps_the_2023_attributes(framework):
    attributes = framework.levels[4].attributes
    assert "Delegates to others" in attributes
    assert "Prioritises own workload" in attributes


def test_level_four_attributes_are_the_templates_without_its_headings(framework):
    template = (FIXTURES / "sources" / "engagement-worker-template-2023.txt").read_text(encoding="utf-8")
    start = template.index("Delegates to others")
    printed = template[start : template.index("\nThe National Occupational Standards\n", start)]
    lines = [line.strip(" -\u00b7\uf0b7").strip() for line in printed.splitlines() if line.strip()]
    headings = {"Level 4 Roles", "Personal and Professional", "Leadership", "Legal and ethical"}
    assert headings <= set(lines)
    attributes = framework.levels[4].attributes
    assert not headings & set(attributes)
    # "e.g." introduces the line after it: the two are one attribute.
    assert "May have specialist skills in their area of work e.g. high degree of technical proficiency" in attributes
    joined = [line for line in lines if line not in headings]
    at = joined.index("May have specialist skills in their area of work e.g.")
    joined[at : at + 2] = [f"{joined[at]} {joined[at + 1][0].lower()}{joined[at + 1][1:]}"]
    # The extraction misreads "judgement" as "iudgement" once.
    assert [line.replace("iudgement", "judgement") for line in joined] == list(attributes)


@pytest.mark.parametrize(
    ("code", "levels"),
    [
        ("GEN97", ALL_LEVELS),
        ("SCDHSC0023", (2, 3, 4)),
        ("CFAM&LCA4", (7, 8)),
        ("GEN23", (3, 4, 5, 6, 7, 8)),
        ("GEN13", (5, 6, 7, 8)),
    ],
)
def test_table_2_core_levels(framework, code, levels):
    assert core_levels(framework, code) == levels


def test_core_sizes_per_level(framework):
    sizes = {level: len(framework.core_competences(level)) for level in ALL_LEVELS}
    assert sizes == {2: 13, 3: 14, 4: 14, 5: 20, 6: 20, 7: 21, 8: 21}


@pytest.mark.parametrize(
    ("role", "level"),
    [
        ("volunteer", 2),
        ("peer-support-worker", 3),
        ("administrator", 3),
        ("support-worker", 4),
        ("senior-administrator", 4),
        ("engagement-worker", 4),
        ("practitioner", 5),
        ("specialist-practitioner", 6),
        ("operational-manager", 7),
        ("strategic-manager", 8),
    ],
)
def test_every_role_is_at_its_level(framework, role, level):
    assert framework.find_role(role).level == level


def test_the_practitioner_holds_sfjfj1(framework):
    practitioner = framework.find_role("practitioner")
    held = {h.competence.key: h.category for h in framework.holdings(practitioner)}
    assert held["SFJFJ1"] == "role-specific"
    assert held["GEN97"] == "core"


def test_the_specialist_practitioner_has_eight_locality_specific_competences(framework):
    holdings = framework.holdings(framework.find_role("specialist-practitioner"))
    locality = [h.competence.key for h in holdings if h.category == "locality-specific"]
    assert locality == ["GEN85", "CS19.2015", "SFJGK502", "SFJAB7", "SCDHSC0034", "CS4.2015", "CS32", "SFJBI202"]


def test_about_125_nos_with_titles(framework):
    coded = [c for c in framework.competences.values() if c.code]
    assert 120 <= len(coded) <= 130
    assert all(c.title for c in coded)


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("SfJ AB1", "SFJAB1"),
        ("CFA BAD322", "CFA_BAD322"),
        ("H17.2010", "HI7.2010"),
        ("CFAPMVW14", "PMWRV14"),
        ("SFJB1202", "SFJBI202"),
        ("PROHSSP", "PROHSS9"),
        ("cfam&lba3", "CFAM&LBA3"),
        ("GEN 85", "GEN85"),
    ],
)
def test_printed_spellings_find_the_canonical_code(framework, printed, code):
    assert framework.find_competence(printed).code == code


# The 2023 template's core list, by title, as the template prints it.
ENGAGEMENT_WORKER_CORE_TITLES = [
    "Communicate effectively in a health care environment",
    "Develop your own knowledge and practice",
    "Monitor your own work practices",
    "Perform hand hygiene to prevent the spread of infection",
    "Make sure your own actions reduce risks to health and safety",
    "Make sure your actions contribute to a positive and safe working culture",
    "Support the safeguarding of individuals",
    "Act within the limits of your competence and authority",
    "Manage and organise your own time and activities",
    "Uphold the rights of individuals",
    "Comply with legal requirements for maintaining confidentiality in healthcare",
    "Store and retrieve information using a filing system",
    "Contribute to the effectiveness of teams",
    "Use digital communications",
]


def test_the_engagement_worker_core_is_the_level_4_core(framework):
    role = framework.find_role("engagement-worker")
    core = {title_key(h.competence.title) for h in framework.holdings(role) if h.category == "core"}
    assert core == {title_key(title) for title in ENGAGEMENT_WORKER_CORE_TITLES}


def test_engagement_worker_titles_are_matched_to_nos_where_one_exists(framework):
    role = framework.find_role("engagement-worker")
    specific = [h.competence for h in framework.holdings(role) if h.category == "role-specific"]
    coded = {c.code for c in specific if c.code}
    assert {
        "SCDHSC0233",
        "SFJAB1",
        "SFJAB8",
        "CHS174",
        "CHS177",
        "PHP41",
        "SCDHSC0330",
        "GEN36",
        "FM12",
        "PMWRV14",
        "CFAM&LCA1",
        "SFJEA2",
        "SFJED1",
        "GEN122",
        "HT2",
    } == coded
    assert len(specific) - len(coded) == 17


def test_core_competences_are_not_repeated_in_role_files(framework):
    for role in framework.roles.values():
        core = {c.key for c in framework.core_competences(role.level)}
        listed = {reference for _, _, reference in role.listed_competences()}
        assert core & listed <= {"HT4"}, role.id  # HT4: the report itself lists it for the peer support worker


def test_the_printed_code_cfa_baa62_finds_the_nos_its_url_names(framework):
    # Seed 001 prints "CFA_BAA62" beside a URL that runs on to "CFA_BAA621.pdf".
    assert framework.find_competence("CFA_BAA62").code == "CFA_BAA621"


def test_scdhsc0034_has_the_title_the_2018_report_prints_and_the_other_wording_as_an_alias(framework):
    # The report is the only source that prints this NOS; "children and young people" is in no source.
    report = (FIXTURES / "sources" / "career-and-competence-framework-2018.txt").read_text(encoding="utf-8")
    competence = framework.find_competence("SCDHSC0034")
    assert f"SCDHSC0034 {competence.title}\t" in report
    assert competence.title == "Promote the safeguarding of children and older people"
    assert "Promote the safeguarding of children and young people" not in report
    assert framework.find_competence("Promote the safeguarding of children and young people") == competence


@pytest.mark.parametrize("code", ["SCDHSC0233", "SFJAB1", "CHS177", "CFAM&LCA1", "GEN97", "GEN23"])
def test_nos_of_the_2023_template_say_so(framework, code):
    assert "2023 Engagement Worker template" in framework.find_competence(code).source


def test_every_nos_the_2023_template_names_says_so_core_or_role_specific(framework):
    held = framework.holdings(framework.find_role("engagement-worker"))
    assert len([h for h in held if h.category == "core"]) == 14
    assert [h.competence.key for h in held if "2023 Engagement Worker template" not in h.competence.source] == []


# The job description fields, transcribed from the source documents -----------------------------------------------

SOURCES = FIXTURES / "sources"
LOCAL_ROLES = REPOSITORY / "examples" / "local" / "roles"


def _words(text: str) -> str:
    """Text with the extraction's layout and typography taken out, for comparing transcriptions with it."""
    text = text.replace("\u2019", "'")
    text = re.sub(r"(\w)- ?\n\s*(\w)", r"\1-\2", text)  # a word hyphenated across a line break
    return re.sub(r"\s+([.,])", r"\1", " ".join(text.split())).casefold()


def _texts(role: dict) -> list[str]:
    """Every text a role file transcribes for its job description."""
    texts = list(role.get("purpose", []))
    texts += [duty["text"] for group in role.get("duties", []) for duty in group["duties"]]
    for requirements in role.get("person_specification", {}).values():
        texts += requirements.get("essential", []) + requirements.get("desirable", [])
    return texts


@pytest.mark.parametrize(
    ("role_file", "source"),
    [
        (SHIPPED_DATA / "roles" / "engagement-worker.yaml", "engagement-worker-template-2023.txt"),
        (LOCAL_ROLES / "lincolnshire-senior-practitioner.yaml", "lincolnshire-senior-practitioner-job-description.txt"),
        (LOCAL_ROLES / "registered-worker-band-6.yaml", "registered-worker-job-description.txt"),
    ],
)
def test_job_description_texts_are_the_sources_words(role_file, source):
    document = _words((SOURCES / source).read_text(encoding="utf-8"))
    texts = _texts(raw(role_file))
    assert texts
    missing = [text for text in texts if _words(text) not in document]
    assert not missing


def test_the_registered_worker_has_every_numbered_duty_and_its_accountability():
    text = (SOURCES / "registered-worker-job-description.txt").read_text(encoding="utf-8")
    body = text[text.index("Main Duties and Responsibilities") : text.index("10.0 Person Specification")]
    # Duties are numbered 3.x.y in section 3 and x.y in sections 4 to 9; 3.1 to 3.10 are headings of section 3.
    numbered = re.findall(r"^\s*(3\.\d+\.\d+|[4-9]\.[1-9]\d*)\s", body, flags=re.M)
    role = raw(LOCAL_ROLES / "registered-worker-band-6.yaml")
    duties = [duty for group in role["duties"] for duty in group["duties"]]
    assert len(duties) == len(numbered) == len(set(numbered))
    summary = re.findall(r"^\s*2\.\d+\s", text, flags=re.M)
    assert len(role["purpose"]) == len(summary) - 1  # 2.0 is the heading "Job Summary"
    for field, label in (("accountable_to", "Accountable to"), ("reports_to", "Responsible to"),
                         ("responsible_for", "Responsible for")):  # fmt: skip
        assert f"{label}: {role[field]}" in text


def test_the_registered_worker_person_specification_splits_essential_and_desirable():
    specification = raw(LOCAL_ROLES / "registered-worker-band-6.yaml")["person_specification"]
    text = (SOURCES / "registered-worker-job-description.txt").read_text(encoding="utf-8")
    section = text[text.index("10.0 Person Specification") : text.index("JOB DESCRIPTION AGREEMENT")]
    bullets = section.count("\u2022")
    listed = sum(len(r.get("essential", [])) + len(r.get("desirable", [])) for r in specification.values())
    assert listed == bullets
    # Wrapped at the narrow width of the Desirable column in the source.
    assert specification["qualifications"]["desirable"] == [
        "Leadership or management qualification",
        "Post-graduate qualification in a relevant area",
    ]
    assert specification["experience"]["desirable"] == [
        "Leadership or management experience",
        "Experience in forensic mental health or working with offenders.",
    ]
    assert "Disclosure and Barring Service" in " ".join(specification["other"]["essential"])


def test_the_lincolnshire_role_has_its_five_delivery_duties_and_reporting_line():
    text = (SOURCES / "lincolnshire-senior-practitioner-job-description.txt").read_text(encoding="utf-8")
    role = raw(LOCAL_ROLES / "lincolnshire-senior-practitioner.yaml")
    delivery = text[text.index("This delivery principally includes") : text.index("Qualifications")]
    heading = "This delivery principally includes"  # the job description gives the duties no other heading
    delivery_duties = [group for group in role["duties"] if group.get("heading") == heading]
    # Each delivery duty starts with a verb ending -ing: "Receiving referrals", "Screening the person" ...
    assert len(delivery_duties[0]["duties"]) == len(re.findall(r"^\W*[A-Z][a-z]+ing\b", delivery, flags=re.M)) == 5
    assert f"Reports to: {role['reports_to']}" in text


@pytest.mark.parametrize(
    ("role", "words", "section"),
    [
        ("peer-support-worker", "lived experience", "Liaison and Diversion Career Framework"),
        ("peer-support-worker", "supervision of volunteers", "Next Steps"),
        ("specialist-practitioner", "court appointed intermediaries", "Liaison and Diversion Services Role Profile"),
    ],
)
def test_role_notes_from_the_2018_report_name_their_section(framework, role, words, section):
    notes = framework.roles[role].notes
    matching = [note for note in notes if words in note.text]
    assert matching
    assert all(note.source.date == "2018-05-31" and note.source.section.startswith(section) for note in matching)


def _section(report: str, heading: str, next_heading: str) -> str:
    """The text of one section of the 2018 report: from its heading, on a line of its own, to the next one's."""
    start = report.index(f"\n{heading}\n", report.index("\nIntroduction\n\nContext"))
    return report[start : report.index(f"\n{next_heading}\n", start)]


def test_the_locality_specific_example_is_in_the_methodology_section():
    report = (SOURCES / "career-and-competence-framework-2018.txt").read_text(encoding="utf-8")
    example = "Children and Young People or Intellectual Disabilities"
    assert example in _section(report, "Methodology", "Career and Competence Frameworks and Agenda for Change")
    assert example not in _section(report, "Liaison and Diversion Services Role Profile Templates", "Next Steps")
    comment = (SHIPPED_DATA / "roles" / "specialist-practitioner.yaml").read_text(encoding="utf-8")
    assert f'"{example}" (its Methodology section)' in comment


REPORT_2018 = SOURCES / "career-and-competence-framework-2018.txt"
CAREER_FRAMEWORK = ("Liaison and Diversion Career Framework", "Liaison and Diversion Service Competence Framework")
NEXT_STEPS = ("Next Steps", "Acknowledgements")


@pytest.mark.parametrize(
    ("role", "words", "section"),
    [
        ("volunteer", "enter the service as a Volunteer at Level 2", CAREER_FRAMEWORK),
        ("volunteer", "Widening Participation agenda for recruiting Volunteers at Level 2", NEXT_STEPS),
        ("peer-support-worker", "Peer Support Worker with lived experience at level 3", CAREER_FRAMEWORK),
        ("peer-support-worker", "supervision of volunteers", NEXT_STEPS),
        (
            "specialist-practitioner",
            "a community mental health nurse entering a Liaison and Diversion service as a Specialist Practitioner "
            "at Level 6",
            CAREER_FRAMEWORK,
        ),
        (
            "practitioner",
            "a Liaison and Diversion Practitioner could move out of the service into a community setting, for example, "
            "a Transition Care Programme (TCP)",
            CAREER_FRAMEWORK,
        ),
    ],
)
def test_career_entry_notes_are_in_the_section_they_name(framework, role, words, section):
    report = REPORT_2018.read_text(encoding="utf-8")
    [note] = [note for note in framework.roles[role].notes if _words(words) in _words(note.text)]
    assert note.source.section == section[0]
    assert note.source.date == "2018-05-31"
    assert _words(words) in _words(_section(report, *section))


def test_the_volunteer_and_peer_support_worker_notes_are_the_two_halves_of_one_sentence(framework):
    sentence = (
        "An individual may enter the service as a Volunteer at Level 2 or as a Peer Support Worker with lived "
        "experience at Level 3 and progress as a Level 4 Support Worker, after undertaking the required training "
        "and development."
    )
    assert _words(sentence) in _words(REPORT_2018.read_text(encoding="utf-8"))
    notes = {
        role: [_words(note.text) for note in framework.roles[role].notes]
        for role in ("volunteer", "peer-support-worker")
    }
    assert (
        _words(sentence).replace(" or as a peer support worker with lived experience at level 3", "")
        in notes["volunteer"]
    )
    assert _words(sentence).replace(" as a volunteer at level 2 or", "") in notes["peer-support-worker"]


TEMPLATE_2023 = SOURCES / "engagement-worker-template-2023.txt"


@pytest.mark.parametrize(
    ("code", "title_source", "alias", "alias_source"),
    [
        ("GEN97", REPORT_2018, "Communicate effectively in a health care environment", TEMPLATE_2023),
        ("SCDHSC0023", REPORT_2018, "Develop your knowledge and practice", TEMPLATE_2023),
        ("SFJAB8", TEMPLATE_2023, "Communicate with people in vulnerable groups", REPORT_2018),
    ],
)
def test_where_the_report_and_the_template_word_a_title_differently_the_other_wording_is_an_alias(
    framework, code, title_source, alias, alias_source
):
    competence = framework.find_competence(code)
    assert competence.title in title_source.read_text(encoding="utf-8")
    assert alias in alias_source.read_text(encoding="utf-8")
    assert alias in competence.aliases
    assert framework.find_competence(alias) == competence


# Each code the 2018 report prints beside a URL or file name that disagrees with it, and the code chosen by the
# rule in the header of competences.yaml: the printed code stands when the file name is the same code written
# another way (a file number, a space, letters after SFJ, punctuation dropped); otherwise the URL decides.
PRINTED_AND_CHOSEN = [
    ("SfJAD2", "SFJCSAD2", "SFJAD2"),
    ("SfJEC6", "SFJCJEC6", "SFJEC6"),
    ("SfJCPS2.2", "SFJCPS22", "SFJCPS2.2"),
    ("CFA BAA123", "CFA_BAA213", "CFA_BAA213"),
    ("PROHSSP", "PROHSS9", "PROHSS9"),
    ("CFAPMVW9", "PMWRV9", "PMWRV9"),
    ("CFAPMVW14", "PMWRV14", "PMWRV14"),
    ("SFJB1202", "SFJBI202", "SFJBI202"),
    ("CFABADD321", "CFA_BAD321", "CFA_BAD321"),
    ("CFA_BAA62", "CFA_BAA621", "CFA_BAA621"),
    ("SCDHCS3100", "SCDHSC3100", "SCDHSC3100"),
]


@pytest.mark.parametrize(("printed", "in_url", "chosen"), PRINTED_AND_CHOSEN)
def test_one_rule_chooses_between_a_printed_code_and_its_url(framework, printed, in_url, chosen):
    report = REPORT_2018.read_text(encoding="utf-8")
    assert f"{printed}\n" in report or f"{printed}\t" in report or f"{printed} " in report
    competence = framework.find_competence(chosen)
    assert competence.code == chosen
    assert framework.find_competence(printed) == framework.find_competence(in_url) == competence
    # The extraction splits URLs across lines and table cells, so the URL is read from the data; a file name
    # printed without a URL, from the report.
    assert in_url in (competence.url or report)


def test_no_alias_is_a_bare_prefix_of_other_codes(framework):
    assert "SCDHSC" not in framework.find_competence("SCDHSC0226").aliases
    with pytest.raises(LookupError):
        framework.find_competence("SCDHSC")
    keys = {lookup_key(c.key): c for c in framework.competences.values()}
    for competence in framework.competences.values():
        for alias in competence.aliases:
            others = [key for key, other in keys.items() if other != competence and key.startswith(lookup_key(alias))]
            assert not others, (competence.key, alias)


def test_the_template_title_communicate_with_individuals_about_promoting_their_health_is_ht2(framework):
    title = "Communicate with individuals about promoting their health and wellbeing"
    assert f"\t{title}\n" in TEMPLATE_2023.read_text(encoding="utf-8")
    ht2, ht3, ht4 = (framework.find_competence(code) for code in ("HT2", "HT3", "HT4"))
    assert ht2.title == title
    assert (ht2.body, ht2.source) == ("Skills for Health", "2023 Engagement Worker template")
    # Its page on the Skills for Health tools site is the one before HT3's and HT4's, written the same way.
    assert [c.url for c in (ht2, ht3, ht4)] == [
        f"https://tools.skillsforhealth.org.uk/competence/show/html/id/{number}/" for number in (2499, 2500, 2501)
    ]
    assert framework.find_competence("communicate-with-individuals-about-promoting-their-health-and-wellbeing") == ht2
    holdings = framework.holdings(framework.find_role("engagement-worker"))
    [held] = [h for h in holdings if h.competence == ht2]
    assert (held.category, held.group.function) == (
        "role-specific",
        "Provide information to individuals, groups and communities about promoting health",
    )


LINCOLNSHIRE = LOCAL_ROLES / "lincolnshire-senior-practitioner.yaml"
LINCOLNSHIRE_SOURCE = SOURCES / "lincolnshire-senior-practitioner-job-description.txt"


def test_the_lincolnshire_role_has_no_name_its_job_description_does_not_print():
    role = raw(LINCOLNSHIRE)
    assert "aliases" not in role  # "LAT" is printed nowhere in it
    assert _words(role["title"]) in _words(LINCOLNSHIRE_SOURCE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("role_file", "source"),
    [
        (LINCOLNSHIRE, LINCOLNSHIRE_SOURCE),
        (LOCAL_ROLES / "registered-worker-band-6.yaml", SOURCES / "registered-worker-job-description.txt"),
    ],
)
def test_duty_headings_are_the_job_descriptions_words(role_file, source):
    text = _words(source.read_text(encoding="utf-8"))
    headings = [group["heading"] for group in raw(role_file)["duties"] if "heading" in group]
    assert headings
    assert [heading for heading in headings if _words(heading) not in text] == []


def test_the_lincolnshire_vision_values_and_secure_environments_are_notes_with_their_sections():
    text = LINCOLNSHIRE_SOURCE.read_text(encoding="utf-8")
    notes = {note["source"]["section"]: note["text"] for note in raw(LINCOLNSHIRE)["notes"]}
    assert set(notes) == {"Our vision", "Our values", "Vetting"}
    assert all(f"\n{section} \n" in text or f"\n{section}\n" in text for section in notes)
    assert _words(notes["Our vision"]) in _words(text)
    assert "works in secure environments" in notes["Vetting"]
    assert _words(notes["Vetting"]) in _words(text)
    values = [value.strip().rstrip(".") for value in notes["Our values"].split(";")]
    assert [value.split(":")[0] for value in values] == [
        "Achievement",
        "Inspiration",
        "Quality",
        "Respect",
        "Empowerment",
    ]
    assert all(_words(value.replace(":", ": ")) in _words(text.replace(":  ", ": ")) for value in values)


def test_the_lincolnshire_header_counts_the_skills_that_restate_a_nos():
    header = LINCOLNSHIRE.read_text(encoding="utf-8").split("\nid:")[0]
    rows = re.findall(r"^#   (.+?)\s+(\S+)\s+\((inherited|core at level 5|added below)\)$", header, flags=re.M)
    inherited = [code for _, code, how in rows if how == "inherited"]
    assert (len(inherited), len(set(inherited))) == (14, 13)
    assert "14 restate 13 NOS the Practitioner" in " ".join(line.lstrip("# ") for line in header.splitlines())
    practitioner = {code for group in raw(SHIPPED_DATA / "roles" / "practitioner.yaml")["role_specific"]
                    for code in group["competences"]}  # fmt: skip
    assert set(inherited) <= practitioner
    skills = [_words(skill) for skill in raw(LINCOLNSHIRE)["person_specification"]["skills"]["essential"]]
    assert len(skills) == 22
    for skill, _, _ in rows:
        assert any(each.startswith(_words(skill.removesuffix(" ...").removesuffix("..."))) for each in skills), skill


REGISTERED_WORKER = LOCAL_ROLES / "registered-worker-band-6.yaml"
REGISTERED_WORKER_SOURCE = SOURCES / "registered-worker-job-description.txt"
TEWV = "Tees, Esk and Wear Valleys NHS Foundation Trust"


def test_the_registered_workers_employer_is_the_trust_whose_address_its_job_description_prints():
    text = REGISTERED_WORKER_SOURCE.read_text(encoding="utf-8")
    assert "www.tewv.nhs.uk" in text
    assert "Service: Offender Health" in text
    assert "foundation trust" not in text.casefold()  # so the data says it only as part of the trust's name
    role = raw(REGISTERED_WORKER)
    assert role["employer"] == f"{TEWV}, Offender Health service"
    assert role["source"]["document"].startswith(f"{TEWV} (www.tewv.nhs.uk), ")
    described = REGISTERED_WORKER.read_text(encoding="utf-8") + (
        REPOSITORY / "examples/local/competences.yaml"
    ).read_text(encoding="utf-8")
    assert "NHS foundation trust" not in described.replace(TEWV, "")


def test_the_registered_workers_values_are_a_note_in_the_words_of_the_trusts_key_messages():
    text = _words(REGISTERED_WORKER_SOURCE.read_text(encoding="utf-8"))
    [note] = raw(REGISTERED_WORKER)["notes"]
    assert note["source"]["section"].endswith("Our values - key messages")
    summary, values = note["text"].split(": ", 1)
    assert _words(summary) in text
    assert [value.split(" – ")[0] for value in values.rstrip(".").split("; ")] == [
        "respect",
        "compassion",
        "responsibility",
    ]
    assert all(_words(value) in text for value in values.rstrip(".").split("; "))


def _duty(role_file: Path, starts: str) -> dict:
    [duty] = [d for group in raw(role_file)["duties"] for d in group["duties"] if d["text"].startswith(starts)]
    return duty


def test_registered_worker_duties_map_to_the_nos_whose_titles_they_restate(framework):
    consent = _duty(REGISTERED_WORKER, "Takes steps to obtain client consent to care and treatment")
    assert "HPC1" not in consent.get("competences", [])  # consent to healthcare investigations in custody
    assert "healthcare investigations" in framework.find_competence("HPC1").title
    safeguarding = _duty(REGISTERED_WORKER, "Responsible for recognising the potential for or signs of client harm")
    assert safeguarding["competences"] == ["SCDHSC0024", "SCDHSC0034"]  # clients of every age, and children
    assert framework.find_competence("SCDHSC0024").title == "Support the safeguarding of individuals"
    reports = _duty(REGISTERED_WORKER, "Writes reports for partner agencies")
    assert "SFJEA3" in reports["competences"]
    assert "prepare reports" in framework.find_competence("SFJEA3").title


def _template_core_rows() -> list[tuple[str, str, str]]:
    """The 2023 template's core table: (underpinning principle, reference function, competence title) for each
    row, a principle or function left blank carried down from the row above, as the table's merged cells are."""
    text = TEMPLATE_2023.read_text(encoding="utf-8")
    start = text.index("Common/Core Competences for all Level 3 Roles:")
    table = text[start : text.index("\nRole Specific Competences\n", start)]
    rows, principle, function = [], "", ""
    for line in table.splitlines():
        cells = line.split("\t")
        while cells and not cells[-1].strip():
            cells.pop()
        if len(cells) < 2 or cells[0].startswith("Underpinning Principles"):
            continue
        cells = [""] * (3 - len(cells)) + cells
        principle, function = cells[0] or principle, cells[1] or function
        rows.append((principle, function, cells[2]))
    return rows


def test_the_engagement_worker_groups_its_core_as_the_template_does(framework):
    role = framework.find_role("engagement-worker")
    by_title = {
        title_key(name): competence
        for competence in framework.competences.values()
        for name in (competence.title, *competence.aliases)
    }
    rows = _template_core_rows()
    assert len(rows) == 14

    def principle(text: str) -> str:  # the extraction loses the numbers "2." and "3." of this table
        return re.sub(r"^\d\. ", "", text)

    expected = [(principle(p), f, by_title[title_key(title)].key) for p, f, title in rows]
    grouped = [(principle(g.principle or ""), g.function, key) for g in role.core_groups for key in g.competences]
    assert grouped == expected
    assert [g.principle for g in role.core_groups][1:3] == ["2. Personal and People Development"] * 2
    # The groups arrange the level's core; they add nothing to what the role holds.
    core = [h for h in framework.holdings(role) if h.category == "core"]
    assert {h.competence for h in core} == set(framework.core_competences(4))
    assert [h.competence.key for h in core] == [key for _, _, key in expected]
    assert all(h.group is not None and h.group.function for h in core)
