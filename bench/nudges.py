"""Rendering and queueing the daily reminders for 50,000 employees, against a bare loop that only renders.

Usage: python bench/nudges.py [--postgres URL] [--employees 50000]

A fresh database (temporary SQLite, or a throw-away PostgreSQL database) holds N employees with 20 learning
points each (1M memory states for 50,000), every employee with at least one point due. Then, at a Tuesday
10:00 in Amsterdam:
- baseline: render the reminder (subject, text, HTML) for every employee in a plain loop;
- measured: `notify.nudges.nudges_plan`: the rules query, a magic link and an outbox row per person, and
  the send tasks queued (100 messages per task).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import zoneinfo


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--employees", type=int, default=50_000)
    args = parser.parse_args()

    from beklijf.bench import _fill, _prepare_database

    url, cleanup = _prepare_database(args.postgres)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="beklijf.config.settings", BEKLIJF_LOG_LEVEL="WARNING",
                      EMAIL_URL="console://")  # fmt: skip
    os.environ["SECRET_KEY"] = "bench-only-" + os.urandom(16).hex()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from beklijf.notify.models import Outbox
    from beklijf.notify.nudges import nudges_plan, render_nudge
    from beklijf.people.models import Employee

    try:
        call_command("migrate", verbosity=0)
        at = dt.datetime(2026, 12, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
        started = time.perf_counter()
        _fill(args.employees * 20, at.astimezone(dt.UTC), seed=1)
        with connection.cursor() as cursor:
            # Every employee has at least their first learning point due this morning.
            cursor.execute(
                "UPDATE practice_memorystate SET due = %s WHERE learning_point_id = "
                "(SELECT MIN(learning_point_id) FROM practice_memorystate)",
                [at - dt.timedelta(hours=2)],
            )
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        fill_s = time.perf_counter() - started

        people = list(Employee.objects.select_related("organization", "user"))
        started = time.perf_counter()
        for person in people:
            render_nudge(person, link="https://beklijf.example.com/practice/link/x/", due_count=3)
        render_s = time.perf_counter() - started

        started = time.perf_counter()
        plan = nudges_plan(at=at)
        plan_s = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "benchmark": "render and queue the daily reminders",
                    "database": connection.vendor,
                    "employees": args.employees,
                    "memory_states": args.employees * 20,
                    "fill_seconds": round(fill_s, 1),
                    "baseline_render_only_seconds": round(render_s, 1),
                    "plan_seconds": round(plan_s, 1),
                    "ratio": round(plan_s / render_s, 2),
                    "reminders_queued": plan.created,
                    "outbox_rows": Outbox.objects.count(),
                    "goal_seconds": 60,
                }
            )
        )
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
