"""YAML text to data, with the line and column of every value.

YAML is read event by event rather than with `yaml.safe_load`, so that duplicate keys, anchors, aliases and
tags can be refused, and every value keeps the place it came from, to report problems at.
"""

from __future__ import annotations

from typing import Any

from ldcf.rules import Rule
from ldcf.rules.problems import DataPath
from ldcf.rules.syntax import (
    ANCHOR_OR_ALIAS,
    DUPLICATE_KEY,
    EMPTY_FILE,
    NON_TEXT_KEY,
    SEVERAL_DOCUMENTS,
    TOO_DEEP,
    YAML_SYNTAX,
    YAML_TAG,
)

MAX_NESTING = 50

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}
_TEXT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


class SourceMap:
    """Where each value and each mapping key of a parsed file starts, by data path; lines and columns from 1.

    A plain class, not a dataclass: a person's record is read on every run of `gap --have`, and the dataclasses
    module alone costs about half the bare interpreter's start to import."""

    def __init__(self) -> None:
        self.values: dict[DataPath, tuple[int, int]] = {}
        self.keys: dict[DataPath, tuple[int, int]] = {}

    def position(self, path: DataPath, at_key: bool = False) -> tuple[int, int]:
        """The position of the deepest part of `path` that exists; parts that name no data are skipped."""
        if at_key and tuple(path) in self.keys:
            return self.keys[tuple(path)]
        found: DataPath = ()
        for part in path:
            if (*found, part) in self.values:
                found = (*found, part)
        return self.values.get(found, (1, 1))


class YamlError(Exception):
    """Why a file is refused, as an instance of one of the rules of `ldcf.rules.syntax`, and where."""

    def __init__(self, rule: Rule, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column


def _yaml_loader_class() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into dicts, tuples and scalars, with the position of every value.

    Raises YamlError for anything ldcf does not accept: syntax errors, several documents, duplicate keys,
    anchors, aliases, tags other than YAML's plain ones, non-text keys and deep nesting.
    """
    try:
        return _parse_with(_yaml_loader_class(), text)
    except YamlError as error:
        if error.rule is not TOO_DEEP or error.message.startswith(_OUR_LIMIT):
            raise
    # libyaml (from PyYAML 6.0.3) has a nesting limit of its own, and its scanner can reach it before the parser
    # reaches ours; the pure-Python parser, which has none, finds where the file passes ours, so that every
    # PyYAML reports deep nesting the same way and at the same place.
    import yaml

    return _parse_with(yaml.SafeLoader, text)


_OUR_LIMIT = f"nesting deeper than {MAX_NESTING} levels"
_PARSER_LIMIT = "exceeded maximum nesting depth"


def _parse_with(loader_class: Any, text: str) -> tuple[Any, SourceMap]:
    import yaml

    loader = loader_class(text)
    source_map = SourceMap()
    try:
        return _build(loader, source_map), source_map
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _PARSER_LIMIT in str(error.problem):
            raise YamlError(TOO_DEEP, "nesting deeper than YAML's parser allows", line, column) from None
        reason = f"invalid YAML: {error.problem or error.context}"
        raise YamlError(YAML_SYNTAX, reason + _hint(text, str(error.problem), line, column), line, column) from None
    except yaml.YAMLError as error:
        position = getattr(error, "position", 0)
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = getattr(error, "reason", None) or str(error)
        raise YamlError(YAML_SYNTAX, f"invalid YAML: {reason}", line, column) from None
    finally:
        loader.dispose()


def _hint(text: str, problem: str, line: int, column: int) -> str:
    """What to do about the mistakes people make most when they edit YAML by hand, in words for them."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: max(column, len(here) - len(here.lstrip()))]:
        return "; a tab is used here: YAML needs spaces, so replace the tab with spaces"
    if "mapping values are not allowed" in problem:
        if column - 1 > here.find(": "):  # a second ": " on the line: text, not a field
            return '; the text holds ": ", which YAML reads as a new field: put the whole text in double quotes'
        return "; this line is indented more than the line above: line it up with the line above"
    if problem.startswith(("did not find expected key", "did not find expected '-'", "expected <block end>")):
        return (
            "; check the indentation: the lines of one entry start in the same column, and each entry of a list "
            "starts with '- '"
        )
    return ""


def _position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Frame:
    """A mapping or sequence being built, with the key waiting for its value and the keys seen so far."""

    __slots__ = ("container", "is_mapping", "key", "path", "seen", "start_mark")

    def __init__(self, container: Any, path: DataPath, start_mark: Any) -> None:
        self.container = container
        self.is_mapping = isinstance(container, dict)
        self.path = path
        self.start_mark = start_mark
        self.key: Any = None
        self.seen: dict[str, tuple[int, int]] = {}

    def child_path(self) -> DataPath:
        return self.path + ((self.key,) if self.is_mapping else (len(self.container),))


def _build(loader: Any, source_map: SourceMap) -> Any:
    # The hot loop of every run over a large catalogue: events are told apart by exact type, and the frame on
    # top of the stack is kept in a local.
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    values = source_map.values
    documents = 0
    root: Any = None
    stack: list[_Frame] = []
    frame: _Frame | None = None

    def attach(value: Any, mark: Any) -> None:
        nonlocal root
        position = (mark.line + 1, mark.column + 1)
        if frame is None:
            root = value
            values[()] = position
        elif frame.is_mapping:
            key_path = (*frame.path, frame.key)
            values[key_path] = position
            frame.container[frame.key] = value
            frame.key = None
        else:
            container = frame.container
            item_path = (*frame.path, len(container))
            values[item_path] = position
            container.append(value)

    check_event, get_event = loader.check_event, loader.get_event
    while check_event():
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                _refuse_anchor_and_tag(event)
            # A quoted scalar without a tag is always text; only plain ones need YAML's type resolution.
            value = event.value if event.tag is None and not event.implicit[0] else _scalar(loader, event)
            if frame is not None and frame.is_mapping and frame.key is None:
                _take_key(frame, value, event, source_map)
            else:
                attach(value, event.start_mark)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            _refuse_anchor_and_tag(event)
            if frame is not None and frame.is_mapping and frame.key is None:
                raise YamlError(
                    NON_TEXT_KEY, "mapping keys must be text, not a list or mapping", *_position(event.start_mark)
                )
            if len(stack) >= MAX_NESTING:
                raise YamlError(TOO_DEEP, _OUR_LIMIT, *_position(event.start_mark))
            path = frame.child_path() if frame is not None else ()
            frame = _Frame({} if kind is MappingStartEvent else [], path, event.start_mark)
            stack.append(frame)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            finished = stack.pop()
            frame = stack[-1] if stack else None
            attach(finished.container if finished.is_mapping else tuple(finished.container), finished.start_mark)
        elif kind is AliasEvent:
            raise YamlError(
                ANCHOR_OR_ALIAS,
                f"YAML aliases (*{event.anchor}) are not allowed: write the value out in full",
                *_position(event.start_mark),
            )
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlError(
                    SEVERAL_DOCUMENTS, "only one YAML document is allowed per file", *_position(event.start_mark)
                )
    if documents == 0 or not values:
        raise YamlError(EMPTY_FILE, "the file is empty", 1, 1)
    return root


def _refuse_anchor_and_tag(event: Any) -> None:
    if event.anchor is not None:
        raise YamlError(
            ANCHOR_OR_ALIAS,
            f"YAML anchors (&{event.anchor}) are not allowed: write the value out in full",
            *_position(event.start_mark),
        )
    tag = event.tag
    if tag not in (None, "!") and tag not in _PLAIN_TAGS:
        raise YamlError(YAML_TAG, f"YAML tag {tag} is not allowed", *_position(event.start_mark))


def _take_key(frame: _Frame, key: Any, event: Any, source_map: SourceMap) -> None:
    position = _position(event.start_mark)
    if not isinstance(key, str):
        raise YamlError(NON_TEXT_KEY, f"mapping keys must be text, not {key!r}", *position)
    if key in frame.seen:
        raise YamlError(DUPLICATE_KEY, f"duplicate key {key!r} (first at line {frame.seen[key][0]})", *position)
    frame.seen[key] = position
    key_path = (*frame.path, key)
    source_map.keys[key_path] = position
    frame.key = key


def _scalar(loader: Any, event: Any) -> Any:
    import yaml

    tag = event.tag
    if tag is None:
        value = event.value
        # YAML resolves plain scalars by their first character; one that starts no number, boolean, null or date
        # is text, without running the resolver's patterns.
        if value and value[0] not in loader.yaml_implicit_resolvers:
            return value
    if tag in (None, "!"):
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag in _TEXT_TAGS:
        # Dates stay text: ldcf keeps publication dates as written.
        return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    constructor = loader.yaml_constructors.get(tag)
    if constructor is None:
        raise YamlError(YAML_TAG, f"YAML tag {tag} is not allowed", *_position(event.start_mark))
    try:
        return constructor(loader, node)
    except (ValueError, KeyError, TypeError, OverflowError, yaml.YAMLError) as error:
        # An explicit tag on a value that is not of its kind, or a number past Python's own limits.
        kind = tag.rsplit(":", 1)[-1]
        shown = event.value if len(event.value) <= 40 else event.value[:40] + "..."
        reason = "has too many digits" if "digits" in str(error) else f"is not a valid {kind}"
        raise YamlError(
            YAML_SYNTAX, f"{shown!r} {reason}; quote it to keep it as text", *_position(event.start_mark)
        ) from None
