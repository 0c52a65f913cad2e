"""The package's shape: no import cycles between its modules, no module too long to read, and the layers that
pyproject.toml's import contracts state (checked by `lint-imports` in CI; here the cycles and sizes)."""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

import ldcf

PACKAGE = Path(ldcf.__file__).parent
MOST_LINES = 500


@pytest.fixture(scope="module")
def graph():
    # Imports inside functions count; those only for the type checker do not.
    return grimp.build_graph("ldcf", exclude_type_checking_imports=True)


def strongly_connected(graph) -> list[set[str]]:
    """The modules that import each other, directly or through others (Tarjan's algorithm, iteratively)."""
    modules = sorted(graph.modules)
    imports = {module: sorted(graph.find_modules_directly_imported_by(module)) for module in modules}
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in modules:
        if start in index:
            continue
        work = [(start, iter(imports[start]))]
        index[start] = lowest[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = lowest[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(imports[target])))
                elif target in on_stack:
                    lowest[module] = min(lowest[module], index[target])
                continue
            work.pop()
            if work:
                lowest[work[-1][0]] = min(lowest[work[-1][0]], lowest[module])
            if lowest[module] == index[module]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    class Graph:
        modules = frozenset(edges)

        def find_modules_directly_imported_by(self, module):
            return edges[module]

    assert strongly_connected(Graph()) == [{"a", "b", "c"}]


def test_no_module_imports_itself_through_others(graph):
    assert strongly_connected(graph) == []


def test_every_module_of_ldcf_is_in_a_layer(graph):
    layers = {"api", "building", "cli", "framework", "outputs", "queries", "reading", "render", "rules"}
    outside = {
        module
        for module in graph.modules
        if module.count(".") >= 1 and module.split(".")[1] not in layers and module != "ldcf.__main__"
    }
    assert outside == set()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_over_500_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MOST_LINES
