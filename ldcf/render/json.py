"""JSON forms of query results. The keys are a contract that scripts rely on: add keys, never rename them."""

from __future__ import annotations

import json
from functools import singledispatch
from typing import Any

from ldcf.entities import AFC_NOTE, Competence, Role
from ldcf.framework import Holding
from ldcf.gap import Gap, GapEntry
from ldcf.profiles import CompetenceList, CompetenceProfile, LevelList, LevelProfile, RoleList, RoleProfile
from ldcf.progression import Route
from ldcf.search import SearchResults
from ldcf.suggest import Suggestions


def _competence(competence: Competence) -> dict[str, Any]:
    return {"code": competence.code, "title": competence.title, "id": competence.key}


def _holding(holding: Holding) -> dict[str, Any]:
    entry = {
        **_competence(holding.competence),
        "category": holding.category,
        "body": holding.competence.body,
        "url": holding.competence.url,
        "source": holding.origin,
    }
    if holding.group is not None and (holding.group.principle or holding.group.function):
        entry["principle"] = holding.group.principle
        entry["function"] = holding.group.function
    return entry


def _role(role: Role) -> dict[str, Any]:
    return {"id": role.id, "title": role.title, "level": role.level}


@singledispatch
def to_json(result: object) -> Any:
    raise TypeError(f"no JSON form for {type(result).__name__}")


@to_json.register
def _(profile: RoleProfile) -> dict[str, Any]:
    role = profile.role
    return {
        **_role(role),
        "based_on": role.based_on,
        "employer": role.employer,
        "location": role.location,
        "afc_band": role.afc_band,
        **({"afc_note": AFC_NOTE} if role.afc_band else {}),
        "aliases": list(role.aliases),
        "indicative_title": profile.level.indicative_title,
        "descriptor": profile.level.ld_descriptor or profile.level.descriptor,
        "area_of_work": role.area_of_work,
        "scope": role.scope,
        "experience_required": list(role.experience_required),
        "competences": [_holding(holding) for holding in profile.holdings],
        "learning": role.learning._asdict() if role.learning else None,
        "cpd": role.cpd._asdict() if role.cpd else None,
        "source": role.source._asdict(),
    }


@to_json.register
def _(profile: LevelProfile) -> dict[str, Any]:
    level = profile.level
    return {
        "level": level.level,
        "indicative_title": level.indicative_title,
        "descriptor": level.descriptor,
        "ld_descriptor": level.ld_descriptor,
        "attributes": list(level.attributes),
        "core": [_competence(competence) for competence in profile.core],
        "roles": [{"id": role.id, "title": role.title} for role in profile.roles],
    }


@to_json.register
def _(profile: CompetenceProfile) -> dict[str, Any]:
    competence = profile.competence
    return {
        **_competence(competence),
        "url": competence.url,
        "body": competence.body,
        "aliases": list(competence.aliases),
        "core_levels": list(competence.core_levels),
        "document": competence.source,
        "source": profile.origin,
        "used_by": [{"role": use.role.id, "category": use.category} for use in profile.used_by],
    }


@to_json.register
def _(listing: RoleList) -> list[dict[str, Any]]:
    return [_role(role) for role in listing.roles]


@to_json.register
def _(listing: LevelList) -> list[dict[str, Any]]:
    return [{"level": level.level, "indicative_title": level.indicative_title} for level in listing.levels]


@to_json.register
def _(listing: CompetenceList) -> list[dict[str, Any]]:
    return [_competence(competence) for competence in listing.competences]


@to_json.register
def _(results: SearchResults) -> list[dict[str, Any]]:
    return [{**_competence(match.competence), "score": match.score} for match in results.matches]


def _entry(entry: GapEntry) -> dict[str, Any]:
    data = {**_competence(entry.competence), "category": entry.category, "source": entry.origin}
    if entry.evidence is not None:
        data["evidence"] = entry.evidence.evidence
        data["date"] = entry.evidence.date
    return data


@to_json.register
def _(gap: Gap) -> dict[str, Any]:
    return {
        "from": gap.source,
        "to": gap.target.id,
        "from_level": gap.from_level.level if gap.from_level else None,
        "to_level": gap.to_level.level,
        "to_acquire": [_entry(entry) for entry in gap.to_acquire],
        "retained": [_entry(entry) for entry in gap.retained],
        "no_longer_required": [_entry(entry) for entry in gap.no_longer_required],
        "share_met": round(gap.share_met, 4),
    }


@to_json.register
def _(route: Route) -> dict[str, Any]:
    return {
        "from": route.source.id,
        "to": route.target.id,
        "total_to_acquire": route.total_to_acquire,
        "steps": [
            {
                "from": step.source,
                "to": step.target.id,
                "from_level": step.from_level.level if step.from_level else None,
                "to_level": step.to_level.level,
                "to_acquire": [_entry(entry) for entry in step.to_acquire],
            }
            for step in route.steps
        ],
    }


def render(result: object) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


@to_json.register
def _(found: Suggestions) -> dict[str, Any]:
    return {
        "lines": [
            {
                "line": line.number,
                "text": line.text,
                "match": line.match.competence.code if line.match else None,
                "suggestions": [{**_competence(s.competence), "score": s.score} for s in line.suggestions],
            }
            for line in found.lines
        ],
        "roles": [
            {**_role(coverage.role), "covered": coverage.covered, "matched": coverage.matched}
            for coverage in found.roles
        ],
    }
