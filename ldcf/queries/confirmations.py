"""Which of a person's confirmed competences need signing off again, because the framework's definition of them
is no longer the one the manager confirmed (`ldcf.framework.confirmations`)."""

from __future__ import annotations

from typing import Any, NamedTuple

from ldcf.framework.confirmations import confirmation_stands, edition_of, is_confirmed
from ldcf.framework.entities import Competence, Record
from ldcf.framework.lookups import Framework, UnknownName

# Why, when only the digest of what was confirmed is known: not which of code and title changed.
UNLIKE_CONFIRMED = "the framework's code and title for it are not those confirmed"


class Reconfirmation(NamedTuple):
    """A confirmed entry whose competence the framework now defines differently: who confirmed it, when, and
    what changed, in words."""

    competence: Competence  # as the framework defines it now
    held_as: str  # the code (or alias) the record holds it by
    confirmed_by: str | None
    confirmed_on: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.competence.brief(),
            "held_as": self.held_as,
            "confirmed_by": self.confirmed_by,
            "confirmed_on": self.confirmed_on,
            "reason": self.reason,
        }


def _find(framework: Framework, code: str) -> Competence | None:
    try:
        return framework.find_competence(code)
    except UnknownName:
        return None


def _what_changed(before: Competence, now: Competence) -> str:
    changes = []
    if before.key != now.key:
        changes.append(f"{before.key} is now {now.key}")
    if before.title != now.title:
        changes.append(f"now titled {now.title!r}, was {before.title!r}")
    return "; ".join(changes)


def to_reconfirm(framework: Framework, record: Record, previous: Framework | None = None) -> tuple[Reconfirmation, ...]:
    """The record's confirmed entries that need signing off again in `framework`'s edition. An entry is judged
    by the definition its confirmation recorded (`confirmed_edition`); one without, when the `previous` edition
    is given, by that edition's definition, as confirmed in it; otherwise it is taken as it stands."""
    found = []
    for entry in record.held:
        if not is_confirmed(entry):
            continue
        now = _find(framework, entry.code)
        if now is None:
            continue  # a code the edition does not know is the record's own problem, reported as such
        before = _find(previous, entry.code) if previous is not None else None
        confirmed = entry.confirmed_edition or (edition_of(before) if before is not None else None)
        if confirmed is None or confirmation_stands(confirmed, now):
            continue
        reason = (_what_changed(before, now) if before is not None else "") or UNLIKE_CONFIRMED
        found.append(Reconfirmation(now, entry.code, entry.confirmed_by, entry.confirmed_on, reason))
    return tuple(found)
