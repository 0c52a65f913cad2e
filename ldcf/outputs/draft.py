"""A starting overlay from a job description's suggestions: a local role based on the national role that covers
its duties best, the matched NOS that role does not hold as locality-specific, and the unmatched duties as local
competences. YAML for people to edit, each value a JSON string (valid YAML, on one line)."""

from __future__ import annotations

import json

from ldcf.framework.naming import slugify
from ldcf.queries.suggest import Suggestions
from ldcf.render.blocks import clean

ROLES_FOLDER = "roles"


def _quoted(text: str) -> str:
    return json.dumps(" ".join(clean(text).split()))


def draft_files(found: Suggestions, role_id: str, held: set[str], source: str) -> dict[str, str]:
    """The overlay's files by path: `roles/ROLE_ID.yaml` and, when some duties match no NOS, `competences.yaml`.

    `held` are the competences the base role already holds; `source` names the job description.
    """
    base = found.roles[0].role
    added = [line.match.competence for line in found.lines if line.match and line.match.competence.key not in held]
    codes = list(dict.fromkeys(competence.key for competence in added))
    local = {slugify(line.text): line.text for line in found.lines if line.match is None and slugify(line.text)}
    role = [
        "# A draft from `ldcf suggest`: check every line against the job description before using it.",
        f"# Based on {clean(base.title)} ({base.id}), whose competences cover the most matched duties.",
        f"id: {role_id}",
        f"title: {_quoted(role_id.replace('-', ' ').capitalize())}",
        f"based_on: {base.id}",
        "source:",
        f"  document: {_quoted(source)}",
    ]
    listed = codes + list(local)
    if listed:
        role += ["locality_specific:", "  - competences:"] + [f"      - {_quoted(key)}" for key in listed]
    files = {f"{ROLES_FOLDER}/{role_id}.yaml": "\n".join(role) + "\n"}
    if local:
        competences = ["# Duties of the job description that matched no NOS, as local competences.", "competences:"]
        for identifier, title in local.items():
            competences += [f"  - id: {identifier}", f"    title: {_quoted(title)}", f"    source: {_quoted(source)}"]
        files["competences.yaml"] = "\n".join(competences) + "\n"
    return files
