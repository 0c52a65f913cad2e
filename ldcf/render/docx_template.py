"""Word documents from a Trust's own template, with docxtpl: the template's styles, header, footer and logo,
filled with a document's content through the tags of docs/documents.md. The starter template that
`ldcf doc template` writes out to edit is made by ldcf.render.docx_starter.

A template is a file from outside, so it is opened as untrusted: every part is unpacked and counted before
docxtpl reads it (ldcf.reading.packages), the parts that hold tags are bounded in size and in tags, and the
tags run in a bounded sandbox (ldcf.render.docx_sandbox), where they can reach the document's content and
nothing else, and where each value enters the document as text. Each part is rendered exactly once: a
template that would have docxtpl render a part twice (a header that is also the body, footnotes once per
section) is refused or rendered once, so that no value is ever read as a tag. The whole filling runs in a
child process (forked on Linux; elsewhere, or with threads running, a fresh interpreter) stopped after
TIME_LIMIT seconds, with limits of processor time (Linux, macOS) and memory (Linux) where the system has
them: what the sandbox does not foresee still ends, with a one-line message. A value the document does not
have fills as nothing; a tag that names nothing ldcf fills is an error naming it.

Filling keeps what the template sets: each tag's run formatting (a bold label stays bold), table widths, rows
that do not split across pages and header rows that repeat. What docxtpl cannot do from a plain tag is finished
after filling, by ldcf.render.docx_marks.
"""

from __future__ import annotations

import io
import math
import os
import re
import sys
import threading
from collections.abc import Iterator
from typing import Any

import docx
import jinja2
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from jinja2.utils import missing

from ldcf.reading.packages import PackageProblem, TooLarge, check_package
from ldcf.render.blocks import Document, clean
from ldcf.render.docx_marks import Filling
from ldcf.render.docx_sandbox import BeyondLimits, BoundedSandbox
from ldcf.render.docx_starter import GUIDE, NOTE_HEADING, starter_template

__all__ = ["TemplateProblem", "UnknownTag", "render", "starter_template"]


class TemplateProblem(Exception):
    """A template that cannot be used; the message says why, in the user's terms."""


# Tags: a value the document lacks is empty, a name ldcf does not fill is an error ------------------------------


class UnknownTag(jinja2.UndefinedError):
    """A tag that names nothing ldcf fills, such as a misspelt {{ bnd }}."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the template uses {{{{ {name} }}}}, which ldcf does not fill; the tags are listed in {GUIDE}"
        )


class _Missing(jinja2.ChainableUndefined):
    """What a tag gets for a value the document does not have: a field a national role leaves out
    (`{{ fields["Agenda for Change band"] }}`), a key of another kind of block. It shows as nothing and counts as
    false. A name that ldcf does not fill at all (`{{ bnd }}`) is an error naming it, and so is what the sandbox
    refuses (`{{ title.__class__ }}`)."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        if self._undefined_obj is missing and self._undefined_hint is None and self._undefined_name:
            raise UnknownTag(self._undefined_name)
        return super()._fail_with_undefined_error(*args, **kwargs)

    def _check(self) -> None:
        refused = self._undefined_hint is not None or self._undefined_exception is not jinja2.UndefinedError
        if self._undefined_obj is missing or refused:
            self._fail_with_undefined_error()

    def __str__(self) -> str:
        self._check()
        return ""

    def __html__(self) -> str:
        self._check()
        return ""

    def __iter__(self) -> Iterator[Any]:
        self._check()
        return iter(())

    def __bool__(self) -> bool:
        self._check()
        return False

    def __len__(self) -> int:
        self._check()
        return 0

    def __eq__(self, other: object) -> bool:
        self._check()
        return isinstance(other, jinja2.Undefined) or other in ("", None)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return id(type(self))


def _drop_notes(word: WordDocument) -> None:
    """Take the starter template's box of notes out of the template before it is filled, wherever it is now."""
    body = word.element.body
    for table in body.findall(qn("w:tbl")):
        first = table.find(f"{qn('w:tr')}/{qn('w:tc')}")
        if first is not None and "".join(first.itertext()).strip().startswith(NOTE_HEADING):
            body.remove(table)


# Bounds of a template, besides those of its tags (ldcf.render.docx_sandbox) ------------------------------------

MAX_PART_BYTES = 20 * 1024 * 1024  # what any one part of a template may unpack to (a logo, the styles)
MAX_TAGGED_PART_BYTES = 2 * 1024 * 1024  # a part that docxtpl renders: the body, a header, a footer, footnotes
MAX_TAGS = 5000  # in all the parts docxtpl renders
TIME_LIMIT = 20  # seconds for the whole filling, and of processor time in the child process that does it
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space the child process may add, where the system limits it
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_TAG = re.compile(r"\{\{|\{%")
_XML_TAG = re.compile(r"<[^>]*>")


class _OncePerPart:
    """What ldcf asks of docxtpl beyond its own: each part of the template is rendered exactly once. docxtpl
    renders the footnotes once for every section of the document, so that from the second section on, what the
    first rendering put in (a person's name holding `{{ 7*7 }}`) would be read as tags; and a header or footer
    that is also another part would be rendered twice. Made a subclass of DocxTemplate when first used."""

    _rendered: list[Any]

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        if any(done is part for done in self._rendered):
            raise TemplateProblem(
                f"the template uses its part {part.partname} more than once, and ldcf renders each part once only"
            )
        self._rendered.append(part)
        return super().render_xml_part(src_xml, part, context, jinja_env)  # type: ignore[misc, no-any-return]

    def render_footnotes(self, context: Any, jinja_env: Any = None) -> None:
        word = self.docx  # type: ignore[attr-defined]
        for part in list(word.part.package.iter_parts()):
            if part.content_type == _FOOTNOTES:
                blob = part.blob
                xml = self.patch_xml(blob.decode("utf-8") if isinstance(blob, bytes) else blob)  # type: ignore[attr-defined]
                part._blob = self.render_xml_part(xml, part, context, jinja_env).encode("utf-8")


def _template_class() -> type:
    from docxtpl import DocxTemplate

    return type("OncePerPartTemplate", (_OncePerPart, DocxTemplate), {"_rendered": None})


def _tagged_parts(word: WordDocument) -> list[Any]:
    """The parts that docxtpl renders: the body, each header and footer, the footnotes."""
    from docxtpl import DocxTemplate

    kinds = (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI)
    parts = [word.part]
    parts += [rel.target_part for rel in word.part.rels.values() if rel.reltype in kinds and not rel.is_external]
    parts += [part for part in word.part.package.iter_parts() if part.content_type == _FOOTNOTES]
    return parts


def _check_tagged_parts(word: WordDocument) -> None:
    """Refuse a template whose tagged parts are larger or hold more tags than docxtpl renders in good time."""
    tags, seen = 0, set()
    for part in _tagged_parts(word):
        if id(part) in seen:
            continue
        seen.add(id(part))
        blob = part.blob
        if len(blob) > MAX_TAGGED_PART_BYTES:
            raise TemplateProblem(
                f"its part {part.partname} unpacks to {len(blob):,} bytes, more than the limit of "
                f"{MAX_TAGGED_PART_BYTES:,} for a part that holds tags"
            )
        tags += len(_TAG.findall(_XML_TAG.sub("", blob.decode("utf-8", "replace"))))
        if tags > MAX_TAGS:
            raise TemplateProblem(f"the template holds more than {MAX_TAGS:,} tags, the limit")


def _fill(document: Document, template: bytes) -> bytes:
    """`document` through `template`, in this process; raises TemplateProblem, BeyondLimits and whatever a damaged
    template makes python-docx or docxtpl raise."""
    try:
        check_package(template, "a Word document (.docx)", "word/document.xml", MAX_PART_BYTES)
    except TooLarge as problem:
        raise TemplateProblem(str(problem)) from None
    except PackageProblem as problem:
        raise TemplateProblem(f"{problem}; {_SAVE_AGAIN}") from None
    environment = BoundedSandbox(undefined=_Missing)
    filling = Filling(document)
    filled = _template_class()(io.BytesIO(template))
    filled._rendered = []
    word = filled.get_docx()
    _drop_notes(word)
    _check_tagged_parts(word)
    try:
        filled.render(filling.context, jinja_env=environment, autoescape=True)
    except (TemplateProblem, BeyondLimits, jinja2.TemplateError, RecursionError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 (a tag's Python can raise anything: 1/0, 'abc'|sum)
        raise TemplateProblem(f"a tag of the template failed ({_one_line(error)})") from None
    rendered = io.BytesIO()
    filled.save(rendered)
    word = docx.Document(io.BytesIO(rendered.getvalue()))
    filling.finish(word)
    properties = word.core_properties
    properties.title, properties.subject = clean(document.title), clean(document.subject)
    properties.language = document.language
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


_NO_MEMORY = "filling the template needed more memory than the limit"
_SAVE_AGAIN = "open it in Word and save it again as a Word document (.docx), or start from `ldcf doc template`"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def fill_here(document: Document, template: bytes) -> bytes:
    """`document` through `template`, in this process, with every failure a TemplateProblem whose message is a
    line: what the bounds refused, a tag that failed, or what in the template could not be used."""
    try:
        return _fill(document, template)
    except TemplateProblem:
        raise
    except BeyondLimits as limit:
        raise TemplateProblem(str(limit)) from None
    except UnknownTag as error:
        raise TemplateProblem(str(error.message)) from None
    except jinja2.TemplateError as error:
        raise TemplateProblem(f"a tag of the template failed: {error.message or type(error).__name__}") from None
    except RecursionError:
        raise TemplateProblem("the template's macros, loops or tags go deeper than Python allows") from None
    except MemoryError:
        raise TemplateProblem(_NO_MEMORY) from None
    except Exception as error:  # noqa: BLE001 (a damaged template can make python-docx, docxtpl or lxml raise anything)
        raise TemplateProblem(f"not a usable Word template ({_one_line(error)}); {_SAVE_AGAIN}") from None


# The child process that fills a template --------------------------------------------------------------------------


def _limit_child() -> None:
    """Limit this (child) process's processor time and, where the system counts it, its address space: to what
    it holds now and MEMORY_LIMIT more. Windows has neither limit; the parent's wall clock still holds there."""
    try:
        import resource
    except ImportError:
        return
    limits = [(resource.RLIMIT_CPU, math.ceil(TIME_LIMIT) + 2)]
    if address_space := _address_space():
        limits.append((resource.RLIMIT_AS, address_space + MEMORY_LIMIT))
    for limit, wanted in limits:
        try:
            _, hard = resource.getrlimit(limit)
            soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            resource.setrlimit(limit, (soft, hard))
        except (ValueError, OSError):
            pass  # a limit the system does not allow: the parent's wall clock still holds


def _address_space() -> int:
    """The bytes of address space this process holds (Linux), or 0 where the system does not say."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


_FILLED, _REFUSED = b"F", b"R"
_TIMED_OUT = "filling the template took longer than the limit of {} s"


def _answer(document: Document, template: bytes) -> bytes:
    """In the child process: fill the template within the limits, and answer whatever happens, in one line if it
    is not the document."""
    try:
        _limit_child()
        return _FILLED + fill_here(document, template)
    except TemplateProblem as problem:
        return _REFUSED + str(problem).encode("utf-8")
    except MemoryError:
        return _REFUSED + _NO_MEMORY.encode("utf-8")
    except BaseException as error:  # noqa: BLE001 (the parent gets one line, never a traceback)
        return _REFUSED + f"filling the template failed ({_one_line(error)})".encode()


def _forked_child(sender: Any, document: Document, template: bytes) -> None:
    sender.send_bytes(_answer(document, template))
    sender.close()


def child_main() -> None:
    """The child process started by a fresh interpreter: (document, template) pickled on standard input by the
    parent, the answer on standard output."""
    import pickle

    document, template = pickle.loads(sys.stdin.buffer.read())  # written by the parent: ldcf itself
    sys.stdout.buffer.write(_answer(document, template))
    sys.stdout.flush()


def _in_fork(document: Document, template: bytes) -> bytes:
    """The answer of a child forked from this process: quick, where fork is safe (Linux, one thread)."""
    import multiprocessing

    context: Any = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_forked_child, args=(sender, document, template), daemon=True)
    try:
        child.start()
        sender.close()
        if not receiver.poll(TIME_LIMIT):
            raise TemplateProblem(_TIMED_OUT.format(TIME_LIMIT))
        try:
            answer: bytes = receiver.recv_bytes()
        except EOFError:
            child.join(5)
            raise TemplateProblem(_ended(child.exitcode)) from None
    finally:
        if child.pid is not None:
            if child.is_alive():
                child.terminate()
                child.join(5)
                if child.is_alive():
                    child.kill()
            child.join(5)
        receiver.close()
        sender.close()
    return answer


def _in_new_interpreter(document: Document, template: bytes) -> bytes:
    """The answer of a fresh Python interpreter (Windows, macOS, or threads running): unlike multiprocessing's
    spawn, it never runs the caller's main module again."""
    import pickle
    import subprocess

    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
    command = [sys.executable, "-c", "from ldcf.render.docx_template import child_main; child_main()"]
    try:
        completed = subprocess.run(command, input=pickle.dumps((document, template)), capture_output=True,
                                   timeout=TIME_LIMIT, env=environment, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise TemplateProblem(_TIMED_OUT.format(TIME_LIMIT)) from None
    except OSError as error:
        raise TemplateProblem(f"cannot start a process to fill the template ({error.strerror or error})") from None
    if not completed.stdout.startswith((_FILLED, _REFUSED)):
        raise TemplateProblem(_ended(completed.returncode))
    return completed.stdout


def render(document: Document, template: bytes) -> bytes:
    """`document` through the Word template whose content is `template`; raises TemplateProblem, with a one-line
    message, for a template that cannot be used or that goes beyond the bounds. The filling is done in a child
    process, which is stopped after TIME_LIMIT seconds."""
    fork = sys.platform.startswith("linux") and threading.active_count() == 1
    answer = _in_fork(document, template) if fork else _in_new_interpreter(document, template)
    if answer.startswith(_REFUSED):
        raise TemplateProblem(answer[len(_REFUSED) :].decode("utf-8", "replace"))
    return answer[len(_FILLED) :]


def _ended(exit_code: int | None) -> str:
    import signal

    if exit_code == -getattr(signal, "SIGXCPU", -1000):
        return f"filling the template took more processor time than the limit of {TIME_LIMIT} s"
    return (
        f"filling the template stopped before it ended (exit code {exit_code}): it needed more memory or time than "
        "the limits"
    )
