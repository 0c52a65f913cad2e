"""The Jinja environment that a Word template's tags run in: Jinja's immutable sandbox, with bounds on what a tag
may compute, so that a template from outside cannot take the time or the memory of the computer that fills it.

A tag can read the document's values, loop over them and test them; it cannot include, import or extend other
templates, turn escaping off, or make a value into Word XML (`|safe` keeps text as text). Within that:

- numbers stay under 4,096 bits (`10 ** 100000` is refused before it is computed);
- a text or list a tag makes stays under MAX_TEXT characters or items: repetition (`'x' * n`), joining,
  `~`, `+`, `replace`, widths of `center`, `ljust`, `format` and `%` are checked before they are done;
- `range` gives at most MAX_RANGE numbers, and `lipsum` is not there;
- all the loop turns, calls (macros and methods, each as CALL_WORK turns), numbers of `range` and the size of
  the values made (a turn for every 1,000 characters) of one filling count towards MAX_WORK;
- what one part of the template renders to stays under MAX_OUTPUT characters.

A value enters the document only as text: every tag's output is escaped as XML, and its braces as character
references, so that no value can become a tag of docxtpl (`{_{`) or of Jinja. What these checks do not foresee
is bounded by the child process that fills the template, with limits of time and memory
(ldcf.render.docx_template)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

MAX_TEXT = 1_000_000  # characters of a text, or items of a list, that one tag computes
MAX_INT_BITS = 4096
MAX_RANGE = 10_000
MAX_WORK = 1_000_000  # loop turns, calls and numbers of range in one filling
CALL_WORK = 10  # what a call counts for: calling a macro takes as long as ten turns of a loop
WORK_PER_TURN = 1000  # characters or items of a value made that count as one turn of a loop
MAX_OUTPUT = 32 * 1024 * 1024  # characters one part of a template renders to


class BeyondLimits(Exception):
    """What a template tried that is beyond the bounds; the message says what, in a line."""


# What the parser gives is checked and changed before it is compiled: loops and `~` are counted ------------------

_REFUSED_TAGS: dict[type[nodes.Node], str] = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.EvalContextModifier: "{% autoescape %}",
}


class _Bounds(NodeTransformer):
    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "ldcf_counted", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, "ldcf_text", [], [], None, None, lineno=node.lineno)


# Checks -------------------------------------------------------------------------------------------------------


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _check_text(length: int, how: str) -> None:
    if length > MAX_TEXT:
        raise BeyondLimits(f"the template tried to make a text or list {length:,} long {how}, beyond the limit of "
                           f"{MAX_TEXT:,}")  # fmt: skip


def _check_int(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise BeyondLimits(f"the template tried to compute {what}, a number beyond the limit of {MAX_INT_BITS:,} bits")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_width(width: Any, what: str) -> None:
    if _is_int(width):
        _check_text(width, what)


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*?:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")


def _check_format(text: str, percent: bool) -> None:
    """Refuse a format whose widths or precisions, stated or given as arguments, could make a text too long."""
    if percent:
        sizes = [size for found in _PERCENT_SPEC.finditer(text) for size in found.groups() if size]
    else:
        specs = [found.group(1) for found in _FORMAT_SPEC.finditer(text)]
        if any("{" in spec for spec in specs):
            raise BeyondLimits("the template tried to give a format a width from an argument, which is not allowed")
        sizes = [size for spec in specs for size in re.findall(r"\d+", spec)]
    for size in sizes:
        if size == "*":
            raise BeyondLimits("the template tried to give a format a width from an argument, which is not allowed")
        if len(size) > 7 or int(size) > MAX_TEXT:
            raise BeyondLimits(f"the template tried to format a value {size} characters wide, beyond the limit of "
                               f"{MAX_TEXT:,}")  # fmt: skip


def _joined_length(separator: str, items: list[Any]) -> int:
    return sum(len(item) if isinstance(item, str) else 8 for item in items) + len(separator) * max(len(items) - 1, 0)


def _replaced_length(text: str, old: str, new: str, count: int = -1) -> int:
    found = text.count(old) if old else len(text) + 1
    if count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a method of a text before it is made; the arguments to call it with."""
    name = getattr(method, "__name__", "")
    owner = getattr(getattr(method, "__wrapped__", method), "__self__", None)  # Jinja 3.1.3 wraps str.format
    if not isinstance(owner, str):
        return args
    if name in ("format", "format_map"):
        _check_format(owner, percent=False)
        return args
    values = [*args, *kwargs.values()]
    if name in ("center", "ljust", "rjust", "zfill"):
        for value in values:
            _check_width(value, f"with {name}")
    elif name == "expandtabs":
        size = next((value for value in values if _is_int(value)), 8)
        _check_text(len(owner) + owner.count("\t") * max(size, 0), "with expandtabs")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        count = args[2] if len(args) > 2 and _is_int(args[2]) else kwargs.get("count", -1)
        _check_text(_replaced_length(owner, args[0], args[1], count if _is_int(count) else -1), "with replace")
    elif name == "join" and args:
        items = list(_counted_items(args[0]))
        _check_text(_joined_length(owner, items), "with join")
        return (items, *args[1:])
    return args


def _counted_items(iterable: Any) -> Iterable[Any]:
    if isinstance(iterable, str | list | tuple | dict | range):
        return iterable
    items = []
    for item in iterable:
        items.append(item)
        _check_text(len(items), "by listing")
    return items


# What each tag's output is: text, escaped ----------------------------------------------------------------------


def as_text(value: Any) -> Markup:
    """A tag's value as it enters the document: text escaped as XML, with its braces as character references, so
    that neither docxtpl (which turns `{_{` into `{{` after filling) nor a later reading as a template finds a tag
    in it. A value that marks itself for the document (ldcf.render.docx_marks) gives its own escaped form."""
    if isinstance(value, Markup):
        html = str(value)
    elif hasattr(value, "__html__"):
        html = value.__html__()
    else:
        html = str(escape(value))
    html = _NOT_TEXT.sub(" ", html)
    return Markup(html.replace("{", "&#123;").replace("}", "&#125;"))


# Characters that are not text in Word XML, or that docxtpl turns into a new paragraph or a page break after
# filling (\a, \f): a tab and a line break stay, as docxtpl's tab and line break.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f]")


# The environment -----------------------------------------------------------------------------------------------


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the bounds above; one environment is made for each filling, since it
    counts the work done."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(autoescape=True, finalize=as_text, **options)
        self.work = 0
        self.globals = {
            "range": self._range,
            "dict": dict,
            "cycler": jinja2.utils.Cycler,
            "joiner": jinja2.utils.Joiner,
            "namespace": jinja2.utils.Namespace,
        }
        self.filters = {**self.filters, **self._bounded_filters()}

    # Parsing and output

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for kind, tag in _REFUSED_TAGS.items():
            if tree.find(kind) is not None:
                raise BeyondLimits(f"the template uses {tag}, which a Word template cannot")
        bounded = _Bounds().visit(tree)
        assert isinstance(bounded, nodes.Template)
        return bounded

    def concat(self, pieces: Iterable[str]) -> str:
        """What a template, a macro or a block renders to, within MAX_OUTPUT characters."""
        kept, total = [], 0
        for piece in pieces:
            total += len(piece)
            if total > MAX_OUTPUT:
                raise BeyondLimits(f"the template tried to write more than {MAX_OUTPUT:,} characters into one part")
            kept.append(piece)
        return "".join(kept)

    # Work

    def spend(self, work: int) -> None:
        self.work += work
        if self.work > MAX_WORK:
            raise BeyondLimits(f"the template's loops and calls ran more than {MAX_WORK:,} times, the limit")

    def made(self, value: Any) -> Any:
        """`value`, made by a tag: a long text or list counts towards the work as a loop turn for each 1,000
        characters or items, so that making large values again and again ends soon."""
        self.spend(_length(value) // WORK_PER_TURN)
        return value

    def _range(self, *arguments: Any) -> range:
        try:
            numbers = range(*arguments)
            count = len(numbers)
        except OverflowError:
            count = MAX_RANGE + 1
            numbers = range(0)
        if count > MAX_RANGE:
            raise BeyondLimits(f"the template asked for a range of more than {MAX_RANGE:,} numbers, the limit")
        self.spend(count)
        return numbers

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.spend(CALL_WORK)
        args = _check_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_text(_length(result), "with a call")
        return __self.made(result)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.spend(1)
        if operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1 and right > 0:
            _check_int(right * abs(left).bit_length(), f"{left} ** {right}")
        elif operator == "*":
            if _is_int(left) and _is_int(right):
                _check_int(left.bit_length() + right.bit_length(), f"{left} * {right}")
            elif _is_int(right) or _is_int(left):
                times, sequence = (right, left) if _is_int(right) else (left, right)
                _check_text(_length(sequence) * max(times, 0), "by repetition (*)")
        elif operator == "+":
            if _is_int(left) and _is_int(right):
                _check_int(max(left.bit_length(), right.bit_length()) + 1, f"{left} + {right}")
            else:
                _check_text(_length(left) + _length(right), "with +")
        elif operator == "%" and isinstance(left, str):
            _check_format(left, percent=True)
        try:
            return self.made(super().call_binop(context, operator, left, right))
        except OverflowError:
            raise BeyondLimits(f"the template tried to compute a number too large ({operator})") from None

    # Filters

    def _bounded_filters(self) -> dict[str, Callable[..., Any]]:
        original = dict(self.filters)

        def counted(iterable: Any) -> Iterator[Any]:
            for item in iterable:
                self.spend(1)
                yield item

        def text(value: Any) -> Any:
            _check_text(_length(value), "with ~")
            return value

        def center(value: Any, width: Any = 80) -> Any:
            _check_width(width, "with center")
            return self.made(original["center"](value, width))

        def indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> Any:
            lines = str(value).count("\n") + 1
            _check_text(len(str(value)) + lines * (width if _is_int(width) else _length(width)), "with indent")
            return self.made(original["indent"](value, width, *args, **kwargs))

        def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
            _check_format(str(value), percent=True)
            return self.made(original["format"](value, *args, **kwargs))

        def replace(context: Any, value: Any, old: Any, new: Any, count: Any = None) -> Any:
            length = _replaced_length(str(value), str(old), str(new), count if _is_int(count) else -1)
            _check_text(length, "with replace")
            return self.made(original["replace"](context, value, old, new, count))

        def join(context: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
            items = list(_counted_items(value))
            _check_text(_joined_length(str(d), items), "with join")
            return self.made(original["join"](context, items, d, attribute))

        def wordwrap(environment: Any, value: Any, width: Any = 79, *args: Any, **kwargs: Any) -> Any:
            # Each line break adds the wrapping text: a short width and a long one multiply.
            text = str(value)
            wrapping = kwargs.get("wrapstring", args[1] if len(args) > 1 else None)
            joiner = environment.newline_sequence if wrapping is None else str(wrapping)
            breaks = len(text) // max(width, 1) + len(text.split()) if _is_int(width) else len(text)
            _check_text(len(text) + (breaks + 1) * len(joiner), "with wordwrap")
            return self.made(original["wordwrap"](environment, value, width, *args, **kwargs))

        def batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
            _check_width(linecount, "with batch")
            return self.made(original["batch"](value, linecount, fill_with))

        def slice_(value: Any, slices: int, fill_with: Any = None) -> Any:
            if _is_int(slices) and slices > MAX_RANGE:
                raise BeyondLimits(f"the template asked for more than {MAX_RANGE:,} slices, the limit")
            return original["slice"](value, slices, fill_with)

        def int_(value: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(value, str) and len(value) > 1000:
                raise BeyondLimits("the template tried to read a number of more than 1,000 digits")
            return original["int"](value, *args, **kwargs)

        def kept_as_text(value: Any) -> Any:
            return value

        return {
            "ldcf_counted": counted,
            "ldcf_text": text,
            "center": center,
            "indent": indent,
            "format": format_,
            "replace": jinja2.pass_eval_context(replace),
            "join": jinja2.pass_eval_context(join),
            "wordwrap": jinja2.pass_environment(wordwrap),
            "batch": batch,
            "slice": slice_,
            "int": int_,
            "safe": kept_as_text,
        }
