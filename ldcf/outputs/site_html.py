"""The website's files: each page of `ldcf.outputs.site` through its Jinja template, and the stylesheet and scripts.

Every value is escaped as HTML; the data the compare and search pages compute with is embedded as JSON that
cannot close its script element. The same pages give the same bytes: nothing here reads a clock.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from ldcf.framework.entities import AFC_NOTE, CATEGORIES
from ldcf.outputs.site import Page
from ldcf.render.blocks import web_address
from ldcf.render.role_sections import PERSON_SPECIFICATION_AREAS, source_text

SITE_NAME = "L&D Career and Competence Framework"
ASSETS = ("site.css", "roles.js", "compare.js", "search.js", "self-assessment.js")
# What each category of competence means, in a line, for the pages and the glossary: the 2018 report's meaning
# in plain words (core: Table 2, by level; role-specific: each role's own; locality-specific: for local needs).
CATEGORY_NAMES = {
    "core": "Core competences",
    "role-specific": "Role-specific competences",
    "locality-specific": "Locality-specific competences",
}
CATEGORY_HELP = {
    "core": "Every role at this Career Framework level needs these, whatever the job.",
    "role-specific": "This role needs these as well as the core competences of its level.",
    "locality-specific": "Extra competences for specialist work that only some services do, such as work with "
    "children and young people.",
}
# Written into every site ldcf builds (by ldcf.outputs.writing.replace_folder), listing the files it wrote, so that
# a later build replaces those and keeps any other file of the folder (a .git folder, a CNAME).
MARKER = ".ldcf-site"
MARKER_TEXT = (
    "This folder holds a website built by `ldcf site build`, which wrote the files listed below. Building it\n"
    "again replaces them, removes those it no longer writes, and keeps every other file."
)


def _data_json(value: Any) -> Markup:
    """JSON for a <script type="application/json"> element: <, > and & escaped, so no text in it can end the
    element or start a comment. Every other character but ASCII is escaped too (line separators included), which
    keeps the text one byte a character in memory: a national search page embeds 10 MB of it."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@functools.cache
def _environment(version: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("ldcf", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        # The templates are files of the installed package: checking each for changes whenever a page asks for it
        # would be two file-system calls a template, 156,000 for a national site's 26,000 pages.
        auto_reload=False,
    )
    environment.globals.update(
        site_name=SITE_NAME,
        version=version,
        web_address=web_address,
        source_text=source_text,
        afc_note=AFC_NOTE,
        categories=CATEGORIES,
        category_names=CATEGORY_NAMES,
        category_help=CATEGORY_HELP,
        person_specification_areas=PERSON_SPECIFICATION_AREAS,
        data_json=_data_json,
    )
    return environment


_PIECES_AT_A_TIME = 4096
# The pages that grow with the whole framework (megabytes at national scale) are encoded as they are made; every
# other page is one role's, level's or competence's, a few kilobytes, rendered whole, which is quicker.
_PAGES_OF_EVERYTHING = frozenset({"search", "compare", "self-assessment"})


def render_site(pages: Iterable[Page], show_origins: bool, version: str) -> Iterator[tuple[str, bytes]]:
    """Every file of the site with its path, each page rendered when it is wanted (so that a national site is
    written page by page, not held whole), then the assets. The marker, MARKER, is written by whatever writes
    the files, since it lists them."""
    environment = _environment(version)
    for page in pages:
        template = environment.get_template(f"site/{page.kind}.html.jinja")
        variables = {"page": page, "root": page.root, "slugs": page.slugs, "show_origins": show_origins}
        if page.kind not in _PAGES_OF_EVERYTHING:
            yield page.path, template.render(variables).encode("utf-8")
            continue
        # Encoded some thousands of pieces at a time as the template makes them: `render` would hold every piece
        # (the search page's are 200,000 at national scale) and then the whole page as text beside its bytes.
        # (A BytesIO gives its bytes without a copy.)
        html = io.BytesIO()
        pieces = template.generate(variables)
        while batch := list(itertools.islice(pieces, _PIECES_AT_A_TIME)):
            html.write("".join(batch).encode("utf-8"))
        yield page.path, html.getvalue()
    assets = resources.files("ldcf") / "templates" / "site" / "assets"
    for name in ASSETS:
        yield f"assets/{name}", (assets / name).read_bytes()
