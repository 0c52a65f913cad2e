"""The self-assessment page as built: the data it checks records with, read from the data files independently,
the key its answers are kept under, and the form's hooks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHIPPED_DATA, raw, raw_competences
from ldcf.cli.app import cli


def build(data: Path, out: Path) -> Path:
    result = CliRunner().invoke(cli, ["--no-cache", "--data", str(data), "site", "build", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(SHIPPED_DATA, tmp_path_factory.mktemp("site") / "site")


def embedded(site: Path) -> dict:
    page = (site / "self-assessment.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="ldcf-self-assessment-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def test_every_spelling_of_every_competence_finds_it(site):
    names = embedded(site)["competence_names"]
    for competence in raw_competences():
        key = competence.get("code") or competence["id"]
        for name in (key, *competence.get("aliases", [])):
            spelled = "".join(name.split()).lower()
            compared = "cfa" + spelled[4:] if spelled.startswith("cfa_") else spelled  # as the README's naming says
            assert names[compared] == key, name


def test_every_role_is_found_by_id_title_and_alias(site):
    names = embedded(site)["role_names"]
    for path in sorted((SHIPPED_DATA / "roles").glob("*.yaml")):
        role = raw(path)
        for name in (path.stem, role["title"], *role.get("aliases", [])):
            slug = re.sub(r"[^a-z0-9]+", "-", name.replace("&", " and ").lower().replace("'", "")).strip("-")
            assert names[slug] == path.stem, name


def test_answers_are_kept_apart_for_each_edition_of_the_data(site, tmp_path):
    """Answers are stored under the framework's digest, which the about page names; another edition (one
    competence retitled) has another, so its answers never mix with these."""
    edition = embedded(site)["edition"]
    assert re.fullmatch(r"[0-9a-f]{64}", edition)
    assert edition in (site / "about.html").read_text(encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    competences = data / "competences.yaml"
    text = competences.read_text(encoding="utf-8")
    first_title = raw_competences()[0]["title"]
    competences.write_text(text.replace(first_title, first_title + " (revised)", 1), encoding="utf-8")
    assert embedded(build(data, tmp_path / "revised"))["edition"] != edition


@pytest.mark.parametrize(
    "hook",
    [
        'select id="role-role" name="role"',
        'select id="target-role" name="target"',
        'button type="button" name="download"',
        'button type="button" name="clear"',
        'button type="button" name="print"',
        'input type="file" id="record-file" name="record"',
    ],
)
def test_the_page_has_the_documented_hooks(site, hook):
    assert hook in (site / "self-assessment.html").read_text(encoding="utf-8")


def test_every_page_links_the_self_assessment_in_its_navigation(site):
    for page in ("index.html", "roles/practitioner.html", "compare.html"):
        text = (site / page).read_text(encoding="utf-8")
        root = "../" * page.count("/")
        assert f'href="{root}self-assessment.html"' in text, page
