"""The framework for others: the website, exports for other systems, and the JSON Schemas of the data files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldcf.framework.lookups import Framework
    from ldcf.queries.about import About

EXPORT_KINDS = ("case", "json", "csv", "moodle")


def about(framework: Framework) -> About:
    """The framework's edition (each data folder's), its data folders and the digest of its content
    (`ldcf about`)."""
    import ldcf
    from ldcf.outputs.site import data_digest
    from ldcf.queries.about import about as about_framework

    return about_framework(framework, data_digest(framework), ldcf.__version__)


def site_files(framework: Framework, date: str | None = None) -> dict[str, bytes]:
    """Every file of the website, by path: the same data (and `date`, when given) gives the same bytes.
    Raises SiteProblem (ldcf.outputs.site) for data that cannot make a site."""
    return dict(_site_files(framework, date))


def _site_files(framework: Framework, date: str | None) -> Iterator[tuple[str, bytes]]:
    import ldcf
    from ldcf.outputs.site import Built, data_digest, site_pages
    from ldcf.outputs.site_html import render_site

    built = Built(framework.origins.layers, data_digest(framework), ldcf.__version__, date)
    return render_site(site_pages(framework, built), framework.has_overlays, ldcf.__version__)


def build_site(framework: Framework, folder: str | os.PathLike[str], date: str | None = None) -> int:
    """Build the website into `folder` (`ldcf site build`): a new or empty folder, or one ldcf built before, whose
    files it wrote are replaced (those it no longer writes removed) and any other file is kept; a folder that
    holds other files and is not a site, or a file ldcf would write over that it did not write, is refused
    (WriteRefused). The number of pages written. Each page is written as it is made, so that memory does not
    grow with the site."""
    from ldcf.outputs.site_html import MARKER, MARKER_TEXT
    from ldcf.outputs.writing import replace_folder

    pages = 0

    def counted() -> Iterator[tuple[str, bytes]]:
        nonlocal pages
        for name, content in _site_files(framework, date):
            pages += name.endswith(".html")
            yield name, content

    replace_folder(Path(folder), counted(), MARKER, MARKER_TEXT)
    return pages


def serve_site(files: dict[str, bytes], port: int, started: Callable[[str], None]) -> None:
    """Serve the site's files on this computer only (127.0.0.1) from a temporary folder, removed afterwards,
    until interrupted (Ctrl-C, or SIGTERM, which raises KeyboardInterrupt here as Ctrl-C does); `started` is told
    the address. A request Python cannot serve (a path with %00 in it) is answered 400, and no error of a
    request prints a traceback. Raises OSError when the port cannot be used."""
    import functools
    import http.server
    import signal
    import tempfile
    import threading

    from ldcf.outputs.site_html import MARKER, MARKER_TEXT
    from ldcf.outputs.writing import replace_folder

    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_head(self) -> Any:
            try:
                return super().send_head()
            except ValueError:  # a path the file system cannot hold, such as one with a NUL character
                self.send_error(http.HTTPStatus.BAD_REQUEST, "Bad request")
                return None

        def log_message(self, format: str, *args: Any) -> None:
            line = format % args
            shown = "".join(character if character.isprintable() else ascii(character)[1:-1] for character in line)
            super().log_message("%s", shown)

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a request that failed (a connection dropped): its client has its answer, and no traceback

    def interrupted(number: int, frame: Any) -> None:
        raise KeyboardInterrupt

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, interrupted) if in_main_thread else None
    try:
        with tempfile.TemporaryDirectory(prefix="ldcf-site-") as folder:
            root = Path(folder) / "site"
            replace_folder(root, files, MARKER, MARKER_TEXT)
            handler = functools.partial(Handler, directory=str(root))
            with Server(("127.0.0.1", port), handler) as server:
                started(f"http://127.0.0.1:{server.server_address[1]}/")
                server.serve_forever()
    finally:
        if in_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)


def export(framework: Framework, kind: str, date: str | None = None, previous: Framework | None = None) -> Any:
    """The framework for other systems: `case` (a 1EdTech CASE 1.0 package; with the `previous` edition, its
    recoded competences replacedBy the new ones) and `json` (the whole framework resolved) as JSON documents;
    `csv` as CSV files' contents by file name; `moodle` as the text of a Moodle competency framework CSV file."""
    import ldcf
    from ldcf.outputs import exports
    from ldcf.outputs.site import data_digest

    if kind == "case":
        return exports.case_package(framework, ldcf.__version__, data_digest(framework), date, previous)
    if kind == "json":
        return exports.framework_document(framework)
    if kind in ("csv", "moodle"):
        from ldcf.render.csv import csv_text

        if kind == "moodle":
            from ldcf.outputs.moodle import moodle_table

            return csv_text(*moodle_table(framework, ldcf.__version__, data_digest(framework)))
        return {name: csv_text(*table) for name, table in exports.framework_tables(framework).items()}
    raise ValueError(f"no export of kind {kind!r}; the kinds are {', '.join(EXPORT_KINDS)}")


def export_text(document: Any, kind: str = "json") -> str:
    """An export as the text of its file: the framework export indented for people to read; a CASE package,
    which runs to hundreds of thousands of associations at national scale and is read by programs, compact
    (Python writes compact JSON with its C encoder, indented JSON in pure Python); Moodle's CSV as it is."""
    import json

    if kind == "moodle":
        return str(document)
    if kind == "case":
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_export(framework: Framework, kind: str, path: str | os.PathLike[str], overwrite: bool = False,
                 date: str | None = None, previous: Framework | None = None) -> list[Path]:  # fmt: skip
    """Write an export: `case`, `json` and `moodle` to the file `path`, `csv` as one file per entity into the
    folder `path`; refuses (WriteRefused) to replace a file unless `overwrite`, and then writes none. The files
    written."""
    from ldcf.outputs.writing import WriteRefused, replace_file

    path = Path(path)
    if kind == "case":  # written as it is made: at national scale neither the package nor its text is held whole
        import ldcf
        from ldcf.outputs.exports import case_package_json
        from ldcf.outputs.site import data_digest

        replace_file(path, case_package_json(framework, ldcf.__version__, data_digest(framework), date, previous),
                     overwrite=overwrite)  # fmt: skip
        return [path]
    exported = export(framework, kind, date, previous)
    files = (
        {path / name: text for name, text in exported.items()} if kind == "csv" else {path: export_text(exported, kind)}
    )
    if kind == "csv" and not overwrite:  # all or nothing: no folder half replaced
        existing = next((file for file in files if file.exists() or file.is_symlink()), None)
        if existing is not None:
            raise WriteRefused(f"{existing} exists already; --force replaces it")
    for file, text in files.items():
        replace_file(file, text.encode("utf-8"), overwrite=overwrite)
    return list(files)


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas of the data files and of `export json`, by kind (`ldcf schema`)."""
    from ldcf.reading.schemas import json_schemas

    return json_schemas()


def write_schemas(folder: str | os.PathLike[str]) -> list[Path]:
    """One KIND.schema.json file per kind into `folder`, each replaced only when its content changes; the files
    written."""
    import json

    from ldcf.outputs.writing import replace_file
    from ldcf.reading.loader import Unreadable, read_bytes
    from ldcf.reading.schemas import schema_file_name

    written = []
    for kind, schema in schemas().items():
        path = Path(folder) / schema_file_name(kind)
        content = (json.dumps(schema, indent=2) + "\n").encode("utf-8")
        try:
            unchanged = path.is_file() and not path.is_symlink() and read_bytes(path) == content
        except Unreadable:
            unchanged = False
        if not unchanged:
            replace_file(path, content)
            written.append(path)
    return written
