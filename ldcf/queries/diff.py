"""What changed between two editions of a framework, in the framework's own terms: levels, competences (added,
removed, retitled, recoded, changed) and, for each role, the competences it gained and lost, whether through
its own lists, the core of its level or the role it is based on. With people's records, what changes for each
person, in words: for their current role, for each target and for each competence they are working towards."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NamedTuple

from ldcf.building.records import RecordsBothWays
from ldcf.framework.entities import Competence, Level, Record, Role
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.queries.confirmations import Reconfirmation, to_reconfirm
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
    title: str = ""  # the role's title in the new edition


class Share(NamedTuple):
    met: int
    required: int

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.met, self.required) if self.required else Fraction(1)

    def __str__(self) -> str:
        return f"{self.met} of {self.required} ({float(self.fraction):.0%})"


class AimChange(NamedTuple):
    """What changes for a person for one of their aims: their current role ("role"), a target ("target"), or a
    competence they are working towards ("working towards")."""

    kind: str
    id: str  # the role's id, or the competence's key
    title: str
    old: Share | None  # of a role; None for a competence, or where the edition has no such role
    new: Share | None
    changes: tuple[str, ...]  # in words, with codes and titles

    @property
    def moved(self) -> bool:
        """Whether the share met moves (as a fraction: 39 of 41 to 38 of 40 moves, though both are 95%)."""
        if self.kind == WORKING_TOWARDS:
            return False
        if self.old is None or self.new is None:
            return self.old != self.new
        return self.old.fraction != self.new.fraction


ROLE, TARGET, WORKING_TOWARDS = "role", "target", "working towards"


class Impact(NamedTuple):
    person: str
    record: str
    role: str | None  # their current role as the record names it
    old: float | None  # share met of their role before; None when the record did not fit that edition
    new: float | None
    note: str = ""
    aims: tuple[AimChange, ...] = ()  # what changes for them, aim by aim (only those with a change)
    to_reconfirm: tuple[Reconfirmation, ...] = ()  # confirmed as the new edition no longer defines it

    @property
    def unchanged(self) -> bool:
        return not self.aims and not self.note and not self.to_reconfirm


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
    titles: tuple[tuple[str, str], ...] = ()  # (key, title) of each competence a changed role gains or loses

    def title_of(self, key: str) -> str:
        """The title of a competence a changed role gains or loses, for saying it in words."""
        return dict(self.titles).get(key, "")

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
                        "title": change.title,
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
                {
                    "person": i.person,
                    "record": i.record,
                    "role": i.role,
                    "old": i.old,
                    "new": i.new,
                    "note": i.note,
                    "changes": [_aim_data(aim) for aim in i.aims],
                    "to_reconfirm": [entry.to_dict() for entry in i.to_reconfirm],
                }
                for i in self.impact
            ]
        return data


def _aim_data(aim: AimChange) -> dict[str, Any]:
    def share(value: Share | None) -> dict[str, int] | None:
        return None if value is None else {"met": value.met, "required": value.required}

    return {"for": aim.kind, "id": aim.id, "title": aim.title, "old": share(aim.old), "new": share(aim.new),
            "moved": aim.moved, "lines": list(aim.changes)}  # fmt: skip


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
            changed_roles.append(RoleChange(role_id, level, gained, lost, after_role.title))
    titles: dict[str, str] = {}
    for change in changed_roles:
        for key, _ in change.added + change.removed:
            competence = new.competences.get(key) or old.competences.get(key)
            titles.setdefault(key, competence.title if competence else "")
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
        None,
        tuple(titles.items()),
    )


def _share(framework: Framework, record: Record | None, file: str, role_name: str) -> float | None:
    if record is None:
        return None
    try:
        return round(record_gap(framework, record, file, role_name).share_met, 4)
    except UnknownName:
        return None


def _find_role(framework: Framework, name: str) -> Role | None:
    try:
        return framework.find_role(name)
    except UnknownName:
        return None


def _key(framework: Framework, code: str) -> str | None:
    try:
        return framework.find_competence(code).key
    except UnknownName:
        return None


class _Side(NamedTuple):
    """A person's record as one edition reads it: what it holds and works towards, by that edition's keys."""

    framework: Framework
    record: Record | None
    held: frozenset[str]
    towards: frozenset[str]


def _side(framework: Framework, record: Record | None) -> _Side:
    if record is None:
        return _Side(framework, None, frozenset(), frozenset())
    held = {_key(framework, entry.code) for entry in record.held if not entry.rejected}
    towards = {_key(framework, entry.code) for entry in record.working_towards}
    return _Side(framework, record, frozenset(held - {None}), frozenset(towards - {None}))  # type: ignore[arg-type]


def _needs(side: _Side, role: Role | None, recodes: dict[str, str]) -> dict[str, Competence]:
    """What `role` needs in `side`'s edition, by the keys of the new edition (an old key recoded becomes its new)."""
    if role is None:
        return {}
    return {recodes.get(h.competence.key, h.competence.key): h.competence for h in side.framework.holdings(role)}


def _held_words(key: str, side: _Side, gained: bool) -> str:
    if key in side.held:
        return "held already" if gained else "held it"
    if key in side.towards:
        return "working towards it" if gained else "was working towards it"
    return "not held" if gained else "did not hold it"


def _named(competence: Competence) -> str:
    return f"{competence.code} {competence.title}" if competence.code else competence.title


def _role_change(kind: str, name: str, old: _Side, new: _Side, recodes: dict[str, str]) -> AimChange | None:
    before, after = _find_role(old.framework, name), _find_role(new.framework, name)
    shown = after or before
    if shown is None:
        return None
    needed_before, needed_after = _needs(old, before, recodes), _needs(new, after, {})
    held_before = {recodes.get(key, key) for key in old.held}

    def share(needed: dict[str, Competence], held: set[str] | frozenset[str], record: Record | None) -> Share | None:
        if record is None:
            return None
        return Share(sum(1 for key in needed if key in held), len(needed))

    old_share = share(needed_before, held_before, old.record) if before else None
    new_share = share(needed_after, new.held, new.record) if after else None
    lines = []
    if before is None:
        lines.append(f"{shown.title} is new in this edition")
    elif after is None:
        lines.append(f"{before.title} is not in the new edition")
    else:
        if before.level != after.level:
            lines.append(f"{after.title} moves from level {before.level} to level {after.level}")
        lines += [f"no longer needs {_named(c)}: {_held_words(k, new, False)}" for k, c in needed_before.items()
                  if k not in needed_after]  # fmt: skip
        lines += [f"now needs {_named(c)}: {_held_words(k, new, True)}" for k, c in needed_after.items()
                  if k not in needed_before]  # fmt: skip
    if not lines and old_share == new_share:
        return None
    return AimChange(kind, shown.id, shown.title, old_share, new_share, tuple(lines))


def _towards_changes(
    record: Record, old: _Side, new: _Side, recodes: dict[str, str], aims: list[str]
) -> list[AimChange]:
    """What changes for each competence the person is working towards: gone, recoded, retitled, or no longer
    needed by any of their roles."""
    needed_before: set[str] = set()
    needed_after: set[str] = set()
    for name in aims:
        needed_before |= set(_needs(old, _find_role(old.framework, name), recodes))
        needed_after |= set(_needs(new, _find_role(new.framework, name), {}))
    found = []
    for entry in record.working_towards:
        before_key, after_key = _key(old.framework, entry.code), _key(new.framework, entry.code)
        before = old.framework.competences.get(before_key) if before_key else None
        after = new.framework.competences.get(after_key) if after_key else None
        shown = after or before
        if shown is None:
            continue
        lines = []
        if after is None:
            lines.append(f"working towards {_named(shown)}: no longer in the framework")
        else:
            if before is not None and before.key != after.key:
                lines.append(f"working towards {_named(before)}: now coded {after.key}")
            if before is not None and before.title != after.title:
                lines.append(f"working towards {after.key}: now titled {after.title!r}, was {before.title!r}")
            if aims and after.key in needed_before and after.key not in needed_after:
                lines.append(f"working towards {_named(after)}: none of their roles needs it now")
            if aims and after.key not in needed_before and after.key in needed_after:
                lines.append(f"working towards {_named(after)}: now needed by one of their roles")
        if lines:
            found.append(AimChange(WORKING_TOWARDS, shown.key, shown.title, None, None, tuple(lines)))
    return found


def with_impact(
    found: FrameworkDiff,
    old: Framework,
    new: Framework,
    records: Sequence[RecordsBothWays],
    everyone: bool = False,
) -> FrameworkDiff:
    """The diff with, for each person, what changes for their current role, for each target and for each
    competence they are working towards, in words, and the confirmations to make again (of competences the new
    edition retitles or replaces). People for whom no share of a role moves and nothing is to confirm again are
    left out unless `everyone`."""
    recodes = {change.old: change.new for change in found.recoded}
    impact = []
    for item in records:
        record = item.new or item.old
        if record is None:
            continue
        old_side, new_side = _side(old, item.old), _side(new, item.new)
        aims: list[AimChange] = []
        if record.role is not None:
            change = _role_change(ROLE, record.role, old_side, new_side, recodes)
            aims += [change] if change else []
        for name in record.aims:
            aim, own = _find_role(new, name), _find_role(new, record.role) if record.role else None
            if aim is not None and own is not None and aim.id == own.id:
                continue  # a target that is their own role: said once, as their role
            change = _role_change(TARGET, name, old_side, new_side, recodes)
            aims += [change] if change else []
        roles = ([record.role] if record.role else []) + list(record.aims)
        aims += _towards_changes(record, old_side, new_side, recodes, roles)
        before = _share(old, item.old, item.file, record.role) if record.role else None
        after = _share(new, item.new, item.file, record.role) if record.role else None
        note = ""
        if item.new is None:
            note = "the record does not fit the new edition: run `ldcf gap --have` on it to see why"
        elif record.role is not None and after is None:
            note = "its role is not in the new edition"
        again = to_reconfirm(new, item.new, previous=old) if item.new is not None else ()
        person = Impact(item.name, item.file, record.role, before, after, note, tuple(aims), again)
        if everyone or note or again or any(aim.moved for aim in aims):
            impact.append(person)
    return found._replace(impact=tuple(impact))
