"""Progression routes: from one role to another through intermediate roles.

A step moves up one level or across within a level. The route chosen adds the fewest competences in total,
ties broken by fewer steps. Each role's holdings are computed at most once, and an A* search settles only the
roles that could lie on a best route, so the search stays fast among thousands of roles.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass

from ldcf.entities import Role
from ldcf.framework import Framework
from ldcf.gap import Gap, role_gap


class NoRoute(Exception):
    def __init__(self, source: Role, target: Role) -> None:
        super().__init__(
            f"no route from {source.id} (level {source.level}) to {target.id} (level {target.level}): "
            "a step moves up one level or across within a level, never down"
        )


@dataclass(frozen=True)
class Route:
    source: Role
    target: Role
    steps: tuple[Gap, ...]

    @property
    def total_to_acquire(self) -> int:
        return sum(len(step.to_acquire) for step in self.steps)


def _next_roles(role: Role, by_level: dict[int, list[Role]]):
    for level in (role.level, role.level + 1):
        for other in by_level.get(level, ()):
            if other is not role:
                yield other


def find_route(framework: Framework, from_name: str, to_name: str) -> Route:
    source = framework.find_role(from_name)
    target = framework.find_role(to_name)
    if source is target:
        return Route(source, target, ())
    by_level: dict[int, list[Role]] = {}
    for role in framework.roles.values():
        by_level.setdefault(role.level, []).append(role)
    held: dict[str, frozenset[str]] = {}

    def holdings(role: Role) -> frozenset[str]:
        if role.id not in held:
            held[role.id] = frozenset(h.competence.key for h in framework.holdings(role))
        return held[role.id]

    needed = holdings(target)

    def still_missing(role: Role) -> int:
        # What the target needs that a role lacks can only be added along the way, so no route from the role
        # adds fewer: a lower bound that makes this an A* search, which settles few roles even among thousands.
        return len(needed - holdings(role))

    # Costs are (competences added, steps), compared in that order; the counter keeps heap entries comparable.
    counter = itertools.count()
    best: dict[str, tuple[int, int]] = {source.id: (0, 0)}
    previous: dict[str, str] = {}
    queue = [(still_missing(source), 0, next(counter), 0, source)]
    while queue:
        _, steps, _, added, role = heapq.heappop(queue)
        if role is target:
            break
        if (added, steps) > best[role.id]:
            continue
        for other in _next_roles(role, by_level):
            if other.level > target.level:
                continue
            cost = (added + len(holdings(other) - holdings(role)), steps + 1)
            if cost < best.get(other.id, (float("inf"), 0)):
                best[other.id] = cost
                previous[other.id] = role.id
                heapq.heappush(queue, (cost[0] + still_missing(other), cost[1], next(counter), cost[0], other))
    if target.id not in best:
        raise NoRoute(source, target)
    chain = [target.id]
    while chain[-1] != source.id:
        chain.append(previous[chain[-1]])
    chain.reverse()
    steps = tuple(role_gap(framework, a, b) for a, b in itertools.pairwise(chain))
    return Route(source, target, steps)
