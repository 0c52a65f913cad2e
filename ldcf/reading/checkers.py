"""The checker of a person's record without pydantic (`ldcf.reading.record_check`), generated from the models.

A record is personal data, so it is never cached, and checking one with its pydantic model means importing
pydantic and building the models first: several times what the rest of `ldcf gap --have` takes. So the record's
model (`ldcf.reading.models.RecordFile`, and the models of its entries) is written out once as plain Python: a
function per part of the model's validation schema, and a copy of each validator function the models use, made
from their source. The models stay the one source of truth: this module writes the checker from them, a test
checks that the file in the package is what it writes now, and that it judges records as the models do.

The checker only vouches for a record: it gives the entity when the record is certainly valid, as the models
would make it, and None otherwise, for the models to decide and to say what is wrong. So where it is unsure it
may say None (a string that pydantic and Python could strip differently, say), never a record the models refuse.
A part of a schema this module does not know how to write stops it, rather than being left out. The checker holds
the size and checksum of the models' module it was written from, and vouches for nothing once that module has
changed (until it is written again), so an edit of the models can never be judged by an older checker.

    python -m ldcf.reading.checkers        # rewrites ldcf/reading/record_check.py
"""

from __future__ import annotations

import ast
import builtins
import inspect
import keyword
import re
import sys
import textwrap
import types
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

GENERATED = Path(__file__).with_name("record_check.py")
_MODULE = "ldcf.reading.models"
# Keys of a schema that say nothing about what is valid, on every kind of schema.
_ANY_KIND = {"type", "metadata", "ref", "serialization"}


class Unsupported(Exception):
    """A part of a model's schema the writer does not know how to check: teach it, rather than leave it out."""


HEADER = '''"""GENERATED from the models of a person's record by `python -m ldcf.reading.checkers`: do not edit.

`check` gives the record a parsed record file holds, as the models would make it, when it is certainly valid, and
None otherwise, for the models (`ldcf.reading.models`) to decide and to say why; so checking a valid record needs
no pydantic. Each validator function the models use is copied here from its source.
"""

from __future__ import annotations
'''

_HELPERS = '''

class Unsure(Exception):
    """The record may not be valid: the models decide."""


_SURROGATES = re.compile("[\\\\ud800-\\\\udfff]")
_ASCII_SPACE = frozenset(" \\t\\n\\r")


def _text(value: Any, strip: bool) -> str:
    """A string as pydantic's `str` takes it in strict mode, stripped of surrounding white space if `strip`; only
    where Python and pydantic certainly agree on what that is."""
    if type(value) is not str or _SURROGATES.search(value):
        raise Unsure
    if not strip:
        return value
    stripped = value.strip()
    edges = value[: len(value) - len(value.lstrip())] + value[len(value.rstrip()) :]
    if not _ASCII_SPACE.issuperset(edges):  # white space that pydantic may not strip as Python does
        raise Unsure
    return stripped


def _same(result: Any, value: Any) -> Any:
    """What a model's validator returned, which must be the model it was given."""
    if result is not value:
        raise Unsure
    return value
'''


def literal(value: Any) -> str:
    """`value` written as Python, as ruff formats it."""
    if isinstance(value, str):
        written = repr(value)
        if written.startswith("'") and '"' not in value:
            written = '"' + written[1:-1].replace("\\'", "'") + '"'
        return written
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if type(value) is tuple:
        items = [literal(item) for item in value]
        return "()" if not items else f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if type(value) is frozenset:
        return f"frozenset({literal(tuple(sorted(value)))})" if value else "frozenset()"
    raise Unsupported(f"a value that cannot be written out: {value!r}")


class Writer:
    """The checker's source, written as the schema is walked."""

    def __init__(self, models: bytes) -> None:
        self.imports = {"import functools", "import re", "import zlib", "from pathlib import Path"}
        self.imports |= {"from typing import Any", "from ldcf.framework import entities"}
        # The size and checksum of the models' module, which the checker compares with the module it finds.
        self.constants: dict[str, str] = {"MODELS": f"MODELS = ({len(models)}, {zlib.crc32(models)})"}
        self.copied: dict[str, str] = {}  # a copied function's name in the checker: its source
        self.names: dict[int, str] = {}  # id of a copied function: its name in the checker
        self.checks: dict[str, str] = {}  # a check function's name: its source
        self.keys: dict[str, str] = {}  # a schema's canonical form: the name of its check
        self.references: dict[str, dict[str, Any]] = {}  # a schema's ref: the schema

    # The source ------------------------------------------------------------------------------------------------

    def source(self, top: dict[str, Any]) -> str:
        name = self.check(top)
        parts = [HEADER, "\n" + _imports(self.imports, own=False), "\n" + _imports(self.imports, own=True)]
        if self.constants:
            parts.append("\n" + "\n".join(self.constants[name] for name in sorted(self.constants)) + "\n")
        parts.append(_HELPERS)
        for source in (*self.copied.values(), *self.checks.values()):
            parts.append("\n\n" + source)
        parts.append(
            "\n\n@functools.cache\n"
            "def _written_from_these_models() -> bool:\n"
            '    """Whether the models\' module is the one this checker was written from: if it changed, the models\n'
            '    judge every record until the checker is written again."""\n'
            "    try:\n"
            '        source = Path(__file__).with_name("models.py").read_bytes()\n'
            "    except OSError:\n"
            "        return False\n"
            '    source = source.replace(b"\\r\\n", b"\\n")  # as git may check it out on Windows\n'
            "    return (len(source), zlib.crc32(source)) == MODELS\n"
            "\n\ndef check(data: Any) -> entities.Record | None:\n"
            '    """The record `data` (a parsed record file) holds when it is certainly valid; else None."""\n'
            "    if not _written_from_these_models():\n"
            "        return None\n"
            "    try:\n"
            f"        record: entities.Record = {name}(data)\n"
            "    except Exception:  # noqa: BLE001 - whatever it is, the models judge the record\n"
            "        return None\n"
            "    return record\n"
        )
        return "".join(parts)

    # Schemas ---------------------------------------------------------------------------------------------------

    def check(self, schema: dict[str, Any]) -> str:
        """The name of the function that checks a value against `schema`, written if need be."""
        if schema["type"] == "definitions":
            for definition in schema["definitions"]:
                self.references[definition["ref"]] = definition
            return self.check(schema["schema"])
        if schema["type"] == "definition-ref":
            return self.check(self.references[schema["schema_ref"]])
        key = self._canonical(schema)
        if key not in self.keys:
            name = f"_{schema['cls'].__name__}" if schema["type"] == "model" else f"_check_{len(self.keys) + 1}"
            self.keys[key] = name
            self.checks[name] = self._write(name, schema)
        return self.keys[key]

    def _canonical(self, value: Any) -> str:
        if isinstance(value, dict):
            kept = sorted((k, v) for k, v in value.items() if k not in _ANY_KIND - {"type"})
            return "{" + ",".join(f"{k}:{self._canonical(v)}" for k, v in kept) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self._canonical(item) for item in value) + "]"
        if callable(value) and not isinstance(value, type):
            return f"fn:{getattr(value, '__module__', '')}:{getattr(value, '__qualname__', repr(value))}:{id(value)}"
        if isinstance(value, type):
            return f"type:{value.__module__}.{value.__qualname__}"
        return repr(value)

    def _known(self, schema: dict[str, Any], keys: set[str]) -> None:
        unknown = set(schema) - _ANY_KIND - keys
        if unknown:
            raise Unsupported(f"{schema['type']} schema with {sorted(unknown)}")

    def _write(self, name: str, schema: dict[str, Any]) -> str:
        kind = schema["type"]
        head = f"def {name}(value: Any) -> Any:\n"
        if kind == "str":
            self._known(schema, {"min_length", "max_length", "strip_whitespace", "strict"})
            text = f"_text(value, {bool(schema.get('strip_whitespace'))})"
            if "min_length" not in schema and "max_length" not in schema:
                return head + f"    return {text}\n"
            lines = [f"    text = {text}"]
            if "min_length" in schema:
                lines.append(f"    if len(text) < {int(schema['min_length'])}:\n        raise Unsure")
            if "max_length" in schema:
                lines.append(f"    if len(text) > {int(schema['max_length'])}:\n        raise Unsure")
            return head + "\n".join([*lines, "    return text"]) + "\n"
        if kind == "int":
            self._known(schema, {"ge", "le", "gt", "lt", "strict"})
            lines = ["    if type(value) is not int:\n        raise Unsure"]
            for bound, test in (("ge", "<"), ("le", ">"), ("gt", "<="), ("lt", ">=")):
                if bound in schema:
                    lines.append(f"    if value {test} {int(schema[bound])}:\n        raise Unsure")
            return head + "\n".join([*lines, "    return value"]) + "\n"
        if kind == "bool":
            self._known(schema, {"strict"})
            return head + "    if type(value) is not bool:\n        raise Unsure\n    return value\n"
        if kind == "nullable":
            self._known(schema, {"schema", "strict"})
            return head + f"    return None if value is None else {self.check(schema['schema'])}(value)\n"
        if kind == "tuple":
            self._known(schema, {"items_schema", "variadic_item_index", "min_length", "max_length", "strict"})
            if schema.get("variadic_item_index") != 0 or len(schema["items_schema"]) != 1:
                raise Unsupported("a tuple of fixed length")
            item = self.check(schema["items_schema"][0])
            lines = ["    if type(value) is not tuple:\n        raise Unsure"]
            if "min_length" in schema:
                lines.append(f"    if len(value) < {int(schema['min_length'])}:\n        raise Unsure")
            if "max_length" in schema:
                lines.append(f"    if len(value) > {int(schema['max_length'])}:\n        raise Unsure")
            return head + "\n".join([*lines, f"    return tuple([{item}(item) for item in value])"]) + "\n"
        if kind in ("function-after", "function-before"):
            self._known(schema, {"schema", "function"})
            function = schema["function"]
            if function.get("type") != "no-info" or set(function) - {"type", "function"}:
                raise Unsupported(f"a {kind} validator that takes more than the value")
            call, inner = self.function(function["function"]), self.check(schema["schema"])
            if kind == "function-before":
                return head + f"    return {inner}({call.format('value')})\n"
            if schema["schema"]["type"] == "model":  # a model's own validator, given the model
                return head + f"    checked = {inner}(value)\n    return _same({call.format('checked')}, checked)\n"
            return head + f"    return {call.format(f'{inner}(value)')}\n"
        if kind == "model":
            return self._model(head, schema)
        raise Unsupported(f"a {kind} schema")

    def _model(self, head: str, schema: dict[str, Any]) -> str:
        """A model as its entity (`ldcf.reading.models.plain`): the fields checked, then the entity made of them."""
        from ldcf.framework import entities
        from ldcf.reading.models import ENTITY_OF

        self._known(schema, {"cls", "schema", "config", "custom_init", "root_model", "post_init"})
        if schema.get("custom_init") or schema.get("root_model") or schema.get("post_init"):
            raise Unsupported(f"the model {schema['cls'].__name__} makes itself")
        config = schema.get("config", {})
        extra = config.get("extra_fields_behavior", "ignore")
        if set(config) - {"extra_fields_behavior", "strict", "title", "frozen"} or extra not in ("forbid", "ignore"):
            raise Unsupported(f"the settings of {schema['cls'].__name__}: {config}")
        if schema["cls"] not in ENTITY_OF:
            raise Unsupported(f"{schema['cls'].__name__} has no entity")
        entity: Any = ENTITY_OF[schema["cls"]]
        if id(getattr(entities, entity.__name__, None)) != id(entity):
            raise Unsupported(f"{schema['cls'].__name__} has an entity outside ldcf.framework.entities")
        fields_schema = schema["schema"]
        self._known(fields_schema, {"fields", "model_name", "computed_fields"})
        if fields_schema["type"] != "model-fields" or fields_schema.get("computed_fields"):
            raise Unsupported(f"the fields of {schema['cls'].__name__}")
        fields = fields_schema["fields"]
        lines = ["    if type(value) is not dict:\n        raise Unsure"]
        if extra == "forbid":
            known = f"_{schema['cls'].__name__.upper()}_FIELDS"
            names = "".join(f"    {literal(name)},\n" for name in sorted(fields))
            self.constants[known] = f"{known} = {{\n{names}}}"
            lines.append(f"    if not {known}.issuperset(value):\n        raise Unsure")
        for field, field_schema in fields.items():
            if field == "value" or keyword.iskeyword(field) or not field.isidentifier():
                raise Unsupported(f"a field called {field!r}")
            self._known(field_schema, {"schema"})
            inner = field_schema["schema"]
            if inner["type"] == "default":
                self._known(inner, {"schema", "default"})
                if "default" not in inner:
                    raise Unsupported(f"{field} has a default that is not a value")
                check = self.check(inner["schema"])
                lines.append(
                    f"    {field} = {check}(value[{literal(field)}]) if {literal(field)} in value "
                    f"else {literal(inner['default'])}"
                )
            else:
                lines.append(f"    {field} = {self.check(inner)}(value[{literal(field)}])")
        missing = [name for name in entity._fields if name not in fields]
        if missing:
            raise Unsupported(f"{entity.__name__} has fields its model has not: {missing}")
        arguments = "".join(f"        {name}={name},\n" for name in entity._fields)
        lines.append(f"    return entities.{entity.__name__}(\n{arguments}    )")
        return head + "\n".join(lines) + "\n"

    # Validator functions ---------------------------------------------------------------------------------------

    def function(self, function: Callable[..., Any]) -> str:
        """How the checker calls one of the models' validators, `{}` standing for the value: its copy, or the
        function itself when it comes from the framework layer (which never imports pydantic)."""
        if isinstance(function, types.MethodType):  # a class method, bound to its model: given no class
            method = function.__func__
            if not isinstance(method, types.FunctionType):
                raise Unsupported(f"a validator that is not a function: {function!r}")
            model: Any = function.__self__
            return self._copy(method, f"_{model.__name__}{method.__name__}") + "(None, {})"
        if not isinstance(function, types.FunctionType):
            raise Unsupported(f"a validator that is not a function: {function!r}")
        module = function.__module__
        if module.startswith("ldcf.framework."):
            self.imports.add(f"from {module} import {function.__name__}")
            return function.__name__ + "({})"
        if module != _MODULE:
            raise Unsupported(f"a validator from {module}")
        qualified = function.__qualname__
        if "<locals>" in qualified:
            return self._closure(function) + "({})"
        if "." in qualified:  # a model's own validator, given the model
            return self._copy(function, "_" + qualified.replace("._", "_").replace(".", "_")) + "({})"
        return self._copy(function, function.__name__) + "({})"

    def _copy(self, function: types.FunctionType, name: str) -> str:
        if id(function) in self.names:
            return self.names[id(function)]
        self.names[id(function)] = name
        self._globals(function)
        self.copied[name] = self._source(function, name, indent="")
        return name

    def _closure(self, function: types.FunctionType) -> str:
        """A validator made by a function of the models (a pattern's check): written with the values it closes
        over, in a function that makes it."""
        if id(function) in self.names:
            return self.names[id(function)]
        name = f"_{function.__qualname__.split('.')[0].strip('_')}_{len(self.names) + 1}"
        self.names[id(function)] = name
        self._globals(function)
        cells = dict(zip(function.__code__.co_freevars, function.__closure__ or (), strict=True))
        lines = [f"def _make{name}() -> Any:"]
        for variable, cell in cells.items():
            lines.append(f"    {variable} = {self._value(cell.cell_contents)}")
        lines.append("")
        lines.append(self._source(function, function.__name__, indent="    ").rstrip("\n"))
        lines.append("")
        lines.append(f"    return {function.__name__}")
        self.copied[f"_make{name}"] = "\n".join(lines) + "\n\n\n" + f"{name} = _make{name}()\n"
        return name

    def _value(self, value: Any) -> str:
        if isinstance(value, re.Pattern):
            if value.flags != re.compile(value.pattern).flags:
                raise Unsupported(f"a pattern with flags: {value!r}")
            return f"re.compile({literal(value.pattern)})"
        return literal(value)

    def _globals(self, function: types.FunctionType) -> None:
        """Every global a copied function uses, defined in the checker as it is in the models' module."""
        namespace = function.__globals__
        for name in sorted(_names(function.__code__)):
            if name not in namespace or name in self.constants or hasattr(builtins, name):
                continue
            value = namespace[name]
            if isinstance(value, types.ModuleType):
                alias = "" if value.__name__ == name else f" as {name}"
                self.imports.add(f"import {value.__name__}{alias}")
            elif isinstance(value, types.FunctionType) and value.__module__ == _MODULE:
                self._copy(value, name)
            elif (home := _framework_home(name, value)) is not None:
                self.imports.add(f"from {home} import {name}")
            else:
                self.constants[name] = f"{name} = {self._value(value)}"

    def _source(self, function: types.FunctionType, name: str, indent: str) -> str:
        """The function's source without its decorators, renamed, with `Any` for a method's first parameter and
        for annotations that name what the checker does not have (the models themselves)."""
        source = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(source).body[0]
        if not isinstance(tree, ast.FunctionDef):
            raise Unsupported(f"{function.__qualname__} is not a plain function")
        lines = source.splitlines()[tree.lineno - 1 :]
        text = "\n".join(lines) + "\n"
        tree = ast.parse(text).body[0]
        assert isinstance(tree, ast.FunctionDef)
        edits: list[tuple[int, int, int, str]] = []  # line, start, end, replacement
        method = "." in function.__qualname__.replace(".<locals>.", "")
        parameters = tree.args.args
        if method and parameters and parameters[0].annotation is None:
            first = parameters[0]
            edits.append((first.lineno, first.end_col_offset or 0, first.end_col_offset or 0, ": Any"))
        annotations = [argument.annotation for argument in parameters if argument.annotation is not None]
        annotations += [tree.returns] if tree.returns is not None else []
        for annotation in annotations:
            named = {node.id for node in ast.walk(annotation) if isinstance(node, ast.Name)}
            if any(not hasattr(builtins, each) and each != "Any" for each in named):
                if annotation.end_col_offset is None or annotation.lineno != annotation.end_lineno:
                    raise Unsupported(f"an annotation over several lines in {function.__qualname__}")
                edits.append((annotation.lineno, annotation.col_offset, annotation.end_col_offset, "Any"))
        rows = text.splitlines()
        for line, start, end, replacement in sorted(edits, reverse=True):
            rows[line - 1] = rows[line - 1][:start] + replacement + rows[line - 1][end:]
        rows[0] = rows[0].replace(f"def {function.__name__}(", f"def {name}(", 1)
        return "\n".join(indent + row if row else row for row in rows) + "\n"


def _imports(lines: set[str], own: bool) -> str:
    """The imports of ldcf's own modules (`own`) or the others, as isort orders them: `import x` before `from x
    import y`, by module, the names of one module together."""
    modules: dict[str, set[str]] = {}
    plain = []
    for line in lines:
        words = line.split()
        if words[1].startswith("ldcf") != own:
            continue
        if words[0] == "import":
            plain.append(line)
        else:
            modules.setdefault(words[1], set()).add(" ".join(words[3:]))
    written = sorted(plain, key=lambda line: line.split()[1])
    written += [f"from {module} import {', '.join(sorted(names))}" for module, names in sorted(modules.items())]
    return "\n".join(written) + "\n"


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names(constant)
    return names


def _framework_home(name: str, value: Any) -> str | None:
    """The module of the framework layer that defines `value` as `name`, if one does."""
    for module_name, module in sorted(sys.modules.items()):
        if module_name.startswith("ldcf.framework.") and getattr(module, name, None) is value:
            return module_name
    return None


def record_checker() -> str:
    """The source of `ldcf.reading.record_check`, from the models as they are now."""
    from ldcf.reading import models

    source = Path(models.__file__).read_bytes().replace(b"\r\n", b"\n")
    return Writer(source).source(dict(models.RecordFile.__pydantic_core_schema__))


def main() -> None:
    GENERATED.write_text(record_checker(), encoding="utf-8")
    print(f"wrote {GENERATED}")


if __name__ == "__main__":
    main()
