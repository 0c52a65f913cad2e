"""Rules about definitions made twice, found while `ldcf.building.layers` merges the data folders."""

from ldcf.rules import error

DEFINED_TWICE = error(
    "defined-twice", "A level, competence or role defined twice in one file leaves it unclear which counts."
)
CONFLICTING_DEFINITION = error(
    "conflicting-definition",
    "An overlay may repeat a definition of its base only word for word; a different one would silently replace it.",
)
