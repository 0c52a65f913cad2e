"""The search page in Chromium: roles found by their names, a misspelt word read as the word it is near, words
found by their stems as the command line finds them, what the page says when nothing matches, accessibility and
phone width. The expected values come from the data files and the command line, never from the page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import snowballstemmer
import yaml
from click.testing import CliRunner

from chromium import ARTEFACTS, violations
from conftest import REPOSITORY, SHIPPED_DATA, raw_competences
from ldcf.cli.app import cli

pytestmark = pytest.mark.browser

LOCAL = REPOSITORY / "examples" / "local"


def url(site: Path, path: str) -> str:
    page, _, query = path.partition("?")
    return (site / page).as_uri() + (f"?{query}" if query else "")


def role_files(*folders: Path) -> list[dict]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for f in folders for path in sorted(f.glob("roles/*.yaml"))
    ]


def role_words(role: dict) -> list[str]:
    return [
        word for name in (role["title"], *role.get("aliases", [])) for word in re.findall(r"[a-z0-9]+", name.lower())
    ]


def roles_with_every_word(query: str, roles: list[dict]) -> set[str]:
    """The roles each of whose query words starts a word of their title or aliases."""
    asked = re.findall(r"[a-z0-9]+", query.lower())
    return {role["id"] for role in roles if all(any(w.startswith(a) for w in role_words(role)) for a in asked)}


def shown(page, section: str, attribute: str) -> list[str]:
    return page.locator(f"[data-section={section}] [data-{attribute}]").evaluate_all(
        f"nodes => nodes.map(node => node.getAttribute('data-{attribute}'))"
    )


def cli_search(query: str) -> list[list]:
    result = CliRunner().invoke(
        cli, ["--data", str(SHIPPED_DATA), "competence", "search", query, "--format", "json"], catch_exceptions=False
    )
    return [[match["id"], match["score"]] for match in json.loads(result.stdout)]


def shown_with_scores(page) -> list[list]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-section=matches] [data-code]'))
             .map(node => [node.dataset.code, Number(node.dataset.score)])"""
    )


@pytest.mark.parametrize("query", ["peer", "senior", "admin", "support worker", "practitioner", "Strategic Manager"])
def test_roles_are_found_by_the_words_of_their_titles_and_aliases(page, built_site, query):
    page.goto(url(built_site, f"search.html?q={query}"))
    expected = roles_with_every_word(query, role_files(SHIPPED_DATA))
    assert expected  # the data has such roles
    found = shown(page, "roles", "role")
    assert set(found) == expected
    for role in found:
        assert page.locator(f"[data-role={role}] a").get_attribute("href") == f"roles/{role}.html"
    # Roles come first, in their own section, before the competences.
    sections = page.locator("[data-section]").evaluate_all("nodes => nodes.map(node => node.dataset.section)")
    assert sections[0] == "roles"


def test_a_role_whose_whole_title_is_searched_comes_first(page, built_site):
    page.goto(url(built_site, "search.html?q=support worker"))
    assert shown(page, "roles", "role")[0] == "support-worker"  # before Peer Support Worker


@pytest.mark.parametrize(("query", "local"), [("senior", "lincolnshire-senior-practitioner"),
                                              ("registered", "registered-worker-band-6")])  # fmt: skip
def test_local_roles_are_found_by_their_titles_and_aliases_too(page, built_local_site, query, local):
    page.goto(url(built_local_site, f"search.html?q={query}"))
    roles = role_files(SHIPPED_DATA, LOCAL)
    expected = roles_with_every_word(query, roles)
    assert set(shown(page, "roles", "role")) == expected
    assert local in expected


def test_words_most_roles_share_pick_out_no_role(page, built_site):
    roles = role_files(SHIPPED_DATA)
    shared = [w for w in ("liaison", "diversion") if sum(w in role_words(r) for r in roles) > len(roles) / 2]
    assert shared
    page.goto(url(built_site, f"search.html?q={' '.join(shared)}"))
    assert shown(page, "roles", "role") == []


def test_a_misspelt_word_is_read_as_the_word_it_is_near(page, built_site):
    page.goto(url(built_site, "search.html?q=safegaurding"))
    suggestion = page.locator(".search-suggestion")
    assert suggestion.inner_text() == "Did you mean safeguarding?"
    link = suggestion.locator("a").get_attribute("href")
    assert parse_qs(urlsplit(link).query) == {"q": ["safeguarding"]}
    codes = shown(page, "matches", "code")
    titled = {c.get("code") or c["id"] for c in raw_competences() if "safeguard" in c["title"].lower()}
    assert titled
    assert titled <= set(codes)
    assert shown_with_scores(page) == cli_search("safeguarding")
    # The link runs the search as spelt, which suggests nothing more.
    suggestion.locator("a").click()
    page.wait_for_url(re.compile(r"search\.html\?q=safeguarding$"))
    assert page.locator(".search-suggestion").count() == 0
    assert shown(page, "matches", "code") == codes


@pytest.mark.parametrize(
    ("query", "meant"),
    [("practioner", "practitioner"), ("Supprot worker", "support worker"), ("menatl health", "mental health")],
)
def test_misspelt_role_and_title_words_are_read_as_the_words_they_are_near(page, built_site, query, meant):
    page.goto(url(built_site, f"search.html?q={query}"))
    assert page.locator(".search-suggestion a").inner_text() == meant
    assert set(shown(page, "roles", "role")) == roles_with_every_word(meant, role_files(SHIPPED_DATA))
    assert shown_with_scores(page) == cli_search(meant)


@pytest.mark.parametrize(
    "query", ["safeguarding", "GEN97", "CFAM&LBA3", "CFAM", "SCDHSC", "SfJ AB1", "supervising", "custody"]
)
def test_words_and_codes_that_are_known_suggest_nothing(page, built_site, query):
    page.goto(url(built_site, f"search.html?q={query.replace('&', '%26')}"))
    page.wait_for_selector("#search-result > *")
    assert page.locator(".search-suggestion").count() == 0


def test_custody_finds_the_custodial_setting_as_the_command_line_does(page, built_site):
    page.goto(url(built_site, "search.html?q=custody"))
    custodial = {c.get("code") or c["id"] for c in raw_competences() if "custodial" in c["title"].lower()}
    assert custodial
    assert custodial <= set(shown(page, "matches", "code"))
    assert shown_with_scores(page) == cli_search("custody")


def _words_to_stem() -> list[str]:
    """Words of the data, the guides and the code, with the words Snowball's rules treat specially."""
    texts = [path.read_text(encoding="utf-8") for path in [*SHIPPED_DATA.rglob("*.yaml"), *REPOSITORY.glob("*.md")]]
    texts += [path.read_text(encoding="utf-8") for path in (REPOSITORY / "docs").glob("*.md")]
    texts += [path.read_text(encoding="utf-8") for path in (REPOSITORY / "ldcf").rglob("*.py")]
    found = {word for text in texts for word in re.findall(r"[a-z']+", text.lower())}
    special = (
        "skies skis sky news howe atlas cosmos bias andes early gently idly only singly ugly dying lying tying "
        "proceed exceed succeeding inning outing canning herring earring evening generously communities "
        "universal arsenal past pasted yes eye ayyy y's 'tis sss caresses ponies ties cats feed agreed plastered "
        "bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing happy "
        "sky relational conditional valenci hesitanci digitizer conformabli radicalli differentli vileli "
        "analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness "
        "formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness "
        "revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment "
        "dependent adoption homologou communism activate angulariti homologous effective bowdlerize"
    )
    return sorted(found | set(special.split()))


def test_the_page_stems_words_as_the_command_line_does(page, built_site):
    page.goto(url(built_site, "search.html"))
    words = _words_to_stem()
    assert len(words) > 3000
    stemmer = snowballstemmer.stemmer("english")
    stemmed = page.evaluate("words => words.map(word => window.ldcfSearch.stem(word))", words)
    assert {w: s for w, s in zip(words, stemmed, strict=True) if s != stemmer.stemWord(w)} == {}


def test_when_nothing_matches_the_page_says_what_to_try(page, built_site):
    page.goto(url(built_site, "search.html?q=xqzzvw"))
    result = page.locator("#search-result")
    assert result.locator("h2").inner_text() == "No results for \u201cxqzzvw\u201d"
    text = result.inner_text()
    for advice in ("check the spelling", "try fewer words", "NOS code", "browse the levels and roles"):
        assert advice in text
    first_code = next(c["code"] for c in raw_competences() if c.get("code"))
    links = result.locator("a").evaluate_all("nodes => nodes.map(node => node.getAttribute('href'))")
    assert f"search.html?q={first_code}" in links
    assert "index.html" in links
    assert shown(page, "matches", "code") == []
    assert shown(page, "roles", "role") == []


@pytest.mark.parametrize("query", ["peer", "safegaurding", "xqzzvw"])
def test_results_meet_wcag_22_aa(page, built_site, query):
    page.goto(url(built_site, f"search.html?q={query}"))
    page.wait_for_selector("#search-result > *")
    assert violations(page) == []
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("width", [360, 1280])
def test_results_fit_phone_and_desktop_widths(browser, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for name, query in (("roles", "support worker"), ("suggestion", "safegaurding"), ("nothing", "xqzzvw")):
        page.goto(url(built_site, f"search.html?q={query}"))
        page.wait_for_selector("#search-result > *")
        page.screenshot(path=str(ARTEFACTS / f"search-{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, query
    context.close()


def test_without_javascript_every_role_and_competence_is_listed(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(built_site, "search.html"))
    roles = page.locator("noscript [data-role], [data-role]").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('data-role'))"
    )
    assert sorted(roles) == sorted(role["id"] for role in role_files(SHIPPED_DATA))
    codes = page.locator("noscript [data-code], [data-code]").count()
    assert codes == len(raw_competences())
    assert "find in page" in page.locator("main").inner_text()
    context.close()


def test_a_competence_without_a_nos_code_is_shown_as_on_the_other_pages(page, built_site):
    uncoded = next(c for c in raw_competences() if not c.get("code") and "custodial" in c["title"].lower())
    page.goto(url(built_site, "search.html?q=custody"))
    entry = page.locator(f'[data-section=matches] [data-code="{uncoded["id"]}"]')
    assert entry.locator(".hint").inner_text() == "No NOS code"
    assert entry.locator("a").inner_text() == uncoded["title"]
