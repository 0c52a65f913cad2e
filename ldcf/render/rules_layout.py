"""How the list of rules looks on a page, and as the flat rows of CSV."""

from __future__ import annotations

from ldcf.render.blocks import Block, Table, table
from ldcf.render.layout import layout, rows
from ldcf.rules import RuleList


def _adjustable(adjustable: bool) -> str:
    return "yes" if adjustable else "no"


@layout.register
def _(listing: RuleList) -> list[Block]:
    return [
        table(
            f"Rules ({len(listing.rules)})",
            ("Rule", "Severity", "Adjustable", "Why"),
            ((rule.id, rule.severity.value, _adjustable(rule.adjustable), rule.summary) for rule in listing.rules),
        )
    ]


@rows.register
def _(listing: RuleList) -> Table:
    return table(
        "rules",
        ("id", "severity", "adjustable", "summary"),
        ((rule.id, rule.severity.value, _adjustable(rule.adjustable), rule.summary) for rule in listing.rules),
    )
