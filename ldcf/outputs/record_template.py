"""A starting self-assessment record for a role, as YAML that `ldcf gap --have` reads back."""

from __future__ import annotations

import json

from ldcf.queries.profiles import RoleProfile
from ldcf.render.blocks import clean


def _quoted(text: str) -> str:
    # An ASCII JSON string is a valid double-quoted YAML scalar, so any code stays intact on its one line.
    return json.dumps(text)


def _comment(text: str) -> str:
    """Text for a YAML comment: on one line whatever it holds, so that it can never become a line of data."""
    return " ".join(clean(text).split())


def render(profile: RoleProfile) -> str:
    role = profile.role
    lines = [
        f"# Self-assessment record, started from the role {_comment(role.title)} ({role.id}, level {role.level}).",
        "# Keep the competences you hold, delete the rest, and add others by code.",
        "# evidence and date (YYYY-MM-DD) are optional.",
        f"# Compare with a role: ldcf gap --have THIS-FILE {role.id}",
        "# name: Your Name",
        f"role: {_quoted(role.id)}",
        "held:",
    ]
    for holding in profile.holdings:
        competence = holding.competence
        lines.append(f"  # {_comment(competence.title)} ({holding.category})")
        lines.append(f"  - code: {_quoted(competence.key)}")
        lines.append("    # evidence: ")
    lines += [
        "# Competences you are working towards, with the date you aim for:",
        "# working_towards:",
        "#   - code: GEN36",
        "#     target_date: 2027-03",
    ]
    return "\n".join(lines) + "\n"
