"""The pages staff read, in Chromium: the help page and the glossary meet WCAG 2.2 AA; no page scrolls sideways
on a 360 px phone, where tables become stacked rows; and a role page prints as a checklist, without the header
or the navigation, with Held, Evidence and Date columns to fill in. Screenshots and the printed checklist are
saved to the artefacts folder, for people to look at."""

from __future__ import annotations

import re

import pytest

from chromium import ARTEFACTS, violations
from conftest import SHIPPED_DATA, raw, raw_holdings

pytestmark = pytest.mark.browser

ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))
PHONE = 360

# One page of each kind that staff read, by a name for its screenshots.
PAGE_TYPES = {
    "index": "index.html",
    "level": "levels/4.html",
    "level-without-roles": "levels/1.html",
    "role": "roles/engagement-worker.html",
    "role-top": "roles/strategic-manager.html",
    "competence": "competences/cfam-and-lba3.html",
    "competence-uncoded": (
        "competences/make-and-maintain-personal-and-professional-boundaries-with-individuals-in-a-secure-setting.html"
    ),
    "about": "about.html",
    "help": "help.html",
    "glossary": "glossary.html",
}


def url(site, path: str) -> str:
    return (site / path).as_uri()


@pytest.fixture
def phone(browser):
    """A page 360 px wide, as on a small phone, that fails its test on a script error."""
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


@pytest.mark.parametrize("path", ["help.html", "glossary.html"])
def test_help_and_glossary_meet_wcag_22_aa_with_one_h1(page, built_site, path):
    page.goto(url(built_site, path))
    assert violations(page) == []
    assert page.locator("h1").count() == 1


def test_the_about_page_meets_wcag_22_aa_with_its_technical_details_open(page, built_site):
    page.goto(url(built_site, "about.html"))
    page.locator("details.technical-details summary").click()
    assert page.locator("details.technical-details").evaluate("node => node.open")
    assert violations(page) == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_page_scrolls_sideways_on_a_360_px_phone(phone, browser, built_site, name):
    phone.goto(url(built_site, PAGE_TYPES[name]))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTEFACTS / f"{name}-{PHONE}.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE
    wide = phone.evaluate(
        """() => Array.from(document.querySelectorAll('main *'))
             .filter(node => node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
             .map(node => node.tagName + ' ' + node.textContent.slice(0, 40))"""
    )
    assert wide == []
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})
    wide_page = desktop.new_page()
    wide_page.goto(url(built_site, PAGE_TYPES[name]))
    wide_page.screenshot(path=str(ARTEFACTS / f"{name}-1280.png"), full_page=True)
    desktop.close()


def test_the_about_page_with_its_technical_details_open_fits_a_phone(phone, built_local_site):
    phone.goto(url(built_local_site, "about.html"))
    phone.locator("details.technical-details summary").click()
    phone.screenshot(path=str(ARTEFACTS / f"about-technical-{PHONE}.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE


@pytest.mark.parametrize("path", ["roles/registered-worker-band-6.html", "roles/lincolnshire-senior-practitioner.html"])
def test_local_role_pages_fit_a_phone(phone, built_local_site, path):
    phone.goto(url(built_local_site, path))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE


def test_on_a_phone_a_role_pages_tables_are_stacked_rows_labelled_by_their_columns(phone, built_site):
    phone.goto(url(built_site, "roles/engagement-worker.html"))
    row = phone.locator("[data-section=core] tbody tr").first
    cells = row.locator("td")
    assert cells.first.evaluate("node => getComputedStyle(node).display") == "block"
    # The code, then the title, one under the other, each after its column's name.
    code, title = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert title["y"] >= code["y"] + code["height"] - 1
    assert code["x"] == title["x"]
    before = cells.first.evaluate("node => getComputedStyle(node, '::before').content")
    assert "Code" in before
    assert phone.locator("[data-section=core] thead").evaluate("node => node.getBoundingClientRect().width") <= 1
    # The checklist's empty columns are for paper only.
    assert phone.locator("td.checklist-column").first.is_hidden()
    tables = phone.locator("main table")
    assert tables.count() > 0
    for index in range(tables.count()):
        table = tables.nth(index)
        assert "stack-on-phone" in (table.get_attribute("class") or "")
        labels = table.locator("td").evaluate_all("nodes => nodes.map(n => n.dataset.label || '')")
        assert all(labels), labels
        assert table.evaluate("node => node.scrollWidth <= node.clientWidth + 1")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("role", ["engagement-worker", "peer-support-worker"])
def test_a_role_page_prints_as_a_checklist_without_header_or_navigation(page, built_site, role):
    page.goto(url(built_site, f"roles/{role}.html"))
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['header.site-header', 'nav.site-nav', 'nav.breadcrumb', '.skip-link', 'footer', '.next-steps']
             .map(selector => [selector, getComputedStyle(document.querySelector(selector)).display])"""
    )
    assert [display for _, display in hidden] == ["none"] * len(hidden), hidden
    tables = page.locator("table.checklist")
    expected_codes = raw_holdings(role)
    assert tables.count() >= 2  # core and role-specific at least
    shown_codes = []
    for index in range(tables.count()):
        table = tables.nth(index)
        headers = table.locator("thead th").evaluate_all(
            "nodes => nodes.filter(n => getComputedStyle(n).display !== 'none').map(n => n.textContent)"
        )
        assert headers == ["Code", "Title", "Held", "Evidence", "Date"]
        for row in table.locator("tbody tr").all():
            blanks = row.locator("td.checklist-column")
            assert (
                blanks.evaluate_all("nodes => nodes.map(n => [n.textContent, getComputedStyle(n).display])")
                == [["", "table-cell"]] * 3
            )
            # Room to write: the blank cells are at least a centimetre high.
            assert blanks.first.evaluate("node => node.getBoundingClientRect().height") >= 37
            shown_codes.append(row.get_attribute("data-code"))
    assert sorted(shown_codes) == sorted(expected_codes)
    assert page.locator(".checklist-intro").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"{role}-checklist.pdf").write_bytes(pdf)
    assert 2 <= _pdf_pages(pdf) <= 16


def test_on_screen_a_role_page_shows_no_checklist_columns(page, built_site):
    page.goto(url(built_site, "roles/support-worker.html"))
    headers = page.locator("[data-section=core] thead th").evaluate_all(
        "nodes => nodes.filter(n => getComputedStyle(n).display !== 'none').map(n => n.textContent)"
    )
    assert headers == ["Code", "Title", "Standard-setting body", "Document"]
    assert page.locator(".checklist-intro").is_hidden()


@pytest.mark.parametrize("role", ROLES)
def test_a_role_page_links_to_the_next_levels_roles_and_to_assess_yourself(page, built_site, role):
    page.goto(url(built_site, f"roles/{role}.html"))
    levels = {name: raw(SHIPPED_DATA / "roles" / f"{name}.yaml")["level"] for name in ROLES}
    higher = sorted({level for level in levels.values() if level > levels[role]})
    expected = sorted(name for name in ROLES if higher and levels[name] == higher[0])
    links = page.locator("a[data-compare]")
    assert sorted(links.evaluate_all("nodes => nodes.map(n => n.dataset.compare)")) == expected
    for name in expected:
        link = page.locator(f'a[data-compare="{name}"]')
        title = raw(SHIPPED_DATA / "roles" / f"{name}.yaml")["title"]
        assert link.inner_text() == f"Compare with {title}"
        assert link.get_attribute("href").endswith(f"compare.html?from={role}&to={name}")
    assess = page.get_by_role("link", name="Assess yourself against this role")
    assert assess.get_attribute("href") == f"../self-assessment.html?target={role}"


def test_following_compare_with_opens_the_compare_page_for_the_two_roles(page, built_site):
    page.goto(url(built_site, "roles/peer-support-worker.html"))
    page.get_by_role("link", name="Compare with Support Worker").click()
    page.wait_for_selector("#compare-result [data-section=to-acquire]")
    assert page.url.endswith("compare.html?from=peer-support-worker&to=support-worker")


def test_following_assess_yourself_opens_the_self_assessment_page_aimed_at_the_role(page, built_site):
    page.goto(url(built_site, "roles/practitioner.html"))
    page.get_by_role("link", name="Assess yourself against this role").click()
    page.wait_for_selector("#assessment:not([hidden])")
    assert page.url.endswith("self-assessment.html?target=practitioner")
    assert page.locator("#target-role").input_value() == "practitioner"
