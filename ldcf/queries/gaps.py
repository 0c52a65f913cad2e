"""What someone must acquire to move from one role, or from their own record, to a target role."""

from __future__ import annotations

from typing import Any, NamedTuple

from ldcf.framework.entities import Category, Competence, Held, Learning, Level, Record, Role, WorkingTowards
from ldcf.framework.lookups import Framework


class GapEntry(NamedTuple):
    competence: Competence
    category: Category | None  # None for a competence only a person's record names, which has no category
    evidence: Held | None = None  # the record's entry, in a gap from a record (to acquire: a claim rejected)
    origin: str = ""  # the data folder the requirement comes from
    planned: WorkingTowards | None = None  # the record's plan for a competence still to acquire

    def to_dict(self) -> dict[str, Any]:
        data = {**self.competence.brief(), "category": self.category, "origin": self.origin}
        if self.evidence is not None:
            data["evidence"] = self.evidence.evidence
            data["date"] = self.evidence.date
        if self.planned is not None:
            data["working_towards"] = True
            data["target_date"] = self.planned.target_date
        return data


# RoleGap and RecordGap share their first six fields, and these functions over them.


def _required(gap: RoleGap | RecordGap) -> int:
    return len(gap.to_acquire) + len(gap.retained)


def _share_met(gap: RoleGap | RecordGap) -> float:
    required = _required(gap)
    return len(gap.retained) / required if required else 1.0


def _lists(gap: RoleGap | RecordGap) -> dict[str, Any]:
    return {
        "to": gap.to_role.id,
        "to_level": gap.to_level.level,
        "to_acquire": [entry.to_dict() for entry in gap.to_acquire],
        "retained": [entry.to_dict() for entry in gap.retained],
        "no_longer_required": [entry.to_dict() for entry in gap.no_longer_required],
        "share_met": round(_share_met(gap), 4),
    }


class RoleGap(NamedTuple):
    """From one role to another: what the target role needs, compared with what the first holds."""

    to_role: Role
    to_level: Level
    to_acquire: tuple[GapEntry, ...]
    retained: tuple[GapEntry, ...]
    no_longer_required: tuple[GapEntry, ...]
    show_origins: bool  # whether the data has overlays, so that provenance is worth showing
    from_role: Role
    from_level: Level

    @property
    def learning(self) -> Learning | None:
        return self.to_role.learning

    @property
    def required(self) -> int:
        return _required(self)

    @property
    def share_met(self) -> float:
        return _share_met(self)

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_role.id, "from_level": self.from_level.level, **_lists(self)}


class RecordGap(NamedTuple):
    """From a person's record to a role; `person` is the record's name, or its file's when it gives none, and
    `from_role` the role the record says they are in, if it says."""

    to_role: Role
    to_level: Level
    to_acquire: tuple[GapEntry, ...]
    retained: tuple[GapEntry, ...]
    no_longer_required: tuple[GapEntry, ...]
    show_origins: bool
    person: str
    record_file: str
    from_role: Role | None
    from_level: Level | None

    @property
    def learning(self) -> Learning | None:
        return self.to_role.learning

    @property
    def required(self) -> int:
        return _required(self)

    @property
    def share_met(self) -> float:
        return _share_met(self)

    @property
    def working_towards(self) -> tuple[GapEntry, ...]:
        return tuple(entry for entry in self.to_acquire if entry.planned is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.person,
            "from_role": self.from_role.id if self.from_role else None,
            "from_level": self.from_level.level if self.from_level else None,
            "record": self.record_file,
            **_lists(self),
        }


def _compare(framework: Framework, held: dict[str, GapEntry], to_role: Role) -> dict[str, Any]:
    """The fields every gap has: what `to_role` needs, compared with what is `held`."""
    needed = framework.holdings(to_role)
    needed_keys = {holding.competence.key for holding in needed}
    to_acquire = tuple(
        GapEntry(h.competence, h.category, None, h.origin) for h in needed if h.competence.key not in held
    )
    retained = tuple(
        GapEntry(h.competence, h.category, held[h.competence.key].evidence, h.origin)
        for h in needed
        if h.competence.key in held
    )
    return {
        "to_role": to_role,
        "to_level": framework.levels[to_role.level],
        "to_acquire": to_acquire,
        "retained": retained,
        "no_longer_required": tuple(entry for key, entry in held.items() if key not in needed_keys),
        "show_origins": framework.has_overlays,
    }


def role_gap(framework: Framework, from_name: str, to_name: str) -> RoleGap:
    from_role = framework.find_role(from_name)
    to_role = framework.find_role(to_name)
    held = {h.competence.key: GapEntry(h.competence, h.category, None, h.origin) for h in framework.holdings(from_role)}
    return RoleGap(
        **_compare(framework, held, to_role), from_role=from_role, from_level=framework.levels[from_role.level]
    )


def record_gap(framework: Framework, record: Record, record_file: str, to_name: str) -> RecordGap:
    """The gap from a person's record (already checked, `ldcf.rules.records`) to a role. A held entry a manager
    rejected counts as not held: it is to acquire, with the rejected claim as its evidence."""
    to_role = framework.find_role(to_name)
    held: dict[str, GapEntry] = {}
    rejected: dict[str, Held] = {}
    for entry in record.held:
        competence = framework.find_competence(entry.code)
        if entry.rejected:
            rejected.setdefault(competence.key, entry)
        else:
            held.setdefault(competence.key, GapEntry(competence, None, entry))
    plans = {framework.find_competence(plan.code).key: plan for plan in record.working_towards}
    comparison = _compare(framework, held, to_role)
    comparison["to_acquire"] = tuple(
        entry._replace(planned=plans.get(entry.competence.key), evidence=rejected.get(entry.competence.key))
        for entry in comparison["to_acquire"]
    )
    from_role = framework.find_role(record.role) if record.role else None
    return RecordGap(
        **comparison,
        person=record.name or record_file,
        record_file=record_file,
        from_role=from_role,
        from_level=framework.levels[from_role.level] if from_role else None,
    )
