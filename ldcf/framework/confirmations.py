"""What a manager's confirmation confirmed: a digest of the competence's definition as it stood then.

A confirmation is a judgement about a competence as the framework defined it at the time. When an edition
retitles a competence, or replaces it with another under a new code, the judgement no longer says anything about
what the framework now asks for, and the person needs signing off again. A recode that keeps the title (the old
code kept as an alias) changes nothing a manager judged, so the confirmation stands.

The digest covers the code and the title: the two things a NOS is known by and that change when its meaning
does. A competence's source, awarding body or web address can change without changing what it asks of a person.
"""

from __future__ import annotations

import hashlib
import json
import re

from ldcf.framework.entities import Competence, Held

DIGEST = re.compile(r"[0-9a-f]{16}")


def definition_digest(code: str, title: str) -> str:
    """A short, stable digest of a competence's code and title: 16 lower-case hexadecimal digits."""
    # JSON keeps the two apart unambiguously: no title can shift a character into the code.
    text = json.dumps([code, title], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def edition_of(competence: Competence) -> str:
    """The digest a confirmation of `competence`, as defined now, records as its `confirmed_edition`."""
    return definition_digest(competence.key, competence.title)


def confirmation_stands(digest: str, competence: Competence) -> bool:
    """Whether a confirmation that recorded `digest` still holds for `competence` as defined now: its title is
    the same, under its code or under an old code it keeps as an alias."""
    return any(definition_digest(name, competence.title) == digest for name in (competence.key, *competence.aliases))


def is_confirmed(entry: Held) -> bool:
    """Whether a manager confirmed the entry (and did not later reject it)."""
    return bool(entry.confirmed_by or entry.confirmed_on) and not entry.rejected
