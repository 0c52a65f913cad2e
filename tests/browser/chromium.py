"""Helpers of the browser tests: where Chromium is, where screenshots and PDFs go, and axe-core's verdict."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPOSITORY

# WCAG 2.2 A and AA, as axe-core tags them (2.0, 2.1 and 2.2 rules at both levels).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ARTEFACTS = Path(os.environ.get("LDCF_ARTEFACTS", REPOSITORY / "tests" / "browser" / "artefacts"))


def chromium_path() -> str:
    for candidate in (os.environ.get("LDCF_CHROMIUM"), "chromium", "chromium-browser"):
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    pytest.fail(
        "the browser tests need Chromium: install Debian's package (apt-get install chromium) or set LDCF_CHROMIUM"
    )


def violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page, each as its rule and the first element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['nodes'][0]['target'] if violation['nodes'] else ''}"
        for violation in results.response["violations"]
    ]
