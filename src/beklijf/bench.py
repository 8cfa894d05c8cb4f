"""`beklijf bench queue --states N [--json]`: today's queue for every employee, against a bare indexed count.

Builds a fresh database (a temporary SQLite file, or a throw-away PostgreSQL database with --postgres URL),
fills it with N memory states (20 learning points per employee, so N/20 employees), then times:
- baseline: `SELECT employee_id, COUNT(*) … WHERE due <= now GROUP BY employee_id` (indexed on due);
- queue: `practice.queue.due_queues`, the same scan plus R for every row (numpy) and the per-employee cut.
Each is the median of --repeat runs, measured alternately in the same process, and the ratio is reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

POINTS_PER_EMPLOYEE = 20


def _prepare_database(postgres: str | None) -> tuple[str, callable]:
    if postgres is None:
        folder = tempfile.mkdtemp(prefix="beklijf-bench-")
        return f"sqlite:///{folder}/bench.sqlite3", lambda: None
    import psycopg

    name = f"beklijf_bench_{os.getpid()}"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(postgres)
    url = urlunsplit(parts._replace(path=f"/{name}"))

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return url, drop


def _fill(states: int, at: dt.datetime, seed: int) -> None:
    import numpy as np
    from django.db import connection

    from beklijf.catalog.models import LearningPoint, Training
    from beklijf.people.models import Organization

    rng = np.random.default_rng(seed)
    employees = states // POINTS_PER_EMPLOYEE
    org = Organization.objects.create(name="Bench", slug="bench")
    training = Training.objects.create(organization=org, title="Bench")
    points = [
        LearningPoint.objects.create(training=training, position=i, title=f"P{i}").pk
        for i in range(POINTS_PER_EMPLOYEE)
    ]
    sqlite = connection.vendor == "sqlite"

    def stamp(value: dt.datetime) -> str:
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") + ("" if sqlite else "+00:00")

    now_text = stamp(at)
    users = [("!", False, f"u{i}@bench.example.com", f"u{i}@bench.example.com", "", "", False, True, now_text)
             for i in range(employees)]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO people_user (password, is_superuser, username, email, first_name, last_name, is_staff,"
            " is_active, date_joined) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            users,
        )
        cursor.execute("SELECT id FROM people_user ORDER BY id")
        user_ids = [row[0] for row in cursor.fetchall()]
        cursor.executemany(
            "INSERT INTO people_employee (code, organization_id, user_id, employee_number, first_name, name_prefix,"
            " last_name, job_title, location, role, language, time_zone, working_days, is_active, created_at)"
            " VALUES (%s, %s, %s, %s, 'B', '', 'B', '', '', 'employee', 'nl', 'Europe/Amsterdam', '[0,1,2,3,4]', %s, %s)",
            [
                (uuid.uuid4().hex if sqlite else str(uuid.uuid4()), org.pk, uid, str(i), True, now_text)
                for i, uid in enumerate(user_ids)
            ],  # fmt: skip
        )
        cursor.execute("SELECT id FROM people_employee ORDER BY id")
        employee_ids = [row[0] for row in cursor.fetchall()]

    # Due days spread over 60 days, 3 of them in the past: about 5% is due, as in a steady state.
    due_days = rng.uniform(-3, 57, states)
    stability = rng.lognormal(mean=2.0, sigma=1.0, size=states)
    new = rng.random(states) < 0.1
    rows = []
    for i in range(states):
        due = at + dt.timedelta(days=float(due_days[i]))
        if new[i]:
            s, d, last, reps = None, None, None, 0
        else:
            s, d, reps = float(stability[i]), 5.0, 3
            last = stamp(due - dt.timedelta(days=float(stability[i])))
        rows.append((employee_ids[i // POINTS_PER_EMPLOYEE], points[i % POINTS_PER_EMPLOYEE], s, d, stamp(due), last,
                     reps, 0, now_text))  # fmt: skip
    columns = (
        "employee_id, learning_point_id, stability, difficulty, due, last_review, reps, lapses, started_at"
    )
    if sqlite:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO practice_memorystate ({columns}) VALUES ({', '.join(['%s'] * 9)})",  # noqa: S608 - constants
                rows,
            )
    else:
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY practice_memorystate ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        connection.connection.commit()
    with connection.cursor() as cursor:
        # VACUUM sets PostgreSQL's visibility map, as autovacuum would, so index-only scans can be used.
        cursor.execute("ANALYZE" if sqlite else "VACUUM ANALYZE")


def _median_ms(fn, repeat: int) -> tuple[float, list[float]]:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def run_queue(states: int, *, postgres: str | None, repeat: int, seed: int) -> dict:
    url, cleanup = _prepare_database(postgres)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beklijf.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from beklijf.engine import memory as engine
    from beklijf.practice.queue import due_queues

    try:
        call_command("migrate", verbosity=0)
        at = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)
        started = time.perf_counter()
        _fill(states, at, seed)
        fill_s = time.perf_counter() - started

        def baseline() -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT employee_id, COUNT(*) FROM practice_memorystate WHERE due <= %s GROUP BY employee_id",
                    [at],
                )
                cursor.fetchall()

        result_holder = {}

        def queue() -> None:
            result_holder["q"] = due_queues(at=at, cap=5, parameters=engine.Parameters.DEFAULT, target=0.9)

        baseline()
        queue()  # warm both
        base_times, queue_times = [], []
        for _ in range(repeat):  # alternate, so a noisy neighbour hits both alike
            base_times.append(_median_ms(baseline, 1)[0])
            queue_times.append(_median_ms(queue, 1)[0])
        base_ms, queue_ms = statistics.median(base_times), statistics.median(queue_times)

        def total_count() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM practice_memorystate WHERE due <= %s", [at])
                cursor.fetchall()

        count_ms = _median_ms(total_count, repeat)[0]
        q = result_holder["q"]
        return {
            "benchmark": "daily queue for every employee",
            "database": connection.vendor,
            "states": states,
            "employees": states // POINTS_PER_EMPLOYEE,
            "due_rows_in_queue": len(q["employee_id"]),
            "employees_with_questions": len(set(q["employee_id"].tolist())),
            "fill_seconds": round(fill_s, 1),
            "baseline_ms": round(base_ms, 1),
            "queue_ms": round(queue_ms, 1),
            "ratio": round(queue_ms / base_ms, 2),
            "plain_total_count_ms": round(count_ms, 1),
            "repeat": repeat,
        }
    finally:
        cleanup()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="beklijf bench")
    sub = parser.add_subparsers(dest="which", required=True)
    q = sub.add_parser("queue", help="today's queue for every employee vs a bare indexed count")
    q.add_argument("--states", type=int, default=1_000_000)
    q.add_argument(
        "--postgres", metavar="URL", help="a PostgreSQL server URL; a throw-away database is made there"
    )
    q.add_argument("--repeat", type=int, default=7)
    q.add_argument("--seed", type=int, default=1)
    q.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run_queue(args.states, postgres=args.postgres, repeat=args.repeat, seed=args.seed)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>26}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
