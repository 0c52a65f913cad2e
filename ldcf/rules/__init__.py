"""Rules: the named kinds of problem, one module per family, each declaring its rules beside the check that
finds them.

A rule module declares its rules with `error` or `warning` below. A module whose rules compare definitions
across files also defines `check(draft)`, which the builder runs over every data set it builds; the rules of
the others are found while files are read (`ldcf.reading`), which imports them by name. RULE_MODULES is the
one table of them all: adding a rule family is adding a module and its name here, with bad-data fixtures under
`tests/fixtures/rules/RULE-ID/`.

A rule's id is stable: reports, `# ldcf: disable=` comments and `ldcf.yaml` settings refer to it.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from ldcf.rules.problems import Severity

if TYPE_CHECKING:
    from ldcf.building.layers import Draft
    from ldcf.rules.problems import Finding

# In the order their checks run.
RULE_MODULES = (
    "based_on",
    "definitions",
    "duties",
    "edition",
    "files",
    "levels",
    "names",
    "records",
    "references",
    "schema",
    "settings",
    "syntax",
    "uncoded",
)

DraftCheck = Callable[["Draft"], Iterator["Finding"]]


class Rule(NamedTuple):
    """A kind of problem: its id, its severity unless settings change it, and one line of why it matters.

    An adjustable rule may be disabled or given another severity by a data folder's settings. The others guard
    what the framework is built from, so it cannot be built while they report an error.

    A named tuple like the other values, not a dataclass: every command that reads a file imports this module,
    and the dataclasses module alone costs several milliseconds to import. Each rule is one object, found among
    its module's names by its type.
    """

    id: str
    severity: Severity
    summary: str
    adjustable: bool = False


def error(rule_id: str, summary: str, adjustable: bool = False) -> Rule:
    return Rule(rule_id, Severity.ERROR, summary, adjustable)


def warning(rule_id: str, summary: str) -> Rule:
    return Rule(rule_id, Severity.WARNING, summary, adjustable=True)


def _modules() -> list[ModuleType]:
    # Imported when asked for, not at import time: the reader imports one family without the others.
    return [importlib.import_module(f"{__name__}.{name}") for name in RULE_MODULES]


@functools.cache
def all_rules() -> dict[str, Rule]:
    """Every rule, by id, in alphabetical order; an id declared twice is a bug."""
    found: dict[str, Rule] = {}
    for module in _modules():
        for value in vars(module).values():
            if isinstance(value, Rule) and found.setdefault(value.id, value) is not value:
                raise ValueError(f"rule {value.id} is declared twice")
    return dict(sorted(found.items()))


def draft_checks() -> list[DraftCheck]:
    """The `check` function of every rule module that has one, in the order of RULE_MODULES."""
    return [module.check for module in _modules() if hasattr(module, "check")]


class RuleList(NamedTuple):
    """The rules, for `ldcf rules`."""

    rules: tuple[Rule, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [
            {"id": rule.id, "severity": rule.severity.value, "adjustable": rule.adjustable, "summary": rule.summary}
            for rule in self.rules
        ]


def list_rules() -> RuleList:
    return RuleList(tuple(all_rules().values()))
