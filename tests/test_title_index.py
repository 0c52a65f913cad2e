"""Search and suggest find competences from a title index (`ldcf.framework.titles`, kept in the cache) instead of
scoring every title: they must rank exactly as scoring every title did, on the shipped data and on a generated
catalogue, from the cache and without it; and a framework read from the cache must find names as the whole
framework does."""

from __future__ import annotations

import importlib.util
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from conftest import FIXTURES, REPOSITORY, SHIPPED_DATA
from ldcf.building.cache_titles import Header
from ldcf.building.dataset import open_data_set, open_framework
from ldcf.framework.lookups import Framework, UnknownName
from ldcf.framework.naming import competence_key, title_key
from ldcf.queries import relevance
from ldcf.queries.relevance import LONGEST_RESTATEMENT, RARE, Relevance, terms
from ldcf.queries.search import _CODE_PREFIX, _EXACT_CODE, TITLE_WORDS, search_competences
from ldcf.queries.suggest import duties

# The ranking as it was before the index: every title scored for every text. ------------------------------------


class EveryTitle:
    def __init__(self, competences, keep_general=False):
        self.competences = list(competences)
        self.titles = [frozenset(terms(competence.title)) for competence in self.competences]
        self.names = [frozenset(name.lower() for name in (c.key, *c.aliases)) for c in self.competences]
        self.frequency: dict[str, int] = {}
        for title in self.titles:
            for term in title:
                self.frequency[term] = self.frequency.get(term, 0) + 1
        count = len(self.titles)
        self.weights = {term: math.log((count + 1) / (found + 0.5)) for term, found in self.frequency.items()}
        share = relevance._GENERAL_SHARE
        self.general = set() if keep_general else {t for t, found in self.frequency.items() if found > share * count}
        self.keys = [title_key(competence.title) for competence in self.competences]

    def best(self, text, limit, at_least):
        query = set(terms(text))
        words = {word.lower() for word in re.findall(r"\S+", text)}
        key = title_key(text)
        scored = []
        for index in range(len(self.competences)):
            if self.names[index] & words:
                scored.append((100, 1.0, index))
                continue
            title = self.titles[index] - self.general or self.titles[index]
            shared = title & query
            if not shared:
                continue
            weight = sum(self.weights[term] for term in shared)
            covered = weight / sum(self.weights[term] for term in title)
            if len(shared) == 1 and len(self.titles[index]) > 1 and self.frequency[next(iter(shared))] > RARE:
                covered /= 2
            similar = fuzz.token_sort_ratio(key, self.keys[index]) if len(key) <= LONGEST_RESTATEMENT else 0
            scored.append((max(round(100 * covered), round(similar)), weight, index))
        scored.sort(key=lambda item: (-item[0], -item[1]))
        return [(self.competences[index].key, score) for score, _, index in scored[:limit] if score >= at_least]


def every_name_then_every_title(framework, everything, query):
    key = competence_key(query)
    by_name = {}
    for competence in framework.competences.values():
        names = [competence_key(name) for name in (competence.key, *competence.aliases)]
        score = _EXACT_CODE if key in names else _CODE_PREFIX if key and any(n.startswith(key) for n in names) else 0
        if score:
            by_name[competence.key] = score
    if re.search(r"[A-Za-z]{3,}", query):
        for found_key, found in everything.best(query, len(framework.competences), 1):
            score = round(TITLE_WORDS * found / 100)
            if found_key not in by_name and score:
                by_name[found_key] = score
    return sorted(by_name.items(), key=lambda item: -item[1])


# Frameworks and texts -------------------------------------------------------------------------------------------


def _make_catalogue(folder: Path, competences: int, roles: int) -> None:
    spec = importlib.util.spec_from_file_location("make_catalogue", REPOSITORY / "benchmarks" / "make_catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_catalogue(folder, competences, roles, seed=7)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue") / "data"
    _make_catalogue(folder, 2000, 60)
    return folder


def frameworks(folders: list[Path]) -> tuple[Framework, Framework]:
    """The framework read from the files, and the same read from the cache (filled first), on demand."""
    whole = open_data_set(folders).framework
    assert whole is not None
    open_framework(folders)
    cached = open_framework(folders).framework
    assert cached is not None
    assert cached._source is not None, "read from the cache"
    return whole, cached


def texts(framework: Framework) -> list[str]:
    """Searches and duties: title words, whole titles, codes and their starts, lines of real job descriptions and
    of the framework's sources, and text no title has."""
    competences = list(framework.competences.values())
    found = ["mental health crisis", "supervise staff", "health", "consent", "safeguarding", "x", "", "   "]
    found += ["SFJ", "GEN9", "SfJ AB1", "SFHGEN97", "CFABAD332", "cfa", "12", "Budgets", "substance misuse"]
    found += [competence.title for competence in competences[::97]]
    found += [" ".join(competence.title.split()[:2]) for competence in competences[::89]]
    found += [competence.key for competence in competences[::53]] + [c.key[:4] for c in competences[::71]]
    sources = [*sorted((FIXTURES / "sources").glob("*.txt")), FIXTURES / "suggest" / "lincolnshire-specific-skills.txt"]
    for source in sources:
        found += [duty.text for duty in duties(source.read_text(encoding="utf-8"))][::3]
    return found[::2] if len(competences) > 1000 else found


@pytest.mark.parametrize("which", ["shipped", "shipped with an overlay", "generated"])
def test_search_finds_what_scoring_every_name_and_title_found(which, generated):
    folders = {
        "shipped": [SHIPPED_DATA],
        "shipped with an overlay": [SHIPPED_DATA, REPOSITORY / "examples" / "local"],
        "generated": [generated],
    }[which]
    whole, cached = frameworks(folders)
    everything = EveryTitle(whole.competences.values(), keep_general=True)
    for query in texts(whole):
        expected = every_name_then_every_title(whole, everything, query)
        for framework in (whole, cached):
            found = [(match.competence.key, match.score) for match in search_competences(framework, query).matches]
            assert found == expected, (which, query)


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_suggest_ranks_each_duty_as_scoring_every_nos_did(which, generated):
    whole, cached = frameworks([SHIPPED_DATA] if which == "shipped" else [generated])
    nos = [competence for competence in whole.competences.values() if competence.code]
    in_memory, from_cache = Relevance.of(whole, coded_only=True), Relevance.of(cached, coded_only=True)
    every_nos = EveryTitle(nos)
    for text in texts(whole):
        expected = every_nos.best(text, 3, 50)
        for scorer in (in_memory, from_cache):
            assert [(found.competence.key, found.score) for found in scorer.best(text, 3, 50)] == expected, text
        assert [(found.competence.key, found.score) for found in Relevance(nos).best(text, 3, 50)] == expected


def test_suggest_prints_the_same_from_the_cache_as_from_the_files(run, tmp_path):
    job = FIXTURES / "sources" / "registered-worker-job-description.txt"
    arguments = ["--data", str(SHIPPED_DATA), "suggest", str(job), "--format", "json"]
    from_files = run("--no-cache", *arguments)
    run(*arguments, env={"LDCF_CACHE_DIR": str(tmp_path / "cache")})
    from_cache = run(*arguments, env={"LDCF_CACHE_DIR": str(tmp_path / "cache")})
    assert from_files.exit_code == from_cache.exit_code == 0
    assert json.loads(from_cache.stdout) == json.loads(from_files.stdout)


def test_a_framework_read_from_the_cache_finds_every_name_as_the_whole_framework_does(generated):
    for folders in ([SHIPPED_DATA], [SHIPPED_DATA, REPOSITORY / "examples" / "local"], [generated]):
        whole, _ = frameworks(folders)
        names = [name for c in whole.competences.values() for name in (c.key, *c.aliases)]
        names += [name.lower() for name in names[::7]] + [f"SFH{name}" for name in names[::11]]
        names += ["CFABAD332", "SFHGEN97", "sfj ab 1"]
        for name in names:
            cached = open_framework(folders).framework
            try:
                expected: object = whole.find_competence(name)
            except UnknownName as unknown:
                expected = str(unknown)
            try:
                found: object = cached.find_competence(name)
            except UnknownName as unknown:
                found = str(unknown)
            assert found == expected, name
        cached = open_framework(folders).framework
        assert cached.competence_keys() == list(whole.competences)
        assert cached.role_ids() == list(whole.roles)
        assert cached._source is not None, "names were found without reading everything"
        assert whole.competence_keys() == list(whole.competences)
        assert whole.role_ids() == list(whole.roles)


def _searched_with_a_damaged_entry(run, tmp_path, query: str, damage) -> tuple[str, object]:
    """What a search printed reading the data files, and what it did once `damage(header, body)` changed the
    body of the cache entry (the title index's header is read from it)."""
    cache = tmp_path / "cache"
    arguments = ["--data", str(SHIPPED_DATA), "competence", "search", query, "--format", "json"]
    expected = run("--no-cache", *arguments).stdout
    run(*arguments, env={"LDCF_CACHE_DIR": str(cache)})
    (entry,) = cache.glob("*.ldcf-cache")
    first, body = entry.read_bytes().split(b"\n", 1)
    index = json.loads(first)
    header = Header(*json.loads(body[index["titles"][0] : sum(index["titles"])]))
    entry.write_bytes(first + b"\n" + damage(header, body))
    found = run(*arguments, env={"LDCF_CACHE_DIR": str(cache)})
    return expected, (found.exit_code, found.stdout)


def test_a_search_with_a_damaged_title_index_reads_the_files_instead(run, tmp_path):
    def blank_postings(header: Header, body: bytes) -> bytes:
        damaged = bytearray(body)
        for start, length in header.postings:  # every bucket of the postings becomes something else
            damaged[start : start + length] = b" " * length
        return bytes(damaged)

    expected, found = _searched_with_a_damaged_entry(run, tmp_path, "mental health crisis", blank_postings)
    assert found == (0, expected)


@pytest.mark.parametrize("part", ["elements", "row_starts"])
@pytest.mark.parametrize("damage", ["not-hexadecimal", "signed", "shifted", "shorter"])
def test_a_search_with_damaged_places_of_competences_reads_the_files_instead(run, tmp_path, part, damage):
    def changed_places(header: Header, body: bytes) -> bytes:
        start, length = getattr(header, part)
        places = json.loads(body[start : start + length])
        digits = 8  # a place, in hexadecimal
        every = [places[at : at + digits] for at in range(0, len(places), digits)]
        changed = {  # every place, so that whichever a search reads is damaged
            "not-hexadecimal": "".join("g" + place[1:] for place in every),
            "signed": "".join("-" + place[1:] for place in every),
            "shifted": places[1:] + "0",  # every place read from the wrong digits
            "shorter": places[:-digits],
        }[damage]
        return body[:start] + json.dumps(changed).encode() + body[start + length :]

    expected, found = _searched_with_a_damaged_entry(run, tmp_path, "risk", changed_places)
    assert found == (0, expected)


def test_the_english_stemmer_loaded_alone_stems_as_snowballstemmer_does_and_leaves_nothing_behind():
    # In a fresh interpreter: ldcf loads English's stemmer without the package's thirty languages, forgets the
    # package, and a later `import snowballstemmer` still works as usual and stems every word the same.
    code = """
import sys
from ldcf.framework.titles import _stemmer
ours = _stemmer()
assert not [name for name in sys.modules if name.startswith("snowballstemmer")], sys.modules
import snowballstemmer
theirs = snowballstemmer.stemmer("english")
assert "snowballstemmer.german_stemmer" in sys.modules
words = "risk risks running generously safeguarding caring managers offenders' assessing liaison 2018 ability".split()
assert [ours.stemWord(w) for w in words] == [theirs.stemWord(w) for w in words]
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout == "ok\n", done.stderr


def test_a_release_without_english_s_module_where_ldcf_looks_still_stems():
    # As if a release of snowballstemmer laid its modules out otherwise: ldcf imports the package as usual.
    code = """
import importlib, sys
real = importlib.import_module
def without_english(name, *args, **kwargs):
    if name == "snowballstemmer.english_stemmer":
        raise ModuleNotFoundError(name)
    return real(name, *args, **kwargs)
importlib.import_module = without_english
from ldcf.framework.titles import _stemmer
ours = _stemmer()
assert "snowballstemmer.german_stemmer" in sys.modules  # the package, imported as usual
print(ours.stemWord("safeguarding"))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    import snowballstemmer

    assert result.stdout.strip() == snowballstemmer.stemmer("english").stemWord("safeguarding")
