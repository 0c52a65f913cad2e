"""Rules about YAML itself, found by `ldcf.reading.yaml_positions` while it parses a file."""

from ldcf.rules import error

YAML_SYNTAX = error("yaml-syntax", "The file is not valid YAML.")
DUPLICATE_KEY = error("duplicate-key", "YAML keeps only the last of two equal keys, silently losing the first.")
ANCHOR_OR_ALIAS = error(
    "anchor-or-alias", "Anchors and aliases hide repeated data and allow 'billion laughs' expansion; write values out."
)
YAML_TAG = error("yaml-tag", "Tags can make YAML construct objects; plain values are all the data needs.")
SEVERAL_DOCUMENTS = error("several-documents", "Only the first of several YAML documents would be read.")
EMPTY_FILE = error("empty-file", "A file with no data is almost always a mistake.")
TOO_DEEP = error("too-deep", "Data nested deeper than any data file needs could exhaust the stack.")
NON_TEXT_KEY = error("non-text-key", "Mapping keys are field names, so they must be text.")
