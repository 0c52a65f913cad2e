"""Plain-text views of roles and levels for the terminal."""

from __future__ import annotations

import textwrap

from ldcf.models import CATEGORIES
from ldcf.profiles import LevelProfile, RoleProfile

_WIDTH = 100


def _paragraphs(text: str, indent: str = "  ") -> list[str]:
    filled = [
        textwrap.fill(paragraph, _WIDTH, initial_indent=indent, subsequent_indent=indent)
        for paragraph in text.split("\n")
        if paragraph.strip()
    ]
    return "\n\n".join(filled).split("\n")


def role_profile(profile: RoleProfile) -> str:
    role = profile.role
    lines = [f"{role.title} ({role.id})", f"Career Framework level {role.level}: {profile.level.indicative_title}"]
    lines += _paragraphs(profile.level.ld_descriptor or profile.level.descriptor)
    if role.scope:
        lines += ["", "Scope"] + _paragraphs(role.scope)
    for category in CATEGORIES:
        held = [holding for holding in profile.holdings if holding.category == category]
        if not held:
            continue
        lines += ["", f"{category.capitalize()} competences ({len(held)})"]
        lines += [f"  {holding.competence.code or '(no code)':<12} {holding.competence.title}" for holding in held]
    lines += ["", f"Source: {role.source.document}, {role.source.date}" + (
        f", {role.source.section}" if role.source.section else ""
    )]
    return "\n".join(lines) + "\n"


def level_profile(profile: LevelProfile) -> str:
    level = profile.level
    lines = [f"Career Framework level {level.level}: {level.indicative_title}"] + _paragraphs(level.descriptor)
    if level.ld_descriptor:
        lines += ["", "In the Liaison and Diversion framework"] + _paragraphs(level.ld_descriptor)
    roles = ", ".join(f"{role.title} ({role.id})" for role in profile.roles) or "none"
    lines += ["", f"Roles: {roles}", "", f"Core competences ({len(profile.core)})"]
    lines += [f"  {competence.code or '(no code)':<12} {competence.title}" for competence in profile.core]
    return "\n".join(lines) + "\n"
