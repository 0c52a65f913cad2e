"""The framework as a static website: which pages there are, at which paths, and what each shows; and the data
that the compare and search pages compute with in the browser. Pure: the pages are written by
`ldcf.outputs.site_html` and saved by the command line.

Paths are stable, so that people can link to them: index.html, levels/N.html, roles/ID.html,
competences/SLUG.html, self-assessment.html, compare.html, search.html, about.html, help.html and glossary.html.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from ldcf.framework.entities import CATEGORIES, Competence, Level, Role, Source, as_data
from ldcf.framework.lookups import Framework, Holding
from ldcf.framework.naming import competence_key, lookup_key, role_key, slugify, title_key
from ldcf.queries.gaps import RoleGap, role_gap
from ldcf.queries.profiles import CompetenceProfile, RoleProfile, Use, level_profile, role_profile
from ldcf.queries.search import TITLE_WORDS

# The no-JavaScript compare page lists the gap from each role to each role one level up and across, up to this
# many; beyond it (a national catalogue has tens of thousands of such pairs) it lists the roles and says why.
MOST_PRERENDERED_GAPS = 400


class SiteProblem(Exception):
    """Data that cannot make a site, such as two competences whose codes give one file name."""


def competence_slug(competence: Competence) -> str:
    """The file name of a competence's page, without .html: a NOS code in lower case with "&" read as "and" and
    every other run of characters but letters and digits as one hyphen (CFAM&LBA3 -> cfam-and-lba3,
    MH21.2013 -> mh21-2013); an uncoded competence's id as it is."""
    if competence.code is None:
        return competence.key
    return slugify(competence.code.replace("&", " and "))


class Built(NamedTuple):
    """Where a site comes from, for its about page: no clock time unless the builder gives one."""

    data_folders: tuple[str, ...]
    data_digest: str  # of the framework's content, so that the same data gives the same site
    ldcf_version: str
    build_date: str | None = None  # from SOURCE_DATE_EPOCH, the reproducible-builds convention, if set


class Ladder(NamedTuple):
    """The levels as a ladder, top first, each with its roles, as Table 1 of the 2018 report sets them out."""

    rungs: tuple[tuple[Level, tuple[Role, ...]], ...]
    without_roles: tuple[Level, ...]
    # Levels whose generic indicative title is the title of an L&D role at another level (level 2's "Support
    # Worker" and the L&D Support Worker at level 4), each with that role: the example the index page warns with.
    title_clashes: tuple[tuple[Level, Role], ...] = ()


class GapView(NamedTuple):
    gap: RoleGap

    @property
    def anchor(self) -> str:
        return f"{self.gap.from_role.id}--{self.gap.to_role.id}"


class ComparePage(NamedTuple):
    roles: tuple[Role, ...]
    prerendered: tuple[GapView, ...]
    prerendered_all: bool  # False when there were more pairs than MOST_PRERENDERED_GAPS
    data: dict[str, Any]


class SelfAssessmentPage(NamedTuple):
    roles: tuple[Role, ...]
    data: dict[str, Any]


class SearchPage(NamedTuple):
    competences: tuple[Competence, ...]
    data: dict[str, Any]
    roles: tuple[Role, ...] = ()  # listed with the competences for find in page when JavaScript is off


class AboutPage(NamedTuple):
    built: Built
    role_sources: tuple[Source, ...]
    competence_sources: tuple[str, ...]
    layers: tuple[str, ...]
    editions: tuple[str, ...] = ()  # each data folder's edition, in one line


class RolePage(NamedTuple):
    profile: RoleProfile
    origin: str  # the data folder the role comes from
    local: bool  # whether it comes from an overlay rather than the base data
    held: dict[str, Competence]  # what the role holds, by code or id, for linking its duties
    # The roles it leads to: those at the next level up that has roles, each a "Compare with" link.
    next_roles: tuple[Role, ...] = ()
    added_locally: frozenset[str] = frozenset()  # keys of what a local role adds to the role it is based on
    # Its checklist: what it holds in each category, in the profile's order.
    by_category: Mapping[str, tuple[Holding, ...]] = MappingProxyType({})


class LevelPage(NamedTuple):
    """A level, its core competences and its roles, and any L&D role titled as this level's indicative title is
    though at another level, which the page names so that nobody takes the one for the other."""

    level: Level
    core: tuple[Competence, ...]
    roles: tuple[Role, ...]
    clashes: tuple[Role, ...] = ()


class HelpPage(NamedTuple):
    """The "How to use this site" page: an example role and a role it leads to, for its compare example."""

    example: tuple[Role, Role] | None


class GlossaryPage(NamedTuple):
    """The glossary, with examples from the data: the standard-setting bodies, a coded competence, and the lowest
    and highest levels that have roles."""

    bodies: tuple[str, ...]
    example: Competence | None
    role_levels: tuple[int, int] | None
    clash: tuple[Level, Role] | None  # a level whose indicative title is an L&D role's title at another level


class Page(NamedTuple):
    """One page of the site: its path, its title, the trail of pages above it, and what it shows."""

    path: str
    title: str
    kind: str  # the template that lays it out
    content: Any
    breadcrumbs: tuple[tuple[str, str], ...] = ()  # (title, path) of the pages above it
    slugs: Mapping[str, str] = MappingProxyType({})  # competence key -> page name, shared by every page

    @property
    def root(self) -> str:
        """The relative path from this page to the site's root, so that the site works from any folder."""
        return "../" * self.path.count("/")


def _slugs(framework: Framework) -> dict[str, str]:
    slugs: dict[str, str] = {}
    owners: dict[str, str] = {}
    for competence in framework.competences.values():
        slug = competence_slug(competence)
        if slug in owners:
            raise SiteProblem(
                f"{owners[slug]} and {competence.key} would both be competences/{slug}.html; "
                "rename one of them in the data"
            )
        owners[slug] = competence.key
        slugs[competence.key] = slug
    return slugs


def _neighbour_pairs(framework: Framework) -> Iterator[tuple[Role, Role]]:
    """Each role with each role one level up and each other role at its own level: the steps of a route."""
    for from_role in framework.roles.values():
        for to_role in framework.roles.values():
            if to_role is not from_role and to_role.level in (from_role.level, from_role.level + 1):
                yield from_role, to_role


def compare_data(framework: Framework) -> dict[str, Any]:
    """What the compare page computes gaps and routes from, kept small since the browser loads it whole: the
    core competences of each level once (and a role's own order of them, where it groups them), each role's
    other holdings by category in the order `ldcf gap` and `ldcf path` read them, and the title of each
    competence they name (its page name follows from its code)."""
    used: dict[str, Competence] = {}
    levels: dict[str, list[Any]] = {}
    for number, level in framework.levels.items():
        core = framework.core_competences(number)
        used.update((competence.key, competence) for competence in core)
        levels[str(number)] = [level.indicative_title, [competence.key for competence in core]]
    roles = []
    for role in framework.roles.values():
        listed: dict[str, list[str]] = {category: [] for category in CATEGORIES}
        for holding in framework.holdings(role):
            listed[holding.category].append(holding.competence.key)
            used.setdefault(holding.competence.key, holding.competence)
        # The core in the level's order, unless the role arranges it in groups of its own (null: the level's).
        own_core = listed.pop("core")
        own_order = own_core if own_core != levels[str(role.level)][1] else None
        roles.append([role.id, role.title, role.level, own_order, *listed.values()])
    return {
        "categories": list(CATEGORIES),
        "levels": levels,
        "roles": roles,
        "titles": {key: competence.title for key, competence in used.items()},
        "uncoded": [key for key, competence in used.items() if competence.code is None],
    }


def self_assessment_data(framework: Framework, edition: str) -> dict[str, Any]:
    """What the self-assessment page works with: the roles as the compare page has them, every spelling by which
    a record may name a competence (its code, aliases, or the id of an uncoded one, compared as
    `ldcf.framework.naming.competence_key` compares them) or a role (id, title, alias),
    as `ldcf gap --have` reads them, and the framework's digest, which keeps answers given to one edition apart
    from another's."""
    competence_names: dict[str, str] = {}
    for competence in framework.competences.values():
        for name in (competence.key, *competence.aliases):
            competence_names.setdefault(competence_key(name), competence.key)
    role_names: dict[str, str] = {}
    for role in framework.roles.values():
        for name in (role.id, role.title, *role.aliases):
            role_names.setdefault(role_key(name), role.id)
    return {
        "roles": compare_data(framework),
        "competence_names": competence_names,
        "role_names": role_names,
        "edition": edition,
    }


def search_data(framework: Framework) -> dict[str, Any]:
    """What the search page finds roles and competences with: for competences, the same terms, weights and name
    matching as `ldcf competence search`, with every word of the titles already stemmed (the page stems other
    words itself, by the same Snowball rules); for roles, their names and words; and the vocabulary of both, for
    suggesting a spelling when a word of a search is in none of them."""
    from ldcf.queries import relevance

    competences = list(framework.competences.values())
    roles = list(framework.roles.values())
    titles = [relevance.terms(competence.title) for competence in competences]
    frequency: dict[str, int] = {}
    for title in titles:
        for term in sorted(set(title)):  # sorted: the page's bytes must not depend on the hash seed
            frequency[term] = frequency.get(term, 0) + 1
    vocabulary: dict[str, str] = {}
    for competence in competences:
        for word in relevance.words(competence.title):
            vocabulary.setdefault(word, relevance.stem(word))
    role_words = [sorted({word for name in (r.title, *r.aliases) for word in relevance.words(name)}) for r in roles]
    for found in role_words:
        for word in found:
            vocabulary.setdefault(word, relevance.stem(word))
    return {
        "competences": [
            [
                c.key,
                c.code,
                c.title,
                [lookup_key(name) for name in (c.key, *c.aliases)],
                sorted(set(title)),
                [name.lower() for name in (c.key, *c.aliases)],
                title_key(c.title),
                competence_slug(c),
            ]
            for c, title in zip(competences, titles, strict=True)
        ],
        "frequency": frequency,
        "count": len(competences),
        "vocabulary": vocabulary,
        "same_meaning": relevance.same_meaning(),
        "ignored": sorted(relevance.IGNORED),
        "rare": relevance.RARE,
        "longest_restatement": relevance.LONGEST_RESTATEMENT,
        "title_score": TITLE_WORDS,
        "roles": [
            [
                r.id,
                r.title,
                r.level,
                [lookup_key(name) for name in (r.id, r.title, *r.aliases)],
                found,
                sorted(set(relevance.words(r.title))),
            ]
            for r, found in zip(roles, role_words, strict=True)
        ],
        "example_code": next((c.code for c in competences if c.code), None),
    }


def data_digest(framework: Framework) -> str:
    content = {
        "levels": [as_data(level) for level in framework.levels.values()],
        "competences": [as_data(competence) for competence in framework.competences.values()],
        "roles": [as_data(role) for role in framework.roles.values()],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()


def _ladder(framework: Framework) -> Ladder:
    levels = sorted(framework.levels.values(), key=lambda level: -level.level)
    rungs = tuple((level, framework.roles_at(level.level)) for level in levels if framework.roles_at(level.level))
    return Ladder(rungs, tuple(level for level in levels if not framework.roles_at(level.level)), _clashes(framework))


def _clashes(framework: Framework) -> tuple[tuple[Level, Role], ...]:
    """Each level whose indicative title is the title of an L&D role at another level, with that role."""
    return tuple(
        (level, role)
        for level in framework.levels.values()
        for role in framework.roles.values()
        if role.level != level.level and title_key(role.title) == title_key(level.indicative_title)
    )


def next_roles(framework: Framework, role: Role) -> tuple[Role, ...]:
    """The roles one level up from ROLE, or at the nearest higher level that has roles; none at the top."""
    higher = sorted(level for level in framework.levels if level > role.level and framework.roles_at(level))
    return framework.roles_at(higher[0]) if higher else ()


def _help(framework: Framework) -> HelpPage:
    """The example of comparing: from a role at the lowest level with roles to the role one level up of which it
    already holds the largest share, the first step of a career in the framework."""
    levels = sorted(level for level in framework.levels if framework.roles_at(level))
    holdings = framework.requirements()
    first = framework.roles_at(levels[0]) if levels else ()
    pairs = [(role, other) for role in first for other in next_roles(framework, role)]
    if not pairs:
        return HelpPage(None)

    def share(pair: tuple[Role, Role]) -> float:
        held, needed = holdings[pair[0].id][1], holdings[pair[1].id][1]
        return len(held & needed) / len(needed) if needed else 1.0

    return HelpPage(max(pairs, key=share))  # max keeps the first of equals


def _glossary(framework: Framework) -> GlossaryPage:
    competences = framework.competences.values()
    bodies = tuple(sorted({competence.body for competence in competences if competence.body}))
    example = next((competence for competence in competences if competence.code), None)
    levels = sorted({role.level for role in framework.roles.values()})
    clashes = _clashes(framework)
    return GlossaryPage(bodies, example, (levels[0], levels[-1]) if levels else None, clashes[0] if clashes else None)


def _compare(framework: Framework) -> ComparePage:
    pairs = list(_neighbour_pairs(framework))
    every = len(pairs) <= MOST_PRERENDERED_GAPS
    prerendered = tuple(GapView(role_gap(framework, a.id, b.id)) for a, b in pairs) if every else ()
    return ComparePage(tuple(framework.roles.values()), prerendered, every, compare_data(framework))


def _search(framework: Framework) -> SearchPage:
    return SearchPage(tuple(framework.competences.values()), search_data(framework), tuple(framework.roles.values()))


def _about(framework: Framework, built: Built) -> AboutPage:
    sources: dict[tuple[str, str | None], Source] = {}
    for role in framework.roles.values():
        sources.setdefault((role.source.document, role.source.date), role.source._replace(section=None))
    competence_sources = sorted({competence.source for competence in framework.competences.values()})
    editions = tuple(edition.label for edition in framework.editions.values())
    return AboutPage(built, tuple(sources.values()), tuple(competence_sources), framework.origins.layers, editions)


def site_pages(framework: Framework, built: Built) -> Iterator[Page]:
    """Every page of the site, in the order they are written, each made when it is wanted: a national site has
    tens of thousands, and none needs to be kept once it is written."""
    slugs = _slugs(framework)
    home = ("Levels and roles", "index.html")
    yield Page("index.html", "Levels and roles", "index", _ladder(framework), (), slugs)
    title_clashes = _clashes(framework)
    for number in framework.levels:
        level_view = level_profile(framework, number)
        clashes = tuple(role for level, role in title_clashes if level.level == number)
        level = LevelPage(level_view.level, level_view.core, level_view.roles, clashes)
        title = f"Career Framework level {number}"  # not its indicative title, which is no L&D role's
        yield Page(f"levels/{number}.html", title, "level", level, (home,), slugs)
    base_layer = framework.origins.layers[0] if framework.origins.layers else ""
    for role in framework.roles.values():
        profile = role_profile(framework, role.id)
        origin = framework.origins.roles.get(role.id, "")
        held = {holding.competence.key: holding.competence for holding in profile.holdings}
        local = bool(origin) and origin != base_layer
        added = frozenset(h.competence.key for h in profile.holdings if local and h.origin not in ("", base_layer))
        by_category: dict[str, tuple[Holding, ...]] = {
            category: tuple(h for h in profile.holdings if h.category == category) for category in CATEGORIES
        }
        content = RolePage(profile, origin, local, held, next_roles(framework, role), added, by_category)
        level_crumb = (f"Level {role.level}", f"levels/{role.level}.html")
        yield Page(f"roles/{role.id}.html", role.title, "role", content, (home, level_crumb), slugs)
    uses: dict[str, list[Use]] = {}
    for role in framework.roles.values():
        for holding in framework.holdings(role):
            uses.setdefault(holding.competence.key, []).append(Use(role, holding.category))
    for competence in framework.competences.values():
        origin = framework.origins.competences.get(competence.key, "")
        used = CompetenceProfile(competence, tuple(uses.get(competence.key, ())), origin)
        title = f"{competence.code}: {competence.title}" if competence.code else competence.title
        yield Page(f"competences/{slugs[competence.key]}.html", title, "competence", used, (home,), slugs)
    yield from [
        Page(
            "self-assessment.html",
            "Assess yourself",
            "self-assessment",
            SelfAssessmentPage(tuple(framework.roles.values()), self_assessment_data(framework, built.data_digest)),
            (home,),
            slugs,
        ),
        Page("compare.html", "Compare two roles", "compare", _compare(framework), (home,), slugs),
        Page("search.html", "Search roles and competences", "search", _search(framework), (home,), slugs),
        Page("about.html", "About this site", "about", _about(framework, built), (home,), slugs),
    ]
    yield from [
        Page("help.html", "How to use this site", "help", _help(framework), (home,), slugs),
        Page("glossary.html", "Glossary", "glossary", _glossary(framework), (home, ("Help", "help.html")), slugs),
    ]
