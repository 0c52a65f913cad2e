"""Word documents from a Trust's own template, with docxtpl: the template's styles, header, footer and logo,
filled with a document's content through the tags of docs/documents.md. Also the starter template that
`ldcf doc template` writes out to edit.

A template is a file from outside, so it is opened as untrusted: its size and the size of what it unpacks to
are bounded before it is read, and its tags run in Jinja's sandbox, where they can reach the document's
content and nothing else.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ldcf.reading.packages import PackageProblem, check_package
from ldcf.render.blocks import Document, clean
from ldcf.render.context import document_context


class TemplateProblem(Exception):
    """A template that cannot be used; the message says why, in the user's terms."""


def render(document: Document, template: bytes) -> bytes:
    """`document` through the Word template whose content is `template`; raises TemplateProblem."""
    import jinja2
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    try:
        check_package(template, "a Word document (.docx)", "word/document.xml")
    except PackageProblem as problem:
        raise TemplateProblem(str(problem)) from None
    environment = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        filled = DocxTemplate(io.BytesIO(template))
        filled.render(document_context(document), jinja_env=environment, autoescape=True)
        properties = filled.docx.core_properties
        properties.title, properties.subject = clean(document.title), clean(document.subject)
        properties.language = document.language
        output = io.BytesIO()
        filled.save(output)
    except jinja2.TemplateError as error:
        raise TemplateProblem(f"a tag of the template failed: {error.message or type(error).__name__}") from None
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise TemplateProblem(f"not a usable Word template ({type(error).__name__}: {str(error)[:120]})") from None
    return output.getvalue()


def _paragraph(word: Any, text: str, style: str | None = None) -> None:
    word.add_paragraph(text, style=style)


def _repeat_header(row: Any) -> None:
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def starter_template() -> bytes:
    """A plain Word template that lays out any document: the starting point for a Trust's own."""
    word = docx.Document()
    word.core_properties.title = "ldcf document template"
    word.core_properties.language = "en-GB"
    _paragraph(word, "{{ title }}", "Title")
    _paragraph(word, "{%p for section in sections %}")
    _paragraph(word, "{{ section.heading }}", "Heading 1")
    _paragraph(word, "{%p for block in section.blocks %}")
    _paragraph(word, '{%p if block.kind == "paragraph" %}')
    _paragraph(word, "{{ block.text }}")
    _paragraph(word, '{%p elif block.kind == "heading" %}')
    _paragraph(word, "{{ block.text }}", "Heading 2")
    _paragraph(word, '{%p elif block.kind == "fields" %}')
    _paragraph(word, "{%p for pair in block.pairs %}")
    _paragraph(word, "{{ pair.label }}: {{ pair.value }}")
    _paragraph(word, "{%p endfor %}")
    _paragraph(word, '{%p elif block.kind == "list" %}')
    _paragraph(word, "{{ block.title }}", "Heading 2")
    _paragraph(word, "{%p for entry in block.entries %}")
    _paragraph(word, "{{ entry }}", "List Bullet")
    _paragraph(word, "{%p endfor %}")
    _paragraph(word, '{%p elif block.kind == "table" %}')
    _paragraph(word, "{{ block.title }}", "Heading 2")
    table = word.add_table(rows=4, cols=3)
    table.style = word.styles["Table Grid"]
    _repeat_header(table.rows[0])
    header, row_start, body, row_end = table.rows
    for cells, texts in (
        (header.cells, ("{%tc for header in block.headers %}", "{{ header }}", "{%tc endfor %}")),
        (body.cells, ("{%tc for cell in row %}", "{{ cell.text }}", "{%tc endfor %}")),
    ):
        for cell, text in zip(cells, texts, strict=True):
            cell.paragraphs[0].text = text
    row_start.cells[0].paragraphs[0].text = "{%tr for row in block.rows %}"
    row_end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    _paragraph(word, "{%p endif %}")
    _paragraph(word, "{%p endfor %}")
    _paragraph(word, "{%p endfor %}")
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
