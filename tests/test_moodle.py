"""`ldcf export moodle`: a competency framework in the CSV file Moodle's (and Totara's) "Import competency
framework" tool reads, read back with Python's csv module as the tool reads it."""

from __future__ import annotations

import csv
import io
import json

from conftest import SHIPPED_DATA, raw_competences

# The English headers of Moodle's tool_lpimportcsv, in the order its exporter writes them.
MOODLE_HEADERS = [
    "Parent ID number", "ID number", "Short name", "Description", "Description format", "Scale values",
    "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
    "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy",
]  # fmt: skip


def moodle_rows(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert header == MOODLE_HEADERS
    rows = list(reader)
    assert all(len(row) == len(MOODLE_HEADERS) for row in rows)
    return [dict(zip(MOODLE_HEADERS, row, strict=True)) for row in rows]


def test_the_file_has_moodles_header_and_one_framework_row_with_the_scale(run, tmp_path):
    out = tmp_path / "framework.csv"
    result = run("export", "moodle", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = moodle_rows(out.read_text(encoding="utf-8"))
    frameworks = [row for row in rows if row["Is framework"]]
    assert frameworks == [rows[0]]
    framework = rows[0]
    assert framework["Is framework"] == "1"
    assert framework["Parent ID number"] == ""
    assert framework["Scale values"] == "Not yet competent,Competent"
    configuration = json.loads(framework["Scale configuration"])
    assert set(configuration[0]) == {"scaleid"}
    assert configuration[1:] == [
        {"id": 1, "scaledefault": 0, "proficient": 0},
        {"id": 2, "scaledefault": 1, "proficient": 1},
    ]
    assert framework["Taxonomy"] == "level,domain,competency"
    assert all(row["Description format"] == "2" for row in rows)  # plain text
    assert len(framework["ID number"]) <= 100
    assert run("export", "moodle", "-o", str(out)).exit_code == 1  # never over a file unasked
    assert run("export", "moodle").stdout == out.read_text(encoding="utf-8")


def test_each_nos_appears_once_by_its_code_under_a_parent_that_resolves(run):
    rows = moodle_rows(run("export", "moodle").stdout)
    ids = [row["ID number"] for row in rows]
    assert len(ids) == len(set(ids))
    known = set(ids[1:])
    for row in rows[1:]:
        assert row["Parent ID number"] == "" or row["Parent ID number"] in known, row["ID number"]
        assert len(row["ID number"]) <= 100
        assert len(row["Short name"]) <= 100
    codes = [c["code"] for c in raw_competences() if "code" in c]
    leaves = {row["ID number"] for row in rows if row["ID number"] not in {r["Parent ID number"] for r in rows}}
    assert sorted(code for code in codes if code in ids) == sorted(codes)
    assert set(codes) <= leaves
    # The tree is browsable: every competence sits under a group (a level's core or a role) under a level.
    by_id = {row["ID number"]: row for row in rows[1:]}
    for code in codes:
        group = by_id[by_id[code]["Parent ID number"]]
        level = by_id[group["Parent ID number"]]
        assert group["ID number"].endswith("-CORE") or group["ID number"].startswith("ROLE-")
        assert level["ID number"].startswith("LEVEL-")
        assert level["Parent ID number"] == ""


def test_a_nos_used_in_several_places_is_under_its_first_and_its_description_names_them_all(run):
    rows = {row["ID number"]: row for row in moodle_rows(run("export", "moodle").stdout)}
    gen97 = rows["GEN97"]  # core at levels 2 to 8
    assert gen97["Parent ID number"] == "LEVEL-2-CORE"
    assert "Core at Career Framework level(s) 2, 3, 4, 5, 6, 7, 8" in gen97["Description"]
    ht2 = rows["HT2"]
    assert ht2["Parent ID number"] == "ROLE-engagement-worker"
    assert "Role-specific for the Engagement Worker (level 4)." in ht2["Description"]


def test_commas_quotes_and_formulas_survive_the_round_trip_and_cannot_run(run, tmp_path):
    overlay = tmp_path / "ours"
    (overlay / "roles").mkdir(parents=True)
    hostile = '=HYPERLINK("http://x.example", "click"), then "quote"'
    (overlay / "competences.yaml").write_text(
        f"competences:\n  - code: ZZLOCAL1\n    title: '{hostile}'\n    source: a test\n", encoding="utf-8"
    )
    (overlay / "roles" / "our-worker.yaml").write_text(
        "id: our-worker\ntitle: Our Worker\nbased_on: practitioner\nsource:\n  document: a test\n"
        "locality_specific:\n  - competences: [ZZLOCAL1]\n",
        encoding="utf-8",
    )
    output = run("--data", str(overlay), "export", "moodle")
    assert output.exit_code == 0, output.output
    rows = {row["ID number"]: row for row in moodle_rows(output.stdout)}
    local = rows["ZZLOCAL1"]
    assert local["Parent ID number"] == "ROLE-our-worker"
    assert local["Short name"] == "'" + hostile  # read back whole, commas and quotes, and neutralised
    assert local["Description"].startswith("'" + hostile + "\n")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows.values() for cell in row.values())


def test_the_moodle_export_is_the_same_run_to_run(run):
    assert run("export", "moodle").stdout == run("export", "moodle").stdout
    assert run("--data", str(SHIPPED_DATA), "export", "moodle").stdout == run("export", "moodle").stdout


def test_the_moodle_export_names_no_data_folder(run, tmp_path):
    import shutil

    copy = tmp_path / "our data"
    shutil.copytree(SHIPPED_DATA, copy)
    exported = run("--data", str(copy), "export", "moodle").stdout
    assert str(tmp_path) not in exported
    assert "data folder" not in exported.lower()
