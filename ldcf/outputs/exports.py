"""The framework for other systems: whole and resolved as JSON (with a published schema), as one CSV table per
entity, and as a 1EdTech CASE 1.0 package for competency registries and learning systems. Each names the
framework's edition. (Moodle's CSV is `ldcf.outputs.moodle`.)

Pure: the command line writes what these return. Identifiers in the CASE package are UUIDs derived from the
data's own ids (uuid5), so two exports of the same data are identical and an item keeps its identifier when it
changes; given the previous edition, the package says which of its competences each recoded one replaced."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any

from ldcf.framework.edition import editions_label
from ldcf.framework.entities import CATEGORIES, Category, Competence, Role, as_data
from ldcf.framework.lookups import Framework

EXPORT_FORMAT = "ldcf framework export 1"


# Whole framework, resolved --------------------------------------------------------------------------------------


def framework_document(framework: Framework) -> dict[str, Any]:
    """Every level, competence and role as the framework holds them: roles with the level and fields they
    inherit through `based_on`, and every competence they hold (the core of their level included) by category."""
    return {
        "format": EXPORT_FORMAT,
        "data_folders": list(framework.origins.layers),
        "editions": [{"folder": folder, **edition.to_dict()} for folder, edition in framework.editions.items()],
        "levels": [
            {**as_data(level), "core": [c.key for c in framework.core_competences(number)]}
            for number, level in framework.levels.items()
        ],
        "competences": [
            {**as_data(competence), "key": competence.key, "origin": framework.origins.competences.get(key, "")}
            for key, competence in framework.competences.items()
        ],
        "roles": [
            {
                **as_data(role),
                "origin": framework.origins.roles.get(role.id, ""),
                "holdings": [
                    {"key": h.competence.key, "code": h.competence.code, "category": h.category, "origin": h.origin}
                    for h in framework.holdings(role)
                ],
            }
            for role in framework.roles.values()
        ],
    }


def framework_tables(framework: Framework) -> dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]:
    """One table per entity, by file name: headers and rows, for spreadsheets and databases."""
    return {
        "levels.csv": (
            ("level", "indicative_title", "descriptor", "ld_descriptor"),
            [(lv.level, lv.indicative_title, lv.descriptor, lv.ld_descriptor) for lv in framework.levels.values()],
        ),
        "competences.csv": (
            ("key", "code", "id", "title", "body", "url", "core_levels", "aliases", "source"),
            [
                (
                    c.key,
                    c.code,
                    c.id,
                    c.title,
                    c.body,
                    c.url,
                    " ".join(map(str, c.core_levels)),
                    "; ".join(c.aliases),
                    c.source,
                )
                for c in framework.competences.values()
            ],
        ),
        "roles.csv": (
            ("id", "title", "level", "based_on", "employer", "location", "afc_band", "source", "source_date"),
            [
                (
                    r.id,
                    r.title,
                    r.level,
                    r.based_on,
                    r.employer,
                    r.location,
                    r.afc_band,
                    r.source.document,
                    r.source.date,
                )
                for r in framework.roles.values()
            ],
        ),
        "role_competences.csv": (
            ("role", "key", "code", "category", "origin"),
            [
                (role.id, h.competence.key, h.competence.code, h.category, h.origin)
                for role in framework.roles.values()
                for h in framework.holdings(role)
            ],
        ),
    }


def _competence_row(c: Competence) -> tuple[object, ...]:
    core_levels = " ".join(map(str, c.core_levels))
    return (c.key, c.code, c.id, c.title, c.body, c.url, core_levels, "; ".join(c.aliases), c.source)


def _role_row(r: Role) -> tuple[object, ...]:
    return (r.id, r.title, r.level, r.based_on, r.employer, r.location, r.afc_band, r.source.document, r.source.date)


# CASE 1.0 ------------------------------------------------------------------------------------------------------

# Every identifier is derived from this namespace and an item's own id.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ldcf:liaison-and-diversion-career-and-competence-framework")
FRAMEWORK_TITLE = "Liaison and Diversion Career and Competence Framework"
FRAMEWORK_CREATOR = "Skills for Health for NHS England"
ITEM_TYPES = {
    "level": ("Career Framework level", "A level of the Career Framework, with its descriptor.", "1"),
    "role": ("Role", "A Liaison and Diversion role profile.", "2"),
    "nos": ("National Occupational Standard", "A competence: a National Occupational Standard, by its code.", "3"),
    "local": ("Competence without a NOS code", "A competence the sources name without a NOS code.", "3.1"),
    "printed": ("Code as printed", "Another code a source document prints for the same NOS.", "3.2"),
}
GROUPINGS = {category: f"{category.capitalize()} competences of a role" for category in CATEGORIES}
_CODE_LIKE = re.compile(r"[A-Z][A-Z0-9_&.]*[A-Z0-9]")


def _id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _link(identifier: str, title: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": f"urn:uuid:{identifier}"}


def _date_time(date: str) -> str:
    """A source date (YYYY, YYYY-MM or YYYY-MM-DD) as a CASE dateTime, at its first day."""
    parts = [*date.split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00+00:00"


def _last_change(framework: Framework, override: str | None) -> str:
    """When the framework last changed: the newest date its sources give, or the date the builder gives."""
    if override:
        return _date_time(override)
    dates = sorted(role.source.date for role in framework.roles.values() if role.source.date)
    return _date_time(dates[-1]) if dates else "1970-01-01T00:00:00+00:00"


def competence_identifier(competence: Competence) -> str:
    """The identifier of a competence's CFItem, the same in every export of every edition that keeps its key."""
    return _id("nos" if competence.code else "local", competence.key)


def case_package(
    framework: Framework,
    version: str,
    data_digest: str,
    date: str | None = None,
    previous: Framework | None = None,
) -> dict[str, Any]:
    """The framework as a CASE 1.0 CFPackage: levels, roles and competences as CFItems; a role isChildOf its
    level, a competence isPartOf each role that holds it (grouped by category), a level precedes the next, and a
    code printed differently in the sources is an exactMatchOf its NOS. Given the `previous` edition, each of its
    competences that this one recodes or replaces (the new one knows the old key as an alias) is replacedBy the
    new one: the old item, not in this package, by its identifier."""
    document, items, associations, definitions = _case_parts(framework, version, data_digest, date, previous)
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": list(associations),
        "CFDefinitions": definitions,
    }


def case_package_json(
    framework: Framework,
    version: str,
    data_digest: str,
    date: str | None = None,
    previous: Framework | None = None,
) -> Iterator[bytes]:
    """`case_package` as compact JSON (UTF-8, a newline at the end), the bytes of `json.dumps(package,
    ensure_ascii=False, separators=(",", ":"))`, made a part at a time: at national scale a package holds hundreds
    of thousands of associations, and neither they nor the text of all of them are held at once."""
    import json

    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    document, items, associations, definitions = _case_parts(framework, version, data_digest, date, previous)
    yield f'{{"CFDocument":{dumps(document)},"CFItems":['.encode()
    yield from _joined(map(dumps, items))
    yield b'],"CFAssociations":['
    yield from _joined(map(dumps, associations))
    yield f'],"CFDefinitions":{dumps(definitions)}}}\n'.encode()


def _joined(texts: Iterator[str], batch: int = 2000) -> Iterator[bytes]:
    """`",".join(texts)` encoded, a batch of texts at a time."""
    first = True
    while chunk := list(itertools.islice(texts, batch)):
        yield ("" if first else ",").encode() + ",".join(chunk).encode()
        first = False


def _case_parts(
    framework: Framework, version: str, data_digest: str, date: str | None, previous: Framework | None
) -> tuple[dict[str, Any], list[dict[str, Any]], Iterator[dict[str, Any]], dict[str, Any]]:
    """The package's CFDocument, CFItems, CFAssociations (made as they are taken, after the items) and
    CFDefinitions."""
    changed = _last_change(framework, date)
    document_id = _id("document", FRAMEWORK_TITLE)
    type_ids = {kind: _id("item-type", kind) for kind in ITEM_TYPES}
    grouping_ids = {category: _id("grouping", category) for category in CATEGORIES}
    items: list[dict[str, Any]] = []
    titles: dict[str, str] = {}

    def item(kind: str, key: str, statement: str, coding: str | None = None, **more: Any) -> str:
        identifier = _id(kind, key)
        entry = {
            "identifier": identifier,
            "uri": f"urn:uuid:{identifier}",
            "fullStatement": statement,
            "CFItemType": ITEM_TYPES[kind][0],
            "CFItemTypeURI": _link(type_ids[kind], ITEM_TYPES[kind][0]),
            "language": "en",
            "lastChangeDateTime": changed,
            **({"humanCodingScheme": coding} if coding else {}),
            **{name: value for name, value in more.items() if value},
        }
        items.append(entry)
        titles[identifier] = statement
        return identifier

    level_ids = {
        number: item(
            "level",
            str(number),
            level.ld_descriptor or level.descriptor,
            f"Level {number}",
            abbreviatedStatement=level.indicative_title,
        )
        for number, level in framework.levels.items()
    }
    competence_ids: dict[str, str] = {}
    printed_ids: list[tuple[str, str]] = []
    for key, competence in framework.competences.items():
        competence_ids[key] = _competence_item(item, competence)
        for alias in competence.aliases:
            if _CODE_LIKE.fullmatch(alias) and alias != competence.code:
                printed = item("printed", f"{key}:{alias}", competence.title, alias)
                printed_ids.append((printed, competence_ids[key]))
    role_ids = {role.id: _role_item(item, role) for role in framework.roles.values()}

    def associate(
        kind: str, origin: str, destination: str, grouping: Category | None = None, sequence: int = 0
    ) -> dict[str, Any]:
        identifier = _id("association", f"{kind}:{origin}:{destination}:{grouping}")
        entry: dict[str, Any] = {
            "identifier": identifier,
            "uri": f"urn:uuid:{identifier}",
            "associationType": kind,
            "originNodeURI": _link(origin, titles[origin]),
            "destinationNodeURI": _link(destination, titles[destination]),
            "lastChangeDateTime": changed,
        }
        if grouping is not None:
            entry["CFAssociationGroupingURI"] = _link(grouping_ids[grouping], GROUPINGS[grouping])
        if sequence:
            entry["sequenceNumber"] = sequence
        return entry

    def associations() -> Iterator[dict[str, Any]]:
        for role in framework.roles.values():
            yield associate("isChildOf", role_ids[role.id], level_ids[role.level])
            for sequence, holding in enumerate(framework.holdings(role), start=1):
                yield associate(
                    "isPartOf", competence_ids[holding.competence.key], role_ids[role.id], holding.category, sequence
                )
        # A level precedes the next: the roles a role may move on to are those of the level its level precedes, said
        # once per level rather than once per pair of roles, which grows with the square of the roles.
        numbers = sorted(level_ids)
        for lower, higher in itertools.pairwise(numbers):
            yield associate("precedes", level_ids[lower], level_ids[higher])
        for printed, same in printed_ids:
            yield associate("exactMatchOf", printed, same)
        if previous is not None:
            from ldcf.queries.diff import recoded

            for old_key, new_key in recoded(previous, framework).items():
                old = previous.competences[old_key]
                titles[competence_identifier(old)] = old.title
                yield associate("replacedBy", competence_identifier(old), competence_ids[new_key])

    editions = list(framework.editions.values())
    document = {
        "identifier": document_id,
        "uri": f"urn:uuid:{document_id}",
        "creator": FRAMEWORK_CREATOR,
        "title": FRAMEWORK_TITLE,
        "lastChangeDateTime": changed,
        "language": "en",
        "version": "; ".join(f"{e.edition} ({e.date})" for e in editions) or data_digest[:12],
        **({"publisher": editions[0].publisher} if editions else {}),
        "description": "Career Framework levels, the Liaison and Diversion roles at each level, and the National "
        "Occupational Standards each role needs.",
        "notes": f"Edition: {editions_label(editions)}."
        + "".join(f" Also follows: {label}." for e in editions for label in e.revision_labels())
        + f" Exported by ldcf {version}; SHA-256 digest of the framework's content: {data_digest}.",
    }
    definitions = {
        "CFConcepts": [],
        "CFSubjects": [],
        "CFLicenses": [],
        "CFItemTypes": [
            {
                "identifier": type_ids[kind],
                "uri": f"urn:uuid:{type_ids[kind]}",
                "title": title,
                "description": description,
                "hierarchyCode": hierarchy,
                "lastChangeDateTime": changed,
            }
            for kind, (title, description, hierarchy) in ITEM_TYPES.items()
        ],
        "CFAssociationGroupings": [
            {
                "identifier": grouping_ids[category],
                "uri": f"urn:uuid:{grouping_ids[category]}",
                "title": title,
                "lastChangeDateTime": changed,
            }
            for category, title in GROUPINGS.items()
        ],
    }
    return document, items, associations(), definitions


def _competence_item(item: Any, competence: Competence) -> str:
    kind = "nos" if competence.code else "local"  # as competence_identifier
    notes = "; ".join(part for part in (competence.body, competence.url) if part)
    result: str = item(kind, competence.key, competence.title, competence.code, notes=notes)
    return result


def _role_item(item: Any, role: Role) -> str:
    result: str = item("role", role.id, role.title, role.id, notes=role.scope or None)
    return result
