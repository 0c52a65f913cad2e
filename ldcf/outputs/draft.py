"""A starting overlay from a job description's suggestions: a local role based on the national role that fits it
best, with the job description's own parts in the role's own fields (title and reporting lines, band, purpose,
duties under their headings with the NOS each matched, person specification) and, as locality-specific, only the
matched NOS that the base role does not hold. Duties that matched no NOS stay duties. YAML for people to edit,
each value a JSON string (valid YAML, on one line), with comments that say what to check."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ldcf.queries.job_description import AREAS, Item
from ldcf.queries.suggest import CoveringRole, LineSuggestions, Suggestions
from ldcf.render.blocks import clean

ROLES_FOLDER = "roles"
_DRAFTED_PARTS = ("purpose", "duties", "person")
_SMALL_WORDS = frozenset(("and", "of", "the", "for", "to", "in", "on", "at", "a", "an", "or", "with"))
_FIELD_ORDER = ("employer", "location", "area_of_work", "accountable_to", "reports_to", "responsible_for")
_COMMENT_WIDTH = 116


class Draft(NamedTuple):
    """The overlay's files by path, what was drafted and what a person should check, in plain words."""

    files: dict[str, str]
    drafted: tuple[str, ...]
    to_check: tuple[str, ...]


def _shown(text: str) -> str:
    """Text on one line, safe to show: control characters removed, invisible ones as escapes."""
    printable = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in clean(text))
    return " ".join(printable.split())


def _quoted(text: str) -> str:
    return json.dumps(_shown(text), ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(_shown(text), _COMMENT_WIDTH - len(indent) - 2)]


def _title_case(text: str) -> str:
    """An upper-case title ("LIAISON AND DIVERSION SENIOR PRACTITIONER") as a title is usually written."""
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(word if index and word in _SMALL_WORDS else word.capitalize() for index, word in enumerate(words))


def _groups(items: Iterable[Item]) -> list[tuple[str | None, list[Item]]]:
    """Duties in runs under the same heading, in the job description's order."""
    groups: list[tuple[str | None, list[Item]]] = []
    for item in items:
        if groups and groups[-1][0] == item.heading:
            groups[-1][1].append(item)
        else:
            groups.append((item.heading, [item]))
    return groups


def _where(line: LineSuggestions) -> str:
    return f"{line.label} (line {line.number})" if line.label[:1].isdigit() else f"line {line.number}"


def make_draft(
    found: Suggestions, role_id: str, held: set[str], source: str, is_role_name: Callable[[str], bool]
) -> Draft:
    """The draft of a local role `role_id` based on the best covering role of `found`, whose competences (by
    key) are `held`; `source` names the job description; `is_role_name` says whether a title is taken."""
    from ldcf.reading.models import AFC_BANDS

    job, fit = found.job, found.fit
    chosen = found.roles[0]
    base = chosen.role
    drafted_lines = [line for line in found.lines if line.part in _DRAFTED_PARTS]

    # Locality-specific: the matched NOS the base role does not hold, with the lines that matched them.
    added: dict[str, list[LineSuggestions]] = {}
    for line in drafted_lines:
        if line.match and line.match.competence.key not in held:
            added.setdefault(line.match.competence.key, []).append(line)

    stated_title = job.fields.get("title", ("", 0))[0]
    title = _title_case(_shown(stated_title)) if stated_title else ""
    title_note = ""
    if not title:
        title_note = "no job title in a labelled field ('Job title: ...'), so the title is made from the role id"
    elif is_role_name(title):
        title_note = f"the job title {title!r} is the name of a role already, so the title is made from the role id"
        title = ""
    title = title or role_id.replace("-", " ").capitalize()

    band = fit.band
    band_value = band.value if band and band.value in AFC_BANDS else None

    why = _why(found, chosen)
    to_check = _to_check(found, chosen, added, title_note)
    role = [
        *_comment(f"A draft from `ldcf suggest` of {source}: check every line against the job description."),
        *_comment(f"Based on {base.title} ({base.id}, level {base.level}): {why}"),
        "# To check by hand:",
        *[line for note in to_check for line in _comment(f"- {note}")],
        f"id: {role_id}",
        f"title: {_quoted(title)}",
        f"based_on: {base.id}",
        "source:",
        f"  document: {_quoted(source)}",
    ]
    for name in _FIELD_ORDER:
        if name in job.fields:
            role.append(f"{name}: {_quoted(job.fields[name][0])}")
        if name == "location" and band_value and band:
            shown = band_value if not band_value.isdigit() else int(band_value)
            role.append(f"afc_band: {json.dumps(shown)}  # as stated (line {band.line}): a band does not set a level")

    purpose = job.part("purpose")
    if purpose:
        role.append("purpose:")
        role += [f"  - {_quoted(item.text)}" for item in purpose]
    duties, mapped = _duties(job.part("duties"), {line.number: line for line in found.lines})
    role += duties
    role += _person_specification(job.part("person"), job.columns)
    if added:
        role += [
            *_comment(f"Matched NOS that {base.title} does not hold, each with the lines that matched it."),
            "locality_specific:",
            "  - competences:",
        ]
        for key, lines in added.items():
            title_of = next((line.match.competence.title for line in lines if line.match), "")
            where = ", ".join(_where(line) for line in lines[:3]) + (" ..." if len(lines) > 3 else "")
            role.append(f"      - {_quoted(key)}  # {_shown(title_of)}: {where}")

    drafted = _drafted(found, chosen, role_id, title, why, mapped, added, band_value)
    return Draft({f"{ROLES_FOLDER}/{role_id}.yaml": "\n".join(role) + "\n"}, drafted, to_check)


def _duties(items: list[Item], by_line: dict[int, LineSuggestions]) -> tuple[list[str], int]:
    """`duties:` in the job description's groups, each naming the NOS its line matched; and how many do."""
    groups = _groups(items)
    if not groups:
        return [], 0
    lines = [
        "# Each duty names the NOS it matched (score of at least the match score), where it matched one: a",
        "# suggestion from the words, to confirm by reading the NOS (ldcf competence show CODE).",
        "duties:",
    ]
    mapped = 0
    for heading, group in groups:
        lines += [f"  - heading: {_quoted(heading)}", "    duties:"] if heading else ["  - duties:"]
        for item in group:
            if item.label[:1].isdigit():
                lines.append(f"      # {_shown(item.label)}")
            lines.append(f"      - text: {_quoted(item.text)}")
            scored = by_line.get(item.line)
            if scored is not None and scored.match:
                mapped += 1
                nos, score = scored.match.competence, scored.match.score
                lines.append(f"        competences: [{_quoted(nos.key)}]  # {_shown(nos.title)} (score {score})")
    return lines, mapped


def _person_specification(items: list[Item], columns: bool) -> list[str]:
    """`person_specification:` by area, essential then desirable."""
    if not items:
        return []
    lines = ["person_specification:"]
    if columns:
        lines += _comment(
            "The extracted text loses the Essential and Desirable columns: they were told apart by where lines "
            "wrap, the Desirable column being the narrower. A requirement short enough for either column is "
            "marked 'column guessed'.",
            "  ",
        )
    for area in AREAS:
        in_area = [item for item in items if item.area == area]
        if in_area:
            lines.append(f"  {area}:")
        for column in ("essential", "desirable"):
            listed = [item for item in in_area if item.column == column]
            if listed:
                lines.append(f"    {column}:")
            for item in listed:
                guessed = "  # column guessed: essential or desirable?" if item.guessed else ""
                lines.append(f"      - {_quoted(item.text)}{guessed}")
    return lines


def _why(found: Suggestions, chosen: CoveringRole) -> str:
    """Why the base role was chosen, in plain words."""
    fit = found.fit
    counted = f", counted as {chosen.counted:g}" if chosen.weight != 1 else ""
    why = f"its competences cover {chosen.covered} of the {chosen.matched} matched duties{counted}; {fit.reason}"
    others = [
        f"{other.role.title} (level {other.role.level}) covers {other.covered}"
        + (f", counted as {other.counted:g}" if other.weight not in (0, 1) else "")
        + (", ranked after for its level" if other.weight == 0 else "")
        for other in found.roles[1:]
    ]
    return why + (f". Next: {'; '.join(others)}." if others else ".")


def _drafted(
    found: Suggestions,
    chosen: CoveringRole,
    role_id: str,
    title: str,
    why: str,
    mapped: int,
    added: dict[str, list[LineSuggestions]],
    band: str | None,
) -> tuple[str, ...]:
    job, base = found.job, chosen.role
    notes = [
        f"the local role {role_id}, {title!r}, based on {base.title} ({base.id}), whose level ({base.level}) and "
        "competences it takes",
        f"why {base.title}: {why}",
    ]
    purpose = job.part("purpose")
    purpose_headings = sorted({item.heading for item in purpose if item.heading})
    notes.append(
        f"purpose: {len(purpose)} lines, from {', '.join(repr(h) for h in purpose_headings) or 'the job description'}"
        if purpose
        else "purpose: none (no heading such as 'Job purpose', 'Job summary' or 'Job overview')"
    )
    duties = job.part("duties")
    headings = [heading for heading, _ in _groups(duties) if heading]
    notes.append(
        f"duties: {len(duties)}, under {len(headings)} of the job description's headings; {mapped} name the NOS "
        "they matched, the others none"
        if duties
        else "duties: none found"
    )
    person = job.part("person")
    if person:
        essential = sum(item.column == "essential" for item in person)
        areas = sorted({item.area or "" for item in person}, key=lambda area: AREAS.index(area) if area else 0)
        notes.append(
            f"person specification: {len(person)} requirements ({essential} essential, {len(person) - essential} "
            f"desirable) in {', '.join(areas)}"
        )
    else:
        notes.append("person specification: none (no heading such as 'Person specification' or 'Qualifications')")
    notes.append(
        f"locality-specific: {len(added)} matched NOS that {base.title} does not hold: {', '.join(added)}"
        if added
        else f"locality-specific: none, since {base.title} holds every matched NOS"
    )
    if band:
        notes.append(f"afc_band: {band}, as stated; recorded only, since a band does not set a level")
    fields = [name for name in ("title", *_FIELD_ORDER) if name in job.fields]
    if fields:
        notes.append(f"from the job description's labelled fields: {', '.join(fields)}")
    return tuple(_shown(note) for note in notes)


def _to_check(
    found: Suggestions, chosen: CoveringRole, added: dict[str, list[LineSuggestions]], title_note: str
) -> tuple[str, ...]:
    from ldcf.reading.models import AFC_BANDS

    job, base = found.job, chosen.role
    notes = []
    others = [other.role.id for other in found.roles[1:]]
    compare = f" (ldcf gap {base.id} {others[0]})" if others else ""
    notes.append(
        f"the base role and so the level: does {base.title} at level {base.level} fit the post? Compare it with "
        f"{' and '.join(others) or 'the roles of the levels around it'}{compare}, and change based_on if another "
        "fits better"
    )
    mapped = sum(1 for line in found.lines if line.part == "duties" and line.match)
    notes.append(
        f"the NOS suggested ({mapped} named on duties, {len(added)} locality-specific) come from matching words, "
        "not from reading the standards: keep only those the post needs (ldcf competence show CODE), and add any "
        "missed (ldcf competence search WORDS)"
    )
    unmatched = sum(1 for line in found.lines if line.part == "duties" and not line.match)
    if unmatched:
        notes.append(
            f"the {unmatched} duties that matched no NOS stay duties without competences: many (policies, "
            "contracts, 'the post holder may be required to ...') need none; a few may restate a NOS the "
            "matching missed"
        )
    if job.part("purpose"):
        notes.append("the purpose lines: keep those about the post, not about the service or the organisation")
    person = job.part("person")
    if job.columns:
        guessed = sum(item.guessed for item in person)
        notes.append(
            "essential and desirable: the job description's two columns were told apart by where their lines "
            f"wrap; {guessed} short requirements fit either and are marked 'column guessed'"
        )
    elif person:
        notes.append(
            "essential and desirable: the job description gives no columns, so a requirement is essential unless "
            "it says desirable, an advantage, valuable or preferred"
        )
    if title_note:
        notes.append(f"the title: {title_note}")
    if job.band and job.band.value not in AFC_BANDS:
        notes.append(
            f"the band: {job.band.words!r} (line {job.band.line}) names no Agenda for Change band: not recorded"
        )
    left_out = [heading for heading, part, _ in job.headings if part == "other"]
    shown = ", ".join(repr(_shown(heading)) for heading in left_out[:4]) + (" ..." if len(left_out) > 4 else "")
    notes.append(
        f"what was left out: {job.left_out} headings, labelled fields and introductions to lists"
        + (f", and the text under {shown}" if left_out else "")
        + "; add back anything the role needs"
    )
    return tuple(_shown(note) for note in notes)
