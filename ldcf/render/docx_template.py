"""Word documents from a Trust's own template, with docxtpl: the template's styles, header, footer and logo,
filled with a document's content through the tags of docs/documents.md. The starter template that
`ldcf doc template` writes out to edit is made by ldcf.render.docx_starter.

A template is a file from outside, so it is opened as untrusted: its size and the size of what it unpacks to
are bounded before it is read, and its tags run in Jinja's sandbox, where they can reach the document's
content and nothing else. A value the document does not have fills as nothing; a tag that names nothing ldcf
fills is an error naming it.

Filling keeps what the template sets: each tag's run formatting (a bold label stays bold), table widths, rows
that do not split across pages and header rows that repeat. What docxtpl cannot do from a plain tag is finished
after filling, by ldcf.render.docx_marks.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
import jinja2
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from ldcf.reading.packages import PackageProblem, check_package
from ldcf.render.blocks import Document, clean
from ldcf.render.docx_marks import Filling
from ldcf.render.docx_starter import GUIDE, NOTE_HEADING, starter_template

__all__ = ["TemplateProblem", "UnknownTag", "render", "starter_template"]


class TemplateProblem(Exception):
    """A template that cannot be used; the message says why, in the user's terms."""


# Tags: a value the document lacks is empty, a name ldcf does not fill is an error ------------------------------


class UnknownTag(jinja2.UndefinedError):
    """A tag that names nothing ldcf fills, such as a misspelt {{ bnd }}."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the template uses {{{{ {name} }}}}, which ldcf does not fill; the tags are listed in {GUIDE}"
        )


class _Missing(jinja2.ChainableUndefined):
    """What a tag gets for a value the document does not have: a field a national role leaves out
    (`{{ fields["Agenda for Change band"] }}`), a key of another kind of block. It shows as nothing and counts as
    false. A name that ldcf does not fill at all (`{{ bnd }}`) is an error naming it, and so is what the sandbox
    refuses (`{{ title.__class__ }}`)."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        if self._undefined_obj is missing and self._undefined_hint is None and self._undefined_name:
            raise UnknownTag(self._undefined_name)
        return super()._fail_with_undefined_error(*args, **kwargs)

    def _check(self) -> None:
        refused = self._undefined_hint is not None or self._undefined_exception is not jinja2.UndefinedError
        if self._undefined_obj is missing or refused:
            self._fail_with_undefined_error()

    def __str__(self) -> str:
        self._check()
        return ""

    def __html__(self) -> str:
        self._check()
        return ""

    def __iter__(self) -> Iterator[Any]:
        self._check()
        return iter(())

    def __bool__(self) -> bool:
        self._check()
        return False

    def __len__(self) -> int:
        self._check()
        return 0

    def __eq__(self, other: object) -> bool:
        self._check()
        return isinstance(other, jinja2.Undefined) or other in ("", None)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return id(type(self))


# Filling a template ----------------------------------------------------------------------------------------------


def _drop_notes(word: WordDocument) -> None:
    """Take the starter template's box of notes out of the template before it is filled, wherever it is now."""
    body = word.element.body
    for table in body.findall(qn("w:tbl")):
        first = table.find(f"{qn('w:tr')}/{qn('w:tc')}")
        if first is not None and "".join(first.itertext()).strip().startswith(NOTE_HEADING):
            body.remove(table)


def render(document: Document, template: bytes) -> bytes:
    """`document` through the Word template whose content is `template`; raises TemplateProblem."""
    from docxtpl import DocxTemplate

    try:
        check_package(template, "a Word document (.docx)", "word/document.xml")
    except PackageProblem as problem:
        raise TemplateProblem(str(problem)) from None
    environment = SandboxedEnvironment(autoescape=True, undefined=_Missing)
    filling = Filling(document)
    try:
        filled = DocxTemplate(io.BytesIO(template))
        _drop_notes(filled.get_docx())
        filled.render(filling.context, jinja_env=environment, autoescape=True)
        rendered = io.BytesIO()
        filled.save(rendered)
        word = docx.Document(io.BytesIO(rendered.getvalue()))
        filling.finish(word)
        properties = word.core_properties
        properties.title, properties.subject = clean(document.title), clean(document.subject)
        properties.language = document.language
        output = io.BytesIO()
        word.save(output)
    except UnknownTag as error:
        raise TemplateProblem(str(error.message)) from None
    except jinja2.TemplateError as error:
        raise TemplateProblem(f"a tag of the template failed: {error.message or type(error).__name__}") from None
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise TemplateProblem(f"not a usable Word template ({type(error).__name__}: {str(error)[:120]})") from None
    return output.getvalue()
