"""Starting points people edit: NOS suggested for a job description's duties and a draft local role from them,
a starter local overlay, and a person's record to fill in."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.queries.suggest import Suggestions

ROLE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class DraftRefused(ValueError):
    """A draft that cannot be made: a role id that is not one, or nothing to base it on."""


def suggest(framework: Framework, job_description: str, match_from: int = 70) -> Suggestions:
    """For each duty of a plain-text job description, the NOS that fit it best, and the national roles whose
    competences cover the matched duties best (`ldcf suggest`)."""
    from ldcf.queries.suggest import suggest as suggestions

    return suggestions(framework, job_description, match_from)


def draft_role(
    framework: Framework, found: Suggestions, role_id: str, source: str, folder: str | os.PathLike[str] | None = None
) -> list[Path]:
    """Write a starting overlay into `folder` (default: a folder named `role_id`): a local role based on the
    national role that covers the duties best, with the matched NOS it lacks and the unmatched duties as local
    competences (`ldcf suggest --draft-role`). Never overwrites a file (WriteRefused); the files written."""
    from ldcf.outputs.draft import draft_files
    from ldcf.outputs.writing import write_new_files

    if not ROLE_ID.fullmatch(role_id):
        raise DraftRefused(f"{role_id!r} is not a role id: lower-case words joined by hyphens")
    if not found.roles:
        raise DraftRefused("no national role covers these duties, so there is no role to base a draft on")
    held = {holding.competence.key for holding in framework.holdings(found.roles[0].role)}
    return write_new_files(Path(folder or role_id), draft_files(found, role_id, held, source))


def start_overlay(folder: str | os.PathLike[str]) -> list[Path]:
    """Write a starter local overlay into `folder` (`ldcf init`): an example local role and a README. Writes
    nothing if any of its files exists (WriteRefused); the files written."""
    from ldcf.outputs.starter import starter_files
    from ldcf.outputs.writing import write_new_files

    return write_new_files(Path(folder), starter_files(str(folder)))


def record_template(framework: Framework, role: str) -> str:
    """A starting record for a role, as YAML to edit (`ldcf record template`)."""
    from ldcf.outputs.record_template import render
    from ldcf.queries.profiles import role_profile

    return render(role_profile(framework, role))
