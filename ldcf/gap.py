"""What someone must acquire to move from one role, or from their own record, to a target role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ldcf.entities import Category, Competence, Learning, Level, Role
from ldcf.framework import Framework, Holding, UnknownName
from ldcf.problems import Finding, Severity

if TYPE_CHECKING:
    from ldcf.models import HeldCompetence, Record


@dataclass(frozen=True)
class GapEntry:
    competence: Competence
    category: Category | None  # None for an entry of a person's record, which has no category
    evidence: HeldCompetence | None = None
    origin: str = ""  # the data folder the requirement comes from


@dataclass(frozen=True)
class Gap:
    """The comparison of what FROM holds with what TO needs, by competence."""

    source: str
    source_title: str
    target: Role
    from_level: Level | None
    to_level: Level
    to_acquire: tuple[GapEntry, ...]
    retained: tuple[GapEntry, ...]
    no_longer_required: tuple[GapEntry, ...]
    show_sources: bool = False

    @property
    def learning(self) -> Learning | None:
        return self.target.learning

    @property
    def required(self) -> int:
        return len(self.to_acquire) + len(self.retained)

    @property
    def share_met(self) -> float:
        return len(self.retained) / self.required if self.required else 1.0


def _compare(
    framework: Framework, held: dict[str, GapEntry], target: Role
) -> tuple[tuple[GapEntry, ...], tuple[GapEntry, ...], tuple[GapEntry, ...]]:
    needed: list[Holding] = list(framework.holdings(target))
    needed_keys = {holding.competence.key for holding in needed}
    to_acquire = tuple(
        GapEntry(h.competence, h.category, None, h.origin) for h in needed if h.competence.key not in held
    )
    retained = tuple(
        GapEntry(h.competence, h.category, held[h.competence.key].evidence, h.origin)
        for h in needed
        if h.competence.key in held
    )
    no_longer_required = tuple(entry for key, entry in held.items() if key not in needed_keys)
    return to_acquire, retained, no_longer_required


def role_gap(framework: Framework, from_name: str, to_name: str) -> Gap:
    source = framework.find_role(from_name)
    target = framework.find_role(to_name)
    held = {h.competence.key: GapEntry(h.competence, h.category, None, h.origin) for h in framework.holdings(source)}
    return Gap(
        source.id,
        source.title,
        target,
        framework.levels[source.level],
        framework.levels[target.level],
        *_compare(framework, held, target),
        framework.has_overlays,
    )


def record_gap(framework: Framework, record: Record, record_name: str, to_name: str) -> Gap:
    """The gap from a person's record (already checked with `check_record`) to a role."""
    target = framework.find_role(to_name)
    held: dict[str, GapEntry] = {}
    for entry in record.held:
        competence = framework.find_competence(entry.code)
        held.setdefault(competence.key, GapEntry(competence, None, entry))
    title = record.name or record_name
    return Gap(
        record_name,
        title,
        target,
        None,
        framework.levels[target.level],
        *_compare(framework, held, target),
        framework.has_overlays,
    )


def check_record(framework: Framework, record: Record, file: str) -> list[Finding]:
    """Every code in the record must name a known competence, once."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(record.held):
        path = ("held", index, "code")
        try:
            competence = framework.find_competence(entry.code)
        except UnknownName as unknown:
            findings.append(Finding(file, path, Severity.ERROR, str(unknown)))
            continue
        if competence.key in seen:
            findings.append(
                Finding(
                    file,
                    path,
                    Severity.ERROR,
                    f"{competence.key} is listed twice (first as entry {seen[competence.key] + 1})",
                )
            )
        seen.setdefault(competence.key, index)
    return findings
