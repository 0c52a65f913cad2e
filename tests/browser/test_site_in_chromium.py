"""The website and the HTML documents in a real browser: accessibility, keyboard use, the compare and search
pages computing what the command line computes, printing, and layout at phone and desktop widths."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from chromium import ARTEFACTS, violations
from conftest import REPOSITORY, SHIPPED_DATA
from ldcf.cli.app import cli

pytestmark = pytest.mark.browser

LOCAL = REPOSITORY / "examples" / "local"
ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))
LOCAL_ROLES = ROLES + sorted(path.stem for path in (LOCAL / "roles").glob("*.yaml"))
SECTIONS = {"to-acquire": "to_acquire", "retained": "retained", "no-longer-required": "no_longer_required"}

PAGES = [
    "index.html",
    "levels/5.html",
    "levels/1.html",
    "roles/practitioner.html",
    "roles/engagement-worker.html",
    "competences/cfam-and-lba3.html",
    "competences/make-and-maintain-personal-and-professional-boundaries-with-individuals-in-a-secure-setting.html",
    "compare.html",
    "compare.html?from=support-worker&to=practitioner",
    "compare.html?from=practitioner&to=volunteer",
    "search.html",
    "search.html?q=safeguarding",
    "about.html",
    "help.html",
    "glossary.html",
]


def ldcf_json(*arguments: str, data: Path = SHIPPED_DATA) -> object:
    result = CliRunner().invoke(cli, ["--data", str(data), *arguments, "--format", "json"], catch_exceptions=False)
    return json.loads(result.stdout) if result.exit_code == 0 else None


def url(site: Path, path: str) -> str:
    return (site / path.split("?")[0]).as_uri() + ("?" + path.split("?")[1] if "?" in path else "")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_meets_wcag_22_aa_with_one_h1(page, built_site, path):
    page.goto(url(built_site, path))
    assert violations(page) == []
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize(
    "path", ["roles/registered-worker-band-6.html", "roles/lincolnshire-senior-practitioner.html", "index.html"]
)
def test_local_role_pages_meet_wcag_22_aa(page, built_local_site, path):
    page.goto(url(built_local_site, path))
    assert violations(page) == []


def test_the_skip_link_comes_first_and_moves_to_the_content(page, built_site):
    page.goto(url(built_site, "roles/practitioner.html"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def _tab_to(page, element_id: str) -> int:
    for presses in range(1, 30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return presses
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_keyboard_reaches_search_and_finds(page, built_site):
    page.goto(url(built_site, "search.html"))
    _tab_to(page, "q")
    page.keyboard.type("SfJ AB1")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-section=matches] [data-code]")
    assert page.locator("[data-section=matches] [data-code]").first.get_attribute("data-code") == "SFJAB1"


def test_the_keyboard_reaches_compare_and_compares(page, built_site):
    page.goto(url(built_site, "compare.html"))
    _tab_to(page, "from")
    page.select_option("#from", "support-worker")
    _tab_to(page, "to")
    page.select_option("#to", "practitioner")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-section=to-acquire]")
    assert "from=support-worker" in page.url
    assert "to=practitioner" in page.url


def _shown_gap(page) -> dict[str, list[list[str]]]:
    return page.evaluate(
        """() => Object.fromEntries(['to-acquire', 'retained', 'no-longer-required'].map(section => [section,
             Array.from(document.querySelectorAll('#compare-result [data-section="' + section + '"] [data-code]'))
               .map(node => [node.dataset.code, node.dataset.category])]))"""
    )


def _shown_route(page) -> list[str] | None:
    if page.locator("[data-route] ol").count() == 0:
        text = page.locator("[data-route]").inner_text()
        return [] if "Already there" in text else None
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-route] li[data-from]'))
             .map(item => item.dataset.from + '>' + item.dataset.to)"""
    )


@pytest.mark.parametrize(("which", "roles", "data"), [("national", ROLES, SHIPPED_DATA), ("local", LOCAL_ROLES, LOCAL)])
def test_compare_computes_what_ldcf_gap_and_path_print_for_every_pair(
    page, built_site, built_local_site, which, roles, data
):
    built = built_site if which == "national" else built_local_site
    pairs = 0
    for from_role in roles:
        for to_role in roles:
            page.goto(url(built, f"compare.html?from={from_role}&to={to_role}"))
            shown = _shown_gap(page)
            expected = ldcf_json("gap", from_role, to_role, data=data)
            for section, key in SECTIONS.items():
                assert shown[section] == [[entry["id"], entry["category"]] for entry in expected[key]], (
                    from_role, to_role, section)  # fmt: skip
            links = page.evaluate("() => Array.from(document.querySelectorAll('#compare-result a')).map(a => a.href)")
            assert all(Path(unquote(urlsplit(link).path)).is_file() for link in links), (from_role, to_role)
            route = ldcf_json("path", from_role, to_role, data=data)
            expected_route = None if route is None else [f"{step['from']}>{step['to']}" for step in route["steps"]]
            assert _shown_route(page) == expected_route, (from_role, to_role)
            pairs += 1
    assert pairs == len(roles) ** 2


@pytest.mark.parametrize(
    "query", ["SfJ AB1", "safeguarding", "supervise staff", "mental health crisis", "health", "consent", "GEN9"]
)
def test_search_finds_what_ldcf_competence_search_finds(page, built_site, query):
    page.goto(url(built_site, f"search.html?q={query}"))
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-section=matches] [data-code]'))
             .map(node => [node.dataset.code, Number(node.dataset.score)])"""
    )
    expected = ldcf_json("competence", "search", query)
    assert shown == [[match["id"], match["score"]] for match in expected]
    assert shown


def test_search_finds_the_printed_spelling_and_safeguarding(page, built_site):
    page.goto(url(built_site, "search.html?q=SfJ%20AB1"))
    assert page.locator("[data-section=matches] [data-code]").first.get_attribute("data-code") == "SFJAB1"
    page.goto(url(built_site, "search.html?q=safeguarding"))
    codes = page.locator("[data-section=matches] [data-code]").evaluate_all("nodes => nodes.map(n => n.dataset.code)")
    assert "SCDHSC0024" in codes[:5]  # "Support the safeguarding of individuals"


def test_without_javascript_compare_and_search_list_their_fallbacks(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(built_site, "compare.html?from=support-worker&to=practitioner"))
    assert page.locator("section[data-from][data-to]").count() > 0
    expected = ldcf_json("gap", "support-worker", "practitioner")
    listed = page.locator(
        'section[data-from="support-worker"][data-to="practitioner"] [data-section=to-acquire] [data-code]'
    )
    assert listed.evaluate_all("nodes => nodes.map(n => n.dataset.code)") == [e["id"] for e in expected["to_acquire"]]
    page.goto(url(built_site, "search.html"))
    assert page.locator("noscript [data-code], [data-code]").count() == len(ldcf_json("competences"))
    context.close()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_role_page_prints_on_a4_with_rows_kept_whole(page, built_site):
    page.goto(url(built_site, "roles/engagement-worker.html"))
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => ({row: getComputedStyle(document.querySelector('tbody tr')).breakInside,
                  head: getComputedStyle(document.querySelector('thead')).display,
                  header: getComputedStyle(document.querySelector('header')).display,
                  form: document.querySelector('form') === null})"""
    )
    assert styles["row"] == "avoid"
    assert styles["head"] == "table-header-group"
    assert styles["header"] == "none"
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "engagement-worker.pdf").write_bytes(pdf)
    assert 2 <= _pdf_pages(pdf) <= 12


@pytest.mark.parametrize("width", [375, 1280])
def test_a_role_page_fits_phone_and_desktop_widths(browser, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url(built_site, "roles/engagement-worker.html"))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"role-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


@pytest.mark.parametrize(
    ("arguments", "least_pages"),
    [
        (["job-description", "registered-worker-band-6"], 5),
        (["development-plan", "support-worker", "practitioner"], 2),
    ],
)
def test_html_documents_meet_wcag_22_aa_and_print(page, tmp_path, arguments, least_pages):
    output = tmp_path / "document.html"
    result = CliRunner().invoke(
        cli, ["--data", str(LOCAL), "doc", *arguments, "-o", str(output)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    page.goto(output.as_uri())
    assert violations(page) == []
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"{arguments[0]}.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) >= least_pages
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('tbody tr')).breakInside") == "avoid"
