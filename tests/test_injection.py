"""Text from the data, a record or a job description can break out of no output format."""

from __future__ import annotations

import csv
import io
import unicodedata

import yaml

from conftest import SHIPPED_DATA, edit
from ldcf.outputs import record_template as record
from ldcf.queries.profiles import role_profile


def cli(run, *arguments, env=None):
    return run("--data", str(SHIPPED_DATA), *arguments, env=env)


def retitled(run, data_copy, title: str, *arguments: str, env=None):
    edit(data_copy / "competences.yaml", "title: Manage budgets", f"title: {title!r}")
    return run("--data", str(data_copy), "--no-cache", *arguments, env=env)


def test_markdown_shows_links_images_and_headings_as_text(run, data_copy):
    title = "[click](javascript:alert(1)) ![x](http://x/i.png) **now**"
    shown = retitled(run, data_copy, title, "role", "show", "strategic-manager", "--format", "markdown").stdout
    assert "\\[click\\](javascript:alert(1)) !\\[x\\](http://x/i.png) \\*\\*now\\*\\*" in shown
    assert "[click]" not in shown.replace("\\[click\\]", "")


def test_a_job_description_line_cannot_start_a_markdown_heading_or_list(run, tmp_path):
    job = tmp_path / "jd.txt"
    job.write_text("# Communicate effectively with people\n- Make use of supervision\n", encoding="utf-8")
    shown = cli(run, "suggest", str(job), "--format", "markdown").stdout
    assert not [line for line in shown.splitlines() if line.startswith(("#", "- ")) and not line.startswith("### ")]


def test_no_line_of_any_format_is_a_workflow_command_under_github_actions(run, data_copy):
    github = {"GITHUB_ACTIONS": "true"}
    for output_format in ("table", "markdown", "csv", "json"):
        result = retitled(run, data_copy, "::warning::planted", "role", "show", "strategic-manager", "--format",
                          output_format, env=github)  # fmt: skip
        data_copy_reset(data_copy)
        assert result.exit_code == 0
        assert "planted" in result.stdout
        assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")], output_format


def data_copy_reset(data_copy):
    edit(data_copy / "competences.yaml", "title: '::warning::planted'", "title: Manage budgets")


def test_the_record_template_guards_workflow_commands_and_validate_text_too(run, tmp_path):
    job = tmp_path / "::warning::x.yaml"
    job.write_text("held: [1]\n", encoding="utf-8")
    result = cli(run, "gap", "--have", str(job), "practitioner", env={"GITHUB_ACTIONS": "true"})
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]


def test_csv_neutralises_formulas_hidden_by_width_or_invisible_characters(run, tmp_path):
    job = tmp_path / "jd.txt"
    lines = ['＝HYPERLINK("http://x") communicate effectively with people', "\u200b=1+1 make use of supervision"]
    job.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = list(csv.reader(io.StringIO(cli(run, "suggest", str(job), "--format", "csv").stdout)))
    duties = {row[2] for row in rows[1:]}
    assert '\'＝HYPERLINK("http://x") communicate effectively with people' in duties
    for duty in duties:  # as a spreadsheet may read it: normalised, invisible characters dropped
        seen = unicodedata.normalize("NFKC", duty).replace("\u200b", "")
        assert not seen.startswith(("=", "+", "-", "@")), duty


def test_bidi_and_zero_width_characters_are_shown_as_escapes_in_terminal_text(run, tmp_path):
    job = tmp_path / "jd.txt"
    job.write_text("Communicate \u202eeffectively\u200b with people\n", encoding="utf-8")
    shown = cli(run, "suggest", str(job)).stdout
    assert "\\u202e" in shown
    assert "\\u200b" in shown
    assert "\u202e" not in shown
    assert "\u200b" not in shown


def test_a_title_with_a_line_break_stays_a_comment_in_the_record_template(framework):
    profile = role_profile(framework, "volunteer")
    holding = profile.holdings[0]
    planted = holding.competence._replace(title="Harmless\nheld:\n  - code: SFJAB1")
    hostile = profile.__class__(
        profile.role, profile.level, (holding.__class__(planted, holding.category),), profile.base
    )
    written = yaml.safe_load(record.render(framework, hostile))
    assert written["not_yet_assessed"] == [{"code": holding.competence.key}]
    assert written["held"] is None


def test_text_is_cleaned_whatever_character_it_holds():
    from ldcf.framework.naming import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS
    from ldcf.render.blocks import _NOT_TEXT, clean

    def every_pattern_applied(text: str) -> str:
        kept = _NOT_TEXT.sub("", CONTROL_CHARACTERS.sub("", text))
        return INVISIBLE_CHARACTERS.sub(lambda found: f"\\u{ord(found.group()):04x}", kept)

    # clean skips the patterns for text Python counts as printable: the same as applying them, for every code point.
    for number in range(0x110000):
        text = f"a{chr(number)}b"
        assert clean(text) == every_pattern_applied(text), hex(number)
    assert clean("\x1b[31mred\u202e\ud800\ufffe\tok\n") == "[31mred\\u202e\tok\n"
    assert clean(None) == ""
    assert clean(7) == "7"
