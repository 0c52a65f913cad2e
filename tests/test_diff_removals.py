"""`ldcf diff` on removals and on an alias-only change (issue 22): a role, a level or a competence taken out of a
copy of the shipped data is reported as exactly that removal, with the roles it affects; an edit of an alias
alone is a change of that competence's aliases and nothing else.

Expected values come from the shipped YAML read with PyYAML (conftest's `raw*` helpers), never from ldcf."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, edit, raw, raw_competences, raw_core, raw_holdings, raw_listed

ROLE_FILES = {path.stem: raw(path) for path in sorted((SHIPPED_DATA / "roles").glob("*.yaml"))}


@pytest.fixture
def copy(tmp_path) -> Path:
    return Path(shutil.copytree(SHIPPED_DATA, tmp_path / "data"))


def diff(run, old: Path, new: Path, *options: str) -> dict:
    checked = run("validate", str(new))
    assert checked.exit_code == 0, checked.output  # the edit leaves valid data: the diff is of an edition
    result = run("diff", str(old), str(new), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def parts(found: dict) -> dict[str, list]:
    """Every list of the diff by one name: levels, competences_added, ..., roles_changed."""
    return {
        "levels": found["levels"],
        **{f"competences_{key}": value for key, value in found["competences"].items()},
        **{f"roles_{key}": value for key, value in found["roles"].items()},
    }


def _as_text(entry: dict) -> str:
    return json.dumps(entry, sort_keys=True)


def only(found: dict, **expected: list) -> None:
    """The diff has exactly the parts given, equal to what is given (order aside), and every other part empty."""
    every = parts(found)
    assert set(expected) <= set(every)
    for name, value in every.items():
        assert sorted(value, key=_as_text) == sorted(expected.get(name, []), key=_as_text), name


def remove_lines(path: Path, line: str, count: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(line) == count, f"{line!r} occurs {text.count(line)} times in {path}"
    path.write_text(text.replace(line, ""), encoding="utf-8")


# A role removed ------------------------------------------------------------------------------------------------


def test_a_removed_role_is_that_removal_alone_and_its_people_lose_their_role(run, copy, tmp_path):
    assert not any(role.get("based_on") == "volunteer" for role in ROLE_FILES.values())  # nothing inherits it
    (copy / "roles" / "volunteer.yaml").unlink()
    team = tmp_path / "team"
    team.mkdir()
    held = sorted(raw_holdings("volunteer"))[0]
    (team / "vic.yaml").write_text(f"name: Vic\nrole: volunteer\nheld:\n  - code: {held}\n", encoding="utf-8")
    found = diff(run, SHIPPED_DATA, copy, "--records", str(team))
    volunteer = ROLE_FILES["volunteer"]
    only(found, roles_removed=[{"id": "volunteer", "title": volunteer["title"], "level": volunteer["level"]}])
    # The person in it held one competence of all the volunteer holds; the new edition has no role for them to
    # meet (the note's wording is not documented, only that there is one).
    (impact,) = found["impact"]
    note = impact.pop("note")
    (change,) = impact.pop("changes")
    assert (change["for"], change["lines"]) == ("role", [f"{volunteer['title']} is not in the new edition"])
    assert impact == {
        "person": "Vic",
        "record": "vic.yaml",
        "role": "volunteer",
        "old": round(1 / len(raw_holdings("volunteer")), 4),
        "new": None,
        "to_reconfirm": [],  # nothing was confirmed
    }
    assert note


# A level removed ------------------------------------------------------------------------------------------------


def test_a_removed_level_without_roles_or_core_is_that_removal_alone(run, copy):
    assert [level["level"] for level in raw(SHIPPED_DATA / "levels.yaml")["levels"]][-1] == 9
    assert not raw_core(9)
    assert not [role for role in ROLE_FILES.values() if role.get("level") == 9]
    text = (copy / "levels.yaml").read_text(encoding="utf-8")
    (copy / "levels.yaml").write_text(text[: text.index("  - level: 9\n")], encoding="utf-8")
    only(diff(run, SHIPPED_DATA, copy), levels=[{"level": 9, "changes": ["removed"]}])


def test_a_removed_level_takes_its_roles_and_its_place_in_core_levels(run, copy):
    # Level 2 holds one role (the volunteer) and is core for some competences: removing the level means removing
    # that role and the 2 from those competences' core_levels, and nothing else changes for any other role.
    at_two = sorted(role_id for role_id, role in ROLE_FILES.items() if role.get("level") == 2)
    assert at_two == ["volunteer"]
    core_at_two = sorted(c.get("code") or c["id"] for c in raw_competences() if 2 in c.get("core_levels", []))
    assert core_at_two
    # Each of them is core at other levels too, 2 first: `core_levels: [2, ...]` loses its 2 and stays a list.
    with_two = [c["core_levels"] for c in raw_competences() if 2 in c.get("core_levels", [])]
    assert all(levels[0] == 2 and len(levels) > 1 for levels in with_two)
    text = (copy / "levels.yaml").read_text(encoding="utf-8")
    (copy / "levels.yaml").write_text(
        text[: text.index("  - level: 2\n")] + text[text.index("  - level: 3\n") :], encoding="utf-8"
    )
    (copy / "roles" / "volunteer.yaml").unlink()
    competences = (copy / "competences.yaml").read_text(encoding="utf-8")
    assert competences.count("core_levels: [2, ") == len(core_at_two)
    (copy / "competences.yaml").write_text(competences.replace("core_levels: [2, ", "core_levels: ["), encoding="utf-8")
    volunteer = ROLE_FILES["volunteer"]
    only(
        diff(run, SHIPPED_DATA, copy),
        levels=[{"level": 2, "changes": ["removed"]}],
        competences_changed=[{"code": code, "fields": ["core_levels"]} for code in core_at_two],
        roles_removed=[{"id": "volunteer", "title": volunteer["title"], "level": 2}],
    )


# A competence removed -----------------------------------------------------------------------------------------

GONE = "CFAM&LAA3"  # core at levels 5 to 8, and listed role-specific by the peer support worker and support worker


def test_a_removed_competence_is_lost_by_every_role_that_held_it_in_its_category(run, copy):
    entry = next(c for c in raw_competences() if c.get("code") == GONE)
    core_levels = entry["core_levels"]
    listing = sorted(role_id for role_id in ROLE_FILES if GONE in raw_listed(role_id, "role_specific"))
    assert core_levels == [5, 6, 7, 8]
    assert listing == ["peer-support-worker", "support-worker"]
    assert not any(GONE in raw_listed(role_id, "locality_specific") for role_id in ROLE_FILES)
    assert GONE not in json.dumps([role.get("duties", []) for role in ROLE_FILES.values()])
    # Take it out of the catalogue and out of the two role files that list it.
    text = (copy / "competences.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - code: {GONE}\n")
    end = text.index("\n  - ", start + 1) + 1
    (copy / "competences.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    for role_id in listing:
        remove_lines(copy / "roles" / f"{role_id}.yaml", f"      - {GONE}\n", 1)
    # Who held it, and as what: core for every role at a level it is core at, role-specific for those listing it.
    holders = {role_id for role_id in ROLE_FILES if GONE in raw_holdings(role_id)}
    core_holders = {role_id for role_id, role in ROLE_FILES.items() if role["level"] in core_levels}
    assert holders == core_holders | set(listing)
    assert core_holders == {"practitioner", "specialist-practitioner", "operational-manager", "strategic-manager"}
    only(
        diff(run, SHIPPED_DATA, copy),
        levels=[{"level": level, "changes": [f"core removed {GONE}"]} for level in core_levels],
        competences_removed=[{"code": GONE, "title": entry["title"], "id": GONE}],
        roles_changed=[
            {
                "id": role_id,
                "title": ROLE_FILES[role_id]["title"],
                "level": None,
                "added": [],
                "removed": [{"code": GONE, "category": "core" if role_id in core_holders else "role-specific"}],
            }
            for role_id in sorted(holders)
        ],
    )


# An alias-only change -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    aliases: [SfJ AB1]\n", "    aliases: [SfJ AB 1]\n"),  # an alias respelled
        ("    aliases: [SfJ AB1]\n", "    aliases: [SfJ AB1, SFJ-AB1]\n"),  # an alias added
        ("    aliases: [SfJ AB1]\n", ""),  # the only alias dropped
    ],
    ids=["respelled", "added", "dropped"],
)
def test_an_alias_only_change_is_a_change_of_aliases_and_nothing_else(run, copy, old, new):
    entry = next(c for c in raw_competences() if c.get("code") == "SFJAB1")
    assert entry["aliases"] == ["SfJ AB1"]
    holders = [role_id for role_id in ROLE_FILES if "SFJAB1" in raw_holdings(role_id)]
    assert holders  # roles hold it, and must neither gain nor lose it
    edit(copy / "competences.yaml", f"    title: {entry['title']}\n{old}", f"    title: {entry['title']}\n{new}")
    # No retitle, recode, addition or removal, and no role gains or loses anything: only its aliases changed.
    only(diff(run, SHIPPED_DATA, copy), competences_changed=[{"code": "SFJAB1", "fields": ["aliases"]}])


def test_an_alias_only_change_keeps_the_share_met_of_a_person_who_names_it_by_an_alias(run, copy, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    record = "name: Sam\nrole: practitioner\nheld:\n  - code: GEN97\n  - code: SfJ AB1\n"  # SFJAB1 by its alias
    (team / "sam.yaml").write_text(record, encoding="utf-8")
    edit(copy / "competences.yaml", "    aliases: [SfJ AB1]\n", "    aliases: [SfJ AB1, SFJ-AB1]\n")
    found = diff(run, SHIPPED_DATA, copy, "--records", str(team))
    only(found, competences_changed=[{"code": "SFJAB1", "fields": ["aliases"]}])
    assert found["impact"] == []
