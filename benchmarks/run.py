"""Measure ldcf against its goals, each side by side with a baseline in the same run.

    python benchmarks/run.py [--runs 11] [--catalogue DIR]

Times are medians of alternating runs (ldcf, baseline, ldcf, baseline, ...), so that a busy moment of the
machine affects both sides alike. Run it with the Python of the environment ldcf is installed in.

1. `ldcf role show practitioner` on the shipped data, vs the bare interpreter `python -c pass`;
2. `ldcf validate` at national scale, vs parsing the same YAML files with PyYAML's C loader and nothing else;
3. `ldcf role show` and `ldcf gap` at national scale, second run (cache warm), vs `python -c pass`;
4. peak memory of `ldcf validate` at national scale;
6. `ldcf team report` over 1,000 generated records at national scale vs `ldcf validate` of the catalogue, and
   its time for 250, 500 and 1,000 people, to show that it grows linearly;
7. `ldcf path` from a level-1 to a level-9 role, cache warm, at 1,000 roles and at 5,000 (same number of
   competences): how the route search grows with the number of roles;
5. `ldcf site build` at national scale (no cache) vs `ldcf validate` on the same catalogue, the size of the data
   the compare page loads, and the time Chromium takes to compute a gap and a route there (when Chromium and
   Playwright are installed: `pip install '.[test]'` and Debian's chromium).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LDCF = str(Path(sys.executable).parent / "ldcf")
NATIONAL = {"competences": 25_000, "roles": 1_000}

PARSE_ONLY = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

PEAK_MEMORY = """
import sys
from ldcf.cli import cli
try:
    cli(["validate", sys.argv[1]], prog_name="ldcf")
except SystemExit:
    pass
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")), file=sys.stderr)
"""


def elapsed(command: list[str], environment: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=environment, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def side_by_side(ours: list[str], baseline: list[str], runs: int, environment: dict[str, str], cwd: str):
    elapsed(ours, environment, cwd)  # warm the file cache, and ldcf's own cache
    ours_times, baseline_times = [], []
    for _ in range(runs):
        ours_times.append(elapsed(ours, environment, cwd))
        baseline_times.append(elapsed(baseline, environment, cwd))
    return statistics.median(ours_times), statistics.median(baseline_times)


def make_team(catalogue: Path, folder: Path, people: int) -> None:
    """`people` records at national scale: each in a role of the catalogue, holding two thirds of what it needs."""
    import ldcf

    framework = ldcf.load(catalogue)
    roles = list(framework.roles.values())
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(people):
        role = roles[index % len(roles)]
        holdings = framework.holdings(role)
        held = "".join(f"  - code: {h.competence.key}\n" for h in holdings[: 2 * len(holdings) // 3])
        text = f"name: Person {index}\nrole: {role.id}\nheld:\n{held}"
        (folder / f"person-{index:04d}.yaml").write_text(text, encoding="utf-8")


COMPARE_DATA = re.compile(r'<script type="application/json" id="ldcf-compare-data">(.*?)</script>', re.S)


def compare_in_chromium(site: Path, pairs: list[tuple[str, str]]) -> tuple[float, float] | str:
    """The median times (ms) the compare page takes for a gap and for a route, as the page measures them."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "not measured: Playwright is not installed"
    if chromium is None:
        return "not measured: Chromium is not installed"
    gaps, routes = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        for from_role, to_role in pairs:
            page.goto(f"{(site / 'compare.html').as_uri()}?from={from_role}&to={to_role}")
            gap, route = page.evaluate(
                "['ldcf-gap', 'ldcf-route'].map(name => performance.getEntriesByName(name)[0].duration)"
            )
            gaps.append(gap)
            routes.append(route)
        browser.close()
    return statistics.median(gaps), statistics.median(routes)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure ldcf against its speed and memory goals.")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--catalogue", type=Path, help="A national-scale data folder (made if not given).")
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ldcf-bench-"))
    environment = {**os.environ, "LDCF_CACHE_DIR": str(work / "cache")}
    environment.pop("LDCF_DATA", None)
    environment.pop("LDCF_NO_CACHE", None)
    catalogue = arguments.catalogue or work / "national"
    if arguments.catalogue is None:
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_catalogue.py"),
                "--competences",
                str(NATIONAL["competences"]),
                "--roles",
                str(NATIONAL["roles"]),
                str(catalogue),
            ],
            check=True,
        )
    bare = [sys.executable, "-c", "pass"]
    cwd = str(work)  # no ./data here, so `ldcf role show` uses the shipped data
    rows = []

    ours, base = side_by_side([LDCF, "role", "show", "practitioner"], bare, arguments.runs, environment, cwd)
    rows.append(("1. role show practitioner, shipped data", ours, base, "python -c pass", 5.0))

    ours, base = side_by_side(
        [LDCF, "validate", str(catalogue)],
        [sys.executable, "-c", PARSE_ONLY, str(catalogue)],
        max(3, arguments.runs // 3),
        environment,
        cwd,
    )
    rows.append(("2. validate, national scale", ours, base, "PyYAML C loader, parse only", 1.5))

    for label, command in (
        ("3a. role show, national scale, cache warm", ["role", "show", "practitioner"]),
        ("3b. gap, national scale, cache warm", ["gap", "role-0001", "practitioner"]),
    ):
        ours, base = side_by_side([LDCF, "--data", str(catalogue), *command], bare, arguments.runs, environment, cwd)
        rows.append((label, ours, base, "python -c pass", 6.0))

    # Context, not a goal: what importing the command-line libraries alone costs, before ldcf does anything.
    floor, base = side_by_side(
        [sys.executable, "-c", "import click, rich.console, rich.table"], bare, arguments.runs, environment, cwd
    )
    rows.append(("   floor: python -c 'import click, rich.table'", floor, base, "python -c pass", None))

    site = work / "site"
    ours, base = side_by_side(
        [LDCF, "--no-cache", "--data", str(catalogue), "site", "build", str(site)],
        [LDCF, "validate", str(catalogue)],
        3,
        environment,
        cwd,
    )
    rows.append(("5a. site build, national scale", ours, base, "ldcf validate, same catalogue", 10.0))
    compare_bytes = len(COMPARE_DATA.search((site / "compare.html").read_text(encoding="utf-8")).group(1).encode())
    pairs = [(f"role-{a:04d}", f"role-{b:04d}") for a, b in ((1, 900), (10, 500), (3, 999), (250, 750), (42, 420))]
    in_chromium = compare_in_chromium(site, pairs)

    teams = {}
    for people in (250, 500, 1000):
        teams[people] = work / f"team-{people}"
        make_team(catalogue, teams[people], people)
    ours, base = side_by_side(
        [LDCF, "--data", str(catalogue), "team", "report", str(teams[1000]), "--format", "json"],
        [LDCF, "validate", str(catalogue)],
        3,
        environment,
        cwd,
    )
    rows.append(("6a. team report, 1,000 people, national scale", ours, base, "ldcf validate, same catalogue", 5.0))
    growth = {
        people: side_by_side(
            [LDCF, "--data", str(catalogue), "team", "report", str(folder), "--format", "json"],
            bare,
            3,
            environment,
            cwd,
        )[0]
        for people, folder in teams.items()
    }

    large = work / "national-5000-roles"
    subprocess.run(
        [sys.executable, str(HERE / "make_catalogue.py"), "--competences", str(NATIONAL["competences"]), "--roles",
         "5000", str(large)],
        check=True,
    )  # fmt: skip
    routes = {}
    for label, folder in (("1,000 roles", catalogue), ("5,000 roles", large)):
        command = [LDCF, "--data", str(folder), "path", "role-0009", "role-0008"]  # levels 1 and 9
        routes[label] = side_by_side(command, bare, 3, environment, cwd)

    peak = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(catalogue)],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    peak_mb = int(peak.stderr.strip().splitlines()[-1]) / 1024

    print(f"Machine: {machine()}")
    print(
        f"National scale: {NATIONAL['competences']:,} competences, {NATIONAL['roles']:,} roles; "
        f"medians of {arguments.runs} alternating runs"
    )
    print()
    print(f"{'measurement':45} {'ldcf':>9} {'baseline':>9} {'ratio':>7} {'goal':>6}  baseline")
    for label, ours, base, baseline_name, goal in rows:
        ratio = ours / base
        verdict = "" if goal is None else " (met)" if ratio <= goal else " (NOT met)"
        goal_text = "" if goal is None else f"{goal:.1f}x"
        print(
            f"{label:45} {ours * 1000:7.0f}ms {base * 1000:7.0f}ms "
            f"{ratio:6.1f}x {goal_text:>6}  {baseline_name}{verdict}"
        )
    verdict = "met" if peak_mb < 1024 else "NOT met"
    print(f"{'4. validate peak memory, national scale':45} {peak_mb:7.0f}MB {'':>9} {'':>7} {'1 GB':>6}  ({verdict})")
    verdict = "met" if compare_bytes <= 3_000_000 else "NOT met"
    size = compare_bytes / 1e6
    print(f"{'5b. compare page data, national scale':45} {size:7.2f}MB {'':>9} {'':>7} {'3 MB':>6}  ({verdict})")
    if isinstance(in_chromium, str):
        print(f"{'5c. compare in Chromium, national scale':45} {in_chromium}")
    else:
        gap_ms, route_ms = in_chromium
        verdict = "met" if gap_ms < 50 else "NOT met"
        label = "5c. compare: a gap in Chromium, median"
        print(f"{label:45} {gap_ms:7.1f}ms {'':>9} {'':>7} {'50 ms':>6}  ({verdict})")
        print(f"{'    and the route between the roles, median':45} {route_ms:7.1f}ms")
    (small, small_bare), (big, _) = routes["1,000 roles"], routes["5,000 roles"]
    label = "7a. path level 1 to 9, 1,000 roles, cache warm"
    print(f"{label:45} {small * 1000:7.0f}ms {small_bare * 1000:7.0f}ms {small / small_bare:6.1f}x  {'10.0x':>6}")
    label = "7b. path level 1 to 9, 5,000 roles"
    print(f"{label:45} {big * 1000:7.0f}ms {'':>9} {big / small:6.1f}x  {'10.0x':>6}  its time at 1,000 roles")
    per_person = [
        (growth[500] - growth[250]) / 250 * 1000,
        (growth[1000] - growth[500]) / 500 * 1000,
    ]
    times = ", ".join(f"{people}: {seconds * 1000:.0f}ms" for people, seconds in growth.items())
    print(f"{'6b. team report by team size':45} {times}")
    print(f"{'    per person, 250-500 and 500-1,000':45} {per_person[0]:.2f}ms and {per_person[1]:.2f}ms")


if __name__ == "__main__":
    main()
