"""Pinned route costs (issue 22): small data sets, written as YAML, where two routes compete and the cheaper is
cheaper only through the overlap of competences between steps, so that a miscounted overlap picks the dearer.

The cost model (ldcf/queries/route.py, README "Gaps, routes and self-assessment"): a step from role A to role B
costs what B holds that A does not hold, |B - A|, holdings being the core competences of a role's level plus its
own lists; a route costs the sum of its steps and the cheapest is chosen. A step climbs one level (or, onto TO,
crosses TO's level). ldcf does not compare whole sets: it counts |B - A| as |B| - |B & shared| - |B & own(A)|,
where `shared` is what every role of A's level holds and own(A) is A - shared. Each example below leans on one
term of that sum; every cost is worked out by hand in the comments.

In every example the dearer middle role is named `a-dear` and the cheaper `b-cheap`: the search takes the roles of
a level in order, so were a miscount to make the two routes cost the same, the tie would go to the dearer route,
and the test would fail rather than pass by luck.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from ldcf.building.dataset import open_data_set
from ldcf.queries.route import find_route


class Example(NamedTuple):
    roles: dict[str, tuple[int, list[str]]]  # id: (level, role-specific competences)
    route: list[str]  # the roles of the cheapest route, FROM first
    steps: list[set[str]]  # what each step adds
    total: int
    direct: int  # what TO needs that FROM lacks, straight


# Every level L in 1..4 has one core competence, KL, so core competences take part in every sum.
CORE = {"K1": 1, "K2": 2, "K3": 3, "K4": 4}

EXAMPLES = {
    # Overlap with what FROM holds beyond its level's common ground: own(start) = {A1, A2}.
    #   start = {K2, S0, A1, A2}, peer = {K2, S0}: shared at level 2 = {K2, S0}, own(start) = {A1, A2}
    #   b-cheap = {K3, A1, A2, X1}, a-dear = {K3, B1, X1, X2} (both hold 4), target = {K4, B1, T1}
    #   via b-cheap: start -> b-cheap adds {K3, X1} = 2 (A1, A2 held); b-cheap -> target adds {K4, B1, T1} = 3: 5
    #   via a-dear: start -> a-dear adds {K3, B1, X1, X2} = 4; a-dear -> target adds {K4, T1} = 2: 6
    # Counting one overlap fewer costs b-cheap 6 (a tie, so a-dear); ignoring it, 7.
    "own-overlap": Example(
        roles={
            "start": (2, ["S0", "A1", "A2"]),
            "peer": (2, ["S0"]),
            "a-dear": (3, ["B1", "X1", "X2"]),
            "b-cheap": (3, ["A1", "A2", "X1"]),
            "target": (4, ["B1", "T1"]),
        },
        route=["start", "b-cheap", "target"],
        steps=[{"K3", "X1"}, {"K4", "B1", "T1"}],
        total=5,
        direct=3,  # target - start = {K4, B1, T1}
    ),
    # Overlap with what every role of the level below holds: shared at level 2 = {K2, S1, S2}, own(start) = {A0}.
    #   start = {K2, S1, S2, A0}, peer = {K2, S1, S2}
    #   b-cheap = {K3, S1, S2, X1}, a-dear = {K3, X1, X2, X3} (both hold 4), target = {K4, X1, X2, T1}
    #   via b-cheap: start -> b-cheap adds {K3, X1} = 2 (S1, S2 held); b-cheap -> target adds {K4, X2, T1} = 3: 5
    #   via a-dear: start -> a-dear adds {K3, X1, X2, X3} = 4; a-dear -> target adds {K4, T1} = 2: 6
    # Not subtracting the shared overlap costs b-cheap 7. b-cheap shares nothing of start's own (A0), so only a
    # step costed from start to every role above reaches it at all.
    "shared-overlap": Example(
        roles={
            "start": (2, ["S1", "S2", "A0"]),
            "peer": (2, ["S1", "S2"]),
            "a-dear": (3, ["X1", "X2", "X3"]),
            "b-cheap": (3, ["S1", "S2", "X1"]),
            "target": (4, ["X1", "X2", "T1"]),
        },
        route=["start", "b-cheap", "target"],
        steps=[{"K3", "X1"}, {"K4", "X2", "T1"}],
        total=5,
        direct=4,  # target - start = {K4, X1, X2, T1}
    ),
    # Overlap with FROM's own competences counted once, not more: a-dear overlaps own(start) = {A1, A2} twice over.
    #   start = {K2, S0, A1, A2}, peer = {K2, S0}: shared = {K2, S0}
    #   a-dear = {K3, A1, A2, X1, X2}, b-cheap = {K3, Y1, Y2, Y3, Y4} (both hold 5), target = {K4, Y1, Y2, Y3}
    #   via a-dear: start -> a-dear adds {K3, X1, X2} = 3; a-dear -> target adds {K4, Y1, Y2, Y3} = 4: 7
    #   via b-cheap: start -> b-cheap adds {K3, Y1, Y2, Y3, Y4} = 5; b-cheap -> target adds {K4} = 1: 6
    # Counting each overlapping competence twice costs a-dear 5 - 4 + 4 = 5; one overlap too many, 6 (a tie).
    "own-overlap-once": Example(
        roles={
            "start": (2, ["S0", "A1", "A2"]),
            "peer": (2, ["S0"]),
            "a-dear": (3, ["A1", "A2", "X1", "X2"]),
            "b-cheap": (3, ["Y1", "Y2", "Y3", "Y4"]),
            "target": (4, ["Y1", "Y2", "Y3"]),
        },
        route=["start", "b-cheap", "target"],
        steps=[{"K3", "Y1", "Y2", "Y3", "Y4"}, {"K4"}],
        total=6,
        direct=4,  # target - start = {K4, Y1, Y2, Y3}
    ),
    # The shared overlap counted once, not again as overlap with FROM's own: a-dear holds the shared S1, S2.
    #   start = {K2, S1, S2, A0}, peer = {K2, S1, S2}: shared = {K2, S1, S2}, own(start) = {A0}
    #   a-dear = {K3, S1, S2, X1, X2}, b-cheap = {K3, Y1, Y2, Y3, Y4} (both hold 5), target = {K4, Y1, Y2, Y3}
    #   via a-dear: start -> a-dear adds {K3, X1, X2} = 3; a-dear -> target adds {K4, Y1, Y2, Y3} = 4: 7
    #   via b-cheap: start -> b-cheap adds 5; b-cheap -> target adds {K4} = 1: 6
    # Taking own(start) as all start holds subtracts S1, S2 twice: a-dear 5 - 2 - 2 = 1, so 5 in all.
    "shared-overlap-once": Example(
        roles={
            "start": (2, ["S1", "S2", "A0"]),
            "peer": (2, ["S1", "S2"]),
            "a-dear": (3, ["S1", "S2", "X1", "X2"]),
            "b-cheap": (3, ["Y1", "Y2", "Y3", "Y4"]),
            "target": (4, ["Y1", "Y2", "Y3"]),
        },
        route=["start", "b-cheap", "target"],
        steps=[{"K3", "Y1", "Y2", "Y3", "Y4"}, {"K4"}],
        total=6,
        direct=4,
    ),
    # Two climbs: a dearer first step pays off through the overlap at the next level.
    #   start = {K1, A0}, peer = {K1}: shared at level 1 = {K1}
    #   level 2: p = {K2, P1}, q = {K2, Q1, Q2, Q3}: shared = {K2}, own(p) = {P1}, own(q) = {Q1, Q2, Q3}
    #   level 3: r = {K3, Q1, Q2, Q3, R1}, s = {K3, R1, R2, R3, R4}; target = {K4, R1, T1}
    #   start -> p adds 2, start -> q adds 4
    #   p -> r adds 5, q -> r adds {K3, R1} = 2; p -> s adds 5, q -> s adds 5
    #   r -> target adds {K4, T1} = 2, s -> target adds {K4, T1} = 2
    #   start-p-r-target 2 + 5 + 2 = 9, start-q-r-target 4 + 2 + 2 = 8, start-p-s-target 9, start-q-s-target 11
    # The search reaches level 2 at p first (2) and costs every step from it; q (4) can then only improve the
    # roles that share its own competences, r, which a miscount of that overlap, or skipping q, loses.
    "two-climbs": Example(
        roles={
            "start": (1, ["A0"]),
            "peer": (1, []),
            "p": (2, ["P1"]),
            "q": (2, ["Q1", "Q2", "Q3"]),
            "r": (3, ["Q1", "Q2", "Q3", "R1"]),
            "s": (3, ["R1", "R2", "R3", "R4"]),
            "target": (4, ["R1", "T1"]),
        },
        route=["start", "q", "r", "target"],
        steps=[{"K2", "Q1", "Q2", "Q3"}, {"K3", "R1"}, {"K4", "T1"}],
        total=8,
        direct=3,  # target - start = {K4, R1, T1}
    ),
    # A role reached more cheaply, but settled later, costs the steps from it again.
    #   start = {K1, A0}, peer = {K1}; level 2: a-dear = {K2, T1, T2, W1}, b-cheap = {K2, V1}: shared = {K2};
    #   level 3: middle = {K3, W1}; target = {K4, T1, T2, W1}
    #   start -> a-dear adds 4, start -> b-cheap adds 2; a-dear -> middle adds {K3} = 1, b-cheap -> middle adds
    #   {K3, W1} = 2; middle -> target adds {K4, T1, T2} = 3
    #   start-a-dear-middle-target 4 + 1 + 3 = 8, start-b-cheap-middle-target 2 + 2 + 3 = 7
    # The search settles a-dear first (4 added plus 1 the target needs that it lacks, {K4}, is below b-cheap's
    # 2 + 4) and costs middle from it at 5. b-cheap shares none of its own (V1) with middle, yet reaches it at 4:
    # only costing every step from b-cheap again, as the cheapest role reached at level 2, finds it.
    "cheaper-later": Example(
        roles={
            "start": (1, ["A0"]),
            "peer": (1, []),
            "a-dear": (2, ["T1", "T2", "W1"]),
            "b-cheap": (2, ["V1"]),
            "middle": (3, ["W1"]),
            "target": (4, ["T1", "T2", "W1"]),
        },
        route=["start", "b-cheap", "middle", "target"],
        steps=[{"K2", "V1"}, {"K3", "W1"}, {"K4", "T1", "T2"}],
        total=7,
        direct=4,  # target - start = {K4, T1, T2, W1}
    ),
}


def write_data(folder: Path, roles: dict[str, tuple[int, list[str]]]) -> Path:
    """A base data folder: levels 1 to 4, the competences named (KL core at level L), and the roles."""
    (folder / "roles").mkdir(parents=True)
    levels = "".join(
        f"  - level: {n}\n    indicative_title: Level {n}\n    descriptor: People at level {n} do things.\n"
        for n in range(1, 5)
    )
    (folder / "levels.yaml").write_text(f"levels:\n{levels}", encoding="utf-8")
    edition = "name: Test framework\nedition: 1st\ndate: 2024-01-01\npublisher: The tests\n"
    (folder / "edition.yaml").write_text(edition, encoding="utf-8")
    codes = list(CORE) + sorted({code for _, listed in roles.values() for code in listed} - set(CORE))
    competences = "".join(
        f"  - code: {code}\n    title: Competence {code}\n"
        + (f"    core_levels: [{CORE[code]}]\n" if code in CORE else "")
        + "    source: test\n"
        for code in codes
    )
    (folder / "competences.yaml").write_text(f"competences:\n{competences}", encoding="utf-8")
    for role_id, (level, listed) in roles.items():
        role_specific = f"role_specific:\n  - competences: [{', '.join(listed)}]\n" if listed else ""
        (folder / "roles" / f"{role_id}.yaml").write_text(
            f"id: {role_id}\ntitle: Role {role_id}\nlevel: {level}\nsource:\n  document: test\n{role_specific}",
            encoding="utf-8",
        )
    return folder


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_the_route_is_the_cheapest_by_the_overlap_between_steps(tmp_path, name):
    example = EXAMPLES[name]
    data_set = open_data_set([write_data(tmp_path / "data", example.roles)])
    assert data_set.framework is not None, data_set.problems
    assert not data_set.problems, data_set.problems
    route = find_route(data_set.framework, example.route[0], example.route[-1])
    assert [route.from_role.id, *(step.to_role.id for step in route.steps)] == example.route
    assert [{entry.competence.key for entry in step.to_acquire} for step in route.steps] == example.steps
    assert route.total_to_acquire == example.total == sum(len(step) for step in example.steps)
    assert len(route.direct.to_acquire) == example.direct


def test_the_path_command_prints_the_pinned_route_and_cost(run, tmp_path):
    example = EXAMPLES["two-climbs"]
    data = write_data(tmp_path / "data", example.roles)
    result = run("--no-cache", "--data", str(data), "path", "start", "target", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [step["to"] for step in found["steps"]] == example.route[1:]
    assert found["total_to_acquire"] == 8
    assert found["direct_to_acquire"] == 3
    # The target requires K4, R1, T1; the route also acquires the core of levels 2 and 3 and q's own Q1, Q2, Q3.
    assert sorted(entry["code"] for entry in found["acquired_but_not_required"]) == ["K2", "K3", "Q1", "Q2", "Q3"]
