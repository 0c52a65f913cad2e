"""Progression routes: from one role to another through intermediate roles.

A step moves up one level or across within a level. The route chosen adds the fewest competences in total,
ties broken by fewer steps. A step across is never worth taking on the way: what C adds over A is at most what
B adds over A plus what C adds over B, and wherever A -> B -> C is a route (B at A's level), A -> C is a step.
So a best route climbs one level a step, and crosses a level only when FROM and TO share one. The search
compares each role's competence keys (`Framework.requirements`), and an A* search settles only the roles that
could lie on a best route.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from ldcf.framework.entities import Competence, Role
from ldcf.framework.lookups import Framework
from ldcf.queries.gaps import RoleGap, role_gap


class NoRoute(Exception):
    def __init__(self, from_role: Role, to_role: Role) -> None:
        super().__init__(
            f"no route from {from_role.id} (level {from_role.level}) to {to_role.id} (level {to_role.level}): "
            "a step moves up one level or across within a level, never down"
        )


class Route(NamedTuple):
    from_role: Role
    to_role: Role
    steps: tuple[RoleGap, ...]
    direct: RoleGap  # the gap straight from FROM to TO, for comparison

    @property
    def total_to_acquire(self) -> int:
        return sum(len(step.to_acquire) for step in self.steps)

    @property
    def not_required_at_the_end(self) -> tuple[Competence, ...]:
        """Competences a step acquires that TO does not require: why a route can add more than the direct gap."""
        required = {entry.competence.key for entry in self.direct.to_acquire + self.direct.retained}
        acquired = {entry.competence.key: entry.competence for step in self.steps for entry in step.to_acquire}
        return tuple(competence for key, competence in acquired.items() if key not in required)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_role.id,
            "to": self.to_role.id,
            "total_to_acquire": self.total_to_acquire,
            "direct_to_acquire": len(self.direct.to_acquire),
            "acquired_but_not_required": [competence.brief() for competence in self.not_required_at_the_end],
            "steps": [
                {
                    "from": step.from_role.id,
                    "to": step.to_role.id,
                    "from_level": step.from_level.level,
                    "to_level": step.to_level.level,
                    "to_acquire": [entry.to_dict() for entry in step.to_acquire],
                }
                for step in self.steps
            ],
        }


class _Climb:
    """The steps from the roles of one level up to the roles of the next, costed without comparing whole sets.

    What B adds over A is |B| - |B & A|. Every role below holds what they all hold (`shared`), so |B & A| is
    |B & shared|, the same for every A, plus what B shares with A's own competences (A - shared), found from an
    index of who above holds each competence. A step from A to a role that shares nothing of A's own costs the
    same as from any other role below, so once the steps from the cheapest role reached below have been costed
    (a sweep), a later role below can only improve the roles above that share some of its own competences.
    """

    def __init__(self, below: list[str], above: list[str], requirements: dict[str, tuple[int, frozenset[str]]]):
        shared = frozenset.intersection(*(requirements[role_id][1] for role_id in below))
        self._own = {role_id: requirements[role_id][1] - shared for role_id in below}
        self._above = above
        self._position = {role_id: index for index, role_id in enumerate(above)}
        self._beyond_shared = {b: len(requirements[b][1]) - len(requirements[b][1] & shared) for b in above}
        own_anywhere = frozenset().union(*self._own.values())
        self._holders: defaultdict[str, list[str]] = defaultdict(list)  # only of competences some role below owns
        for role_id in above:
            for key in requirements[role_id][1] & own_anywhere:
                self._holders[key].append(role_id)
        self._swept_from: int | None = None  # the fewest competences added of a role whose steps were all costed

    def steps(self, role_id: str, added: int) -> Iterator[tuple[str, int]]:
        """(a role above, what it adds over `role_id`) for every role above whose route this step could improve,
        in the order of the roles above."""
        overlap: dict[str, int] = {}
        for key in self._own[role_id]:
            for above in self._holders.get(key, ()):
                overlap[above] = overlap.get(above, 0) + 1
        if self._swept_from is None or added < self._swept_from:
            self._swept_from = added
            candidates: list[str] = self._above
        else:
            candidates = sorted(overlap, key=self._position.__getitem__)
        for above in candidates:
            yield above, self._beyond_shared[above] - overlap.get(above, 0)


def find_route(framework: Framework, from_name: str, to_name: str) -> Route:
    from_role = framework.find_role(from_name)
    to_role = framework.find_role(to_name)
    direct = role_gap(framework, from_name, to_name)
    if from_role is to_role:
        return Route(from_role, to_role, (), direct)
    requirements = framework.requirements()
    by_level: dict[int, list[str]] = {}
    for role_id, (level, _) in requirements.items():
        by_level.setdefault(level, []).append(role_id)
    needed = requirements[to_role.id][1]
    climbs: dict[int, _Climb] = {}
    missing: dict[str, int] = {}

    def still_missing(role_id: str) -> int:
        # What the to_role needs that a role lacks can only be added along the way, so no route from the role
        # adds fewer: a lower bound that makes this an A* search, which settles few roles even among thousands.
        if role_id not in missing:
            missing[role_id] = len(needed - requirements[role_id][1])
        return missing[role_id]

    def next_steps(role_id: str, level: int, added: int) -> Iterator[tuple[str, int]]:
        """The steps a best route to TO can take: onto TO from its level or the one below, else up a level."""
        if level in (to_role.level, to_role.level - 1):
            yield to_role.id, len(needed - requirements[role_id][1])
        elif level < to_role.level and level + 1 in by_level:
            if level not in climbs:
                climbs[level] = _Climb(by_level[level], by_level[level + 1], requirements)
            yield from climbs[level].steps(role_id, added)

    # Costs are (competences added, steps), compared in that order; the counter keeps heap entries comparable.
    counter = itertools.count()
    best: dict[str, tuple[int, int]] = {from_role.id: (0, 0)}
    previous: dict[str, str] = {}
    queue = [(still_missing(from_role.id), 0, next(counter), 0, from_role.id)]
    while queue:
        _, steps, _, added, role_id = heapq.heappop(queue)
        if role_id == to_role.id:
            break
        if (added, steps) > best[role_id]:
            continue
        for other, adds in next_steps(role_id, requirements[role_id][0], added):
            cost = (added + adds, steps + 1)
            if other not in best or cost < best[other]:
                best[other] = cost
                previous[other] = role_id
                heapq.heappush(queue, (cost[0] + still_missing(other), cost[1], next(counter), cost[0], other))
    if to_role.id not in best:
        raise NoRoute(from_role, to_role)
    chain = [to_role.id]
    while chain[-1] != from_role.id:
        chain.append(previous[chain[-1]])
    chain.reverse()
    gaps = tuple(role_gap(framework, a, b) for a, b in itertools.pairwise(chain))
    return Route(from_role, to_role, gaps, direct)
