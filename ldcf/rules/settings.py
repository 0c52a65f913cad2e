"""Rules about the settings that adjust rules: an `ldcf.yaml` file and `# ldcf: disable=` comments."""

from ldcf.rules import error

UNKNOWN_RULE = error(
    "unknown-rule", "Settings and comments name rules by id; an unknown id is a typo that hides nothing."
)
RULE_NOT_ADJUSTABLE = error(
    "rule-not-adjustable", "Rules that guard what the framework is built from cannot be disabled or made warnings."
)
