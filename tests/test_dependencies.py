"""Dependencies that only some commands need (Word, Excel, templates, round-trip YAML) are imported only by
those commands: the everyday views, validation and --help run without them."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA

# The top-level modules of python-docx, docxtpl, openpyxl, Jinja2, ruamel.yaml and cryptography.
ON_DEMAND = ("docx", "docxtpl", "openpyxl", "jinja2", "ruamel", "cryptography")


def imported_on_demand(arguments: list[str], cwd: Path) -> list[str]:
    """The modules of ON_DEMAND that one run of the `ldcf` command imports: the console entry point, run in a fresh
    interpreter with these arguments after the shipped data, without the cache."""
    (script,) = entry_points(group="console_scripts", name="ldcf")
    # The fast path ends the process with os._exit once its output is written; here it raises SystemExit instead,
    # so that the modules are listed whichever path serves the command.
    code = (
        "import os, sys\n"
        f"from {script.module} import {script.attr} as main\n"
        "os._exit = sys.exit\n"
        f"sys.argv = ['ldcf', '--data', {str(SHIPPED_DATA)!r}, *{arguments!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(ON_DEMAND)!r}), file=sys.stderr)\n"
    )
    environment = {**os.environ, "LDCF_NO_CACHE": "1", "COLUMNS": "200"}
    environment.pop("LDCF_DATA", None)
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=environment, capture_output=True, text=True, check=True
    )
    last = completed.stderr.strip().splitlines()[-1]
    assert last.startswith("["), completed.stderr
    return ast.literal_eval(last)


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate"],
        ["role", "show", "practitioner", "--format", "json"],
        ["role", "show", "practitioner"],
        ["gap", "support-worker", "practitioner", "--format", "json"],
        ["export", "case"],
        ["about"],
        ["credential", "--help"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_everyday_commands_import_no_on_demand_dependency(arguments, tmp_path):
    assert imported_on_demand(arguments, tmp_path) == []


def test_a_word_document_imports_python_docx(tmp_path):
    """The control: the check sees an import when there is one."""
    imported = imported_on_demand(["doc", "job-description", "practitioner", "-o", "X.docx"], tmp_path)
    assert "docx" in imported
    assert (tmp_path / "X.docx").is_file()


def test_a_credential_key_imports_cryptography(tmp_path):
    """The control for the credential commands: cryptography is imported when, and only when, a key is made,
    a credential signed or one checked."""
    imported = imported_on_demand(["credential", "key", "-o", "issuer.key", "--name", "Our Trust"], tmp_path)
    assert "cryptography" in imported
    assert (tmp_path / "issuer.key").is_file()
