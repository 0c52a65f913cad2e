"""The checks of the data, one rule or one small family of rules per module.

A module declares its rules with `ldcf.rules.error` or `ldcf.rules.warning`. A module whose rules compare
definitions across files also defines `check(draft)`, which `ldcf.build` runs over every data set it builds;
the others' rules are found while files are read and validated. Adding a rule is adding a module here, with
bad-data fixtures under `tests/fixtures/rules/RULE-ID/`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from ldcf.rules import REGISTERED, Rule

if TYPE_CHECKING:
    from ldcf.build import Draft
    from ldcf.problems import Finding

DraftCheck = Callable[["Draft"], Iterator["Finding"]]


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]


def all_rules() -> dict[str, Rule]:
    """Every rule, by id, in alphabetical order."""
    _modules()
    return dict(sorted(REGISTERED.items()))


def draft_checks() -> list[DraftCheck]:
    """The `check` function of every module that has one."""
    return [module.check for module in _modules() if hasattr(module, "check")]
