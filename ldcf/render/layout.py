"""What each result looks like on a page: headings, paragraphs, fields and tables, shared by the table and
Markdown renderers, and the flat rows that CSV writes. Layout chooses what to show and in which order; it
computes nothing.

This module dispatches; each query's layouts are in `ldcf.render.QUERY_layout`, imported when a result of that
query is first shown, so that a view imports only what it shows."""

from __future__ import annotations

import importlib
from functools import singledispatch
from typing import TYPE_CHECKING

from ldcf.render.blocks import NO_CODE, Block, Table

if TYPE_CHECKING:
    from ldcf.framework.entities import Competence

ORIGIN_HEADER = "Data folder"


def code_of(competence: Competence) -> str:
    return competence.code or NO_CODE


def _register_layouts_of(result: object) -> bool:
    """Import the module that lays out the results of a query (`ldcf.render.QUERY_layout`, after the query's
    module), so that a view imports only its own layout; True when there is one."""
    query = type(result).__module__.rpartition(".")[2]
    try:
        importlib.import_module(f"ldcf.render.{query}_layout")
    except ModuleNotFoundError:
        return False
    return True


@singledispatch
def layout(result: object) -> list[Block]:
    if type(result) not in layout.registry and _register_layouts_of(result) and type(result) in layout.registry:
        return layout(result)
    raise TypeError(f"no layout for {type(result).__name__}")


@singledispatch
def rows(result: object) -> Table:
    """The result as one flat table, for CSV."""
    if type(result) not in rows.registry and _register_layouts_of(result) and type(result) in rows.registry:
        return rows(result)
    raise TypeError(f"no rows for {type(result).__name__}")
