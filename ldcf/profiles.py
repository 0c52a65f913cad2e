"""Queries that assemble what `role show` and `level show` display: pure functions over the framework."""

from __future__ import annotations

from dataclasses import dataclass

from ldcf.framework import Framework, Holding
from ldcf.models import Competence, Level, Role


@dataclass(frozen=True)
class RoleProfile:
    role: Role
    level: Level
    holdings: tuple[Holding, ...]


@dataclass(frozen=True)
class LevelProfile:
    level: Level
    core: tuple[Competence, ...]
    roles: tuple[Role, ...]


def role_profile(framework: Framework, name: str) -> RoleProfile:
    role = framework.find_role(name)
    return RoleProfile(role, framework.levels[role.level], framework.holdings(role))


def level_profile(framework: Framework, number: int) -> LevelProfile:
    level = framework.find_level(number)
    return LevelProfile(level, framework.core_competences(number), framework.roles_at(number))
