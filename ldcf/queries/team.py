"""A team's view: each person's records against their role and targets, the competences the team lacks (its
training needs) and how many meet each role. Pure: the records are read by `ldcf.building.dataset` and the
result is rendered as any other.

Records are personal data: nothing here keeps them. With pseudonyms, names become short ids made with a
keyed hash of the name and a salt the manager chooses, the same in every run with the same salt; people are then
listed in the order of their pseudonyms, and neither record files nor their digests are kept.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from ldcf.building.records import TeamRecord
from ldcf.framework.confirmations import is_confirmed
from ldcf.framework.entities import Competence, Held, Role
from ldcf.framework.lookups import Framework
from ldcf.queries.confirmations import Reconfirmation, to_reconfirm
from ldcf.queries.gaps import RecordGap, record_gap

# How a competence a person's role needs stands in their record, in the words of every team output.
# A competence confirmed as the framework defined it before (retitled or replaced since) is to confirm again.
CONFIRMED, TO_CONFIRM_AGAIN, NOT_YET_CONFIRMED, REJECTED, WORKING_TOWARDS, MISSING = (
    "Confirmed",
    "To confirm again",
    "Not yet confirmed",
    "Rejected",
    "Working towards",
    "Missing",
)
STATUSES = (CONFIRMED, TO_CONFIRM_AGAIN, NOT_YET_CONFIRMED, REJECTED, WORKING_TOWARDS, MISSING)
HELD_STATUSES = (CONFIRMED, TO_CONFIRM_AGAIN, NOT_YET_CONFIRMED)

# A salt is a secret like a password: a short one could be found by trying names against a pseudonym.
SHORTEST_SALT = 16


class SaltTooShort(ValueError):
    """A salt too short to keep pseudonyms from being reversed by trying names."""


def pseudonym(name: str, salt: str) -> str:
    """A stable short id for a person: the same name and salt always give the same id, and the id gives no way
    back to the name without the salt."""
    digest = hmac.new(salt.encode("utf-8"), name.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:8]}"


def shown_name(name: str, file: str) -> str:
    """How the report names a person whose name another person of the team has too."""
    return f"{name} ({file})"


class Person(NamedTuple):
    # The record's name (the file's when it gives none), followed by the file in brackets when another person of
    # the team has the same name, so that a manager can tell them apart; or a pseudonym.
    name: str
    file: str  # the record file, relative to the team folder ("" when pseudonymised: a file name may be a name)
    digest: str  # of the record file ("" when pseudonymised)
    role: Role | None
    targets: tuple[Role, ...]  # the manager's --target, or else the record's own target and targets
    current: RecordGap | None  # against the current role
    target_gaps: tuple[RecordGap, ...]  # against each target, in order
    assessed: RecordGap | None  # what the Matrix shows: the manager's --target, or else the current role
    statuses: dict[str, str]  # competence key -> status, for each competence the assessed role needs
    to_reconfirm: tuple[Reconfirmation, ...] = ()  # confirmed as the framework no longer defines it

    @property
    def target(self) -> Role | None:
        """The first target, if any."""
        return self.targets[0] if self.targets else None

    @property
    def towards(self) -> RecordGap | None:
        """The gap to the first target, if any."""
        return self.target_gaps[0] if self.target_gaps else None

    @property
    def missing(self) -> tuple[Competence, ...]:
        """What the role they are assessed against (their current role, or the manager's --target) needs and they
        do not hold, working towards included."""
        return tuple(entry.competence for entry in self.assessed.to_acquire) if self.assessed else ()

    @property
    def stale(self) -> frozenset[str]:
        """The keys of the competences whose confirmation is to make again."""
        return frozenset(entry.competence.key for entry in self.to_reconfirm)

    @property
    def confirmed_share(self) -> float | None:
        """The share of their current role met counting only what a manager confirmed; beside `current.share_met`,
        which counts what they hold by their own account."""
        if self.current is None:
            return None
        stale = self.stale
        confirmed = sum(1 for entry in self.current.retained if _confirmed_now(entry.evidence, entry.competence, stale))
        return confirmed / self.current.required if self.current.required else 1.0


class TrainingNeed(NamedTuple):
    competence: Competence
    missing: int  # people whose current role needs it and who do not hold it (working towards counts as not held)
    missing_for_target: int  # people a target of whose needs it and who do not hold it, each counted once
    # people whose role or a target needs it and who hold it, without a confirmation of it as defined now
    unconfirmed: int
    roles: tuple[Role, ...]  # the team's roles, current and target, that need it


class RoleCoverage(NamedTuple):
    role: Role
    people: int
    meeting_fully: int


def _confirmed_now(held: Held | None, competence: Competence, stale: frozenset[str]) -> bool:
    """Whether a held competence is confirmed as the framework defines it now."""
    return held is not None and is_confirmed(held) and competence.key not in stale


def _held_data(person: Person) -> list[dict[str, Any]]:
    """What the person holds of the role they are assessed against, each with its status."""
    if person.assessed is None:
        return []
    return [
        {
            **entry.competence.brief(),
            "status": person.statuses[entry.competence.key],
            "reconfirm": person.statuses[entry.competence.key] == TO_CONFIRM_AGAIN,
        }
        for entry in person.assessed.retained
    ]


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


class TeamReport(NamedTuple):
    people: tuple[Person, ...]
    training_needs: tuple[TrainingNeed, ...]  # only competences someone lacks, for their role or a target
    roles: tuple[RoleCoverage, ...]
    columns: tuple[Competence, ...]  # every competence an assessed role needs, in the order roles list them
    target: Role | None  # the role everyone is assessed against, when the manager gave one
    pseudonymised: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": [
                {
                    "name": person.name,
                    "file": person.file or None,  # none when pseudonymised: a file name may be a name
                    "role": person.role.id if person.role else None,
                    "target": person.target.id if person.target else None,
                    "share_met": _share(person.current.share_met) if person.current else None,
                    "confirmed_share_met": _share(person.confirmed_share),
                    "target_share_met": _share(person.towards.share_met) if person.towards else None,
                    "targets": [
                        {"id": gap.to_role.id, "title": gap.to_role.title, "share_met": _share(gap.share_met)}
                        for gap in person.target_gaps
                    ],
                    "held": _held_data(person),
                    "to_reconfirm": [entry.to_dict() for entry in person.to_reconfirm],
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
                    "missing_for_target": need.missing_for_target,
                    "unconfirmed": need.unconfirmed,
                    "roles": [role.id for role in need.roles],
                }
                for need in self.training_needs
            ],
            "roles": [
                {"id": coverage.role.id, "people": coverage.people, "meeting_fully": coverage.meeting_fully}
                for coverage in self.roles
            ],
        }


def _statuses(gap: RecordGap, stale: frozenset[str]) -> dict[str, str]:
    statuses = {}
    for entry in gap.retained:
        if _confirmed_now(entry.evidence, entry.competence, stale):
            statuses[entry.competence.key] = CONFIRMED
        elif entry.competence.key in stale:
            statuses[entry.competence.key] = TO_CONFIRM_AGAIN
        else:
            statuses[entry.competence.key] = NOT_YET_CONFIRMED
    for entry in gap.to_acquire:
        if entry.evidence is not None and entry.evidence.rejected:
            statuses[entry.competence.key] = REJECTED
        else:
            statuses[entry.competence.key] = WORKING_TOWARDS if entry.planned is not None else MISSING
    return statuses


def team_report(
    framework: Framework,
    records: Sequence[TeamRecord],
    target: str | None = None,
    salt: str | None = None,
    previous: Framework | None = None,
) -> TeamReport:
    """The team's report from its people's records (already checked); `target` assesses everyone against one
    role (and is everyone's only target), and a `salt` (at least SHORTEST_SALT characters) replaces every name
    with its pseudonym. With the `previous` edition, a confirmation that does not record what it confirmed is
    taken as made in that edition (`ldcf.queries.confirmations.to_reconfirm`)."""
    if salt is not None and len(salt) < SHORTEST_SALT:
        raise SaltTooShort(
            f"the salt is {len(salt)} characters: give at least {SHORTEST_SALT}, a secret kept like a password"
        )
    everyone_against = framework.find_role(target) if target else None
    people = []
    for item in records:
        record = item.record
        role = framework.find_role(record.role) if record.role else None
        if everyone_against is not None:
            targets: tuple[Role, ...] = (everyone_against,)
        else:
            aims: dict[str, Role] = {}
            for name in record.aims:
                aim = framework.find_role(name)
                aims.setdefault(aim.id, aim)
            targets = tuple(aims.values())
        current = record_gap(framework, record, item.file, role.id) if role else None
        target_gaps = tuple(
            current if current is not None and aim is role else record_gap(framework, record, item.file, aim.id)
            for aim in targets
        )
        assessed = target_gaps[0] if everyone_against else current
        again = to_reconfirm(framework, record, previous)
        stale = frozenset(entry.competence.key for entry in again)
        name = record.name or item.file
        people.append(
            Person(
                name=pseudonym(name, salt) if salt is not None else name,
                file="" if salt is not None else item.file,
                digest="" if salt is not None else item.digest,
                role=role,
                targets=targets,
                current=current,
                target_gaps=target_gaps,
                assessed=assessed,
                statuses=_statuses(assessed, stale) if assessed else {},
                to_reconfirm=again,
            )
        )
    if salt is not None:
        people.sort(key=lambda person: person.name)  # the file order (often by name) would say who is who
    else:
        named = Counter(person.name for person in people)
        people = [
            person._replace(name=shown_name(person.name, person.file)) if named[person.name] > 1 else person
            for person in people
        ]
    columns: dict[str, Competence] = {}
    for person in people:
        if person.assessed is not None:
            for entry in person.assessed.to_acquire + person.assessed.retained:
                columns.setdefault(entry.competence.key, entry.competence)
    return TeamReport(
        tuple(people),
        _training_needs(people, everyone_against is not None),
        _coverage(people),
        tuple(columns.values()),
        everyone_against,
        salt is not None,
    )


def _training_needs(people: list[Person], by_target: bool) -> tuple[TrainingNeed, ...]:
    """Each competence someone lacks, for their current role or a target, with how many lack it for each apart."""
    competences: dict[str, Competence] = {}
    roles: dict[str, dict[str, Role]] = {}
    missing: dict[str, int] = {}
    for_target: dict[str, int] = {}
    unconfirmed: dict[str, int] = {}
    for person in people:
        lacking_for_target: set[str] = set()
        holding_unconfirmed: set[str] = set()
        stale = person.stale
        gaps = [(person.current, False)] if person.current else []
        gaps += [(gap, True) for gap in person.target_gaps]
        for gap, for_a_target in gaps:
            for entry in gap.to_acquire + gap.retained:
                key = entry.competence.key
                competences.setdefault(key, entry.competence)
                roles.setdefault(key, {}).setdefault(gap.to_role.id, gap.to_role)
            for entry in gap.to_acquire:
                key = entry.competence.key
                if for_a_target:
                    lacking_for_target.add(key)
                else:
                    missing[key] = missing.get(key, 0) + 1
            for entry in gap.retained:
                if not _confirmed_now(entry.evidence, entry.competence, stale):
                    holding_unconfirmed.add(entry.competence.key)
        for key in lacking_for_target:
            for_target[key] = for_target.get(key, 0) + 1
        for key in holding_unconfirmed:
            unconfirmed[key] = unconfirmed.get(key, 0) + 1
    needs = [
        TrainingNeed(
            competence,
            missing.get(key, 0),
            for_target.get(key, 0),
            unconfirmed.get(key, 0),
            tuple(roles[key].values()),
        )
        for key, competence in competences.items()
        if missing.get(key) or for_target.get(key)
    ]
    # Most lacking first (for the target, when everyone is assessed against one), then most unconfirmed; then in
    # the order the roles list them (a stable sort).
    if by_target:
        needs.sort(key=lambda need: (-need.missing_for_target, -need.missing, -need.unconfirmed))
    else:
        needs.sort(key=lambda need: (-need.missing, -need.missing_for_target, -need.unconfirmed))
    return tuple(needs)


def _coverage(people: list[Person]) -> tuple[RoleCoverage, ...]:
    coverage: dict[str, RoleCoverage] = {}
    for person in people:
        if person.role is None or person.current is None:
            continue
        known = coverage.get(person.role.id, RoleCoverage(person.role, 0, 0))
        meets = not person.current.to_acquire
        coverage[person.role.id] = RoleCoverage(known.role, known.people + 1, known.meeting_fully + meets)
    return tuple(sorted(coverage.values(), key=lambda c: (c.role.level, c.role.id)))
