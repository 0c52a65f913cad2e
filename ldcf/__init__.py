"""The Liaison and Diversion Career and Competence Framework as data, with a command-line tool and this API.

    import ldcf
    framework = ldcf.load()                      # the shipped data; ldcf.load("our-service") adds an overlay
    gap = ldcf.gap(framework, "support-worker", "practitioner")
    gap.to_dict()                                # what `ldcf gap ... --format json` prints

Every command's work is one of the functions below (docs/api.md lists them with the command each serves). They
live in `ldcf.api` and are imported on first use, so that the command line starts without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Each public name, and the module of ldcf.api that defines it.
_API = {
    "InvalidData": "data",
    "NotDataFolder": "data",
    "load": "data",
    "validate": "data",
    "list_rules": "views",
    "levels": "views",
    "level": "views",
    "roles": "views",
    "profile": "views",
    "competences": "views",
    "competence": "views",
    "search": "views",
    "gap": "views",
    "record_gap": "views",
    "route": "views",
    "job_description": "documents",
    "development_plan": "documents",
    "write_document": "documents",
    "write_template": "documents",
    "open_team": "team",
    "team_report": "team",
    "write_workbook": "team",
    "plan_import": "team",
    "apply_import": "team",
    "diff": "changes",
    "diff_revisions": "changes",
    "about": "publish",
    "site_files": "publish",
    "build_site": "publish",
    "export": "publish",
    "write_export": "publish",
    "schemas": "publish",
    "write_schemas": "publish",
    "make_issuer_key": "credentials",
    "issue_credentials": "credentials",
    "verify_credential": "credentials",
    "suggest": "drafting",
    "draft_role": "drafting",
    "start_overlay": "drafting",
    "record_template": "drafting",
}
__all__ = [
    "InvalidData",
    "NotDataFolder",
    "__version__",
    "about",
    "apply_import",
    "build_site",
    "competence",
    "competences",
    "development_plan",
    "diff",
    "diff_revisions",
    "draft_role",
    "export",
    "gap",
    "issue_credentials",
    "job_description",
    "level",
    "levels",
    "list_rules",
    "load",
    "make_issuer_key",
    "open_team",
    "plan_import",
    "profile",
    "record_gap",
    "record_template",
    "roles",
    "route",
    "schemas",
    "search",
    "site_files",
    "start_overlay",
    "suggest",
    "team_report",
    "validate",
    "verify_credential",
    "write_document",
    "write_export",
    "write_schemas",
    "write_template",
    "write_workbook",
]

if TYPE_CHECKING:
    from ldcf.api.changes import diff, diff_revisions
    from ldcf.api.credentials import issue_credentials, make_issuer_key, verify_credential
    from ldcf.api.data import InvalidData, NotDataFolder, load, validate
    from ldcf.api.documents import development_plan, job_description, write_document, write_template
    from ldcf.api.drafting import draft_role, record_template, start_overlay, suggest
    from ldcf.api.publish import about, build_site, export, schemas, site_files, write_export, write_schemas
    from ldcf.api.team import apply_import, open_team, plan_import, team_report, write_workbook
    from ldcf.api.views import (
        competence,
        competences,
        gap,
        level,
        levels,
        list_rules,
        profile,
        record_gap,
        roles,
        route,
        search,
    )


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(f"ldcf.api.{_API[name]}"), name)
    raise AttributeError(f"module 'ldcf' has no attribute {name!r}")
