"""Building the framework from validated files: merging the data folders, resolving `based_on`, and running
the checks of `ldcf.rules` over the result."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ldcf.framework.entities import Role, inherit
from ldcf.framework.lookups import Framework, NameIndex, Origins
from ldcf.framework.naming import role_key
from ldcf.reading.models import plain
from ldcf.rules.based_on import BASED_ON_CYCLE, BASED_ON_LEVEL_MISMATCH, UNKNOWN_BASED_ON
from ldcf.rules.definitions import CONFLICTING_DEFINITION, DEFINED_TWICE
from ldcf.rules.problems import DataPath, Finding, Severity

if TYPE_CHECKING:
    from ldcf.reading import models
    from ldcf.reading.edition_models import EditionFile

GroupOrigins = tuple[tuple[str, ...], tuple[str, ...]]  # the folder of each role-specific, then locality group


@dataclass(frozen=True)
class Layer:
    """One data folder's validated contents: the national base, or a local overlay on it."""

    label: str  # how provenance names the folder
    is_base: bool
    levels_file: str
    levels: models.LevelsFile | None
    competences: Sequence[tuple[str, models.CompetencesFile]]  # (file, contents) of each valid competences file
    roles: Sequence[tuple[str, models.RoleFile]]
    competences_invalid: bool = False
    edition: EditionFile | None = None  # the folder's edition.yaml, where it has one


@dataclass(frozen=True)
class Defined:
    """A definition (an entity), where it was made, and in which layer."""

    value: Any
    file: str
    path: DataPath
    layer: Layer


class ResolvedRole(NamedTuple):
    role: Role
    group_origins: GroupOrigins


@dataclass(frozen=True)
class Draft:
    """What the checks of `ldcf.rules` look at: the merged definitions and the roles as they inherit."""

    competences: dict[str, Defined]  # by code or id
    roles: dict[str, Defined]  # each role as its own file defines it, by id
    resolved: dict[str, ResolvedRole]  # the roles whose `based_on` resolved, as they stand on their base
    framework: Framework  # the levels and competences, for lookups
    references_checkable: bool  # every competences file is valid, so a reference that finds nothing is wrong


def build_framework(layers: Sequence[Layer]) -> tuple[Framework | None, list[Finding]]:
    """Merge the layers, check every cross-reference, and build the framework; None when a check that guards
    the build finds an error.

    Later layers add to earlier ones. The same level, competence or role defined identically in two layers is
    one definition; defined differently, it is an error naming both places.
    """
    from ldcf.rules import draft_checks

    findings: list[Finding] = []
    levels = _merge(
        ((layer, layer.levels_file, "levels", plain(layer.levels.levels), "level") for layer in layers if layer.levels),
        lambda level: level.level,
        "level {}",
        findings,
    )
    competences = _merge(
        (
            (layer, file, "competences", plain(model.competences), None)
            for layer in layers
            for file, model in layer.competences
        ),
        lambda competence: competence.key,
        "{}",
        findings,
    )
    roles = _merge(
        ((layer, file, "", (plain(model),), "id") for layer in layers for file, model in layer.roles),
        lambda role: role.id,
        "the role {}",
        findings,
    )
    origins = Origins(
        layers=tuple(layer.label for layer in layers),
        competences={key: defined.layer.label for key, defined in competences.items()},
        roles={role_id: defined.layer.label for role_id, defined in roles.items()},
        groups={},  # filled once the roles are resolved
    )
    catalogue = Framework([d.value for d in levels.values()], [d.value for d in competences.values()], (), origins)
    draft = Draft(
        competences,
        roles,
        _resolve_roles(roles, findings),
        catalogue,
        references_checkable=not any(layer.competences_invalid for layer in layers),
    )
    for check in draft_checks():
        findings.extend(check(draft))
    complete = any(layer.levels for layer in layers) and any(layer.competences for layer in layers)
    # Adjustable rules never guard the build: whether their errors count is for the folder's settings to say.
    if not complete or any(f.rule.severity is Severity.ERROR and not f.rule.adjustable for f in findings):
        return None, findings
    origins.groups.update({role_id: resolved.group_origins for role_id, resolved in draft.resolved.items()})
    resolved_roles = [resolved.role for resolved in draft.resolved.values()]
    editions = {layer.label: layer.edition.entity() for layer in layers if layer.edition is not None}
    built = Framework(catalogue.levels.values(), catalogue.competences.values(), resolved_roles, origins, editions)
    return built, findings


def _merge(
    definitions: Iterable[tuple[Layer, str, str, Sequence[Any], str | None]],
    key_of: Any,
    name: str,
    findings: list[Finding],
) -> dict[Any, Defined]:
    """Definitions by key, in order; a key defined twice in one folder, or differently in two, is an error.

    Each item of `definitions` is (layer, file, the field that lists the definitions or "" for a file of one,
    definitions, the field that identifies one, or None for a competence's code or id).
    """
    merged: dict[Any, Defined] = {}
    for layer, file, field_name, values, identity in definitions:
        for index, value in enumerate(values):
            key = key_of(value)
            identifier = identity or ("code" if value.code else "id")
            path: DataPath = (field_name, index, identifier) if field_name else (identifier,)
            earlier = merged.get(key)
            if earlier is None:
                merged[key] = Defined(value, file, path, layer)
            elif earlier.layer is layer:  # in one file, or in two files of one folder
                also = None if earlier.file == file else (earlier.file, earlier.path)
                findings.append(Finding(file, path, DEFINED_TWICE, f"{name.format(key)} is defined twice", also=also))
            elif earlier.value != value:
                message = f"{name.format(key)} is also defined, differently, in another folder"
                findings.append(Finding(file, path, CONFLICTING_DEFINITION, message, also=(earlier.file, earlier.path)))
    return merged


def _resolve_roles(roles: dict[str, Defined], findings: list[Finding]) -> dict[str, ResolvedRole]:
    """Each role as it stands on the role it is based on, with the folder of each group, by id.

    A role whose `based_on` names no role, or leads round in a cycle, is reported and left out. Roles are
    resolved along their chain without recursion, so that no chain is too long.
    """
    resolved: dict[str, ResolvedRole] = {}
    failed: set[str] = set()
    names: NameIndex[str] = NameIndex(role_key)
    for known in roles:
        names.add(known, known)
    for start in roles:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current not in resolved and current not in failed:
            if current in chain:
                _report_cycle(chain[chain.index(current) :], roles, findings)
                break
            chain.append(current)
            current = roles[current].value.based_on
            if current is not None and current not in roles:
                _report_unknown_base(chain[-1], current, roles, names, findings)
                break
        for role_id in reversed(chain):
            _resolve_one(role_id, roles, resolved, failed, findings)
    return resolved


def _resolve_one(
    role_id: str,
    roles: dict[str, Defined],
    resolved: dict[str, ResolvedRole],
    failed: set[str],
    findings: list[Finding],
) -> None:
    defined = roles[role_id]
    role: Role = defined.value
    own = ((defined.layer.label,) * len(role.role_specific), (defined.layer.label,) * len(role.locality_specific))
    if role.based_on is None:
        resolved[role_id] = ResolvedRole(role, own)
        return
    if role.based_on not in resolved:
        failed.add(role_id)
        return
    base, base_origins = resolved[role.based_on]
    if role.level is not None and role.level != base.level:
        findings.append(
            Finding(
                defined.file,
                ("level",),
                BASED_ON_LEVEL_MISMATCH,
                f"level {role.level} differs from level {base.level} of {base.id}, which this role is based on; "
                "leave level out to inherit it",
                also=(roles[base.id].file, ("level",)),
            )
        )
    resolved[role_id] = ResolvedRole(inherit(role, base), (base_origins[0] + own[0], base_origins[1] + own[1]))


def _report_cycle(cycle: list[str], roles: dict[str, Defined], findings: list[Finding]) -> None:
    for index, role_id in enumerate(cycle):
        following = cycle[index + 1 :] + cycle[: index + 1]
        path = " -> ".join((role_id, *following))
        other = None if len(cycle) == 1 else (roles[following[0]].file, ("based_on",))
        message = f"based_on goes round in a cycle: {path}"
        findings.append(Finding(roles[role_id].file, ("based_on",), BASED_ON_CYCLE, message, also=other))


def _report_unknown_base(
    role_id: str, base: str, roles: dict[str, Defined], names: NameIndex[str], findings: list[Finding]
) -> None:
    close = names.suggestions(base)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    message = f"based_on names no role: {base!r}{hint}"
    findings.append(Finding(roles[role_id].file, ("based_on",), UNKNOWN_BASED_ON, message))
