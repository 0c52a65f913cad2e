"""A job description and person specification, in the order of an NHS (Agenda for Change) job description: job
details, job summary, key responsibilities, the person specification, working conditions; then the framework
as an appendix (the Career Framework level and the NOS), learning, notes and sources.

A national role gives only the framework's profile: one note at the top says what the employer adds, and the
sections it leaves empty are left out. Built once as sections of blocks; the renderers write it out."""

from __future__ import annotations

from collections.abc import Iterable

from ldcf.framework.entities import AFC_NOTE, CATEGORIES, Role
from ldcf.framework.lookups import Framework
from ldcf.outputs.document_parts import (
    and_list,
    competence_table,
    is_local,
    is_local_role,
    level_text,
    local_name,
    section,
)
from ldcf.queries.profiles import RoleProfile, role_profile
from ldcf.render.blocks import (
    GENERATOR,
    Block,
    Document,
    Paragraph,
    Section,
    bullets,
    clean,
    fields,
    heading,
    paragraphs,
)
from ldcf.render.role_sections import (
    CPD,
    LEARNING,
    NOT_GIVEN,
    PERSON_SPECIFICATION,
    cpd_blocks,
    duty_blocks,
    learning_blocks,
    note_blocks,
    person_specification_table,
    source_text,
)

JOB_DESCRIPTION = "Job description and person specification"
JOB_DETAILS = "Job details"
JOB_SUMMARY = "Job summary"
KEY_RESPONSIBILITIES = "Key responsibilities"
WORKING_CONDITIONS = "Working conditions and effort"
APPENDIX = "Appendix: Career Framework level and competences"
NOTES = "Notes"
SOURCES = "Sources"


def _details(profile: RoleProfile, local: bool) -> Block:
    """The job details: for a local role every NHS job detail, "Not given" where its job description gives
    none; for a national role only what the framework gives (the note at the top says what the employer adds)."""
    role, level, base = profile.role, profile.level, profile.base
    missing = NOT_GIVEN if local else None
    band = f"{role.afc_band}. {AFC_NOTE}" if role.afc_band else missing
    return fields(
        ("Job title", role.title),
        ("Agenda for Change band", band),
        ("Career Framework level", level_text(level)),
        ("Employer", role.employer or missing),
        ("Location", role.location or missing),
        ("Reports to", role.reports_to or missing),
        ("Accountable to", role.accountable_to or missing),
        ("Responsible for", role.responsible_for or missing),
        ("Area of work", role.area_of_work),
        ("Based on", f"{base.title}, the national role at level {level.level}" if base else None),
        ("Also known as", ", ".join(role.aliases)),
    )


def _top_note(role: Role, local: bool, sections: dict[str, list[Block]]) -> list[Block]:
    """One note, at the top, for what a job description needs and the data does not give."""
    missing = [name for name, blocks in sections.items() if not blocks]
    if not local:
        adds = ["the Agenda for Change band"] if not role.afc_band else []
        if not (role.reports_to or role.accountable_to or role.responsible_for):
            adds.append("reporting lines")
        adds += missing
        text = "This is the national profile of the role in the L&D Career and Competence Framework"
        return [Paragraph(clean(f"{text}: {and_list(adds)} are added by the employer." if adds else f"{text}."))]
    if missing:
        return [Paragraph(clean(f"Not given in {role.source.document}: {and_list(missing)}."))]
    return []


def _appendix(profile: RoleProfile, framework: Framework) -> list[Block]:
    role, level = profile.role, profile.level
    blocks: list[Block] = [
        heading(f"Career Framework level {level.level}: {level.indicative_title}", 2),
        *paragraphs(level.ld_descriptor or level.descriptor),
        *bullets(f"Attributes at level {level.level}", level.attributes),
        Paragraph(
            "Each competence is a National Occupational Standard (NOS) unless its note says otherwise; "
            "each code links to the NOS document."
        ),
    ]
    for category in CATEGORIES:
        held = [h for h in profile.holdings if h.category == category]
        national = [h for h in held if not is_local(framework, h.origin)]
        added = [h for h in held if is_local(framework, h.origin)]
        title = f"{category.capitalize()} competences"
        if national or not added:
            blocks.append(competence_table(title, national))
        if added:
            blocks.append(competence_table(f"{title} added by {local_name(role)}", added))
    return blocks


def _sources(profile: RoleProfile) -> list[Block]:
    role, base = profile.role, profile.base
    sources = [f"This role: {source_text(role.source)}"]
    if base is not None:
        sources.append(f"{base.title}, the national role it is based on: {source_text(base.source)}")
    sources.append(f"Competences: {competence_sources(h.competence.source for h in profile.holdings)}")
    return bullets("", sources)


def competence_sources(sources: Iterable[str]) -> str:
    """The documents the competences come from, each once, without the parts of them: "2018 report; 2023
    Engagement Worker template" for "2018 report, Table 2", "2018 report, role-specific competences; 2023
    Engagement Worker template" and so on."""
    documents = {each.rpartition(", ")[0] or each for source in sources for each in source.split("; ")}
    return "; ".join(sorted(documents))


def job_description(framework: Framework, name: str) -> Document:
    """The job description and person specification of a role."""
    profile = role_profile(framework, name)
    role = profile.role
    local = is_local_role(framework, role)
    held = {h.competence.key: h.competence for h in profile.holdings}
    summary = [*bullets("", role.purpose), *paragraphs(role.scope)]
    duties = duty_blocks(role, held, untitled="", nos_only=True)
    specification: list[Block] = (
        [person_specification_table(role.person_specification)] if role.person_specification else []
    )
    needed: dict[str, list[Block]] = {
        "a job summary": summary,
        "key responsibilities": duties,
        "a person specification": specification,
    }
    sections: list[Section] = [
        section(JOB_DETAILS, [*_top_note(role, local, needed), _details(profile, local)]),
        section(JOB_SUMMARY, summary),
        section(KEY_RESPONSIBILITIES, duties),
        section(PERSON_SPECIFICATION, specification),
        section(WORKING_CONDITIONS, bullets("", role.working_conditions)),
        # The appendix starts a page of its own after a job description's own text, not after a page of details.
        section(APPENDIX, _appendix(profile, framework), new_page=bool(duties or specification)),
    ]
    if role.learning or role.cpd:
        sections.append(section(LEARNING, learning_blocks(role.learning) if role.learning else []))
        sections.append(section(CPD, cpd_blocks(role.cpd) if role.cpd else []))
    else:
        sections[-1] = sections[-1]._replace(
            blocks=(*sections[-1].blocks, Paragraph(f"The framework gives no {LEARNING.lower()} for this role."))
        )
    if role.notes:
        sections.append(section(NOTES, note_blocks(role)))
    sections.append(section(SOURCES, _sources(profile)))
    title = clean(f"{JOB_DESCRIPTION}: {role.title}")
    return Document(
        kind="job-description",
        title=title,
        subject=JOB_DESCRIPTION,
        author=clean(role.employer or GENERATOR),
        sections=tuple(s for s in sections if s.blocks),
        footer=title,
    )
