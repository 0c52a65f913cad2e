"""The YAML reader: positions, and everything it refuses."""

import pytest

from ldcf.reading.yaml_positions import MAX_NESTING, YamlError, parse_yaml


def test_values_keep_their_line_and_column():
    data, source_map = parse_yaml("a: 1\nlist:\n  - x\n  - {b: yes}\n")
    assert data == {"a": 1, "list": ("x", {"b": True})}
    assert source_map.position(("list", 1, "b")) == (4, 9)
    assert source_map.position(("list", 1, "b"), at_key=True) == (4, 6)
    assert source_map.position(("list", 0)) == (3, 5)


def test_position_of_a_missing_part_falls_back_to_the_nearest_existing_parent():
    _, source_map = parse_yaml("outer:\n  inner: 1\n")
    assert source_map.position(("outer", "absent", 3)) == (2, 3)


def test_dates_stay_text():
    data, _ = parse_yaml("date: 2018-05-31\n")
    assert data == {"date": "2018-05-31"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first at line 1)", 3),
        ("a: &x 1\nb: *x\n", "anchors", 1),
        ("a: [1\n", "invalid YAML", 2),
        ("a: !!python/object:os.system {}\n", "YAML tag tag:yaml.org,2002:python/object:os.system is not allowed", 1),
        ("a: !custom 1\n", "YAML tag !custom is not allowed", 1),
        ("a: 1\n---\nb: 2\n", "only one YAML document", 2),
        ("", "the file is empty", 1),
        ("# only a comment\n", "the file is empty", 1),
        ("1: one\n", "mapping keys must be text", 1),
        ("? [a]\n: b\n", "mapping keys must be text", 1),
        ("a: \x00\n", "invalid YAML", 1),
    ],
)
def test_refused_yaml_names_the_line(text, message, line):
    with pytest.raises(YamlError) as raised:
        parse_yaml(text)
    assert message in raised.value.message
    assert raised.value.line == line


def test_an_alias_is_refused_even_without_an_anchor_on_a_scalar():
    with pytest.raises(YamlError, match=r"anchors|aliases"):
        parse_yaml("a: &list [1, 2]\nb: *list\n")


def test_deep_nesting_is_refused():
    with pytest.raises(YamlError, match=f"nesting deeper than {MAX_NESTING}"):
        parse_yaml("a: " + "[" * (MAX_NESTING + 5) + "]" * (MAX_NESTING + 5) + "\n")


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 2_000, 10_000])
def test_deep_nesting_is_too_deep_at_the_first_bracket_past_the_limit_whichever_parser_meets_it(depth):
    """PyYAML 6.0.3 and later give libyaml a nesting limit of its own (1,000), met by its scanner before ldcf's
    parser meets ldcf's: any depth is still `too-deep`, reported where the file passes ldcf's limit."""
    from ldcf.rules.syntax import TOO_DEEP

    prefix = "key: "
    with pytest.raises(YamlError) as raised:
        parse_yaml("# a comment\n" + prefix + "[" * depth + "]" * depth + "\n")
    assert raised.value.rule is TOO_DEEP
    assert raised.value.message == f"nesting deeper than {MAX_NESTING} levels"
    # The top mapping is the first level, so the bracket that opens level MAX_NESTING + 1 is bracket MAX_NESTING.
    assert (raised.value.line, raised.value.column) == (2, len(prefix) + MAX_NESTING)


def test_the_pure_python_loader_reads_the_same_data_and_positions(monkeypatch):
    """Where libyaml is missing, PyYAML's pure-Python loader gives the same result."""
    import yaml

    from ldcf.reading import yaml_positions as yaml_reader

    text = 'a: 1\nlist:\n  - "5"\n  - {b: yes, c: 2018-05-31}\n'
    fast = parse_yaml(text)
    monkeypatch.setattr(yaml_reader, "_yaml_loader_class", lambda: yaml.SafeLoader)
    slow = parse_yaml(text)
    assert slow[0] == fast[0] == {"a": 1, "list": ("5", {"b": True, "c": "2018-05-31"})}
    assert slow[1].values == fast[1].values
    assert slow[1].keys == fast[1].keys
    with pytest.raises(YamlError, match="duplicate key"):
        parse_yaml("a: 1\na: 2\n")
