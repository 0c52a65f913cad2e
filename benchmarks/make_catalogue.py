"""Write a synthetic data folder in ldcf's format, for measuring ldcf at national scale.

    python benchmarks/make_catalogue.py --competences 25000 --roles 1000 /tmp/national

The folder holds the nine levels, N competences with codes and titles shaped like real NOS (about twenty of
them core at each level, as in the framework), and M roles spread over levels 1-9, each with 20-60 role-specific
competences. It includes a role called `practitioner` so that the same commands work on it as on the shipped
data. More than 25,000 competences are split over `competences/part-NN.yaml`, as a maintainer would split a
catalogue too large for one file. The output is the same for the same arguments and seed.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

PREFIXES = ["GEN", "CHS", "SCDHSC", "SFJ", "CFAM&L", "CFA_BAA", "MH", "HI", "PHS", "ESKITU", "PROHSS", "SFJCPS"]
VERBS = [
    "Assess",
    "Support",
    "Manage",
    "Develop",
    "Communicate with",
    "Plan",
    "Review",
    "Promote",
    "Monitor",
    "Lead",
    "Coordinate",
    "Evaluate",
    "Advise",
    "Record",
    "Maintain",
    "Contribute to",
    "Identify",
    "Enable",
]
OBJECTS = [
    "individuals",
    "the needs of people",
    "services and facilities",
    "risks to health and safety",
    "team members",
    "information",
    "partnership working",
    "the safeguarding of individuals",
    "care programmes",
    "learning and development",
    "budgets",
    "projects",
    "mental health needs",
    "substance misuse",
    "people in custody",
    "vulnerable groups",
    "records",
    "quality audits",
]
CONTEXTS = [
    "in a healthcare environment",
    "in a custodial setting",
    "in the community",
    "across agencies",
    "in your area of responsibility",
    "with families and carers",
    "in courts and formal hearings",
    "",
]
CORE_PER_LEVEL = 20
PER_FILE = 25_000  # competences per file; a larger catalogue is written as competences/part-NN.yaml


def code_for(index: int, rng: random.Random) -> str:
    prefix = PREFIXES[index % len(PREFIXES)]
    code = f"{prefix}{index:05d}"
    return f"{code}.{rng.choice([2010, 2012, 2013, 2015])}" if prefix in ("MH", "HI") else code


def title_for(index: int, rng: random.Random) -> str:
    words = [rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(CONTEXTS)]
    return f"{' '.join(word for word in words if word)} ({index})"


def quoted(text: str) -> str:
    return json.dumps(text)


def write_catalogue(directory: Path, competences: int, roles: int, seed: int) -> None:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "roles").mkdir(exist_ok=True)

    level_lines = ["levels:"]
    for level in range(1, 10):
        level_lines += [
            f"  - level: {level}",
            f"    indicative_title: Level {level} title",
            f"    descriptor: People at level {level} work with knowledge and responsibility of level {level}.",
        ]
    (directory / "levels.yaml").write_text("\n".join(level_lines) + "\n", encoding="utf-8")

    codes = [code_for(index, rng) for index in range(competences)]
    core: dict[str, list[int]] = {}
    for level in range(1, 10):
        for code in rng.sample(codes[: CORE_PER_LEVEL * 3], CORE_PER_LEVEL):
            core.setdefault(code, []).append(level)
    entries: list[str] = []
    for index, code in enumerate(codes):
        competence_lines = [f"  - code: {quoted(code)}", f"    title: {quoted(title_for(index, rng))}"]
        if index % 7 == 0:
            competence_lines.append(f"    aliases: [{quoted(code[:3] + ' ' + code[3:])}]")
        competence_lines.append(f"    url: https://tools.example.org/competence/{index}/")
        if code in core:
            competence_lines.append(f"    core_levels: {sorted(core[code])}")
        competence_lines.append("    source: synthetic catalogue")
        entries.append("\n".join(competence_lines))
    if competences <= PER_FILE:
        (directory / "competences.yaml").write_text("competences:\n" + "\n".join(entries) + "\n", encoding="utf-8")
    else:  # as a maintainer would split a catalogue too large for one file
        (directory / "competences").mkdir(exist_ok=True)
        for part, start in enumerate(range(0, competences, PER_FILE), start=1):
            text = "competences:\n" + "\n".join(entries[start : start + PER_FILE]) + "\n"
            (directory / "competences" / f"part-{part:02d}.yaml").write_text(text, encoding="utf-8")

    core_at = {level: {code for code, levels in core.items() if level in levels} for level in range(1, 10)}
    for number in range(roles):
        role_id = "practitioner" if number == 0 else f"role-{number:04d}"
        level = 5 if number == 0 else 1 + number % 9
        candidates = [code for code in rng.sample(codes, 80) if code not in core_at[level]]
        chosen = candidates[: rng.randint(20, 60)]
        lines = [
            f"id: {role_id}",
            f"title: {quoted('Practitioner' if number == 0 else f'Synthetic role {number}')}",
            f"level: {level}",
            "source:",
            "  document: Synthetic catalogue",
            '  date: "2026"',
            "role_specific:",
            "  - competences:",
            *(f"      - {quoted(code)}" for code in chosen),
        ]
        (directory / "roles" / f"{role_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--competences", type=int, default=25_000)
    parser.add_argument("--roles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("directory", type=Path)
    arguments = parser.parse_args()
    write_catalogue(arguments.directory, arguments.competences, arguments.roles, arguments.seed)


if __name__ == "__main__":
    main()
