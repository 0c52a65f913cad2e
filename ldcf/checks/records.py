"""A person's record names known competences, each once (the rules are those of roles' references)."""

from __future__ import annotations

from ldcf.checks.references import LISTED_TWICE, UNKNOWN_COMPETENCE
from ldcf.entities import Record
from ldcf.framework import Framework, UnknownName
from ldcf.problems import Finding


def check_record(framework: Framework, record: Record, file: str) -> list[Finding]:
    """Every code in the record must name a known competence, once."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(record.held):
        path = ("held", index, "code")
        try:
            competence = framework.find_competence(entry.code)
        except UnknownName as unknown:
            findings.append(Finding(file, path, UNKNOWN_COMPETENCE, str(unknown)))
            continue
        if competence.key in seen:
            message = f"{competence.key} is listed twice (first as entry {seen[competence.key] + 1})"
            findings.append(Finding(file, path, LISTED_TWICE, message))
        seen.setdefault(competence.key, index)
    return findings
