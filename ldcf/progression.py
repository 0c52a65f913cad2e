"""Progression routes: from one role to another through intermediate roles.

A step moves up one level or across within a level. The route chosen adds the fewest competences in total,
ties broken by fewer steps. A step across is never worth taking on the way: what C adds over A is at most what
B adds over A plus what C adds over B, and wherever A -> B -> C is a route (B at A's level), A -> C is a step.
So a best route climbs one level a step, and crosses a level only when FROM and TO share one. Each role's
holdings are computed at most once, and an A* search settles only the roles that could lie on a best route.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ldcf.entities import Competence, Role
from ldcf.framework import Framework
from ldcf.gaps import RoleGap, role_gap


class NoRoute(Exception):
    def __init__(self, from_role: Role, to_role: Role) -> None:
        super().__init__(
            f"no route from {from_role.id} (level {from_role.level}) to {to_role.id} (level {to_role.level}): "
            "a step moves up one level or across within a level, never down"
        )


@dataclass(frozen=True)
class Route:
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


def _next_roles(role: Role, to_role: Role, by_level: dict[int, list[Role]]) -> Iterator[Role]:
    """The steps a best route to `to_role` can take from `role`: up a level, or onto TO itself."""
    if role.level in (to_role.level, to_role.level - 1):
        yield to_role
    elif role.level < to_role.level:
        yield from by_level.get(role.level + 1, ())


def find_route(framework: Framework, from_name: str, to_name: str) -> Route:
    from_role = framework.find_role(from_name)
    to_role = framework.find_role(to_name)
    direct = role_gap(framework, from_name, to_name)
    if from_role is to_role:
        return Route(from_role, to_role, (), direct)
    by_level: dict[int, list[Role]] = {}
    for role in framework.roles.values():
        by_level.setdefault(role.level, []).append(role)
    held: dict[str, frozenset[str]] = {}

    def holdings(role: Role) -> frozenset[str]:
        if role.id not in held:
            held[role.id] = frozenset(h.competence.key for h in framework.holdings(role))
        return held[role.id]

    needed = holdings(to_role)

    def still_missing(role: Role) -> int:
        # What the to_role needs that a role lacks can only be added along the way, so no route from the role
        # adds fewer: a lower bound that makes this an A* search, which settles few roles even among thousands.
        return len(needed - holdings(role))

    # Costs are (competences added, steps), compared in that order; the counter keeps heap entries comparable.
    counter = itertools.count()
    best: dict[str, tuple[int, int]] = {from_role.id: (0, 0)}
    previous: dict[str, str] = {}
    queue = [(still_missing(from_role), 0, next(counter), 0, from_role)]
    while queue:
        _, steps, _, added, role = heapq.heappop(queue)
        if role is to_role:
            break
        if (added, steps) > best[role.id]:
            continue
        for other in _next_roles(role, to_role, by_level):
            cost = (added + len(holdings(other) - holdings(role)), steps + 1)
            if other.id not in best or cost < best[other.id]:
                best[other.id] = cost
                previous[other.id] = role.id
                heapq.heappush(queue, (cost[0] + still_missing(other), cost[1], next(counter), cost[0], other))
    if to_role.id not in best:
        raise NoRoute(from_role, to_role)
    chain = [to_role.id]
    while chain[-1] != from_role.id:
        chain.append(previous[chain[-1]])
    chain.reverse()
    gaps = tuple(role_gap(framework, a, b) for a, b in itertools.pairwise(chain))
    return Route(from_role, to_role, gaps, direct)
