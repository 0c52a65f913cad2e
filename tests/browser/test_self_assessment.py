"""The self-assessment page in Chromium: answers set in the page give a record that `ldcf gap --have` reads to the
same result the page shows; answers survive a reload and travel in a record; a bad record changes nothing; the
page is accessible, fits a phone and prints a form and a plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from chromium import ARTEFACTS, violations
from conftest import SHIPPED_DATA, definition_digest, raw_core, raw_listed, raw_title
from ldcf.cli.app import cli

pytestmark = pytest.mark.browser

PAGE = "self-assessment.html"


def url(site: Path, query: str = "") -> str:
    return (site / PAGE).as_uri() + query


def raw_role(role: str) -> dict:
    return yaml.safe_load((SHIPPED_DATA / "roles" / f"{role}.yaml").read_text(encoding="utf-8"))


def role_keys(role: str) -> list[str]:
    """What a role needs, in the order role pages list it, from the data files: its level's core, then its own."""
    keys = sorted(raw_core(raw_role(role)["level"]))  # the order within core does not matter to the sets below
    for category in ("role_specific", "locality_specific"):
        keys += [key for key in raw_listed(role, category) if key not in keys]
    return keys


def ldcf_gap(record: Path, target: str) -> dict:
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "gap", "--have", str(record), target, "--format",
                                      "json"], catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rows(page) -> list[str]:
    return page.locator("#competences tr[data-code], #competences tr[data-id]").evaluate_all(
        "rows => rows.map(row => row.dataset.code || row.dataset.id)"
    )


def set_status(page, key: str, status: str, evidence: str = "", date: str = "") -> None:
    row = page.locator(f'#competences tr[data-code="{key}"], #competences tr[data-id="{key}"]').first
    row.locator("select[name=status]").select_option(status)
    if evidence:
        row.locator("input[name=evidence]").fill(evidence)
    if date:
        row.locator("input[name=date]").fill(date)


def shown_to_acquire(page) -> list[str]:
    return page.locator("[data-section=to-acquire] [data-code], [data-section=to-acquire] [data-id]").evaluate_all(
        "items => items.map(item => item.dataset.code || item.dataset.id)"
    )


def download(page, tmp_path: Path, name: str) -> Path:
    with page.expect_download() as caught:
        page.locator("button[name=download]").click()
    path = tmp_path / name
    caught.value.save_as(path)
    return path


@pytest.mark.parametrize(
    ("current", "target", "held_share"),
    [
        ("volunteer", "support-worker", 2),
        ("support-worker", "practitioner", 3),
        ("practitioner", "specialist-practitioner", 5),
    ],
)
def test_the_downloaded_record_gives_ldcf_gap_the_page_s_list_to_acquire(
    page, built_site, tmp_path, current, target, held_share
):
    page.goto(url(built_site))
    page.locator("select[name=role]").select_option(current)
    page.locator("select[name=target]").select_option(target)
    needed = role_keys(target)
    assert set(rows(page)) >= set(needed)
    held = needed[::held_share]  # every few of the aim's competences
    towards = [key for key in needed if key not in held][:2]
    for index, key in enumerate(held):
        set_status(page, key, "held", evidence=f"Shown at supervision: {key}", date=f"2024-0{1 + index % 9}-15")
    for key in towards:
        set_status(page, key, "working_towards", date="2027-03-31")
    summary = page.locator("[data-summary]").inner_text()
    assert f"You have {len(held)} of the {len(needed)} competences" in summary
    record = download(page, tmp_path, f"{current}.yaml")
    written = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert written["role"] == current
    assert written["target"] == target
    assert sorted(entry["code"] for entry in written["held"]) == sorted(held)
    assert all(entry["evidence"] == f"Shown at supervision: {entry['code']}" for entry in written["held"])
    assert sorted((entry["code"], entry["target_date"]) for entry in written["working_towards"]) == sorted(
        (key, "2027-03-31") for key in towards
    )
    gap = ldcf_gap(record, target)
    expected = [entry["code"] or entry["id"] for entry in gap["to_acquire"]]
    assert shown_to_acquire(page) == expected
    assert sorted(expected) == sorted(key for key in needed if key not in held)


def test_answers_survive_a_reload_and_clear_removes_them(page, built_site):
    page.goto(url(built_site))
    page.locator("select[name=role]").select_option("support-worker")
    key = role_keys("support-worker")[0]
    set_status(page, key, "held", evidence="Induction week", date="2025-01-10")
    page.locator("#person-name").fill("Sam Example")
    page.reload()
    assert page.locator("select[name=role]").input_value() == "support-worker"
    assert page.locator("#person-name").input_value() == "Sam Example"
    row = page.locator(f'#competences tr[data-code="{key}"]')
    assert row.locator("select[name=status]").input_value() == "held"
    assert row.locator("input[name=evidence]").input_value() == "Induction week"
    assert row.locator("input[name=date]").input_value() == "2025-01-10"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button[name=clear]").click()
    page.reload()
    assert page.locator(f'#competences tr[data-code="{key}"] select[name=status]').input_value() == "not_assessed"


def test_the_aim_starts_as_the_next_role_up(page, built_site):
    page.goto(url(built_site))
    page.locator("select[name=role]").select_option("volunteer")
    level = raw_role("volunteer")["level"]
    above = [raw_role(path.stem) for path in sorted((SHIPPED_DATA / "roles").glob("*.yaml"))]
    next_level = min(role["level"] for role in above if role["level"] > level)
    titles = {role["title"] for role in above if role["level"] == next_level}
    chosen = page.locator("select[name=target] option:checked").inner_text()
    assert chosen in titles


def test_a_record_opens_in_a_fresh_browser_profile(browser, built_site, tmp_path):
    record = tmp_path / "sam.yaml"
    held = role_keys("practitioner")[:4]
    record.write_text(
        "# hand-edited\nname: Sam Example\nrole: Support Worker\ntarget: practitioner\nheld:\n"
        + "".join(
            f"- code: {key.lower()}   # any spelling of the code\n  evidence: 'Seen by J. O''Neil'\n" for key in held
        )
        + "working_towards:\n  - code: "
        + role_keys("practitioner")[5]
        + "\n    target_date: 2027-06\n",
        encoding="utf-8",
    )
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url(built_site))
    page.locator("input[name=record]").set_input_files(str(record))
    page.wait_for_selector(".success-message")
    assert page.locator("select[name=role]").input_value() == "support-worker"
    assert page.locator("select[name=target]").input_value() == "practitioner"
    assert page.locator("#person-name").input_value() == "Sam Example"
    for key in held:
        row = page.locator(f'#competences tr[data-code="{key}"]')
        assert row.locator("select[name=status]").input_value() == "held"
        assert row.locator("input[name=evidence]").input_value() == "Seen by J. O'Neil"
    expected = [entry["code"] or entry["id"] for entry in ldcf_gap(record, "practitioner")["to_acquire"]]
    assert shown_to_acquire(page) == expected
    context.close()
    assert not errors, errors


def test_a_record_from_ldcf_record_template_opens(page, built_site, tmp_path):
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "record", "template", "support-worker"])
    assert result.exit_code == 0, result.output
    record = tmp_path / "template.yaml"
    record.write_text(result.stdout, encoding="utf-8")
    page.goto(url(built_site))
    page.locator("input[name=record]").set_input_files(str(record))
    page.wait_for_selector(".success-message")
    # The template claims nothing: every competence of the role is not yet assessed, and stays so on download.
    listed = [entry["code"] for entry in yaml.safe_load(result.stdout)["not_yet_assessed"]]
    statuses = [page.locator(f'#competences tr[data-code="{key}"] select[name=status]').input_value() for key in listed]
    assert statuses == ["not_assessed"] * len(listed)
    again = yaml.safe_load(download(page, tmp_path, "again.yaml").read_text(encoding="utf-8"))
    assert [entry["code"] for entry in again["not_yet_assessed"]] == listed
    assert ldcf_gap(tmp_path / "again.yaml", "support-worker")["share_met"] == 0


def test_a_record_s_targets_rejections_and_uk_dates_survive_opening_and_downloading(page, built_site, tmp_path):
    record = tmp_path / "sam.yaml"
    record.write_text(
        "name: Sam\nrole: volunteer\ntarget: support-worker\ntargets:\n  - practitioner\nheld:\n"
        "  - code: GEN97\n    evidence: Induction\n    date: 1/3/2024\n    rejected_by: Lee Manager\n"
        "    rejected_on: 20/11/2026\n",
        encoding="utf-8",
    )
    page.goto(url(built_site))
    page.locator("input[name=record]").set_input_files(str(record))
    page.wait_for_selector(".success-message")
    again = yaml.safe_load(download(page, tmp_path, "again.yaml").read_text(encoding="utf-8"))
    assert (again["target"], again["targets"]) == ("support-worker", ["practitioner"])
    assert again["held"] == [{"code": "GEN97", "evidence": "Induction", "date": "2024-03-01",
                              "rejected_by": "Lee Manager", "rejected_on": "2026-11-20"}]  # fmt: skip
    gap = ldcf_gap(tmp_path / "again.yaml", "support-worker")
    assert gap["to"] == "support-worker"
    # The rejected claim counts as not held, on the page as in ldcf.
    assert "GEN97" in [entry["code"] for entry in gap["to_acquire"]]
    assert shown_to_acquire(page) == [entry["code"] or entry["id"] for entry in gap["to_acquire"]]
    needed = len(gap["to_acquire"]) + len(gap["retained"])
    assert f"You have {len(gap['retained'])} of the {needed} competences" in page.locator("[data-summary]").inner_text()


def test_a_confirmation_keeps_what_it_confirmed_through_opening_and_downloading(page, built_site, tmp_path):
    digest = definition_digest("GEN97", raw_title("GEN97"))
    record = tmp_path / "sam.yaml"
    record.write_text(
        "name: Sam\nrole: volunteer\nheld:\n  - code: GEN97\n    confirmed_by: Lee Manager\n"
        f"    confirmed_on: 2026-11-20\n    confirmed_edition: {digest}\n",
        encoding="utf-8",
    )
    page.goto(url(built_site))
    page.locator("input[name=record]").set_input_files(str(record))
    page.wait_for_selector(".success-message")
    again = yaml.safe_load(download(page, tmp_path, "again.yaml").read_text(encoding="utf-8"))
    assert again["held"] == [{"code": "GEN97", "confirmed_by": "Lee Manager", "confirmed_on": "2026-11-20",
                              "confirmed_edition": digest}]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("held:\n  - code: GEN9999\n", "unknown competence GEN9999"),
        ("held:\n  - code: GEN97\n    confirmed_by: Lee\n    confirmed_edition: 12ab\n", "confirmed_edition must be"),
        ("held:\n  - code: GEN97\n    date: 2025-13-45\n", "date must be a date"),
        ("held:\n  - code: GEN97\n    date: 30/02/2025\n", "date must be a date"),
        ("targets:\n  - practitioner\n  - Practitioner\n", "listed twice"),
        ("held: [\n", "line 1"),
        ("role: support-worker\nrole: volunteer\n", "given twice"),
        ("colour: blue\n", "unknown field colour"),
        ("held:\n  - code: GEN97\n  - code: gen 97\n", "listed twice"),
        ("held:\n\t- code: GEN97\n", "tab"),
        ("just some text\n", "a record is a list of fields"),
    ],
)
def test_a_bad_record_is_refused_with_a_message_and_changes_nothing(page, built_site, tmp_path, content, says):
    page.goto(url(built_site))
    page.locator("select[name=role]").select_option("support-worker")
    key = role_keys("practitioner")[0]
    set_status(page, key, "held", evidence="Kept")
    before = page.evaluate("() => localStorage.length ? Object.values(localStorage)[0] : null")
    record = tmp_path / "bad.yaml"
    record.write_text(content, encoding="utf-8")
    page.locator("input[name=record]").set_input_files(str(record))
    page.wait_for_selector(".error-message")
    text = page.locator("#record-message").inner_text()
    assert says in text
    assert "Nothing was changed" in text
    assert page.evaluate("() => Object.values(localStorage)[0]") == before
    assert page.locator(f'#competences tr[data-code="{key}"] select[name=status]').input_value() == "held"


def test_the_page_meets_wcag_22_aa_and_works_by_keyboard(page, built_site):
    page.goto(url(built_site, "?role=support-worker&target=practitioner"))
    assert violations(page) == []
    page.locator("select[name=role]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "target"
    set_status(page, role_keys("practitioner")[0], "working_towards")
    assert violations(page) == []


def test_without_javascript_the_page_says_what_it_needs_and_links_the_role_checklists(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(built_site))
    text = page.locator("main").inner_text()
    assert "needs JavaScript" in text
    links = page.locator("noscript a, .warning-callout a").evaluate_all("links => links.map(a => a.href)")
    roles = sorted(path.stem for path in (SHIPPED_DATA / "roles").glob("*.yaml"))
    assert sorted(re.sub(r".*/roles/(.*)\.html$", r"\1", link) for link in links) == roles
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_page_fits_the_width_without_scrolling_sideways(browser, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(url(built_site, "?role=support-worker&target=practitioner"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"self-assessment-{width}.png"), full_page=True)
    context.close()


def test_print_shows_the_form_and_plan_and_hides_the_controls(page, built_site):
    page.goto(url(built_site, "?role=support-worker&target=practitioner"))
    page.locator("#person-name").fill("Sam Example")
    needed = role_keys("practitioner")
    set_status(page, needed[0], "held", evidence="Observed practice", date="2025-02-01")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator("#assessment-form").is_visible()
    assert not page.locator("button[name=download]").is_visible()
    assert not page.locator("nav.site-nav").is_visible()
    form = page.locator(".print-form")
    assert form.is_visible()
    assert "Sam Example" in form.inner_text()
    assert "Supervisor's comments" in form.inner_text()
    assert form.locator(".print-table tbody tr").count() == len(needed)
    assert form.locator(".signature-table tbody tr").count() == 2
    plan = page.locator(".print-plan")
    assert plan.locator(".print-table tbody tr").count() == len(needed) - 1
    pdf = page.pdf(format="A4", print_background=True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "self-assessment-printed.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2


def test_the_page_works_from_a_shared_drive_folder_with_spaces(browser, tmp_path):
    """A site copied to a shared drive: a path with spaces and an ampersand, opened from file://."""
    folder = tmp_path / "Shared Drive" / "L&D site"
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "site", "build", str(folder)])
    assert result.exit_code == 0, result.output
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((folder / PAGE).as_uri() + "?role=volunteer&target=support-worker")
    key = role_keys("support-worker")[0]
    set_status(page, key, "held")
    page.reload()
    assert page.locator(f'#competences tr[data-code="{key}"] select[name=status]').input_value() == "held"
    page.locator("nav.site-nav a", has_text="Compare roles").click()
    assert page.url.endswith("compare.html")
    context.close()
    assert not errors, errors


def test_a_record_may_spell_codes_as_uk_standards_prints_them(page, built_site, tmp_path):
    """SFHGEN97 is GEN97 and CFABAD332 is CFA_BAD332, as for ldcf (the README's naming rules)."""
    record = tmp_path / "uk-standards.yaml"
    record.write_text("role: volunteer\nheld:\n  - code: SFHGEN97\n  - code: CFABAD332\n", encoding="utf-8")
    page.goto(url(built_site, "?target=support-worker"))
    page.locator("input[name=record]").set_input_files(str(record))
    page.wait_for_selector(".success-message")
    for key in ("GEN97", "CFA_BAD332"):
        assert page.locator(f'#competences tr[data-code="{key}"] select[name=status]').input_value() == "held"
    expected = [entry["code"] or entry["id"] for entry in ldcf_gap(record, "support-worker")["to_acquire"]]
    assert shown_to_acquire(page) == expected


def test_a_record_s_plan_fields_survive_opening_and_downloading(page, built_site, tmp_path):
    """The appraiser, next review and priorities a development plan reads have no input on the page; a record
    opened and downloaded again keeps them, and ldcf still reads it."""
    from conftest import REPOSITORY

    source = REPOSITORY / "tests" / "fixtures" / "plans" / "good-record.yaml"
    written = yaml.safe_load(source.read_text(encoding="utf-8"))
    page.goto(url(built_site))
    page.locator("input[name=record]").set_input_files(str(source))
    page.wait_for_selector(".success-message")
    again = yaml.safe_load(download(page, tmp_path, "again.yaml").read_text(encoding="utf-8"))
    assert again["appraiser"] == written["appraiser"]
    assert again["next_review"] == str(written["next_review"])
    names = {entry: ldcf_competence_key(entry) for entry in written["priorities"]}
    assert again["priorities"] == list(names.values())
    assert ldcf_gap(tmp_path / "again.yaml", written["target"])["to"] == written["target"]


def ldcf_competence_key(name: str) -> str:
    result = CliRunner().invoke(cli, ["--data", str(SHIPPED_DATA), "competence", "show", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    competence = json.loads(result.stdout)
    return competence.get("code") or competence["id"]
