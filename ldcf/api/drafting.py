"""Starting points people edit: NOS suggested for a job description's duties and a draft local role from them,
a starter local overlay, and a person's record to fill in."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.outputs.draft import Draft
    from ldcf.queries.suggest import Suggestions

ROLE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class DraftRefused(ValueError):
    """A draft that cannot be made: a role id that is not one, or nothing to base it on."""


def suggest(framework: Framework, job_description: str, match_from: int = 70) -> Suggestions:
    """For each duty of a plain-text job description, the NOS that fit it best, and the national roles whose
    competences cover the matched duties best (`ldcf suggest`)."""
    from ldcf.queries.suggest import suggest as suggestions

    return suggestions(framework, job_description, match_from)


def draft(framework: Framework, found: Suggestions, role_id: str, source: str) -> Draft:
    """The starting overlay `draft_role` writes, with what was drafted and what to check by hand, in plain words:
    a local role based on the national role that fits the job description best (`Suggestions.fit`), with its
    purpose, duties (each with the NOS it matched), person specification, band and reporting lines, and as
    locality-specific the matched NOS the base role lacks. `source` names the job description."""
    from ldcf.framework.lookups import UnknownName
    from ldcf.outputs.draft import make_draft

    if not ROLE_ID.fullmatch(role_id):
        raise DraftRefused(f"{role_id!r} is not a role id: lower-case words joined by hyphens")
    if not found.roles:
        raise DraftRefused("no national role covers these duties, so there is no role to base a draft on")

    def is_role_name(name: str) -> bool:
        try:
            framework.find_role(name)
        except UnknownName:
            return False
        return True

    if is_role_name(role_id):
        raise DraftRefused(f"{role_id!r} names a role of the framework already: choose another id")
    held = {holding.competence.key for holding in framework.holdings(found.roles[0].role)}
    return make_draft(found, role_id, held, source, is_role_name)


def draft_role(
    framework: Framework, found: Suggestions, role_id: str, source: str, folder: str | os.PathLike[str] | None = None
) -> list[Path]:
    """Write a starting overlay into `folder` (default: a folder named `role_id`): the local role of `draft`
    (`ldcf suggest --draft-role`). Never overwrites a file (WriteRefused); the files written."""
    from ldcf.outputs.writing import write_new_files

    return write_new_files(Path(folder or role_id), draft(framework, found, role_id, source).files)


def start_overlay(folder: str | os.PathLike[str]) -> list[Path]:
    """Write a starter local overlay into `folder` (`ldcf init`): an example local role and a README. Writes
    nothing if any of its files exists (WriteRefused); the files written."""
    from ldcf.outputs.starter import starter_files
    from ldcf.outputs.writing import write_new_files

    return write_new_files(Path(folder), starter_files(str(folder)))


def record_template(framework: Framework, role: str) -> str:
    """A starting record for a role, as YAML to edit (`ldcf record template`): every competence of the role not
    yet assessed, so that the record claims nothing until the person moves them into `held`."""
    from ldcf.outputs.record_template import render
    from ldcf.queries.profiles import role_profile

    return render(framework, role_profile(framework, role))
