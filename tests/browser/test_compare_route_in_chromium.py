"""The compare page's route in Chromium: each step lists the competences it adds, as `ldcf gap` gives them for that
step's two roles, and links to that step's own comparison."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from click.testing import CliRunner

from conftest import SHIPPED_DATA
from ldcf.cli.app import cli

pytestmark = pytest.mark.browser


def ldcf_json(*arguments: str) -> dict:
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), *arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("start", "aim"), [("volunteer", "practitioner"), ("volunteer", "operational-manager")])
def test_each_step_lists_its_competences_and_links_its_comparison(page, built_site, start, aim):
    page.goto((built_site / "compare.html").as_uri() + f"?from={start}&to={aim}")
    page.wait_for_selector("[data-route] li[data-from]")
    steps = page.locator("[data-route] li[data-from]")
    expected = ldcf_json("path", start, aim)["steps"]
    assert steps.count() == len(expected)
    for index, step in enumerate(expected):
        item = steps.nth(index)
        from_role, to_role = item.get_attribute("data-from"), item.get_attribute("data-to")
        gap = ldcf_json("gap", from_role, to_role)
        listed = item.locator("[data-step-code]").evaluate_all("items => items.map(item => item.dataset.stepCode)")
        assert listed == [entry["code"] or entry["id"] for entry in gap["to_acquire"]]
        link = urlsplit(item.locator("a").first.get_attribute("href"))
        assert link.path == "compare.html"
        assert parse_qs(link.query) == {"from": [from_role], "to": [to_role]}
        assert len(listed) == len(step["to_acquire"])


@pytest.mark.parametrize(
    ("start", "aim", "article"), [("volunteer", "administrator", "an"), ("volunteer", "support-worker", "a")]
)
def test_the_share_held_reads_as_a_sentence_with_the_right_article(page, built_site, start, aim, article):
    title = yaml.safe_load((SHIPPED_DATA / "roles" / f"{aim}.yaml").read_text(encoding="utf-8"))["title"]
    page.goto((built_site / "compare.html").as_uri() + f"?from={start}&to={aim}")
    page.wait_for_selector("[data-section=to-acquire]")
    assert f"competences {article} {title} needs" in page.locator("#compare-result dl").inner_text()
