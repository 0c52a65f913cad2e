"""The route search finds the cheapest route: checked against every route on small random frameworks."""

from __future__ import annotations

import heapq
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ldcf.framework.entities import Competence, CompetenceGroup, Level, Role, Source
from ldcf.framework.lookups import Framework
from ldcf.queries.route import NoRoute, find_route

CODES = [f"C{number}" for number in range(10)]


def framework_of(
    holdings: list[tuple[int, frozenset[str]]], core: dict[str, tuple[int, ...]] | None = None
) -> Framework:
    levels = [Level(n, f"Level {n}", "Descriptor.", None, ()) for n in range(1, 5)]
    core = core or {}
    competences = [
        Competence(code, None, f"Title {code}", (), None, None, core.get(code, ()), "test") for code in CODES
    ]
    roles = [
        Role(
            id=f"role-{index}",
            title=f"Role {index}",
            level=level,
            based_on=None,
            aliases=(),
            source=Source("test", "2026", None),
            employer=None,
            location=None,
            afc_band=None,
            area_of_work=None,
            reports_to=None,
            accountable_to=None,
            responsible_for=None,
            purpose=(),
            scope=None,
            duties=(),
            person_specification=None,
            role_specific=(CompetenceGroup(None, None, tuple(sorted(held))),) if held else (),
            locality_specific=(),
            learning=None,
            cpd=None,
            notes=(),
        )
        for index, (level, held) in enumerate(holdings)
    ]
    return Framework(levels, competences, roles)


def every_route_cost(framework: Framework, from_role: Role, to_role: Role) -> tuple[int, int] | None:
    """The cheapest (competences added, steps) over every simple route, by exhaustive search."""
    held = {role.id: {h.competence.key for h in framework.holdings(role)} for role in framework.roles.values()}
    best: tuple[int, int] | None = None

    def walk(role: Role, visited: set[str], added: int, steps: int) -> None:
        nonlocal best
        if role is to_role:
            best = min(best, (added, steps)) if best else (added, steps)
            return
        for other in framework.roles.values():
            if other.id not in visited and other.level in (role.level, role.level + 1):
                walk(other, visited | {other.id}, added + len(held[other.id] - held[role.id]), steps + 1)

    walk(from_role, {from_role.id}, 0, 0)
    return best


roles = st.lists(
    st.tuples(st.integers(1, 4), st.frozensets(st.sampled_from(CODES), max_size=6)), min_size=2, max_size=7
)


@settings(max_examples=200, deadline=None)
@given(roles=roles, ends=st.tuples(st.integers(0, 6), st.integers(0, 6)))
def test_the_route_found_is_the_cheapest_route(roles, ends):
    framework = framework_of(roles)
    from_role, to_role = (f"role-{end % len(roles)}" for end in ends)
    expected = every_route_cost(framework, framework.roles[from_role], framework.roles[to_role])
    try:
        route = find_route(framework, from_role, to_role)
    except NoRoute:
        assert expected is None
        return
    assert expected is not None
    assert (route.total_to_acquire, len(route.steps)) == expected
    for step, following in zip(route.steps, route.steps[1:], strict=False):
        assert step.to_role.id == following.from_role.id
    for step in route.steps:
        assert step.to_level.level - step.from_level.level in (0, 1)


def route_by_whole_sets(framework: Framework, from_role: Role, to_role: Role) -> list[str] | None:
    """The route an A* search that compares whole sets of competences takes, with the same order of steps and
    the same tie-breaking as ldcf's: the search ldcf's costs by shared competences must reproduce exactly."""
    held = {role.id: frozenset(h.competence.key for h in framework.holdings(role)) for role in framework.roles.values()}
    by_level: dict[int, list[str]] = {}
    for role in framework.roles.values():
        by_level.setdefault(role.level, []).append(role.id)
    level = {role.id: role.level for role in framework.roles.values()}
    needed = held[to_role.id]
    counter = itertools.count()
    best = {from_role.id: (0, 0)}
    previous: dict[str, str] = {}
    queue = [(len(needed - held[from_role.id]), 0, next(counter), 0, from_role.id)]
    while queue:
        _, steps, _, added, role_id = heapq.heappop(queue)
        if role_id == to_role.id:
            break
        if (added, steps) > best[role_id]:
            continue
        if level[role_id] in (to_role.level, to_role.level - 1):
            following = [to_role.id]
        elif level[role_id] < to_role.level:
            following = by_level.get(level[role_id] + 1, [])
        else:
            following = []
        for other in following:
            cost = (added + len(held[other] - held[role_id]), steps + 1)
            if other not in best or cost < best[other]:
                best[other] = cost
                previous[other] = role_id
                heapq.heappush(queue, (cost[0] + len(needed - held[other]), cost[1], next(counter), cost[0], other))
    if to_role.id not in best:
        return None
    chain = [to_role.id]
    while chain[-1] != from_role.id:
        chain.append(previous[chain[-1]])
    return chain[::-1]


core_levels = st.dictionaries(st.sampled_from(CODES[:4]), st.frozensets(st.integers(1, 4), min_size=1).map(sorted))


@settings(max_examples=300, deadline=None)
@given(
    roles=st.lists(st.tuples(st.integers(1, 4), st.frozensets(st.sampled_from(CODES), max_size=6)), min_size=2,
                   max_size=20),
    core=core_levels,
    ends=st.tuples(st.integers(0, 19), st.integers(0, 19)),
)  # fmt: skip
def test_the_route_is_the_one_a_search_over_whole_sets_takes(roles, core, ends):
    framework = framework_of(roles, {code: tuple(levels) for code, levels in core.items()})
    from_role, to_role = (framework.roles[f"role-{end % len(roles)}"] for end in ends)
    expected = route_by_whole_sets(framework, from_role, to_role)
    try:
        route = find_route(framework, from_role.id, to_role.id)
    except NoRoute:
        assert expected is None
        return
    assert expected is not None
    assert [from_role.id, *(step.to_role.id for step in route.steps)] == (
        expected if len(expected) > 1 else [from_role.id]
    )
