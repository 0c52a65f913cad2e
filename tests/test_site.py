"""The static website, read as files: its pages and paths, its links, and how it is written. What a browser
does with it is in tests/browser."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPOSITORY, SHIPPED_DATA, guide_commands, raw, raw_competences, raw_holdings

LOCAL = REPOSITORY / "examples" / "local"
ROLES = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))


class Page(HTMLParser):
    """What the tests look at in one page: its elements with their attributes, and its text."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attributes for name, attributes in self.elements if name == tag]

    def ids(self) -> set[str]:
        return {attributes["id"] for _, attributes in self.elements if attributes.get("id")}


def build(run, out: Path, *data: Path, env: dict[str, str] | None = None) -> Path:
    options = [item for folder in data for item in ("--data", str(folder))]
    result = run(*options, "site", "build", str(out), env=env)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from ldcf.cli.app import cli

    out = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "site", "build", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_every_page_is_at_its_stable_path(site):
    expected = {"index.html", "compare.html", "search.html", "about.html"}
    expected |= {f"levels/{n}.html" for n in range(1, 10)}
    expected |= {f"roles/{role}.html" for role in ROLES}
    pages = {str(path.relative_to(site)) for path in site.rglob("*.html")}
    assert expected <= pages
    competence_pages = {path for path in pages if path.startswith("competences/")}
    assert len(competence_pages) == len(raw_competences())


@pytest.mark.parametrize(
    ("code", "page"),
    [("CFAM&LBA3", "cfam-and-lba3.html"), ("MH21.2013", "mh21-2013.html"), ("SFJAB1", "sfjab1.html")],
)
def test_a_competence_page_is_named_by_the_documented_rule(site, code, page):
    shown = Page(site / "competences" / page)
    assert f"{code}: " in "".join(shown.text)


def test_an_uncoded_competence_page_is_named_by_its_id(site):
    uncoded = [c["id"] for c in raw_competences() if "id" in c]
    assert uncoded
    for key in uncoded:
        assert (site / "competences" / f"{key}.html").is_file()


@pytest.mark.parametrize("role", ROLES)
def test_a_role_page_lists_each_competence_once_in_its_category(site, role):
    page = Page(site / "roles" / f"{role}.html")
    rows = [(a["data-code"], a["data-category"]) for _, a in page.elements if "data-code" in a and "data-category" in a]
    codes = [code for code, _ in rows]
    assert sorted(codes) == sorted(raw_holdings(role))
    level = raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"]
    from conftest import raw_core

    assert {code for code, category in rows if category == "core"} == raw_core(level)
    sections = [a["data-section"] for _, a in page.elements if "data-section" in a]
    assert sections == ["core", "role-specific", "locality-specific"]
    assert len(page.all("h1")) == 1


def test_the_index_is_the_ladder_of_levels_with_their_roles(site):
    page = Page(site / "index.html")
    links = [a["href"] for a in page.all("a")]
    for role in ROLES:
        assert f"roles/{role}.html" in links
    ladder = [href for href in links if re.fullmatch(r"levels/\d\.html", href or "")]
    levels_with_roles = sorted({raw(SHIPPED_DATA / "roles" / f"{r}.yaml")["level"] for r in ROLES}, reverse=True)
    assert ladder[: len(levels_with_roles)] == [f"levels/{n}.html" for n in levels_with_roles]


def _resolve(page: Path, href: str, root: Path) -> tuple[Path, str]:
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    assert root.resolve() in target.parents or target == root.resolve(), href
    return target, parts.fragment


def test_every_internal_link_resolves(site):
    pages = {path: Page(path) for path in site.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        references = [a.get("href") for a in page.all("a")] + [a.get("href") for a in page.all("link")]
        references += [a.get("src") for a in page.all("script")] + [a.get("action") for a in page.all("form")]
        for href in filter(None, references):
            if href.startswith(("http://", "https://")):
                continue
            assert not href.startswith("/"), (path, href)
            assert ":" not in href.split("/")[0], (path, href)
            target, fragment = _resolve(path, href, site)
            assert target.is_file(), (path, href)
            if fragment:
                assert fragment in (pages[target] if target in pages else Page(target)).ids(), (path, href)
            checked += 1
    assert checked > 1000


def test_pages_request_nothing_from_elsewhere(site):
    for path in site.rglob("*.html"):
        page = Page(path)
        policy = [a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
        assert policy
        assert "default-src 'none'" in policy[0]
        for tag in ("script", "link", "img", "iframe"):
            for attributes in page.all(tag):
                address = attributes.get("src") or attributes.get("href") or ""
                assert not re.match(r"[a-z]+:", address), (path, address)
    for asset in (site / "assets").iterdir():
        assert not re.search(r"https?://|@import|url\(", asset.read_text(encoding="utf-8")), asset


def test_the_build_is_reproducible(run, tmp_path):
    first = build(run, tmp_path / "one")
    second = build(run, tmp_path / "two")
    files = sorted(str(path.relative_to(first)) for path in first.rglob("*") if path.is_file())
    assert files == sorted(str(path.relative_to(second)) for path in second.rglob("*") if path.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_about_page_names_the_data_and_a_build_date_only_when_given(run, tmp_path):
    about = "".join(Page(build(run, tmp_path / "plain") / "about.html").text)
    assert "not recorded" in about
    dated = "".join(Page(build(run, tmp_path / "dated", env={"SOURCE_DATE_EPOCH": "1780000000"}) / "about.html").text)
    assert "2026-05-28" in dated  # 1780000000 seconds after 1970-01-01 UTC
    for role in ROLES:
        assert raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["source"]["document"] in about
    assert "do not give a licence" in about


def test_a_second_build_replaces_what_the_first_wrote(run, tmp_path):
    out = build(run, tmp_path / "site", SHIPPED_DATA, LOCAL)
    (out / "index.html").write_text("edited", encoding="utf-8")
    build(run, out)
    assert not (out / "roles" / "registered-worker-band-6.html").exists()  # written by the first build only
    assert (out / "index.html").read_bytes() == (build(run, tmp_path / "fresh") / "index.html").read_bytes()
    assert [path.name for path in out.iterdir() if path.name.startswith(".")] == [".ldcf-site"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fresh", "site"]


def test_a_folder_ldcf_did_not_build_is_never_replaced(run, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "report.docx").write_bytes(b"someone's work")
    result = run("site", "build", str(out))
    assert result.exit_code == 1
    assert "holds files that ldcf did not write; nothing was written" in result.stderr
    assert [path.name for path in out.iterdir()] == ["report.docx"]
    link = tmp_path / "link"
    link.symlink_to(out)
    result = run("site", "build", str(link))
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr


def test_an_empty_folder_is_used(run, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert (build(run, out) / "index.html").is_file()


def test_a_bad_source_date_is_a_usage_error(run, tmp_path):
    result = run("site", "build", str(tmp_path / "site"), env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr
    assert not (tmp_path / "site").exists()


def test_local_roles_are_marked_with_their_employer_and_band_and_the_data_folders_only_on_the_about_page(run, tmp_path):
    out = build(run, tmp_path / "site", LOCAL)
    page = "".join(Page(out / "roles" / "registered-worker-band-6.html").text)
    role = raw(LOCAL / "roles" / "registered-worker-band-6.yaml")
    assert f"Local role: {role['employer']}" in page
    assert "Agenda for Change band" in page
    assert "Career Framework levels are not Agenda for Change bands" in page
    assert "data folder" not in page.lower()
    assert str(LOCAL) not in page
    national = "".join(Page(out / "roles" / "practitioner.html").text)
    assert "Local role" not in national
    about = (out / "about.html").read_text(encoding="utf-8")
    technical = about[about.index("<details") : about.index("</details>")]
    assert "examples/local" in technical.replace("\\", "/")


def test_the_compare_page_without_javascript_lists_gaps_to_the_next_roles(site, run):
    page = Page(site / "compare.html")
    sections = [a for _, a in page.elements if "data-from" in a and "data-to" in a]
    levels = {role: raw(SHIPPED_DATA / "roles" / f"{role}.yaml")["level"] for role in ROLES}
    expected = {(a, b) for a in ROLES for b in ROLES if a != b and levels[b] in (levels[a], levels[a] + 1)}
    assert {(a["data-from"], a["data-to"]) for a in sections} == expected
    # One pair read closely: its lists are those of `ldcf gap`.
    gap = json.loads(run("gap", "support-worker", "practitioner", "--format", "json").stdout)
    text = (site / "compare.html").read_text(encoding="utf-8")
    block = text[text.index('data-from="support-worker" data-to="practitioner"') :]
    block = block[: block.index("</section>")]
    for section, key in (
        ("to-acquire", "to_acquire"),
        ("retained", "retained"),
        ("no-longer-required", "no_longer_required"),
    ):
        part = block[block.index(f'data-section="{section}"') :]
        part = part[: part.index("</div>")]
        codes = [html.unescape(code) for code in re.findall(r'data-code="([^"]+)"', part)]
        assert codes == [entry["id"] for entry in gap[key]]


def test_the_embedded_data_cannot_end_its_script_element(run, tmp_path):
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "odd.yaml").write_text(
        'id: odd\ntitle: "</script><script>alert(1)</script> <!--"\nbased_on: practitioner\n'
        "source:\n  document: A test document\n",
        encoding="utf-8",
    )
    out = build(run, tmp_path / "site", overlay)
    for name in ("compare.html", "self-assessment.html", "roles/odd.html", "index.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text
        assert "<!--" not in text
    page = Page(out / "compare.html")
    assert [a.get("src") for a in page.all("script") if a.get("src")] == ["assets/roles.js", "assets/compare.js"]


def test_serve_builds_and_serves_the_site_on_this_computer_only():
    import subprocess
    import sys

    command = [sys.executable, "-m", "ldcf", "site", "serve", "--port", "0"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) as server:
        _fetch_and_stop(server)


def _fetch_and_stop(server) -> None:
    import urllib.request

    try:
        line = server.stderr.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, line
        with urllib.request.urlopen(address.group() + "roles/practitioner.html", timeout=10) as response:
            assert response.status == 200
            assert b"<h1>Practitioner</h1>" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


GUIDE = (REPOSITORY / "docs" / "site.md").read_text(encoding="utf-8")


def test_the_guide_build_commands_work(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPOSITORY / "examples")
    builds = [arguments for arguments in guide_commands(GUIDE) if "build" in arguments]
    assert len(builds) == 2
    for arguments in builds:
        result = run(*arguments)
        assert result.exit_code == 0, result.output
        assert (tmp_path / arguments[-1] / "index.html").is_file()
    assert (tmp_path / "local-site" / "roles" / "registered-worker-band-6.html").is_file()


def test_the_guide_workflow_validates_then_publishes_what_it_built():
    import yaml

    workflow = yaml.safe_load(re.search(r"```yaml\n(name: site.*?)```", GUIDE, re.DOTALL).group(1))
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    validate = commands.index("ldcf validate data --strict")
    build_step = next(index for index, command in enumerate(commands) if "site build site" in command)
    assert validate < build_step
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"]["pages"] == "write"


def test_the_guide_slug_examples_are_the_files_built(site):
    examples = re.findall(r"`([A-Z0-9&.]+)` is `(competences/[a-z0-9-]+\.html)`", GUIDE)
    assert len(examples) == 2
    for code, path in examples:
        assert f"{code}: " in "".join(Page(site / path).text)


def test_the_build_is_the_same_whatever_the_hash_seed(tmp_path):
    """Two processes hash text differently (PYTHONHASHSEED): nothing on a page may follow a set's order."""
    import os
    import subprocess
    import sys

    folders = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        environment = {**os.environ, "PYTHONHASHSEED": seed, "LDCF_NO_CACHE": "1"}
        command = [sys.executable, "-m", "ldcf", "site", "build", str(out)]
        subprocess.run(command, env=environment, capture_output=True, check=True)
        folders.append(out)
    first, second = folders
    files = sorted(str(path.relative_to(first)) for path in first.rglob("*") if path.is_file())
    assert files
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
