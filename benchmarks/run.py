"""Measure ldcf against the goals of its speed and memory, each side by side with a baseline in the same run.

    python benchmarks/run.py [--runs 11] [--catalogue DIR] [--before OTHER/bin/ldcf]

Each figure is the CPU time (user and system) of the whole process, the median of alternating runs (ldcf,
baseline, ldcf, baseline, ...), so that a busy moment of the machine affects both sides alike; every goal is
a ratio to its baseline, printed with PASS or FAIL. Run it with the Python of the environment ldcf is installed
in. `--before` names the `ldcf` of another installation (an earlier commit, say), which is then run in the same
alternation, so that the figures before and after a change come from one run on one machine.

G1. `ldcf role show practitioner` on the shipped data: at most 5x the bare interpreter `python -c pass`;
G2. `ldcf validate` at national scale (25,000 competences, 1,000 roles): at most 1.5x parsing the same YAML files
    with PyYAML's C loader and nothing else; its peak memory under 1 GB;
G3. `ldcf role show` and `ldcf gap` at national scale, cache warm: at most 6x `python -c pass`;
G4. `ldcf path` from a level-1 to a level-9 role, cache warm: at 1,000 roles at most 10x `python -c pass`, and at
    5,000 roles at most 10x its own time at 1,000;
and: validation of 100,000 competences split over several files works, in under 1 GB; `ldcf site build` at
national scale (no cache) at most 10x `ldcf validate`, into a new folder and again with the data unchanged, and
at most 10x its time at 2,500 NOS, the data its compare page loads at most 3 MB and a gap there under 50 ms in
Chromium (measured when Chromium and Playwright are installed: `pip install '.[test]'` and Debian's chromium);
`ldcf team report` over 1,000 people at most 5x `ldcf validate`, and its time for 250, 500 and 1,000 people, to
show that it grows linearly; and a team's skills matrix (`team report -o team.xlsx`) and its sign-off (`team
import`) for 100 and 1,000 people of the shipped data (records and the manager's decisions made by
benchmarks/make_team.py), each at 1,000 at most 12x its time at 100 and at most 15x PyYAML's C loader parsing
the same records (`--team-10000` adds a single run at 10,000 people, reported without a goal). At national
scale, cache warm: `competence search` at most 10x `python -c pass`; `roles`, `level show`, `competence show`,
`doc job-description` (Markdown) and TAB completion of a role at most 8x; `gap --have RECORD` at most 6x on the
shipped data and 8x at national scale (a record is never cached); `suggest` on a job description of 1 MB at most
3x its time on a catalogue of 2,500 NOS; `export case` at 3,000 roles at most 3.5x its time at 1,000 and under
500 MB; and `site build` under 150 MB."""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

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
from ldcf.cli.app import cli
code = 0
try:
    cli(["--no-cache", "validate", sys.argv[1]], prog_name="ldcf")
except SystemExit as exit:
    code = exit.code
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(peak, code, file=sys.stderr)
"""
PASS = "python -c pass"


class Row(NamedTuple):
    label: str
    ours: float
    base: float
    baseline: str
    goal: float | None
    relative_to: str | None = None  # the row whose time is the baseline, so 'before' is compared with its own

    @property
    def verdict(self) -> str:
        return "" if self.goal is None else "PASS" if self.ours / self.base <= self.goal else "FAIL"


def make_catalogue(folder: Path, competences: int, roles: int) -> None:
    script = str(HERE / "make_catalogue.py")
    command = [sys.executable, script, "--competences", str(competences), "--roles", str(roles), str(folder)]
    subprocess.run(command, check=True)


def peak_memory(catalogue: Path, environment: dict[str, str], cwd: str) -> tuple[float, int]:
    """The peak resident memory (MB) of `ldcf validate` on `catalogue`, and its exit code."""
    measured = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(catalogue)], env=environment, cwd=cwd, capture_output=True, text=True
    )
    peak, code = measured.stderr.strip().splitlines()[-1].split()
    return int(peak) / 1024, int(code or 0)


def peak_of(command: list[str], environment: dict[str, str], cwd: str) -> tuple[float, int]:
    """The peak resident memory (MB) of the process `command` alone, and its exit code."""
    process = subprocess.Popen(command, env=environment, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, process.returncode


def job_description(size: int) -> str:
    """A plain-text job description of about `size` bytes: numbered duties worded as the catalogue's titles are."""
    from make_catalogue import CONTEXTS, OBJECTS, VERBS

    rng = random.Random(27)
    lines = ["Job description: Liaison and Diversion practitioner", "", "Key responsibilities", ""]
    written = sum(len(line) + 1 for line in lines)
    while written < size:
        duty = " ".join(word for word in (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(CONTEXTS)) if word)
        aim = f"{rng.choice(VERBS).lower()} {rng.choice(OBJECTS)}"
        lines.append(f"{len(lines) - 3}. {duty}, working with colleagues to {aim}.")
        written += len(lines[-1]) + 1
    return "\n".join(lines) + "\n"


# In a command, replaced by a new empty folder (made in the benchmark's working folder) for each run.
NEW_FOLDER = "{a new folder}"


def cpu_seconds(command: list[str], environment: dict[str, str], cwd: str) -> float:
    """The CPU time (user and system) of the whole process `command` and any it starts."""
    command = [tempfile.mkdtemp(dir=cwd, prefix="new-") if part == NEW_FOLDER else part for part in command]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=environment, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


class Bench:
    """Runs commands side by side; with `before`, every ldcf command is also run by that other installation of
    ldcf in the same alternation, so that the two are compared on the same machine in the same moment."""

    def __init__(self, environment: dict[str, str], cwd: str, before: str | None) -> None:
        self.environment, self.cwd, self.before = environment, cwd, before
        # The other installation keeps a cache folder of its own: its code differs, so an entry one writes is stale
        # for the other, and sharing a folder would make every alternate run rebuild it.
        self.before_environment = {**environment, "LDCF_CACHE_DIR": str(Path(cwd) / "cache-before")}
        self.before_times: dict[str, float] = {}

    def side_by_side(
        self,
        label: str,
        ours: list[str],
        baseline: list[str],
        runs: int,
        settings: dict[str, str] | None = None,
        before: bool | list[str] = True,
    ) -> tuple[float, float]:
        """The medians of `ours` (run with the environment `settings` added) and `baseline`; the other
        installation's too unless not `before` (for what it took minutes or gigabytes to do), with the arguments
        `before` if it is a list (a folder of its own to write, say)."""
        commands = [(ours, {**self.environment, **(settings or {})}), (baseline, self.environment)]
        if self.before and before and ours[0] == LDCF:
            arguments = before if isinstance(before, list) else ours[1:]
            commands.append(([self.before, *arguments], {**self.before_environment, **(settings or {})}))
        for command, environment in commands:  # warm the file cache, ldcf's own cache and Python's bytecode
            cpu_seconds(command, environment, self.cwd)
        times: list[list[float]] = [[] for _ in commands]
        for _ in range(runs):
            for (command, environment), measured in zip(commands, times, strict=True):
                measured.append(cpu_seconds(command, environment, self.cwd))
        medians = [statistics.median(measured) for measured in times]
        if len(medians) == 3:
            self.before_times[label] = medians[2]
        return medians[0], medians[1]


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


def team_workbook_commands(work: Path, sizes: tuple[int, ...]) -> dict[str, dict[int, list[str]]]:
    """For each team size, the commands that write its skills matrix and import a manager's sign-off of it: the
    records (shipped data), the workbook and the decisions made once here by benchmarks/make_team.py."""
    make = [sys.executable, str(HERE / "make_team.py")]
    commands: dict[str, dict[int, list[str]]] = {"team report -o team.xlsx": {}, "team import": {}}
    for people in sizes:
        folder, workbook, signed = (
            work / f"staff-{people}",
            work / f"staff-{people}.xlsx",
            work / f"signed-{people}.xlsx",
        )
        subprocess.run([*make, "records", str(people), str(folder)], check=True)
        subprocess.run([LDCF, "team", "report", str(folder), "-o", str(workbook)], check=True, capture_output=True)
        subprocess.run([*make, "sign-off", str(workbook), str(signed)], check=True)
        commands["team report -o team.xlsx"][people] = [LDCF, "team", "report", str(folder), "-o", str(workbook),
                                                        "--force"]  # fmt: skip
        commands["team import"][people] = [*make, "import", str(folder), str(signed),
                                                       str(work / f"imported-{people}")]  # fmt: skip
    return commands


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
    parser.add_argument("--before", help="Another installation's ldcf executable, measured alongside for comparison.")
    parser.add_argument("--team-10000", action="store_true", help="Also time the skills matrix at 10,000 people.")
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ldcf-bench-"))
    environment = {**os.environ, "LDCF_CACHE_DIR": str(work / "cache")}
    for setting in ("LDCF_DATA", "LDCF_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):  # bytecode as an installed copy has it
        environment.pop(setting, None)
    catalogue = arguments.catalogue or work / "national"
    if arguments.catalogue is None:
        make_catalogue(catalogue, NATIONAL["competences"], NATIONAL["roles"])
    bare = [sys.executable, "-c", "pass"]
    bench = Bench(environment, str(work), arguments.before)  # no ./data there: `role show` uses the shipped data
    runs = arguments.runs
    rows: list[Row] = []

    def measure(label: str, ours: list[str], baseline: list[str], name: str, goal: float | None, times: int,
                before: bool | list[str] = True) -> Row:  # fmt: skip
        row = Row(label, *bench.side_by_side(label, ours, baseline, times, before=before), name, goal)
        rows.append(row)
        return row

    measure("G1 role show practitioner, shipped data", [LDCF, "role", "show", "practitioner"], bare, PASS, 5.0, runs)
    measure(
        "G2 validate, national scale",
        [LDCF, "validate", str(catalogue)],
        [sys.executable, "-c", PARSE_ONLY, str(catalogue)],
        "PyYAML C loader, parse only",
        1.5,
        max(3, runs // 3),
    )
    for label, command in (
        ("G3 role show, national scale, cache warm", ["role", "show", "practitioner"]),
        ("G3 gap, national scale, cache warm", ["gap", "role-0001", "practitioner"]),
    ):
        measure(label, [LDCF, "--data", str(catalogue), *command], bare, PASS, 6.0, runs)
    # A person's record (made as a team's are, benchmarks/make_team.py), shipped data and national scale: gap --have.
    # Records are personal data and never cached, so the record is read and checked on every run.
    make = [sys.executable, str(HERE / "make_team.py"), "records", "1"]
    subprocess.run([*make, str(work / "record-shipped")], check=True)
    subprocess.run([*make, str(work / "record-national"), str(catalogue)], check=True)
    for label, data, folder, goal in (
        ("gap --have RECORD, shipped data", [], "record-shipped", 6.0),
        ("gap --have RECORD, national scale", ["--data", str(catalogue)], "record-national", 8.0),
    ):
        record = work / folder / "person-00000.yaml"
        target = re.search(r"^target: (\S+)$", record.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
        measure(f"   {label}", [LDCF, *data, "gap", "--have", str(record), target], bare, PASS, goal, runs)
    national = [LDCF, "--data", str(catalogue)]
    for label, command in (
        ("roles", ["roles"]),
        ("level show 5", ["level", "show", "5"]),
        ("competence show", ["competence", "show", "SFJ00003"]),
        ("doc job-description, md", ["doc", "job-description", "practitioner"]),
        ("competence search risk", ["competence", "search", "risk"]),
    ):
        goal = 10.0 if label.startswith("competence search") else 8.0
        measure(f"   {label}, national scale", [*national, *command], bare, PASS, goal, runs)
    # TAB completion as bash runs it: click reads the words typed so far from the environment.
    words = f"ldcf --data {catalogue} role show prac"
    completion = {"_LDCF_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": "5"}
    row = Row("   TAB completion of a role, national scale", *bench.side_by_side(
        "   TAB completion of a role, national scale", [LDCF], bare, runs, completion), PASS, 8.0)  # fmt: skip
    rows.append(row)
    # Context, not a goal: what importing the command-line library alone costs, before ldcf does anything.
    measure("   floor: python -c 'import click'", [sys.executable, "-c", "import click"], bare, PASS, None, runs)

    large = work / "national-5000-roles"
    make_catalogue(large, NATIONAL["competences"], 5000)
    route = ["path", "role-0009", "role-0008"]  # levels 1 and 9
    small = measure("G4 path level 1 to 9, 1,000 roles, cache warm", [LDCF, "--data", str(catalogue), *route], bare,
                    PASS, 10.0, 3)  # fmt: skip
    label = "G4 path level 1 to 9, 5,000 roles, cache warm"
    big, _ = bench.side_by_side(label, [LDCF, "--data", str(large), *route], bare, 3)
    rows.append(Row(label, big, small.ours, "the same at 1,000 roles", 10.0, relative_to=small.label))

    # suggest on a job description of 1 MB: at 25,000 competences at most 3x its time at 2,500.
    description = work / "job-description.txt"
    description.write_text(job_description(1_000_000), encoding="utf-8")
    smaller = work / "catalogue-2500"
    make_catalogue(smaller, 2_500, NATIONAL["roles"])
    # (Not with --before: ldcf before the title index took 96 s for this at 25,000 NOS.)
    small = measure("   suggest, 1 MB job description, 2,500 NOS", [LDCF, "--data", str(smaller), "suggest",
                    str(description)], bare, PASS, None, 3, before=False)  # fmt: skip
    label = "   suggest, 1 MB job description, 25,000 NOS"
    big, _ = bench.side_by_side(label, [*national, "suggest", str(description)], bare, 3, before=False)
    rows.append(Row(label, big, small.ours, "the same at 2,500 NOS", 3.0, relative_to=small.label))

    # export case: its associations grow with the roles; at 3,000 roles at most 3.5x its time at 1,000, under 500 MB.
    many_roles = work / "national-3000-roles"
    make_catalogue(many_roles, NATIONAL["competences"], 3000)
    case = ["export", "case", "-o", str(work / "case.json"), "--force"]
    small = measure("   export case, 1,000 roles", [*national, *case], bare, PASS, None, 3)
    label = "   export case, 3,000 roles"  # (not with --before, which took 0.9 GB at 1,000 roles)
    big, _ = bench.side_by_side(label, [LDCF, "--data", str(many_roles), *case], bare, 3, before=False)
    rows.append(Row(label, big, small.ours, "the same at 1,000 roles", 3.5, relative_to=small.label))
    case_mb, case_exit = peak_of([LDCF, "--data", str(many_roles), *case], environment, str(work))

    # site build with no cache, first into a new folder each run, then again into the same folder with the data
    # unchanged, where a build leaves every file as it is. The new folders are kept until the end: on some file
    # systems (ext4 without a journal) making a file right after thousands were deleted is many times slower.
    site = work / "site"
    build = ["--no-cache", "--data", str(catalogue), "site", "build"]
    validate = [LDCF, "validate", str(catalogue)]
    label = "   site build, national scale, no cache, new folder"
    national_site = measure(label, [LDCF, *build, NEW_FOLDER], validate, "ldcf validate, same catalogue", 10.0, 3)
    # Linear in the catalogue: a tenth of the competences (the same roles), at most 10x.
    label = "   site build, 2,500 NOS, no cache, new folder"
    smaller_build = [LDCF, "--no-cache", "--data", str(smaller), "site", "build", NEW_FOLDER]
    small = measure(label, smaller_build, bare, PASS, None, 3)
    rows.append(Row("   the same, 25,000 NOS", national_site.ours, small.ours, "the same at 2,500 NOS", 10.0,
                    relative_to=small.label))  # fmt: skip
    if national_site.label in bench.before_times:
        bench.before_times[rows[-1].label] = bench.before_times[national_site.label]
    measure(
        "   site build again, data unchanged, no cache",
        [LDCF, *build, str(site)],
        validate,
        "ldcf validate, same catalogue",
        10.0,
        3,
        # A folder of its own: each installation rebuilds only a site it built (another's files are refused).
        before=[*build, str(work / "site-before")],
    )
    # Pages are written as they are rendered, so a build's memory does not grow with the pages (cache warm).
    site_mb, site_exit = peak_of([*national, "site", "build", str(site)], environment, str(work))
    compare_bytes = len(COMPARE_DATA.search((site / "compare.html").read_text(encoding="utf-8")).group(1).encode())
    pairs = [(f"role-{a:04d}", f"role-{b:04d}") for a, b in ((1, 900), (10, 500), (3, 999), (250, 750), (42, 420))]
    in_chromium = compare_in_chromium(site, pairs)

    teams = {}
    for people in (250, 500, 1000):
        teams[people] = work / f"team-{people}"
        make_team(catalogue, teams[people], people)
    team_report = [LDCF, "--data", str(catalogue), "team", "report", "--format", "json"]
    measure("   team report, 1,000 people, national scale", [*team_report, str(teams[1000])],
            [LDCF, "validate", str(catalogue)], "ldcf validate, same catalogue", 5.0, 3)  # fmt: skip
    growth = {
        people: bench.side_by_side(f"team {people}", [*team_report, str(folder)], bare, 3)[0]
        for people, folder in teams.items()
    }

    sizes = (100, 1000, 10_000) if arguments.team_10000 else (100, 1000)
    for label, commands in team_workbook_commands(work, sizes).items():
        small = measure(f"   {label}, 100 people", commands[100], bare, PASS, None, 3)
        for people in sizes[1:]:
            times = 3 if people == 1000 else 1
            name = f"   {label}, {people:,} people"
            # Beside it, in the same alternation: PyYAML's C loader parsing the same records and nothing else.
            parse = [sys.executable, "-c", PARSE_ONLY, str(work / f"staff-{people}")]
            big, parsed = bench.side_by_side(name, commands[people], parse, times)
            goal = 12.0 if people == 1000 else None
            rows.append(Row(name, big, small.ours, "the same at 100 people", goal, relative_to=small.label))
            rows.append(
                Row(f"{name}, to parsing", big, parsed, "PyYAML C loader, same records", 15.0 if goal else None)
            )
            if name in bench.before_times:
                bench.before_times[rows[-1].label] = bench.before_times[name]

    peak_mb, _ = peak_memory(catalogue, environment, str(work))
    huge = work / "catalogue-100000"
    make_catalogue(huge, 100_000, NATIONAL["roles"])
    huge_mb, huge_exit = peak_memory(huge, environment, str(work))
    huge_files = len(list((huge / "competences").glob("*.yaml")))

    print(f"Machine: {machine()}")
    print(
        f"National scale: {NATIONAL['competences']:,} competences, {NATIONAL['roles']:,} roles; CPU time of the whole "
        f"process, medians of {runs} alternating runs"
        + (f"; 'before' is {arguments.before}" if arguments.before else "")
    )
    print()
    header = f"{'measurement':48} {'ldcf':>9} {'baseline':>9} {'ratio':>6} {'goal':>5}"
    print(header + (f" {'before':>9} {'ratio':>6}" if arguments.before else "") + "        baseline")
    for row in rows:
        before = bench.before_times.get(row.label)
        before_base = bench.before_times.get(row.relative_to, 0.0) if row.relative_to else row.base
        line = f"{row.label:48} {row.ours * 1000:7.0f}ms {row.base * 1000:7.0f}ms {row.ours / row.base:5.1f}x "
        line += f"{row.goal:4g}x" if row.goal else " " * 5
        if arguments.before:
            line += f" {before * 1000:7.0f}ms {before / before_base:5.1f}x" if before and before_base else " " * 17
        print(f"{line} {row.verdict:4}  {row.baseline}")
    print()
    verdict = "PASS" if peak_mb < 1024 else "FAIL"
    print(f"{'   validate peak memory, national scale':48} {peak_mb:7.0f}MB {'goal: under 1 GB':>27} {verdict}")
    verdict = "PASS" if huge_exit == 0 and huge_mb < 1024 else "FAIL"
    label = f"   validate 100,000 competences in {huge_files} files"
    print(f"{label:48} {huge_mb:7.0f}MB {f'exit {huge_exit}; goal: works, under 1 GB':>27} {verdict}")
    verdict = "PASS" if compare_bytes <= 3_000_000 else "FAIL"
    print(f"{'   compare page data, national scale':48} {compare_bytes / 1e6:7.2f}MB {'goal: 3 MB':>27} {verdict}")
    if isinstance(in_chromium, str):
        print(f"{'   compare in Chromium, national scale':48} {in_chromium}")
    else:
        gap_ms, route_ms = in_chromium
        verdict = "PASS" if gap_ms < 50 else "FAIL"
        print(f"{'   compare: a gap in Chromium, median':48} {gap_ms:7.1f}ms {'goal: 50 ms':>27} {verdict}")
        print(f"{'   and the route between the roles, median':48} {route_ms:7.1f}ms")
    verdict = "PASS" if site_exit == 0 and site_mb < 150 else "FAIL"
    goal = f"exit {site_exit}; goal: under 150 MB"
    print(f"{'   site build peak memory, national, cache warm':48} {site_mb:7.0f}MB {goal:>27} {verdict}")
    verdict = "PASS" if case_exit == 0 and case_mb < 500 else "FAIL"
    goal = f"exit {case_exit}; goal: under 500 MB"
    print(f"{'   export case peak memory, 3,000 roles':48} {case_mb:7.0f}MB {goal:>27} {verdict}")
    per_person = [(growth[500] - growth[250]) / 250 * 1000, (growth[1000] - growth[500]) / 500 * 1000]
    times = ", ".join(f"{people}: {seconds * 1000:.0f}ms" for people, seconds in growth.items())
    print(f"{'   team report by team size':48} {times}")
    print(f"{'   per person, 250-500 and 500-1,000':48} {per_person[0]:.2f}ms and {per_person[1]:.2f}ms")


if __name__ == "__main__":
    main()
