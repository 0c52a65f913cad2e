"""Documents people hand over: a job description and a development plan, built once and written as Word, HTML
or Markdown, or into a Trust's own Word template."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.render.blocks import Document


class DocumentRefused(ValueError):
    """A document that cannot be written as asked: an unknown extension, or a template that is not usable."""


class PlanRefused(ValueError):
    """A development plan that cannot be made as asked: a priority it cannot hold (more than five, twice, held
    already, not needed by the target role) or a date that is not one. The message says which."""


def job_description(framework: Framework, role: str) -> Document:
    """A job description and person specification for a role (`ldcf doc job-description`)."""
    from ldcf.outputs.job_description import job_description as build

    return build(framework, role)


def development_plan(
    framework: Framework,
    to_role: str,
    from_role: str | None = None,
    record: str | os.PathLike[str] | None = None,
    *,
    appraiser: str | None = None,
    plan_date: str | None = None,
    next_review: str | None = None,
    priorities: Sequence[str] = (),
) -> Document:
    """A development plan towards `to_role`, from a role or from a person's record file (exactly one of them),
    for appraisal and supervision (`ldcf doc development-plan`). `appraiser`, `plan_date`, `next_review` and
    `priorities` (up to five competence codes `to_role` needs) are used instead of the record's. Raises
    InvalidData when the record has errors, UnknownName for an unknown role or code, PlanRefused for a
    priority the plan cannot hold or a date that is not one."""
    from ldcf.outputs.development_plan import PlanOptions, PriorityProblem, record_plan, role_plan

    if (from_role is None) == (record is None):
        raise ValueError("give either from_role or record")
    for name, date in (("plan date", plan_date), ("next review date", next_review)):
        if date is not None and not _is_date(date):
            raise PlanRefused(f"the {name} {date!r} is not a date: give it as YYYY-MM-DD (or a month, YYYY-MM)")
    if appraiser is not None and (not appraiser.strip() or "\n" in appraiser or "\r" in appraiser):
        raise PlanRefused("the appraiser is one name on one line")
    options = PlanOptions(appraiser, plan_date, next_review, tuple(priorities))
    try:
        if record is not None:
            from ldcf.api.data import read_record

            framework.find_role(to_role)  # an unknown role is named as such, before the record is checked
            # The record's priorities must fit this plan's target, unless priorities given here replace them.
            aim = None if priorities else to_role
            return record_plan(framework, *read_record(framework, record, aim=aim), to_role, options)
        assert from_role is not None
        return role_plan(framework, from_role, to_role, options)
    except PriorityProblem as problem:
        raise PlanRefused(str(problem)) from None


def _is_date(text: str) -> bool:
    import datetime
    import re

    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return False
    try:
        datetime.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        return False
    return True


def document_content(document: Document, extension: str, template: str | os.PathLike[str] | None = None) -> bytes:
    """The document as the content of a file with `extension` (.docx, .html or .md), filling the Word
    `template` if one is given (.docx only)."""
    from ldcf.render import DOCUMENT_FORMATS, render_document

    extension = extension.lower()
    if extension not in DOCUMENT_FORMATS:
        raise DocumentRefused(
            f"cannot tell the format from the extension {extension!r}; use {', '.join(DOCUMENT_FORMATS)}"
        )
    if template is None:
        return render_document(document, extension)
    if extension != ".docx":
        raise DocumentRefused("a template fills a Word document: write to a .docx file")
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.locations import printable_name
    from ldcf.render.docx_template import TemplateProblem, render

    try:
        return render(document, read_bytes(Path(template)))
    except (Unreadable, TemplateProblem) as problem:
        raise DocumentRefused(f"{printable_name(str(template))}: {problem}") from None


def write_document(
    document: Document,
    path: str | os.PathLike[str],
    overwrite: bool = False,
    template: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the document to `path`, in the format its extension names; raises WriteRefused (from
    ldcf.outputs.writing) for a file that exists unless `overwrite`. A development plan is about a person, so a
    new one is created readable by its owner only (0600, or less under a stricter umask)."""
    from ldcf.outputs.writing import replace_file

    path = Path(path)
    content = document_content(document, path.suffix, template)
    replace_file(path, content, overwrite=overwrite, private=document.kind == "development-plan")
    return path


def write_template(path: str | os.PathLike[str], overwrite: bool = False) -> Path:
    """Write ldcf's starter Word template (`ldcf doc template`), to restyle as a Trust's own."""
    from ldcf.outputs.writing import replace_file
    from ldcf.render.docx_template import starter_template

    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise DocumentRefused("a Word template is a .docx file")
    replace_file(path, starter_template(), overwrite=overwrite)
    return path
