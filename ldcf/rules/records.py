"""A person's record names known competences, each once, and a known role (the competence rules are those of
roles' references); its priorities, for a development plan, are a few competences its aim needs and it lacks."""

from __future__ import annotations

import contextlib

from ldcf.framework.entities import MOST_PRIORITIES, Record
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.rules import error
from ldcf.rules.problems import Finding
from ldcf.rules.references import LISTED_TWICE, UNKNOWN_COMPETENCE

UNKNOWN_ROLE = error(
    "unknown-role", "A record's `role` and `target` must name roles of the framework, by id, title or alias."
)
UNPLANNABLE_PRIORITY = error(
    "unplannable-priority",
    "A record's `priorities` are what its development plan works on first: at most five competences that its "
    "target role needs and the person does not yet hold.",
)


def check_record(framework: Framework, record: Record, file: str, aim: str | None = None) -> list[Finding]:
    """Every code in the record must name a known competence, once; its role and targets, if given, known
    roles, each target once. Its priorities must be at most five, each needed by the aim (the role a development
    plan is towards, else the record's first target, when either is known) and not already held."""
    findings: list[Finding] = []
    roles: list[tuple[tuple[str | int, ...], str | None]] = [(("role",), record.role), (("target",), record.target)]
    roles += [(("targets", index), name) for index, name in enumerate(record.targets)]
    aimed: dict[str, str] = {}
    for path, name in roles:
        if name is None:
            continue
        try:
            role = framework.find_role(name)
        except UnknownName as unknown:
            findings.append(Finding(file, path, UNKNOWN_ROLE, str(unknown)))
            continue
        if path[0] == "role":
            continue
        place = "target" if path == ("target",) else f"targets entry {int(path[1]) + 1}"
        if role.id in aimed:
            message = f"the target {role.id} is listed twice (first as {aimed[role.id]})"
            findings.append(Finding(file, path, LISTED_TWICE, message))
        aimed.setdefault(role.id, place)
    seen: dict[str, str] = {}
    entries = [("held", index, entry.code) for index, entry in enumerate(record.held)]
    entries += [("working_towards", index, entry.code) for index, entry in enumerate(record.working_towards)]
    entries += [("not_yet_assessed", index, entry.code) for index, entry in enumerate(record.not_yet_assessed)]
    for field, index, code in entries:
        path = (field, index, "code")
        try:
            competence = framework.find_competence(code)
        except UnknownName as unknown:
            findings.append(Finding(file, path, UNKNOWN_COMPETENCE, str(unknown)))
            continue
        place = f"{field} entry {index + 1}"
        if competence.key in seen:
            message = f"{competence.key} is listed twice (first as {seen[competence.key]})"
            findings.append(Finding(file, path, LISTED_TWICE, message))
        seen.setdefault(competence.key, place)
    findings += _check_priorities(framework, record, file, aim or record.first_aim)
    return findings


def _check_priorities(framework: Framework, record: Record, file: str, aim: str | None) -> list[Finding]:
    findings: list[Finding] = []
    try:
        aim_role = framework.find_role(aim) if aim else None
    except UnknownName:
        aim_role = None  # an unknown target is reported above; an unknown aim, where the plan is asked for
    needed = {holding.competence.key for holding in framework.holdings(aim_role)} if aim_role else None
    held = set()
    for entry in record.held:
        if entry.rejected:
            continue  # a rejected claim is not held: it may well be a priority
        with contextlib.suppress(UnknownName):  # an unknown code is reported as such
            held.add(framework.find_competence(entry.code).key)
    first: dict[str, int] = {}
    for index, code in enumerate(record.priorities):
        path = ("priorities", index)
        if index == MOST_PRIORITIES:
            message = (
                f"{len(record.priorities)} priorities: a plan agrees at most {MOST_PRIORITIES}; "
                "keep the most important and move the others to working_towards"
            )
            findings.append(Finding(file, path, UNPLANNABLE_PRIORITY, message))
        try:
            competence = framework.find_competence(code)
        except UnknownName as unknown:
            findings.append(Finding(file, path, UNPLANNABLE_PRIORITY, f"unknown priority: {unknown}"))
            continue
        key = competence.key
        if key in first:
            message = f"{key} is listed twice (first as priority {first[key] + 1})"
            findings.append(Finding(file, path, LISTED_TWICE, message))
            continue
        first[key] = index
        if key in held:
            message = f"{key} is held already (see held), so it is no development need: choose another priority"
            findings.append(Finding(file, path, UNPLANNABLE_PRIORITY, message))
        elif needed is not None and aim_role is not None and key not in needed:
            message = f"{key} is not a competence {aim_role.title} needs: choose priorities among its competences"
            findings.append(Finding(file, path, UNPLANNABLE_PRIORITY, message))
    return findings
