"""The website's pages for staff, who mostly never open a terminal: the index, levels, roles, competences, about,
help and glossary pages. Plain words (no build or data jargon outside the about page's technical details), the
categories of competence explained, the help page and glossary, where a role leads, the printed checklist's
columns and the tables that stack on a phone. Expected values come from the data files, read with PyYAML."""

from __future__ import annotations

import html as markup
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPOSITORY, SHIPPED_DATA, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"
ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))
LOCAL_ROLES = sorted(path.stem for path in (LOCAL / "roles").glob("*.yaml"))
LEVELS = {entry["level"]: entry for entry in raw(SHIPPED_DATA / "levels.yaml")["levels"]}
CATEGORIES = ("core", "role-specific", "locality-specific")

# Words staff should never have to read: a statistic's name, build and data jargon, a digest's algorithm; and
# words for the about page's technical details only.
JARGON = ("share met", "not a nos", "printed spelling", "overlay", "source_date_epoch", "sha-256")
TECHNICAL = ("data folder", "ldcf", "fingerprint", str(SHIPPED_DATA), str(REPOSITORY / "examples"), "examples/local")
GLOSSARY_TERMS = {
    "nos": "National Occupational Standard (NOS)",
    "career-framework-level": "Career Framework level",
    "core-competences": "Core competences",
    "role-specific-competences": "Role-specific competences",
    "locality-specific-competences": "Locality-specific competences",
    "indicative-learning-and-development": "Indicative learning and development",
    "agenda-for-change-band": "Agenda for Change band",
}


class Page(HTMLParser):
    """A page's elements, its visible text, and its text outside any <details> element."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.outside_details: list[str] = []
        self._details = 0
        self._skip = 0  # inside <script> or <style>
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._details += tag == "details"
        self._skip += tag in ("script", "style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._details -= tag == "details"
        self._skip -= tag in ("script", "style", "title")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if not self._details:
            self.outside_details.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attributes for name, attributes in self.elements if name == tag]

    def links(self) -> list[str]:
        return [a.get("href") or "" for a in self.all("a")]

    def words(self) -> str:
        return " ".join("".join(self.text).split())

    def words_outside_details(self) -> str:
        return " ".join("".join(self.outside_details).split())


def _build(out: Path, *data: Path) -> Path:
    from click.testing import CliRunner

    from ldcf.cli.app import cli

    options = [item for folder in data for item in ("--data", str(folder))]
    result = CliRunner().invoke(cli, [*options, "site", "build", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("site") / "national", SHIPPED_DATA)


@pytest.fixture(scope="module")
def local_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("site") / "local", LOCAL)


def staff_pages(site: Path) -> list[Path]:
    """The pages of this part of the site: all but the compare, search and self-assessment pages."""
    others = {"compare.html", "search.html", "self-assessment.html"}
    return sorted(path for path in site.rglob("*.html") if str(path.relative_to(site)) not in others)


def test_the_help_and_glossary_pages_are_built_and_linked(site):
    assert (site / "help.html").is_file()
    assert (site / "glossary.html").is_file()
    help_page, glossary, about = Page(site / "help.html"), Page(site / "glossary.html"), Page(site / "about.html")
    assert "glossary.html" in help_page.links()
    assert {"help.html", "glossary.html"} <= set(about.links())
    assert "help.html" in glossary.links()
    for path in staff_pages(site):  # the navigation of every page
        page = Page(path)
        root = "../" * str(path.relative_to(site)).count("/")
        assert f"{root}help.html" in page.links(), path


@pytest.mark.parametrize("which", ["national", "local"])
def test_no_page_for_staff_uses_build_or_data_jargon(site, local_site, which):
    built = site if which == "national" else local_site
    pages = staff_pages(built)
    assert len(pages) > 100
    for path in pages:
        page = Page(path)
        text = page.words().lower()
        for word in JARGON:
            assert word not in text, (path, word)
        readable = page.words_outside_details().lower()
        for word in TECHNICAL:
            assert word.lower() not in readable, (path, word)


def test_the_about_page_keeps_the_build_details_in_one_collapsed_technical_details_section(local_site):
    from ldcf import __version__

    page = Page(local_site / "about.html")
    details = page.all("details")
    assert len(details) == 1
    assert "open" not in details[0]
    html = (local_site / "about.html").read_text(encoding="utf-8")
    technical = html[html.index("<details") : html.index("</details>")]
    assert re.search(r"<summary>Technical details</summary>", technical)
    assert re.search(r"\b[0-9a-f]{64}\b", technical)  # the content's digest
    assert f"ldcf {__version__}" in technical
    assert "examples/local" in technical.replace("\\", "/")
    assert "not recorded" in technical
    assert "How to cite" in technical
    outside = page.words_outside_details()
    assert not re.search(r"\b[0-9a-f]{64}\b", outside)
    assert "How to cite" not in outside


def test_the_glossary_explains_each_term_with_an_anchor(site):
    page = Page(site / "glossary.html")
    terms = {a["id"]: "" for a in page.all("dt") if a.get("id")}
    assert set(GLOSSARY_TERMS) <= set(terms)
    html = (site / "glossary.html").read_text(encoding="utf-8")
    for anchor, term in GLOSSARY_TERMS.items():
        assert re.search(rf'<dt id="{anchor}">{re.escape(term)}</dt>', html), term
    band = html[html.index('id="agenda-for-change-band"') :]
    band = band[: band.index("</dd>")]
    assert "not a Career Framework level" in band
    assert "no automatic read-across" in band


def test_the_glossary_examples_come_from_the_data(site):
    text = Page(site / "glossary.html").words()
    levels = sorted({raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"] for role in ROLES})
    assert f"levels {levels[0]} to {levels[-1]}" in text
    first_coded = next(c for c in raw_competences() if "code" in c)
    assert f"{first_coded['code']}: {first_coded['title']}" in text
    for body in {c["body"] for c in raw_competences() if c.get("body")}:
        assert body in text


def _title_clashes() -> list[tuple[int, str, str, int]]:
    """(level, its indicative title, the L&D role of that title, the role's level) where the levels differ."""
    clashes = []
    for role in ROLES:
        data = raw(SHIPPED_DATA / "roles" / f"{role}.yaml")
        for number, level in LEVELS.items():
            if level["indicative_title"].lower() == data["title"].lower() and number != data["level"]:
                clashes.append((number, level["indicative_title"], data["title"], data["level"]))
    return clashes


def test_the_level_list_says_the_general_titles_are_not_ld_role_titles(site):
    clashes = _title_clashes()
    assert (2, "Support Worker", "Support Worker", 4) in clashes
    index = Page(site / "index.html").words()
    assert "They are not the titles of L&D roles" in index
    for number, general, title, at in clashes:
        assert f"the general title of level {number} is {general}, but the L&D {title} role is at level {at}" in index
        level_page = Page(site / "levels" / f"{number}.html").words()
        assert f"The L&D role called {title} is at level {at}, not at this level." in level_page
    for number, level in LEVELS.items():
        text = Page(site / "levels" / f"{number}.html").words()
        assert f"Its general title for level {number} is {level['indicative_title']}." in text
        assert "This title describes the level, not an L&D job." in text
        assert Page(site / "levels" / f"{number}.html").all("h1")
        assert f"Level {number}: " not in text  # the heading is no longer the generic title


@pytest.mark.parametrize("role", ROLES)
def test_each_competence_category_on_a_role_page_is_explained_and_linked_to_the_glossary(site, role):
    html = (site / "roles" / f"{role}.html").read_text(encoding="utf-8")
    glossary = Page(site / "glossary.html").all("dt")
    for category in CATEGORIES:
        section = html[html.index(f'<section data-section="{category}"') :]
        section = section[: section.index("</section>")]
        rest = section.split("</h2>", 1)[1]
        explanation = rest[: rest.index("</p>")]
        assert '<p class="hint">' in explanation
        assert f'glossary.html#{category}-competences"' in explanation
        assert {"id": f"{category}-competences"} in glossary


@pytest.mark.parametrize("role", ROLES)
def test_a_role_page_links_to_the_roles_one_level_up_and_to_assess_yourself(site, role):
    levels = {name: raw(SHIPPED_DATA / "roles" / f"{name}.yaml")["level"] for name in ROLES}
    higher = sorted({level for level in levels.values() if level > levels[role]})
    expected = [name for name in ROLES if higher and levels[name] == higher[0]]
    html = (site / "roles" / f"{role}.html").read_text(encoding="utf-8")
    shown = re.findall(
        r'<a href="\.\./compare\.html\?from=([^&"]+)&amp;to=([^"]+)" data-compare="([^"]+)">([^<]+)</a>', html
    )
    assert sorted(to for _, to, _, _ in shown) == sorted(expected)
    for from_role, to_role, marked, text in shown:
        assert from_role == role
        assert marked == to_role
        assert text == f"Compare with {raw(SHIPPED_DATA / 'roles' / f'{to_role}.yaml')['title']}"
    assert f'<a href="../self-assessment.html?target={role}">Assess yourself against this role</a>' in html


def test_the_highest_role_says_no_role_is_higher_and_a_lower_one_skips_levels_without_roles(site, tmp_path):
    top = max(ROLES, key=lambda name: raw(SHIPPED_DATA / "roles" / f"{name}.yaml")["level"])
    assert "No L&D role is at a higher level than this one." in Page(site / "roles" / f"{top}.html").words()
    # A framework with no role at level 3: the Volunteer (level 2) leads to the roles at level 4.
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    for role in ROLES:
        if raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"] == 3:
            (data / "roles" / f"{role}.yaml").unlink()
    built = _build(tmp_path / "site", data)
    html = (built / "roles" / "volunteer.html").read_text(encoding="utf-8")
    at_four = sorted(name for name in ROLES if raw(SHIPPED_DATA / "roles" / f"{name}.yaml")["level"] == 4)
    assert sorted(re.findall(r'data-compare="([^"]+)"', html)) == at_four


@pytest.mark.parametrize("role", ROLES)
def test_a_role_pages_competence_tables_carry_the_checklist_columns(site, role):
    html = (site / "roles" / f"{role}.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="stack-on-phone checklist">(.*?)</table>', html, flags=re.S)
    assert tables
    codes = []
    for table in tables:
        head = re.findall(r'<th scope="col" class="checklist-column">([^<]+)</th>', table)
        assert head == ["Held", "Evidence", "Date"]
        for row in re.findall(r"<tr data-code=.*?</tr>", table):
            assert re.findall(r'<td data-label="(Held|Evidence|Date)" class="checklist-column"></td>', row) == [
                "Held",
                "Evidence",
                "Date",
            ]
            codes.append(re.search(r'data-code="([^"]+)"', row).group(1))
    assert sorted(markup.unescape(code) for code in codes) == sorted(raw_holdings(role))


@pytest.mark.parametrize("which", ["national", "local"])
def test_every_table_for_staff_stacks_on_a_phone_with_its_column_names(site, local_site, which):
    built = site if which == "national" else local_site
    tables = 0
    for path in staff_pages(built):
        html = path.read_text(encoding="utf-8")
        for attributes, table in re.findall(r"<table([^>]*)>(.*?)</table>", html, flags=re.S):
            tables += 1
            assert 'class="stack-on-phone' in attributes, path
            headers = [re.sub(r"<[^>]+>", "", th) for th in re.findall(r"<th[^>]*>(.*?)</th>", table)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</thead>", 1)[1], flags=re.S):
                labels = re.findall(r'<td data-label="([^"]+)"', row)
                assert labels == headers, (path, row)
    assert tables > 100


def test_an_uncoded_competence_says_it_has_no_nos_code_and_why(site):
    uncoded = [c for c in raw_competences() if "id" in c]
    page = Page(site / "competences" / f"{uncoded[0]['id']}.html").words()
    assert "None. The source document names this competence by its title only" in page
    engagement = Page(site / "roles" / "engagement-worker.html")
    text = engagement.words()
    listed = raw_holdings("engagement-worker")
    assert any(c["id"] in listed for c in uncoded)
    assert "No NOS code" in text
    assert "names this competence by its title only" in text
    # The title of an uncoded competence links to its page, since its code cell cannot.
    assert f"../competences/{uncoded[0]['id']}.html" in engagement.links()


def test_a_local_role_is_named_by_its_employer_and_marks_what_it_adds(local_site):
    for role in LOCAL_ROLES:
        data = raw(LOCAL / "roles" / f"{role}.yaml")
        page = Page(local_site / "roles" / f"{role}.html").words()
        assert f"Local role: {data['employer']}" in page
        own = {
            code
            for key in ("role_specific", "locality_specific")
            for group in data.get(key, [])
            for code in group["competences"]
        }
        base = raw_holdings(data["based_on"])
        added = own - base
        assert page.count("Added for this local role") == len(added), role
