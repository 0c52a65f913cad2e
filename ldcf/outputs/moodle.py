"""The framework as a Moodle competency framework: the CSV file that Moodle's "Import competency framework" tool
(admin/tool/lpimportcsv) reads, and Totara reads the same file.

The columns are those the tool's exporter writes, in its order, under the English headers it writes. The first
row after the header is the framework, carrying the rating scale (not yet competent, competent) and its
configuration; every other row is a competence or a group of them, found by its ID number and placed under its
parent's. Groups make the tree browsable: a Career Framework level, then the core of that level and each role at
it. Each competence appears exactly once, its NOS code as its ID number, under the first place the framework
gives it, going up the levels (at each, the core, then each role that lists it); its description names every
place it has.

Pure: the command line writes what this returns."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from ldcf.framework.edition import Edition

if TYPE_CHECKING:
    from ldcf.framework.entities import Competence, Role
    from ldcf.framework.lookups import Framework

# Moodle's English column headers (tool_lpimportcsv's language strings), in the order its exporter writes them.
HEADERS = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
FORMAT_PLAIN = "2"  # Moodle's FORMAT_PLAIN: descriptions are plain text, line breaks kept
SCALE = ("Not yet competent", "Competent")
# Moodle's scale configuration: the scale first (the importer puts in the id of the scale it finds or makes for
# the values above), then each value by its place: the default given on completion, and whether it is proficient.
SCALE_CONFIGURATION = json.dumps(
    [
        {"scaleid": "0"},
        {"id": 1, "scaledefault": 0, "proficient": 0},
        {"id": 2, "scaledefault": 1, "proficient": 1},
    ],
    separators=(",", ":"),
)
TAXONOMY = "level,domain,competency"  # what each depth of the tree is called: levels, groups, competences
MOST_CHARACTERS = 100  # Moodle keeps at most 100 characters of an ID number or short name

Row = tuple[str, ...]


def _row(parent: str, idnumber: str, shortname: str, description: str) -> Row:
    return (parent, idnumber, _short(shortname), description, FORMAT_PLAIN, "", "", "", "", "", "", "", "", "")


def _short(text: str) -> str:
    """Text within Moodle's 100 characters, cut at a word with an ellipsis (the description keeps it whole)."""
    if len(text) <= MOST_CHARACTERS:
        return text
    return text[: MOST_CHARACTERS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def idnumber(name: str) -> str:
    """An ID number within Moodle's 100 characters: a long one is shortened, with a digest of the whole to keep
    it apart from others."""
    if len(name) <= MOST_CHARACTERS:
        return name
    return f"{name[: MOST_CHARACTERS - 9]}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def competence_idnumber(competence: Competence) -> str:
    """A NOS by its code; a competence without one by its id."""
    return idnumber(competence.key)


def framework_idnumber(editions: list[Edition], data_digest: str) -> str:
    """The framework's ID number: its base edition's date and the content's digest, so that another edition, or
    the same one with local additions, imports as a framework of its own beside it."""
    dated = f"LDCF-{editions[0].date}-" if editions else "LDCF-"
    return f"{dated}{data_digest[:8]}"


def moodle_table(framework: Framework, version: str, data_digest: str) -> tuple[tuple[str, ...], list[Row]]:
    """The header and rows of a Moodle competency framework CSV file."""
    editions = list(framework.editions.values())
    places = _places(framework)
    description = "\n".join(
        [
            *(f"Edition: {edition.label}." for edition in editions),
            *(f"Also follows: {label}." for edition in editions for label in edition.revision_labels()),
            "Career Framework levels, the Liaison and Diversion roles at each level, and the National Occupational "
            "Standards (NOS) they need. Each NOS appears once, its code as its ID number, under the first place the "
            "framework gives it; its description names every place it has.",
            # No data folder: a folder's path says nothing to a learning system's users and names someone's disk.
            f"Exported by ldcf {version}; digest of the framework's content: {data_digest}.",
        ]
    )
    framework_row: Row = (
        "",
        framework_idnumber(editions, data_digest),
        _short(editions[-1].name if editions else "Liaison and Diversion Career and Competence Framework"),
        description,
        FORMAT_PLAIN,
        ",".join(SCALE),
        SCALE_CONFIGURATION,
        "",
        "",
        "",
        "",
        "",
        "1",
        TAXONOMY,
    )
    rows: list[Row] = [framework_row]
    placed: set[str] = set()

    def place(parent: str, competences: list[Competence]) -> list[Row]:
        fresh = [c for c in competences if c.key not in placed]
        placed.update(c.key for c in fresh)
        return [_row(parent, competence_idnumber(c), c.title, _description(c, places[c.key])) for c in fresh]

    for number, level in framework.levels.items():
        level_id = f"LEVEL-{number}"
        under_level: list[Row] = []
        core = place(f"{level_id}-CORE", list(framework.core_competences(number)))
        if core:
            summary = f"The NOS core at Career Framework level {number}: every role at this level holds them."
            under_level += [_row(level_id, f"{level_id}-CORE", f"Core at level {number}", summary), *core]
        for role in framework.roles_at(number):
            listed = [h.competence for h in framework.holdings(role) if h.category != "core"]
            role_id = idnumber(f"ROLE-{role.id}")
            own = place(role_id, listed)
            if own:
                under_level += [_row(level_id, role_id, role.title, _role_description(role)), *own]
        if under_level:
            title = f"Level {number}: {level.indicative_title}"
            rows += [_row("", level_id, title, level.ld_descriptor or level.descriptor), *under_level]
    unplaced = [c for key, c in framework.competences.items() if key not in placed]
    if unplaced:
        rows.append(_row("", "OTHER", "Other competences", "Competences of the framework that no role holds."))
        rows += place("OTHER", unplaced)
    return HEADERS, rows


def _places(framework: Framework) -> dict[str, list[str]]:
    """Every place each competence has in the framework, in words, by key."""
    places: dict[str, list[str]] = {key: [] for key in framework.competences}
    for key, competence in framework.competences.items():
        if competence.core_levels:
            levels = ", ".join(map(str, competence.core_levels))
            places[key].append(f"Core at Career Framework level(s) {levels}: every role at those levels holds it.")
    for role in framework.roles.values():
        for holding in framework.holdings(role):
            if holding.category != "core":
                places[holding.competence.key].append(
                    f"{holding.category.capitalize()} for the {role.title} (level {role.level})."
                )
    return places


def _description(competence: Competence, places: list[str]) -> str:
    lines = [competence.title]
    if competence.code:
        lines.append(f"National Occupational Standard {competence.code}.")
    else:
        lines.append("A competence the framework names without a NOS code.")
    if competence.body:
        lines.append(f"Standard-setting body: {competence.body}.")
    if competence.url:
        lines.append(f"Standard: {competence.url}")
    return "\n".join([*lines, *places])


def _role_description(role: Role) -> str:
    lead = f"The role-specific and locality-specific competences of the {role.title} (Career Framework level "
    lead += f"{role.level}), beyond the core of its level."
    return "\n".join(part for part in (lead, role.scope or "") if part)
