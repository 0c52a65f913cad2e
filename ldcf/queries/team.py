"""A team's view: each person's records against their role and target, the competences the team most lacks
(its training needs) and how many meet each role. Pure: the records are read by `ldcf.building.dataset` and the
result is rendered as any other.

Records are personal data: nothing here keeps them. With pseudonyms, names become short ids made with a
keyed hash of the name and a salt the manager chooses, the same in every run with the same salt.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Any, NamedTuple

from ldcf.building.records import TeamRecord
from ldcf.framework.entities import Competence, Role
from ldcf.framework.lookups import Framework
from ldcf.queries.gaps import RecordGap, record_gap

# How a competence a person's role needs stands in their record, in the words of every team output.
CONFIRMED, NOT_YET_CONFIRMED, WORKING_TOWARDS, MISSING = (
    "Confirmed",
    "Not yet confirmed",
    "Working towards",
    "Missing",
)


def pseudonym(name: str, salt: str) -> str:
    """A stable short id for a person: the same name and salt always give the same id, and the id gives no way
    back to the name without the salt."""
    digest = hmac.new(salt.encode("utf-8"), name.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:8]}"


class Person(NamedTuple):
    name: str  # the record's name, the file's when it gives none, or a pseudonym
    file: str  # the record file, relative to the team folder ("" when pseudonymised: a file name may be a name)
    digest: str
    role: Role | None
    target: Role | None
    current: RecordGap | None  # against the current role
    towards: RecordGap | None  # against the target role: the manager's --target, or else the record's own
    assessed: RecordGap | None  # what the training needs count: the manager's --target, or else the current role
    statuses: dict[str, str]  # competence key -> status, for each competence the assessed role needs

    @property
    def missing(self) -> tuple[Competence, ...]:
        """What the role they are assessed against (their current role, or the manager's --target) needs and they
        do not hold, working towards included."""
        return tuple(entry.competence for entry in self.assessed.to_acquire) if self.assessed else ()


class TrainingNeed(NamedTuple):
    competence: Competence
    missing: int  # people who need it for the role they are assessed against and do not hold it
    unconfirmed: int  # people who need it and hold it, without a manager's confirmation
    roles: tuple[str, ...]  # the team's assessed roles that need it


class RoleCoverage(NamedTuple):
    role: Role
    people: int
    meeting_fully: int


class TeamReport(NamedTuple):
    people: tuple[Person, ...]
    training_needs: tuple[TrainingNeed, ...]
    roles: tuple[RoleCoverage, ...]
    columns: tuple[Competence, ...]  # every competence an assessed role needs, in the order roles list them
    target: Role | None  # the role everyone is assessed against, when the manager gave one
    pseudonymised: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": [
                {
                    "name": person.name,
                    "role": person.role.id if person.role else None,
                    "target": person.target.id if person.target else None,
                    "share_met": round(person.current.share_met, 4) if person.current else None,
                    "target_share_met": round(person.towards.share_met, 4) if person.towards else None,
                    "missing": [{"code": c.code, "title": c.title, "id": c.key} for c in person.missing],
                    "working_towards": [e.competence.key for e in person.assessed.working_towards]
                    if person.assessed
                    else [],
                }
                for person in self.people
            ],
            "training_needs": [
                {
                    "code": need.competence.code,
                    "id": need.competence.key,
                    "title": need.competence.title,
                    "url": need.competence.url,
                    "missing": need.missing,
                    "unconfirmed": need.unconfirmed,
                    "roles": list(need.roles),
                }
                for need in self.training_needs
            ],
            "roles": [
                {"id": coverage.role.id, "people": coverage.people, "meeting_fully": coverage.meeting_fully}
                for coverage in self.roles
            ],
        }


def _statuses(gap: RecordGap) -> dict[str, str]:
    statuses = {}
    for entry in gap.retained:
        confirmed = entry.evidence is not None and entry.evidence.confirmed_by
        statuses[entry.competence.key] = CONFIRMED if confirmed else NOT_YET_CONFIRMED
    for entry in gap.to_acquire:
        statuses[entry.competence.key] = WORKING_TOWARDS if entry.planned is not None else MISSING
    return statuses


def team_report(
    framework: Framework, records: Sequence[TeamRecord], target: str | None = None, salt: str | None = None
) -> TeamReport:
    """The team's report from its people's records (already checked); `target` assesses everyone against one
    role, and a `salt` replaces every name with its pseudonym."""
    everyone_against = framework.find_role(target) if target else None
    people = []
    for item in records:
        record = item.record
        role = framework.find_role(record.role) if record.role else None
        person_target = everyone_against or (framework.find_role(record.target) if record.target else None)
        current = record_gap(framework, record, item.file, role.id) if role else None
        towards = current
        if person_target is not None and person_target is not role:
            towards = record_gap(framework, record, item.file, person_target.id)
        elif person_target is None:
            towards = None
        assessed = towards if everyone_against else current
        name = record.name or item.file
        people.append(
            Person(
                name=pseudonym(name, salt) if salt is not None else name,
                file="" if salt is not None else item.file,
                digest=item.digest,
                role=role,
                target=person_target,
                current=current,
                towards=towards,
                assessed=assessed,
                statuses=_statuses(assessed) if assessed else {},
            )
        )
    columns: dict[str, Competence] = {}
    needed_by: dict[str, list[str]] = {}
    for person in people:
        if person.assessed is None:
            continue
        role_id = person.assessed.to_role.id
        for entry in person.assessed.to_acquire + person.assessed.retained:
            columns.setdefault(entry.competence.key, entry.competence)
            if role_id not in needed_by.setdefault(entry.competence.key, []):
                needed_by[entry.competence.key].append(role_id)
    counts: dict[str, dict[str, int]] = {key: {} for key in columns}
    for person in people:
        for key, status in person.statuses.items():
            counts[key][status] = counts[key].get(status, 0) + 1
    needs = [
        TrainingNeed(
            competence,
            counts[key].get(MISSING, 0) + counts[key].get(WORKING_TOWARDS, 0),
            counts[key].get(NOT_YET_CONFIRMED, 0),
            tuple(needed_by[key]),
        )
        for key, competence in columns.items()
    ]
    # Most missing first; then most unconfirmed; then in the order the roles list them (a stable sort).
    needs.sort(key=lambda need: (-need.missing, -need.unconfirmed))
    coverage: dict[str, RoleCoverage] = {}
    for person in people:
        if person.role is None or person.current is None:
            continue
        known = coverage.get(person.role.id, RoleCoverage(person.role, 0, 0))
        meets = not person.current.to_acquire
        coverage[person.role.id] = RoleCoverage(known.role, known.people + 1, known.meeting_fully + meets)
    return TeamReport(
        tuple(people),
        tuple(needs),
        tuple(sorted(coverage.values(), key=lambda c: (c.role.level, c.role.id))),
        tuple(columns.values()),
        everyone_against,
        salt is not None,
    )
