"""JSON forms of query results. The keys are a contract that scripts rely on: add keys, never rename them."""

from __future__ import annotations

import json
from typing import Any

from ldcf.framework import Holding
from ldcf.profiles import LevelProfile, RoleProfile


def _holding(holding: Holding) -> dict[str, Any]:
    competence = holding.competence
    entry: dict[str, Any] = {
        "code": competence.code,
        "title": competence.title,
        "category": holding.category,
        "id": competence.key,
        "url": competence.url,
        "body": competence.body,
    }
    if holding.group is not None and (holding.group.principle or holding.group.function):
        entry["principle"] = holding.group.principle
        entry["function"] = holding.group.function
    return entry


def role_profile(profile: RoleProfile) -> dict[str, Any]:
    role = profile.role
    return {
        "id": role.id,
        "title": role.title,
        "level": role.level,
        "aliases": list(role.aliases),
        "indicative_title": profile.level.indicative_title,
        "scope": role.scope,
        "source": role.source.model_dump(),
        "competences": [_holding(holding) for holding in profile.holdings],
        "learning": role.learning.model_dump() if role.learning else None,
        "cpd": role.cpd.model_dump() if role.cpd else None,
    }


def level_profile(profile: LevelProfile) -> dict[str, Any]:
    level = profile.level
    return {
        "level": level.level,
        "indicative_title": level.indicative_title,
        "descriptor": level.descriptor,
        "ld_descriptor": level.ld_descriptor,
        "attributes": list(level.attributes),
        "core": [{"code": competence.code, "title": competence.title} for competence in profile.core],
        "roles": [{"id": role.id, "title": role.title} for role in profile.roles],
    }


def dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
