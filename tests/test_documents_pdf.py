"""The Word documents as an office suite lays them out and prints them: converted to PDF by LibreOffice, every
NOS code is whole (never broken across lines in a narrow column) and every page says "Page X of Y".

Needs LibreOffice (`soffice`) and poppler's `pdftotext`: `apt-get install libreoffice-writer-nogui poppler-utils`.
Skipped where LibreOffice is not installed (CI does not install it); slow, as LibreOffice takes seconds to start.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from document_readers import read_docx, write

from conftest import REPOSITORY, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def _codes(role: str) -> set[str]:
    """The NOS codes a role holds, from the data files: a local role's own and those of the role it is based on."""
    coded = {c["code"] for c in raw_competences() if c.get("code")}
    path = LOCAL / "roles" / f"{role}.yaml"
    if not path.exists():
        return raw_holdings(role) & coded
    own = raw(path)
    listed = {code for key in ("role_specific", "locality_specific") for group in own.get(key, [])
              for code in group["competences"]}  # fmt: skip
    return (raw_holdings(own["based_on"]) | listed) & coded


DOCUMENTS = {
    "jd-national.docx": (["job-description", "specialist-practitioner"], "specialist-practitioner"),
    "jd-local.docx": (["job-description", "registered-worker-band-6"], "registered-worker-band-6"),
    "jd-lincolnshire.docx": (
        ["job-description", "lincolnshire-senior-practitioner"],
        "lincolnshire-senior-practitioner",
    ),
    "plan.docx": (["development-plan", "support-worker", "registered-worker-band-6"], "registered-worker-band-6"),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, run_module):
    folder = tmp_path_factory.mktemp("pdf")
    for name, (arguments, _) in DOCUMENTS.items():
        write(run_module, folder, name, *arguments, data=LOCAL)
    profile = folder / "libreoffice-profile"  # a profile of its own, so that no other LibreOffice gets in the way
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *(str(folder / name) for name in DOCUMENTS)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def run_module():
    from click.testing import CliRunner

    from ldcf.cli.app import cli

    def invoke(*arguments: str):
        return CliRunner().invoke(cli, list(arguments), env={"LDCF_DATA": None}, catch_exceptions=False)

    return invoke


def _pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed with LibreOffice"
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _whole(code: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9_&.]){re.escape(code)}(?![A-Za-z0-9_&])")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_nos_code_is_whole_in_the_printed_document(pdfs, name):
    text = _pdf_text((pdfs / name).with_suffix(".pdf"))
    written = read_docx(pdfs / name).text
    codes = _codes(DOCUMENTS[name][1])
    assert codes
    for code in sorted(codes):
        pattern = _whole(code)
        # Each time the document writes the code, the printed page shows it whole.
        assert len(pattern.findall(text)) == len(pattern.findall(written)) >= 1, code


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_printed_page_says_page_x_of_y(pdfs, name):
    text = _pdf_text((pdfs / name).with_suffix(".pdf"))
    pages = text.count("\f")
    assert pages >= 2
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
