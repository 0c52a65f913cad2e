"""A base data folder states the edition of its framework, found while its files are read."""

from ldcf.rules import warning

MISSING_EDITION = warning(
    "missing-edition",
    "A base data folder's edition.yaml names the framework's edition (name, edition, date, publisher), which "
    "exports and credentials cite.",
)
