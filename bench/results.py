"""The provider comparison at a realistic size, against one aggregate over the same review log.

Usage: python bench/results.py [--postgres URL] [--providers 20] [--sessions 200] [--participants 5000]
                               [--reviews-each 100] [--repeat 5]

Data: P providers with 2 trainers each, 2 trainings per provider of 5 learning points, S sessions spread
over the trainings, N participants spread over the sessions (each completed one), R reviews per
participant on their training's points with elapsed days spread over 1-60 (about a quarter falls in the
4-week window), 5 memory states per participant, and per enrolment an end survey (confidence, opportunity),
a 30-day and a 60-90-day manager application answer and a results estimate.
- baseline: `practice.selectors.retention` over the organisation's whole review log (one aggregate of three
  windows: the cheapest honest read of the same rows);
- comparison: `results.selectors.comparison(by="provider")`: every count per session (participants,
  retention, application at 30 and 60-90 days, drop-off, reactions, cost) and the engine's scorecard.
Prints one JSON object with the median of --repeat runs of each, alternated.
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
from decimal import Decimal

from timing import median_seconds


def _fill(args: argparse.Namespace, at: dt.datetime) -> dict:  # noqa: PLR0915
    from django.db import connection

    from beklijf.catalog.models import Enrollment, LearningPoint, Provider, Trainer, Training, TrainingSession
    from beklijf.people.models import Employee, Organization, User
    from beklijf.practice.models import MemoryState
    from beklijf.surveys.models import SurveyAnswer, SurveyInvitation

    rng = random.Random(11)
    org = Organization.objects.create(name="Bench", slug="bench")
    providers = Provider.objects.bulk_create(
        Provider(organization=org, name=f"P{i}") for i in range(args.providers)
    )
    trainers = Trainer.objects.bulk_create(
        Trainer(provider=p, name=f"{p.name}-T{j}") for p in providers for j in range(2)
    )
    trainings = Training.objects.bulk_create(
        Training(organization=org, title=f"{p.name}-C{j}", provider=p, hours=Decimal(4),
                 cost_per_participant=Decimal(300 + 50 * (i % 5)))
        for i, p in enumerate(providers) for j in range(2)
    )  # fmt: skip
    points = {t.pk: [] for t in trainings}
    for lp in LearningPoint.objects.bulk_create(
        LearningPoint(training=t, position=k, title=f"{t.title}-{k}") for t in trainings for k in range(5)
    ):
        points[lp.training_id].append(lp.pk)
    by_provider = {t.pk: [tr for tr in trainers if tr.provider_id == t.provider_id] for t in trainings}
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(training=t, trainer=by_provider[t.pk][s % 2], starts_at=at - dt.timedelta(days=100 + s),
                        ends_at=at - dt.timedelta(days=100 + s) + dt.timedelta(hours=4))
        for s in range(args.sessions) for t in [trainings[s % len(trainings)]]
    )  # fmt: skip
    users = User.objects.bulk_create(
        User(email=f"p{i}@bench.example.com", username=f"p{i}@bench.example.com", password="!")  # noqa: S106
        for i in range(args.participants + 1)
    )
    manager = Employee.objects.create(organization=org, user=users[0], first_name="M", last_name="M")
    employees = Employee.objects.bulk_create(
        Employee(organization=org, user=u, first_name="E", last_name=str(i), manager=manager)
        for i, u in enumerate(users[1:])
    )
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(employee=e, session=sessions[i % len(sessions)], status="completed",
                   completed_on=sessions[i % len(sessions)].starts_at.date())
        for i, e in enumerate(employees)
    )  # fmt: skip
    session_training = {s.pk: s.training_id for s in sessions}
    skill = {t.pk: 0.55 + 0.4 * rng.random() for t in trainings}  # each training's true retention
    MemoryState.objects.bulk_create(
        (MemoryState(employee_id=en.employee_id, learning_point_id=lp, due=at - dt.timedelta(days=rng.choice((1, 30))),
                     started_at=at - dt.timedelta(days=99))
         for en in enrollments for lp in points[session_training[en.session_id]]),
        batch_size=5000,
    )  # fmt: skip
    invitations = []
    for en in enrollments:
        for kind, audience in (("end", "employee"), ("day30", "manager"), ("results", "manager")):
            invitations.append(SurveyInvitation(
                organization=org, enrollment=en, kind=kind, audience=audience,
                respondent=manager if audience == "manager" else en.employee, due_at=at, sent_at=at,
                answered_at=at, language="nl"))  # fmt: skip
    invitations = SurveyInvitation.objects.bulk_create(invitations, batch_size=5000)
    answers = []
    for inv in invitations:
        if inv.kind == "end":
            answers += [SurveyAnswer(invitation=inv, field="confidence", number=rng.randint(2, 5)),
                        SurveyAnswer(invitation=inv, field="opportunity", number=rng.randint(0, 3))]  # fmt: skip
        else:
            answers.append(SurveyAnswer(invitation=inv, field="application", number=rng.randint(0, 3)))
    SurveyAnswer.objects.bulk_create(answers, batch_size=5000)

    sqlite = connection.vendor == "sqlite"
    columns = ("key, organization_id, employee_id, learning_point_id, answer, dont_know, correct, rating, "
               "review_number, elapsed_days, response_ms, is_extra, shown_at, answered_at")  # fmt: skip
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    rows = []
    for en in enrollments:
        training_id = session_training[en.session_id]
        for _ in range(args.reviews_each):
            moment = at - dt.timedelta(days=rng.random() * 90)
            stamp = moment.strftime(fmt) + ("" if sqlite else "+00:00")
            correct = rng.random() < skill[training_id]
            rows.append((uuid.uuid4().hex if sqlite else str(uuid.uuid4()), org.pk, en.employee_id,
                         rng.choice(points[training_id]), "", False, correct, 3 if correct else 1, 2,
                         rng.uniform(1, 60), rng.randint(4000, 40000), False, stamp, stamp))  # fmt: skip
    with connection.cursor() as cursor:
        if sqlite:
            values = ", ".join(["%s"] * 14)
            cursor.executemany(f"INSERT INTO practice_review ({columns}) VALUES ({values})", rows)  # noqa: S608
        else:
            with (
                connection.connection.cursor() as raw,
                raw.copy(f"COPY practice_review ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        cursor.execute("ANALYZE" if sqlite else "VACUUM ANALYZE")
    admin = User.objects.create_user(email="ld@bench.example.com", password=None)
    Employee.objects.create(organization=org, user=admin, first_name="L", last_name="D", role="ld_admin")
    return {"org": org, "admin": admin, "reviews": len(rows), "answers": len(answers)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--reviews-each", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from beklijf.bench import _prepare_database

    url, cleanup = _prepare_database(args.postgres)
    os.environ.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="beklijf.config.settings", BEKLIJF_LOG_LEVEL="WARNING"
    )
    os.environ["SECRET_KEY"] = "bench-only-" + os.urandom(16).hex()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from beklijf.people.access import actor_for
    from beklijf.practice.models import Review
    from beklijf.practice.selectors import retention
    from beklijf.results import selectors

    try:
        call_command("migrate", verbosity=0)
        at = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
        started = time.perf_counter()
        data = _fill(args, at)
        fill_s = time.perf_counter() - started
        actor = actor_for(data["admin"])

        def baseline() -> None:
            retention(reviews=Review.objects.filter(organization=data["org"]))

        def comparison() -> None:
            selectors.comparison(actor=actor, by="provider", at=at)

        baseline()
        comparison()  # warm caches for both
        base_s, comp_s = [], []
        for _ in range(args.repeat):
            base_s.append(median_seconds(baseline, 1))
            comp_s.append(median_seconds(comparison, 1))
        base, comp = sorted(base_s)[len(base_s) // 2], sorted(comp_s)[len(comp_s) // 2]
        card = selectors.comparison(actor=actor, by="provider", at=at)
        print(json.dumps({
            "benchmark": "provider comparison", "database": connection.vendor, "providers": args.providers,
            "sessions": args.sessions, "participants": args.participants, "reviews": data["reviews"],
            "survey_answers": data["answers"], "fill_seconds": round(fill_s, 1),
            "baseline_retention_aggregate_seconds": round(base, 3), "comparison_seconds": round(comp, 3),
            "ratio": round(comp / base, 2), "ranked": sum(1 for r in card["rows"] if r.score.rank),
        }))  # fmt: skip
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
