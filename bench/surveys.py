"""The survey planner at 10,000 enrolments: the tick that sends the one-month survey to every participant and
their manager, and the idle ticks after it, each against a baseline measured in the same run.

Usage: python bench/surveys.py [--postgres URL] [--enrollments 10000]

A fresh database (temporary SQLite, or a throw-away PostgreSQL database) holds N employees in teams of 20,
each team with its manager, N enrolments in 100 sessions of two trainings (one with its own schedule), all
completed 30 days before a Tuesday 10:00 in Amsterdam. At that moment:
- baseline (sending tick): render every invitation (subject, text, HTML) in a plain loop;
- measured: `surveys.planner.surveys_plan`: the candidate query, 2N invitations (participant and manager),
  a sign-in link and an outbox row each, the send tasks queued (not run);
- baseline (idle tick): a plain read of the N enrolments in the window, with participant and manager;
- measured: `surveys_plan` a minute later, when everything due has been sent (what every minute costs).
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

from timing import median_seconds


def _fill(n: int, completed_on: dt.date) -> None:
    from beklijf.catalog.models import Enrollment, Training, TrainingSession
    from beklijf.people.models import Employee, Organization, Team, User
    from beklijf.surveys.models import SurveySchedule

    org = Organization.objects.create(name="Bench", slug="bench")
    trainings = [Training.objects.create(organization=org, title=f"Bench {i}") for i in range(2)]
    SurveySchedule.objects.create(training=trainings[1], kind="day7", audience="employee", anchor="completion",
                                  offset_days=10)  # fmt: skip
    start = dt.datetime.combine(completed_on, dt.time(9), tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(training=trainings[i % 2], starts_at=start, ends_at=start + dt.timedelta(hours=6))
        for i in range(100)
    )
    teams_n = max(1, n // 20)
    users = User.objects.bulk_create(
        User(email=f"p{i}@bench.example.com", username=f"p{i}@bench.example.com", password="!")  # noqa: S106
        for i in range(n + teams_n)
    )
    managers = Employee.objects.bulk_create(
        Employee(organization=org, user=users[n + t], first_name="M", last_name=f"Manager {t}",
                 working_days=[0, 1, 2, 3, 4], language="nl" if t % 2 else "en")
        for t in range(teams_n)
    )  # fmt: skip
    teams = Team.objects.bulk_create(
        Team(organization=org, name=f"Team {t}", manager=managers[t]) for t in range(teams_n)
    )
    people = Employee.objects.bulk_create(
        Employee(organization=org, user=users[i], first_name="E", last_name=f"Employee {i}", team=teams[i % teams_n],
                 working_days=[0, 1, 2, 3, 4], language="nl" if i % 3 else "en")
        for i in range(n)
    )  # fmt: skip
    Enrollment.objects.bulk_create(
        Enrollment(employee=p, session=sessions[i % 100], status="completed", completed_on=completed_on)
        for i, p in enumerate(people)
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--enrollments", type=int, default=10_000)
    args = parser.parse_args()

    from beklijf.bench import _prepare_database

    url, cleanup = _prepare_database(args.postgres)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="beklijf.config.settings", BEKLIJF_LOG_LEVEL="WARNING",
                      EMAIL_URL="console://")  # fmt: skip
    os.environ["SECRET_KEY"] = "bench-only-" + os.urandom(16).hex()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from beklijf.notify.models import Outbox
    from beklijf.surveys import planner
    from beklijf.surveys.models import SurveyInvitation

    try:
        call_command("migrate", verbosity=0)
        at = dt.datetime(2026, 12, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
        started = time.perf_counter()
        _fill(args.enrollments, at.date() - dt.timedelta(days=30))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        fill_s = time.perf_counter() - started

        candidates = list(planner._candidates(at))
        unsaved = [
            SurveyInvitation(organization=e.employee.organization, enrollment=e, kind="day30", audience="employee",
                             respondent=e.employee, due_at=at, language=e.employee.language)
            for e in candidates
        ]  # fmt: skip
        # Warm up both sides alike: the URL configuration and the templates load once per process.
        reverse("surveys:link", args=[unsaved[0].code, "x"])
        planner.render_invitation(unsaved[0], link="https://beklijf.example.com/surveys/x/link/y/")
        started = time.perf_counter()
        for invitation in unsaved:
            planner.render_invitation(invitation, link="https://beklijf.example.com/surveys/x/link/y/")
        render_s = (time.perf_counter() - started) * 2  # participant and manager

        started = time.perf_counter()
        plan = planner.surveys_plan(at=at)  # the send tasks are queued on commit of a surrounding transaction
        plan_s = time.perf_counter() - started

        later = at + dt.timedelta(minutes=1)
        from beklijf.catalog.models import Enrollment

        plain = Enrollment.objects.filter(completed_on=at.date() - dt.timedelta(days=30)).select_related(
            "session__training", "employee__user", "employee__team__manager__user"
        )
        read_s = median_seconds(lambda: list(plain.all()), 3)
        idle_s = median_seconds(lambda: planner.surveys_plan(at=later), 3)
        with CaptureQueriesContext(connection) as queries:
            planner.surveys_plan(at=later)
        print(
            json.dumps(
                {
                    "benchmark": "survey planner",
                    "database": connection.vendor,
                    "enrollments": args.enrollments,
                    "fill_seconds": round(fill_s, 1),
                    "baseline_render_only_seconds": round(render_s, 2),
                    "plan_seconds": round(plan_s, 2),
                    "plan_ratio": round(plan_s / render_s, 2),
                    "invitations_created": plan.created,
                    "emails_queued": plan.emailed,
                    "outbox_rows": Outbox.objects.filter(kind="survey").count(),
                    "baseline_read_candidates_seconds": round(read_s, 3),
                    "idle_tick_seconds": round(idle_s, 3),
                    "idle_ratio": round(idle_s / read_s, 2),
                    "idle_tick_queries": len(queries),
                    "goal_seconds": {"sending tick": 60, "idle tick": 5},
                }
            )
        )
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
