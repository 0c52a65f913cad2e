"""Suggest NOS for the duties of a plain-text job description, and the national role that covers them best,
weighed by the level the job description states or shows (`LevelFit`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from ldcf.framework.entities import Competence, Role
from ldcf.framework.lookups import Framework
from ldcf.queries.job_description import Item, JobDescription, Part, Statement, read

SUGGESTIONS_PER_LINE = 3
SHOWN_FROM = 50  # scores below this are not worth showing at all
MATCH_FROM = 70  # a top suggestion from this score is taken as the NOS the duty restates, unless told otherwise
RESTATES_DESCRIPTOR = 0.8  # a passage with this share of a level descriptor's words (rare ones weighing most)
_FEWEST_DESCRIPTOR_WORDS = 12  # a passage shorter than this cannot restate a level descriptor
ONE_LEVEL_AWAY = 0.75  # by the heuristics, a role one level from the preferred one counts this share of what it covers


class JobDuty(NamedTuple):
    """A duty as a plain-text job description gives it: the line it starts on, its numbering (if any), its text
    (a role's duty in the framework is `ldcf.framework.entities.Duty`)."""

    line: int
    label: str
    text: str


def duties(text: str) -> list[JobDuty]:
    """The duties of a job description: wrapped lines joined, a new duty at each numbering or bullet and at a
    line that does not continue the sentence before it; headings, fields, introductions to lists ("The post
    holder must:"), page furniture and lines of fewer than four words are left out."""
    return [JobDuty(item.line, item.label, item.text) for item in read(text).items if item.is_duty]


class Suggestion(NamedTuple):
    competence: Competence
    score: int


class LineSuggestions(NamedTuple):
    number: int
    text: str
    suggestions: tuple[Suggestion, ...]
    label: str = ""
    match_from: int = MATCH_FROM
    part: Part = "duties"  # the part of the job description it is in: purpose, duties, person or other
    heading: str | None = None  # the job description's heading it is under

    @property
    def match(self) -> Suggestion | None:
        best = self.suggestions[0] if self.suggestions else None
        return best if best is not None and best.score >= self.match_from else None

    @property
    def strength(self) -> str:
        """matched, weak (suggestions below the match score) or none."""
        return "matched" if self.match else ("weak" if self.suggestions else "none")


Basis = Literal["stated-level", "band-in-data", "descriptor", "band-heuristic", "none"]


class LevelFit(NamedTuple):
    """The levels whose roles are preferred as the base of a job description, and why.

    In order: a Career Framework level the job description states (roles at other levels are ranked after);
    an Agenda for Change band it states that roles in the data give as their own `afc_band` (their levels, the
    same); a passage that restates a level's descriptor (`descriptor`); a stated band alone (`band-heuristic`).
    The last two are heuristics: a role one level away counts `ONE_LEVEL_AWAY` of what it covers, one further
    away is ranked after. A band is never converted into a level: the framework says there is no read-across.
    """

    basis: Basis
    levels: tuple[int, ...]  # empty: no level is preferred
    strict: bool  # roles at other levels are ranked after all others (a stated level, a band the data gives)
    line: int | None  # where the evidence is
    evidence: str  # in the job description's words
    reason: str  # in plain words
    band: Statement | None
    level: Statement | None

    def weight(self, level: int) -> tuple[float, int]:
        """The share of what a role at `level` covers that counts, and its distance from the preferred levels."""
        if not self.levels:
            return 1.0, 0
        distance = min(abs(level - preferred) for preferred in self.levels)
        if distance == 0:
            return 1.0, 0
        return (ONE_LEVEL_AWAY if distance == 1 and not self.strict else 0.0), distance

    def to_dict(self) -> dict[str, Any]:
        def stated(statement: Statement | None) -> dict[str, Any] | None:
            return None if statement is None else {"value": statement.value, "line": statement.line,
                                                   "text": statement.words}  # fmt: skip

        return {
            "basis": self.basis,
            "levels": list(self.levels),
            "strict": self.strict,
            "line": self.line,
            "evidence": self.evidence,
            "reason": self.reason,
            "band": stated(self.band),
            "level": stated(self.level),
        }


class CoveringRole(NamedTuple):
    """A national role whose competences cover `covered` of the `matched` duties; `weight` of them count, by
    its `distance` in levels from the preferred ones (`LevelFit`)."""

    role: Role
    covered: int
    matched: int
    weight: float = 1.0
    distance: int = 0

    @property
    def counted(self) -> float:
        return self.covered * self.weight


class Suggestions(NamedTuple):
    lines: tuple[LineSuggestions, ...]
    roles: tuple[CoveringRole, ...]  # empty when no duty matched a NOS
    fit: LevelFit
    job: JobDescription

    @property
    def matched(self) -> int:
        return sum(line.match is not None for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": [
                {
                    "line": line.number,
                    "label": line.label,
                    "text": line.text,
                    "part": line.part,
                    "heading": line.heading,
                    "match": line.match.competence.code if line.match else None,
                    "strength": line.strength,
                    "suggestions": [{**s.competence.brief(), "score": s.score} for s in line.suggestions],
                }
                for line in self.lines
            ],
            "roles": [
                {
                    **coverage.role.brief(),
                    "covered": coverage.covered,
                    "matched": coverage.matched,
                    "weight": coverage.weight,
                    "counted": round(coverage.counted, 2),
                    "level_distance": coverage.distance,
                }
                for coverage in self.roles
            ],
            "level_fit": self.fit.to_dict(),
        }


def suggest(framework: Framework, text: str, match_from: int = MATCH_FROM) -> Suggestions:
    """For each duty of `text`, the NOS that fit it best (`ldcf.queries.relevance`); a top score of at least
    `match_from` is a match. National roles are ranked by the matched duties they cover, weighed by the level
    the job description states or shows (`LevelFit`)."""
    from ldcf.queries.relevance import Relevance

    job = read(text)
    relevance = Relevance.of(framework, coded_only=True)  # the NOS: competences with a code
    lines = [
        LineSuggestions(
            item.line,
            item.text,
            tuple(
                Suggestion(found.competence, found.score)
                for found in relevance.best(item.text, SUGGESTIONS_PER_LINE, min(SHOWN_FROM, match_from))
            ),
            item.label,
            match_from,
            item.part,
            item.heading,
        )
        for item in job.items
        if item.is_duty
    ]
    national = _national_roles(framework)
    fit = level_fit(framework, job, sorted({role.level for role in national}))
    return Suggestions(tuple(lines), _coverage(framework, national, lines, fit), fit, job)


def _national_roles(framework: Framework) -> list[Role]:
    national = framework.origins.layers[0] if framework.origins.layers else None
    return [
        role
        for role in framework.roles.values()
        if national is None or framework.origins.roles.get(role.id, national) == national
    ]


def _coverage(
    framework: Framework, national: list[Role], lines: list[LineSuggestions], fit: LevelFit
) -> tuple[CoveringRole, ...]:
    """National roles by how many matched duties their competences cover, weighed by level, best first (the top
    three); none when no duty matched."""
    matched = [line.match.competence.key for line in lines if line.match]
    if not matched:
        return ()
    coverage = []
    for role in national:
        held = {holding.competence.key for holding in framework.holdings(role)}
        weight, distance = fit.weight(role.level)
        coverage.append(CoveringRole(role, sum(key in held for key in matched), len(matched), weight, distance))
    # Roles whose coverage does not count at all come last, by what they cover; the rest by what counts.
    coverage.sort(key=lambda entry: (entry.weight == 0, -(entry.counted or entry.covered), entry.distance))
    return tuple(coverage[:3])


def _nearest(levels: Sequence[int], level: int) -> tuple[int, ...]:
    """`level` if a role is at it, else the nearest levels that have roles."""
    if not levels or level in levels:
        return (level,)
    closest = min(abs(level - other) for other in levels)
    return tuple(other for other in levels if abs(level - other) == closest)


def _levels(levels: Sequence[int]) -> str:
    return " and ".join(str(level) for level in levels)


def level_fit(framework: Framework, job: JobDescription, role_levels: Sequence[int]) -> LevelFit:
    """Which levels' roles fit the job description best, by what it states or shows (`LevelFit`);
    `role_levels` are the levels that have national roles."""
    band, stated = job.band, job.level
    if stated is not None:
        level = int(stated.value)
        levels = _nearest(role_levels, level)
        reason = f"the job description states Career Framework level {level} (line {stated.line})"
        if levels != (level,):
            reason += f"; no national role is at that level, so the nearest, level {_levels(levels)}, is used"
        reason += ": roles at other levels are ranked after"
        return LevelFit("stated-level", levels, True, stated.line, stated.words, reason, band, stated)
    banded = [role for role in framework.roles.values() if band and (role.afc_band or "").lower() == band.value]
    if band is not None and banded:
        levels = tuple(sorted({near for role in banded for near in _nearest(role_levels, role.level)}))
        named = ", ".join(f"{role.id} (level {role.level})" for role in banded[:5])
        reason = (
            f"the job description states Agenda for Change band {band.value} (line {band.line}), which is not a "
            f"Career Framework level; roles in the data give band {band.value} as their own: {named}, so roles at "
            f"level {_levels(levels)} are preferred and the others ranked after"
        )
        return LevelFit("band-in-data", levels, True, band.line, band.words, reason, band, stated)
    restated = _restated_level(framework, job)
    if restated is not None:
        level, item, share = restated
        levels = _nearest(role_levels, level)
        reason = (
            f"line {item.line} restates the Career Framework level {level} descriptor ({share:.0%} of its words, "
            f"rare ones weighing most), so by ldcf's heuristic roles at level {_levels(levels)} are preferred: a "
            f"role one level away counts {ONE_LEVEL_AWAY:.0%} of the duties it covers, a role further away is "
            "ranked after"
        )
        if band is not None:
            reason += f"; the band it states (band {band.value}, line {band.line}) is not a level and is not used"
        return LevelFit("descriptor", levels, False, item.line, item.text, reason, band, stated)
    if band is not None:
        anchor = int(band.value[0])
        levels = _nearest(role_levels, anchor)
        reason = (
            f"the job description states Agenda for Change band {band.value} (line {band.line}), and a band is not "
            "a Career Framework level: there is no read-across. No role in the data gives this band and no passage "
            "restates a level descriptor, so ldcf's heuristic prefers roles near level "
            f"{_levels(levels)} (the framework notes its descriptors share some language with Agenda for Change): "
            f"a role one level away counts {ONE_LEVEL_AWAY:.0%} of the duties it covers, one further away is "
            f"ranked after. This ranks roles; it does not make band {band.value} a level"
        )
        return LevelFit("band-heuristic", levels, False, band.line, band.words, reason, band, stated)
    reason = (
        "the job description states no Career Framework level or band and restates no level descriptor, so "
        "roles are ranked by the matched duties they cover alone"
    )
    return LevelFit("none", (), False, None, "", reason, band, stated)


def _restated_level(framework: Framework, job: JobDescription) -> tuple[int, Item, float] | None:
    """The level whose descriptor a passage of the job description restates (as the Lincolnshire job
    description restates level 5's), the passage and the share of the descriptor's words it has, rare words
    weighing most; None if no passage restates one, or passages restate several."""
    from ldcf.queries.relevance import terms

    descriptors = {
        level.level: set(terms(level.ld_descriptor or level.descriptor)) for level in framework.levels.values()
    }
    frequency: dict[str, int] = {}
    for words in descriptors.values():
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    weight = {word: math.log((len(descriptors) + 1) / (found + 0.5)) for word, found in frequency.items()}
    totals = {level: sum(weight[word] for word in descriptor) for level, descriptor in descriptors.items()}
    best: dict[int, tuple[float, Item]] = {}
    for item in job.items:
        if item.part == "other" or len(item.text.split()) < _FEWEST_DESCRIPTOR_WORDS:
            continue
        words = set(terms(item.text))
        for level, descriptor in descriptors.items():
            total = totals[level]
            share = sum(weight[word] for word in descriptor & words) / total if total else 0.0
            if share >= RESTATES_DESCRIPTOR and share > best.get(level, (0.0, item))[0]:
                best[level] = (share, item)
    if len(best) != 1:
        return None
    ((level, (share, item)),) = best.items()
    return level, item, share
