"""Coaching signals for 10,000 employees with 6 months of history, and pairing for a cohort of 2,000,
each against a plain read of the same data.

Usage: python bench/coaching.py [--postgres URL] [--employees 10000] [--cohort 2000]

Data: N employees in teams of 20, 20 learning points each (memory states), one answer a working day for
26 weeks (10% extra practice, 15% late), a reminder row every other working day.
- signals: `coaching.signals.segments_compute` (8-week activity per person from the database, then the
  engine's rules) against a plain read of the rows it needs (reviews and reminders of 8 weeks, states);
- pairing: `coaching.selectors.pairs_propose` for one training over a cohort, against a plain read of
  the cohort's memory states.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid


def _reviews(
    employees: list[int], points: list[int], org_id: int, at: dt.datetime, sqlite: bool
) -> list[tuple]:
    rng = random.Random(7)
    rows = []
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    for employee_id in employees:
        for day in range(1, 26 * 7 + 1):
            moment = at - dt.timedelta(days=day, hours=rng.random() * 6)
            if moment.weekday() >= 5:
                continue
            extra = rng.random() < 0.1
            stamp = moment.strftime(fmt) + ("" if sqlite else "+00:00")
            key = uuid.uuid4().hex if sqlite else str(uuid.uuid4())
            correct = rng.random() < 0.8
            rows.append((key, org_id, employee_id, rng.choice(points), "", False, correct, 3 if correct else 1, 2,
                         None if extra else (1 if rng.random() < 0.15 else 0), extra, stamp, stamp))  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--cohort", type=int, default=2_000)
    args = parser.parse_args()

    from beklijf.bench import _fill, _prepare_database

    url, cleanup = _prepare_database(args.postgres)
    os.environ.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="beklijf.config.settings", BEKLIJF_LOG_LEVEL="WARNING"
    )
    os.environ["SECRET_KEY"] = "bench-only-" + os.urandom(16).hex()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from beklijf.catalog.models import Training
    from beklijf.coaching import selectors, signals
    from beklijf.notify.models import Outbox, Preference
    from beklijf.people.access import actor_for
    from beklijf.people.models import Employee, Organization, Team, User
    from beklijf.practice.models import MemoryState, Review

    try:
        call_command("migrate", verbosity=0)
        at = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
        started = time.perf_counter()
        _fill(args.employees * 20, at, seed=3)
        org = Organization.objects.get(slug="bench")
        sqlite = connection.vendor == "sqlite"
        ids = list(Employee.objects.order_by("pk").values_list("pk", flat=True))
        points = list(Training.objects.get(title="Bench").learning_points.values_list("pk", flat=True))
        teams = Team.objects.bulk_create(Team(organization=org, name=f"T{i}") for i in range(len(ids) // 20))
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE people_employee SET team_id = %s WHERE id = %s",
                               [(teams[i // 20].pk, pk) for i, pk in enumerate(ids)])  # fmt: skip
            columns = ("key, organization_id, employee_id, learning_point_id, answer, dont_know, correct, rating, "
                       "review_number, late_days, is_extra, shown_at, answered_at")  # fmt: skip
            rows = _reviews(ids, points, org.pk, at, sqlite)
            if sqlite:
                values = ", ".join(["%s"] * 13)
                cursor.executemany(f"INSERT INTO practice_review ({columns}) VALUES ({values})", rows)  # noqa: S608
            else:
                with (
                    connection.connection.cursor() as raw,
                    raw.copy(f"COPY practice_review ({columns}) FROM STDIN") as copy,
                ):
                    for row in rows:
                        copy.write_row(row)
        Outbox.objects.bulk_create(
            (Outbox(key=f"nudge:{pk}:{d}", organization=org, employee_id=pk, kind="nudge", to="x@example.com",
                    subject="s", body_text="t", status="sent", next_attempt_at=at,
                    created_at=at - dt.timedelta(days=d)) for pk in ids for d in range(1, 57, 2)),
            batch_size=5000,
        )  # fmt: skip
        Preference.objects.bulk_create(
            Preference(employee_id=pk, pairing_opt_in=True) for pk in ids[: args.cohort]
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if sqlite else "VACUUM ANALYZE")
        fill_s = time.perf_counter() - started
        review_count = Review.objects.count()

        since = at - dt.timedelta(weeks=8)

        def plain_read() -> None:
            list(Review.objects.filter(employee__organization=org, answered_at__gte=since).values_list(
                "employee_id", "answered_at", "is_extra", "correct", "late_days"))  # fmt: skip
            list(Outbox.objects.filter(organization=org, kind="nudge", created_at__gte=since).values_list(
                "employee_id", "created_at"))  # fmt: skip
            list(MemoryState.objects.filter(employee__organization=org).values_list(
                "employee_id", "stability", "last_review", "reps", "due"))  # fmt: skip

        started = time.perf_counter()
        plain_read()
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        snapshots = signals.segments_compute(organization=org, at=at)
        signals_s = time.perf_counter() - started

        admin_user = User.objects.create_user(email="ld@bench.example.com", password=None)
        Employee.objects.create(
            organization=org, user=admin_user, first_name="L", last_name="D", role="ld_admin"
        )
        actor = actor_for(admin_user)
        cohort = ids[: args.cohort]
        training = Training.objects.get(title="Bench")
        # Only the cohort follows this training: move everyone else's states to another training.
        other = Training.objects.create(organization=org, title="Other")
        other_points = {
            p: other.learning_points.create(position=i, title=f"O{i}").pk for i, p in enumerate(points)
        }
        with connection.cursor() as cursor:
            for old, new in other_points.items():
                cursor.execute("UPDATE practice_memorystate SET learning_point_id = %s WHERE learning_point_id = %s "
                               "AND employee_id > %s", [new, old, cohort[-1]])  # fmt: skip

            # In each team of the cohort, some know the training well and some hardly: pairs to find.
            cursor.execute("UPDATE practice_memorystate SET stability = CASE WHEN employee_id %% 3 = 0 THEN 300.0 "
                           "ELSE 0.2 END, last_review = %s WHERE employee_id <= %s", [at - dt.timedelta(days=10), cohort[-1]])  # fmt: skip

        def cohort_read() -> None:
            list(MemoryState.objects.filter(employee_id__in=cohort, learning_point__training=training).values_list(
                "employee_id", "stability", "last_review"))  # fmt: skip

        started = time.perf_counter()
        cohort_read()
        cohort_read_s = time.perf_counter() - started
        started = time.perf_counter()
        pairs = selectors.pairs_propose(actor=actor, training=training, at=at)
        pairing_s = time.perf_counter() - started
        print(json.dumps({
            "benchmark": "coaching signals and pairing", "database": connection.vendor,
            "employees": args.employees, "reviews": review_count, "fill_seconds": round(fill_s, 1),
            "signals_plain_read_seconds": round(read_s, 2), "signals_seconds": round(signals_s, 2),
            "signals_ratio": round(signals_s / read_s, 2), "snapshots": snapshots,
            "cohort": args.cohort, "pairing_plain_read_seconds": round(cohort_read_s, 3),
            "pairing_seconds": round(pairing_s, 2), "pairing_ratio": round(pairing_s / cohort_read_s, 1),
            "pairs_proposed": pairs,
        }))  # fmt: skip
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
