"""A person's record names known competences, each once, and a known role (the competence rules are those of
roles' references)."""

from __future__ import annotations

from ldcf.framework.entities import Record
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.rules import error
from ldcf.rules.problems import Finding
from ldcf.rules.references import LISTED_TWICE, UNKNOWN_COMPETENCE

UNKNOWN_ROLE = error(
    "unknown-role", "A record's `role` and `target` must name roles of the framework, by id, title or alias."
)


def check_record(framework: Framework, record: Record, file: str) -> list[Finding]:
    """Every code in the record must name a known competence, once; its role and target, if given, known
    roles."""
    findings: list[Finding] = []
    for field, name in (("role", record.role), ("target", record.target)):
        if name is None:
            continue
        try:
            framework.find_role(name)
        except UnknownName as unknown:
            findings.append(Finding(file, (field,), UNKNOWN_ROLE, str(unknown)))
    seen: dict[str, str] = {}
    entries = [("held", index, entry.code) for index, entry in enumerate(record.held)]
    entries += [("working_towards", index, entry.code) for index, entry in enumerate(record.working_towards)]
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
    return findings
