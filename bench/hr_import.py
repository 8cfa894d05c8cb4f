"""The HR import of 10,000 employees: the dry run and the real import, against a bulk_create of the same rows.

Usage: python bench/hr_import.py [--postgres URL] [--employees 10000]

Data: a CSV export with Dutch headings (Personeelsnummer, Roepnaam, Voorvoegsel, Achternaam, E-mail (werk),
Afdeling, Functie, Leidinggevende), a title row above the header, 100 departments, a three-level manager
tree (1 director, 100 heads of department reporting to the director, everyone else to their head),
e-mail addresses padded and in mixed case, a third of the last names with a particle.
Measured on a fresh database, each the median of --repeat runs (the first import and the baseline are
rolled back between runs, so every run starts from the same state; the last import is kept):
- read: checking and reading the CSV (files.check_upload + read_rows), and the same rows as XLSX;
- dry run, empty database: hr.plan, 10,000 to create;
- import: hr.apply (creates users, employees, teams, then the managers), in one transaction;
- dry run again and import again: the same file, now all unchanged (what a nightly sync costs);
- baseline, timed first on the same empty database and rolled back: bulk_create of the same 10,000 users
  and employees (teams created, manager ids set with one UPDATE per manager), the least work any import
  must do.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import time


def export_rows(n: int) -> list[list[str]]:
    rng = random.Random(8)
    particles = ["van", "de", "van der", "van den", "ter", ""]
    header = ["Personeelsnummer", "Roepnaam", "Voorvoegsel", "Achternaam", "E-mail (werk)", "Afdeling", "Functie",
              "Leidinggevende"]  # fmt: skip
    rows = [["Medewerkers (export)"], [], header]
    heads = max(1, n // 100)
    for i in range(n):
        number = f"{100000 + i}"
        if i == 0:
            manager, team = "", "Directie"
        elif i <= heads:
            manager, team = "100000", f"Afdeling {i}"
        else:
            head = 1 + (i % heads)
            manager, team = f"{100000 + head}", f"Afdeling {head}"
        prefix = rng.choice(particles) if rng.random() < 0.33 else ""
        email = f"  Medewerker.{i}@Bench.example.com " if i % 3 == 0 else f"medewerker.{i}@bench.example.com"
        rows.append([number, f"Voornaam{i}", prefix, f"Achternaam{i}", email, team, "Medewerker", manager])
    return rows


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Medewerkers")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def timed(function, repeat: int = 1, *, rollback_all_but_last: bool = False, rollback_all: bool = False):  # noqa: ANN001,ANN201
    """(the last result, the median seconds of `repeat` runs)."""
    from django.db import transaction

    timings, result = [], None
    for run in range(repeat):
        started = time.perf_counter()
        if rollback_all or (rollback_all_but_last and run < repeat - 1):
            with transaction.atomic():
                result = function()
                transaction.set_rollback(True)
        else:
            result = function()
        timings.append(time.perf_counter() - started)
    return result, round(statistics.median(timings), 3)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from beklijf.bench import _prepare_database

    url, cleanup = _prepare_database(args.postgres)
    os.environ.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="beklijf.config.settings", BEKLIJF_LOG_LEVEL="WARNING"
    )
    os.environ["SECRET_KEY"] = "bench-only-" + os.urandom(16).hex()
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction

    from beklijf.imports import files, hr
    from beklijf.people.models import DEFAULT_WORKING_DAYS, Employee, Organization, Team, User

    try:
        call_command("migrate", verbosity=0)
        org = Organization.objects.create(name="Bench", slug="bench")
        rows_in = export_rows(args.employees)
        data, xlsx_data = to_csv(rows_in), to_xlsx(rows_in)

        def read(payload: bytes, kind: str) -> list:
            files.check_upload(payload, kind)
            return files.read_rows(payload, kind)

        n = args.repeat
        rows, read_csv = timed(lambda: read(data, "csv"), n)
        _xlsx_rows, read_xlsx = timed(lambda: read(xlsx_data, "xlsx"), n)
        layout = hr.detect_layout(rows, org)
        other = Organization.objects.create(name="Baseline", slug="baseline")
        data_rows = rows[3:]

        @transaction.atomic
        def baseline() -> None:
            teams = {
                name: Team.objects.create(organization=other, name=name) for name in {r[5] for r in data_rows}
            }
            users = [User(email=f"b{r[0]}@bench.example.com", username=f"b{r[0]}@bench.example.com",
                          password=make_password(None)) for r in data_rows]  # fmt: skip
            User.objects.bulk_create(users, batch_size=500)
            people = [
                Employee(organization=other, user=u, employee_number=r[0], first_name=r[1], name_prefix=r[2],
                         last_name=r[3], team=teams[r[5]], job_title=r[6], working_days=list(DEFAULT_WORKING_DAYS))
                for r, u in zip(data_rows, users, strict=True)
            ]  # fmt: skip
            Employee.objects.bulk_create(people, batch_size=500)
            by_number = {p.employee_number: p for p in people}
            reports: dict[int, list[int]] = {}
            for r, p in zip(data_rows, people, strict=True):
                if r[7]:
                    reports.setdefault(by_number[r[7]].pk, []).append(p.pk)
            for manager_id, pks in reports.items():  # the cheapest way to set them: one UPDATE per manager
                for start in range(0, len(pks), 500):
                    Employee.objects.filter(pk__in=pks[start : start + 500]).update(manager_id=manager_id)

        _none, base = timed(baseline, n, rollback_all=True)  # first, on the same empty state as the import
        first, dry_empty = timed(lambda: hr.plan(org, rows, layout), n)
        assert first.created == args.employees and not first.invalid, first.errors[:5]
        (applied, written), real = timed(lambda: hr.apply(org, rows, layout), n, rollback_all_but_last=True)
        assert written and applied.created == args.employees
        second, dry_full = timed(lambda: hr.plan(org, rows, layout), n)
        assert second.unchanged == args.employees, (second.created, second.updated)
        (again, written), real_again = timed(lambda: hr.apply(org, rows, layout), n)
        assert written and again.unchanged == args.employees

        print(
            json.dumps({
                "database": connection.vendor,
                "employees": args.employees,
                "repeat": n,
                "load_average_1min": round(os.getloadavg()[0], 1),
                "read_csv_s": read_csv,
                "read_xlsx_s": read_xlsx,
                "dry_run_empty_db_s": dry_empty,
                "import_s": real,
                "dry_run_again_s": dry_full,
                "import_again_s": real_again,
                "baseline_bulk_create_s": base,
                "import_vs_baseline": round(real / base, 2),
                "dry_run_vs_baseline": round(dry_empty / base, 2),
            })
        )  # fmt: skip
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
