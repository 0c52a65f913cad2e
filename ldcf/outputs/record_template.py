"""A starting self-assessment record for a role, as YAML that `ldcf gap --have` reads back.

It claims nothing: every competence of the role starts under `not_yet_assessed`, for the person to move into
`held` or `working_towards`. Its commented examples use competences the list does not hold (ones the next role
up needs, where there are), so that an example made live is never listed twice.
"""

from __future__ import annotations

import json

from ldcf.framework.entities import Competence, Role
from ldcf.framework.lookups import Framework
from ldcf.queries.profiles import RoleProfile
from ldcf.render.blocks import clean


def _quoted(text: str) -> str:
    # An ASCII JSON string is a valid double-quoted YAML scalar, so any code stays intact on its one line.
    return json.dumps(text)


def _comment(text: str) -> str:
    """Text for a YAML comment: on one line whatever it holds, so that it can never become a line of data."""
    return " ".join(clean(text).split())


def next_role_up(framework: Framework, role: Role) -> Role | None:
    """The first role at the nearest level above `role` that has roles (as the self-assessment page chooses its
    aim); None at the top."""
    higher = sorted(level for level in framework.levels if level > role.level and framework.roles_at(level))
    return framework.roles_at(higher[0])[0] if higher else None


def _examples(framework: Framework, profile: RoleProfile, up: Role | None) -> list[Competence]:
    """Two competences the role does not list: those the next role up adds first, then any others."""
    listed = {holding.competence.key for holding in profile.holdings}
    found: list[Competence] = []
    candidates = [holding.competence for holding in framework.holdings(up)] if up is not None else []
    candidates += list(framework.competences.values())
    for competence in candidates:
        if competence.key not in listed and competence not in found:
            found.append(competence)
        if len(found) == 2:
            break
    return found


def render(framework: Framework, profile: RoleProfile) -> str:
    role = profile.role
    up = next_role_up(framework, role)
    examples = _examples(framework, profile, up)
    compare = (
        f"# Compare with the next role up: ldcf gap --have THIS-FILE {up.id}   ({_comment(up.title)})"
        if up is not None
        else "# Compare with a role: ldcf gap --have THIS-FILE ROLE (this role is at the top level)"
    )
    lines = [
        f"# Self-assessment record, started from the role {_comment(role.title)} ({role.id}, level {role.level}).",
        "# It claims nothing yet: every competence of the role is under not_yet_assessed, at the end.",
        "# Move each one you hold into held, with evidence and a date if you like, and each you are working",
        "# towards into working_towards, with the date you aim for. Leave the rest where they are.",
        "# Dates: YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY (day first).",
        compare,
        "# name: Your Name",
        f"role: {_quoted(role.id)}",
    ]
    if up is not None:
        lines.append(f"# target: {_quoted(up.id)}")
    lines.append("held:")
    if examples:
        first = examples[0]
        lines += [
            "  # For example (delete the # of these lines to use them):",
            f"  # - code: {_quoted(first.key)}   # {_comment(first.title)}",
            '  #   evidence: "Induction workbook, section 2"',
            "  #   date: 2024-03-01",
        ]
    lines.append("working_towards:")
    if len(examples) > 1:
        second = examples[1]
        lines += [
            "  # For example:",
            f"  # - code: {_quoted(second.key)}   # {_comment(second.title)}",
            "  #   target_date: 2027-03",
            '  #   plan: "Monthly supervision with the team lead"',
        ]
    lines.append("not_yet_assessed:")
    for holding in profile.holdings:
        competence = holding.competence
        lines.append(f"  # {_comment(competence.title)} ({holding.category})")
        lines.append(f"  - code: {_quoted(competence.key)}")
    return "\n".join(lines) + "\n"
