"""Rules about `based_on`, found while `ldcf.building.layers` resolves what each local role inherits."""

from ldcf.rules import error

UNKNOWN_BASED_ON = error("unknown-based-on", "`based_on` must name a role, whose level and competences are inherited.")
BASED_ON_CYCLE = error("based-on-cycle", "Roles based on each other in a circle inherit from nowhere.")
BASED_ON_LEVEL_MISMATCH = error(
    "based-on-level-mismatch", "A role based on another works at that role's level; a different level contradicts it."
)
