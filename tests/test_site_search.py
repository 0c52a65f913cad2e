"""The search page's data and its page without JavaScript, read as files; what a browser does with them is in
tests/browser/test_search_in_chromium.py."""

from __future__ import annotations

import html
import json
import re

import pytest
import snowballstemmer
from click.testing import CliRunner

from conftest import SHIPPED_DATA, raw, raw_competences
from ldcf.cli.app import cli
from ldcf.outputs.site import search_data

ROLE_FILES = sorted((SHIPPED_DATA / "roles").glob("*.yaml"))


@pytest.fixture(scope="module")
def search_page(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "site", "build", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return (out / "search.html").read_text(encoding="utf-8")


def test_search_data_names_every_role_by_id_title_and_aliases(framework):
    roles = {role[0]: role for role in search_data(framework)["roles"]}
    assert set(roles) == {path.stem for path in ROLE_FILES}
    for path in ROLE_FILES:
        written = raw(path)
        role = roles[written["id"]]
        assert role[1] == written["title"]
        assert role[2] == written["level"]
        names = [written["id"], written["title"], *written.get("aliases", [])]
        assert role[3] == [re.sub(r"\s+", "", name).lower() for name in names]
        # The words of its title and aliases as written, for matching a search by stem or by their start.
        words = {word for name in names[1:] for word in re.findall(r"[a-z0-9]+", name.lower()) if len(word) > 2}
        assert set(role[4]) == words - set(search_data(framework)["ignored"])
        assert set(role[5]) <= set(role[4])


def test_the_vocabulary_holds_title_and_role_words_with_their_stems(framework):
    """Every word the command line reads in a title or a role's names, with Snowball's stem for it (or the stem
    that stands for its meaning), so that the page stems those words as the command line does."""
    from ldcf.queries.relevance import words

    data = search_data(framework)
    stemmer = snowballstemmer.stemmer("english")
    names = [raw(path)["title"] for path in ROLE_FILES] + [a for path in ROLE_FILES for a in raw(path)["aliases"]]
    written = {word for text in [c["title"] for c in raw_competences()] + names for word in words(text)}
    assert set(data["vocabulary"]) == written
    assert {"peer", "senior", "administrator", "safeguarding", "custodial"} <= written
    for word in written:
        stem = stemmer.stemWord(word)
        assert data["vocabulary"][word] == data["same_meaning"].get(stem, stem), word


def test_the_example_code_is_the_first_code_in_the_data(framework):
    first = next(competence["code"] for competence in raw_competences() if competence.get("code"))
    assert search_data(framework)["example_code"] == first


def test_without_javascript_the_page_lists_every_role_and_competence(search_page):
    noscript = search_page.split("<noscript>")[1].split("</noscript>")[0]
    listed_roles = re.findall(r'<li data-role="([^"]+)"><a href="roles/([^"]+)\.html">', noscript)
    assert [role for role, _ in listed_roles] == [page for _, page in listed_roles]
    assert sorted(role for role, _ in listed_roles) == sorted(path.stem for path in ROLE_FILES)
    listed = [html.unescape(code) for code in re.findall(r'<li data-code="([^"]+)">', noscript)]
    assert sorted(listed) == sorted(competence.get("code") or competence["id"] for competence in raw_competences())


def test_the_search_page_speaks_plain_english(search_page):
    text = re.sub(r"<script.*?</script>", "", search_page, flags=re.DOTALL)
    for jargon in ("printed spelling", "alias", "stem", "vocabulary", "lookup"):
        assert not re.search(rf"\b{jargon}", text, re.IGNORECASE), jargon
    assert "<h1>Search roles and competences</h1>" in text


def test_the_page_data_is_the_search_data(framework, search_page):
    embedded = re.search(r'<script type="application/json" id="ldcf-search-data">(.*?)</script>', search_page)
    assert embedded is not None
    assert json.loads(embedded.group(1)) == search_data(framework)
