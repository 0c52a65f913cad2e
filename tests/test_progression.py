"""The route search finds the cheapest route: checked against every route on small random frameworks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ldcf.entities import Competence, CompetenceGroup, Level, Role, Source
from ldcf.framework import Framework
from ldcf.progression import NoRoute, find_route

CODES = [f"C{number}" for number in range(10)]


def framework_of(holdings: list[tuple[int, frozenset[str]]]) -> Framework:
    levels = [Level(n, f"Level {n}", "Descriptor.", None, ()) for n in range(1, 5)]
    competences = [Competence(code, None, f"Title {code}", (), None, None, (), "test") for code in CODES]
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
