"""Rules: the named kinds of problem. Each is declared beside the check that finds it, in `ldcf.checks`.

A rule's id is stable: reports, `# ldcf: disable=` comments and `ldcf.yaml` settings refer to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ldcf.problems import Severity

REGISTERED: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    """A kind of problem: its id, its severity unless settings change it, and one line of why it matters.

    An adjustable rule may be disabled or given another severity by a data folder's settings. The others guard
    what the framework is built from, so it cannot be built while they report an error.
    """

    id: str
    severity: Severity
    summary: str
    adjustable: bool = False


def rule(rule_id: str, severity: Severity, summary: str, adjustable: bool = False) -> Rule:
    """Declare a rule; an id declared twice is a bug."""
    if rule_id in REGISTERED:
        raise ValueError(f"rule {rule_id} is declared twice")
    declared = Rule(rule_id, severity, summary, adjustable)
    REGISTERED[rule_id] = declared
    return declared


def error(rule_id: str, summary: str, adjustable: bool = False) -> Rule:
    return rule(rule_id, Severity.ERROR, summary, adjustable)


def warning(rule_id: str, summary: str) -> Rule:
    return rule(rule_id, Severity.WARNING, summary, adjustable=True)


@dataclass(frozen=True)
class RuleList:
    """The rules, for `ldcf rules`."""

    rules: tuple[Rule, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [
            {"id": rule.id, "severity": rule.severity.value, "adjustable": rule.adjustable, "summary": rule.summary}
            for rule in self.rules
        ]


def list_rules() -> RuleList:
    from ldcf.checks import all_rules

    return RuleList(tuple(all_rules().values()))
