"""A team's records, a skills matrix signed off, and an import of it, for measuring `ldcf team` at scale.

    python benchmarks/make_team.py records PEOPLE FOLDER      # PEOPLE records in FOLDER, from the shipped data
    python benchmarks/make_team.py sign-off IN.xlsx OUT.xlsx  # a manager's decisions in a workbook
    python benchmarks/make_team.py import RECORDS OUT.xlsx SCRATCH  # copy RECORDS to SCRATCH, then import into it

Records are made as a real team's are: people in every role of the shipped data, each aiming at the next role
up, holding about two thirds of their role (some of it confirmed), working towards two competences, one of
them with a rejected claim. The sign-off confirms one held claim of each person, rejects another, confirms one
competence shown missing, and names the reviewer and the date (a UK date, as text). `import` copies the records
first, so that every run imports into records as they were made; the copy is part of what is measured, and is
small beside the import.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def records(people: int, folder: Path, data: Path | None = None) -> None:
    import ldcf

    framework = ldcf.load(data) if data else ldcf.load()
    roles = sorted(framework.roles.values(), key=lambda role: (role.level, role.id))
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(people):
        role = roles[index % len(roles)]
        target = next((other for other in roles if other.level > role.level), None)
        needed = [holding.competence.key for holding in framework.holdings(role)]
        held = needed[: 2 * len(needed) // 3]
        lines = [f"name: Person {index:05d}", f"role: {role.id}"]
        if target is not None:
            lines.append(f"target: {target.id}")
        lines.append("held:")
        for number, key in enumerate(held):
            lines.append(f'  - code: "{key}"')
            if number % 3 == 0:
                lines += ["    evidence: Supervision notes", "    date: 2025-03-01"]
            if number % 4 == 0:
                lines += ["    confirmed_by: Lee Manager", "    confirmed_on: 2025-06-01"]
        towards = needed[len(held) : len(held) + 2]
        if towards:
            lines.append("working_towards:")
            lines += [f'  - code: "{key}"\n    target_date: 2027-03' for key in towards]
        (folder / f"person-{index:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def sign_off(workbook: Path, out: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book["Matrix"]
    header = {str(cell.value): cell.column for cell in sheet[4] if cell.value}
    by = header["Reviewed by"]
    on = next(column for text, column in header.items() if text.startswith("Reviewed on"))
    first_status = on + 1
    for row in sheet.iter_rows(min_row=5, min_col=first_status):
        wanted = {"○ Not yet confirmed": "✔ Confirmed", "✔ Confirmed": "✗ Rejected", "✗ Missing": "✔ Confirmed"}
        for cell in row:
            if cell.value in wanted:
                cell.value = wanted.pop(cell.value)
        sheet.cell(row=row[0].row, column=by).value = "Lee Manager"
        sheet.cell(row=row[0].row, column=on).value = "20/11/2026"
    book.save(out)


def run_import(pristine: Path, workbook: Path, scratch: Path) -> None:
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(pristine, scratch)
    ldcf = str(Path(sys.executable).parent / "ldcf")
    os.execv(ldcf, [ldcf, "team", "import", str(workbook), str(scratch), "--yes"])


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "records":
        records(int(arguments[0]), Path(arguments[1]), Path(arguments[2]) if len(arguments) > 2 else None)
    elif command == "sign-off":
        sign_off(Path(arguments[0]), Path(arguments[1]))
    elif command == "import":
        run_import(Path(arguments[0]), Path(arguments[1]), Path(arguments[2]))
    else:
        sys.exit(__doc__)
