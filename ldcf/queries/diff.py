"""What changed between two editions of a framework, in the framework's own terms: levels, competences (added,
removed, retitled, recoded, changed) and, for each role, the competences it gained and lost, whether through
its own lists, the core of its level or the role it is based on. With people's records, whose share met
changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ldcf.building.records import RecordsBothWays
from ldcf.framework.entities import Competence, Level, Record, Role
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.queries.gaps import record_gap

LEVEL_FIELDS = ("indicative_title", "descriptor", "ld_descriptor", "attributes")
COMPETENCE_FIELDS = ("url", "body", "aliases", "core_levels", "source")


class LevelChange(NamedTuple):
    level: int
    changes: tuple[str, ...]


class Retitled(NamedTuple):
    code: str
    old: str
    new: str


class Recoded(NamedTuple):
    old: str
    new: str


class CompetenceChange(NamedTuple):
    code: str
    fields: tuple[str, ...]


class RoleChange(NamedTuple):
    id: str
    level: tuple[int, int] | None
    added: tuple[tuple[str, str], ...]  # (code or id, category)
    removed: tuple[tuple[str, str], ...]


class Impact(NamedTuple):
    person: str
    record: str
    role: str
    old: float | None  # share met of their role before; None when the record did not fit that edition
    new: float | None
    note: str = ""


class FrameworkDiff(NamedTuple):
    old_name: str
    new_name: str
    levels: tuple[LevelChange, ...]
    added: tuple[Competence, ...]
    removed: tuple[Competence, ...]
    retitled: tuple[Retitled, ...]
    recoded: tuple[Recoded, ...]
    changed: tuple[CompetenceChange, ...]
    added_roles: tuple[Role, ...]
    removed_roles: tuple[Role, ...]
    changed_roles: tuple[RoleChange, ...]
    impact: tuple[Impact, ...] | None = None  # None without records

    @property
    def empty(self) -> bool:
        parts = (self.levels, self.added, self.removed, self.retitled, self.recoded, self.changed)
        return not any(parts) and not (self.added_roles or self.removed_roles or self.changed_roles)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "old": self.old_name,
            "new": self.new_name,
            "levels": [{"level": change.level, "changes": list(change.changes)} for change in self.levels],
            "competences": {
                "added": [competence.brief() for competence in self.added],
                "removed": [competence.brief() for competence in self.removed],
                "retitled": [{"code": r.code, "old": r.old, "new": r.new} for r in self.retitled],
                "recoded": [{"old": r.old, "new": r.new} for r in self.recoded],
                "changed": [{"code": c.code, "fields": list(c.fields)} for c in self.changed],
            },
            "roles": {
                "added": [role.brief() for role in self.added_roles],
                "removed": [role.brief() for role in self.removed_roles],
                "changed": [
                    {
                        "id": change.id,
                        "level": list(change.level) if change.level else None,
                        "added": [{"code": code, "category": category} for code, category in change.added],
                        "removed": [{"code": code, "category": category} for code, category in change.removed],
                    }
                    for change in self.changed_roles
                ],
            },
        }
        if self.impact is not None:
            data["impact"] = [
                {"person": i.person, "record": i.record, "role": i.role, "old": i.old, "new": i.new, "note": i.note}
                for i in self.impact
            ]
        return data


def recoded(old: Framework, new: Framework) -> dict[str, str]:
    """Old keys that the new edition still knows, by an alias, under another key: the competences recoded or
    replaced between the two editions, old key to new."""
    recodes = {}
    for key in old.competences:
        if key in new.competences:
            continue
        try:
            renamed = new.find_competence(key)
        except UnknownName:
            continue
        if renamed.key != key:
            recodes[key] = renamed.key
    return recodes


def _level_changes(old: Framework, new: Framework, recodes: dict[str, str]) -> list[LevelChange]:
    changes = []
    for number in sorted(set(old.levels) | set(new.levels)):
        if number not in new.levels:
            changes.append(LevelChange(number, ("removed",)))
            continue
        if number not in old.levels:
            changes.append(LevelChange(number, ("added",)))
            continue
        before: Level = old.levels[number]
        after: Level = new.levels[number]
        found = [f"{field} changed" for field in LEVEL_FIELDS if getattr(before, field) != getattr(after, field)]
        old_core = [recodes.get(c.key, c.key) for c in old.core_competences(number)]
        new_core = [c.key for c in new.core_competences(number)]
        found += [f"core added {key}" for key in new_core if key not in old_core]
        found += [f"core removed {key}" for key in old_core if key not in new_core]
        if found:
            changes.append(LevelChange(number, tuple(found)))
    return changes


def _holdings(framework: Framework, role: Role, recodes: dict[str, str] | None = None) -> list[tuple[str, str]]:
    mapping = recodes or {}
    return [(mapping.get(h.competence.key, h.competence.key), h.category) for h in framework.holdings(role)]


def compare(old: Framework, new: Framework, old_name: str, new_name: str) -> FrameworkDiff:
    recodes = recoded(old, new)
    targets = set(recodes.values())
    retitled, changed = [], []
    for key, before in old.competences.items():
        after = new.competences.get(recodes.get(key, key))
        if after is None:
            continue
        if before.title != after.title:
            retitled.append(Retitled(after.key, before.title, after.title))
        fields = [field for field in COMPETENCE_FIELDS if getattr(before, field) != getattr(after, field)]
        if key in recodes:  # the old code is now an alias: not a change of its own
            fields = [field for field in fields if field != "aliases"]
        if fields:
            changed.append(CompetenceChange(after.key, tuple(fields)))
    removed = tuple(c for key, c in old.competences.items() if key not in new.competences and key not in recodes)
    added = tuple(c for key, c in new.competences.items() if key not in old.competences and key not in targets)
    changed_roles = []
    for role_id, before_role in old.roles.items():
        if role_id not in new.roles:
            continue
        after_role = new.roles[role_id]
        held_before = _holdings(old, before_role, recodes)
        held_after = _holdings(new, after_role)
        level = (before_role.level, after_role.level) if before_role.level != after_role.level else None
        gained = tuple(holding for holding in held_after if holding not in held_before)
        lost = tuple(holding for holding in held_before if holding not in held_after)
        if level or gained or lost:
            changed_roles.append(RoleChange(role_id, level, gained, lost))
    return FrameworkDiff(
        old_name,
        new_name,
        tuple(_level_changes(old, new, recodes)),
        added,
        removed,
        tuple(retitled),
        tuple(Recoded(old_key, new_key) for old_key, new_key in recodes.items()),
        tuple(changed),
        tuple(role for role_id, role in new.roles.items() if role_id not in old.roles),
        tuple(role for role_id, role in old.roles.items() if role_id not in new.roles),
        tuple(changed_roles),
    )


def _share(framework: Framework, record: Record | None, file: str, role_name: str) -> float | None:
    if record is None:
        return None
    try:
        return round(record_gap(framework, record, file, role_name).share_met, 4)
    except UnknownName:
        return None


def with_impact(
    found: FrameworkDiff, old: Framework, new: Framework, records: Sequence[RecordsBothWays]
) -> FrameworkDiff:
    """The diff with, for each person whose record names a role, how their share of it met changes."""
    impact = []
    for item in records:
        record = item.new or item.old
        if record is None or record.role is None:
            continue
        before = _share(old, item.old, item.file, record.role)
        after = _share(new, item.new, item.file, record.role)
        if before == after:
            continue
        note = ""
        if item.new is None:
            note = "the record does not fit the new edition: run `ldcf gap --have` on it to see why"
        elif after is None:
            note = "its role is not in the new edition"
        impact.append(Impact(item.name, item.file, record.role, before, after, note))
    return found._replace(impact=tuple(impact))
