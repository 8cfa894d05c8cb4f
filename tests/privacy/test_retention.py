"""Retention periods over simulated time: applied by the daily tick, idempotent, per organisation."""

from __future__ import annotations

import datetime as dt
import uuid

import time_machine
from django.utils import timezone

from beklijf.coaching.models import Blocker, SegmentSnapshot
from beklijf.practice.models import Review
from beklijf.privacy.models import AuditEvent, RetentionRun
from beklijf.privacy.retention import months_before, retention_tick
from tests.conftest import World

START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _seed(world: World) -> None:
    point = world.training.learning_points.first()
    for person in (world.employee, world.ld_admin_b):
        Review.objects.create(key=uuid.uuid4(), organization=person.organization, employee=person, learning_point=point,
                              correct=True, rating=3, review_number=1, shown_at=START, answered_at=START)  # fmt: skip
    SegmentSnapshot.objects.create(employee=world.employee, segment="laggard", rule="r", numbers={},
                                   period_start=START.date(), period_end=START.date(), computed_at=START)  # fmt: skip
    Blocker.objects.create(organization=world.org, employee=world.employee, category="time", status="resolved",
                           created_at=START - dt.timedelta(days=30), resolved_at=START)  # fmt: skip
    Blocker.objects.create(organization=world.org, employee=world.employee, category="tools",
                           created_at=START - dt.timedelta(days=30))  # open: stays however old  # fmt: skip


def _left(world: World) -> dict[str, int]:
    return {
        "reviews_a": Review.objects.filter(organization=world.org).count(),
        "reviews_b": Review.objects.filter(organization=world.org_b).count(),
        "segments": SegmentSnapshot.objects.count(),
        "resolved": Blocker.objects.filter(status="resolved").count(),
        "open": Blocker.objects.filter(status="open").count(),
    }


def test_each_kind_goes_after_its_period_and_a_second_run_deletes_nothing(world: World, run_tick) -> None:  # noqa: ANN001
    world.org_b.retention_reviews_months = 6  # organisation B chose a shorter period for answers
    world.org_b.save()
    _seed(world)
    assert _left(world) == {"reviews_a": 1, "reviews_b": 1, "segments": 1, "resolved": 1, "open": 1}

    run_tick(START + dt.timedelta(days=200))  # ~6.5 months: only B's answers are past their period
    assert _left(world) == {"reviews_a": 1, "reviews_b": 0, "segments": 1, "resolved": 1, "open": 1}

    thirteen_months = START + dt.timedelta(days=396)
    run_tick(thirteen_months)
    assert _left(world) == {"reviews_a": 1, "reviews_b": 0, "segments": 0, "resolved": 0, "open": 1}
    # Idempotent: the same day again, and the next day, delete nothing more.
    assert run_tick(thirteen_months + dt.timedelta(hours=1))["retention_deleted"] == 0
    assert run_tick(thirteen_months + dt.timedelta(days=1))["retention_deleted"] == 0
    assert _left(world) == {"reviews_a": 1, "reviews_b": 0, "segments": 0, "resolved": 0, "open": 1}

    run_tick(START + dt.timedelta(days=24 * 31))  # past 24 months: A's answers go too
    assert _left(world)["reviews_a"] == 0 and _left(world)["open"] == 1
    assert RetentionRun.objects.count() == 4  # one run per day: the second tick on day 396 added none


def test_the_job_runs_once_a_day_after_three_at_night(world: World) -> None:
    night = dt.datetime(2026, 5, 4, 0, 30, tzinfo=dt.UTC)  # 02:30 in Amsterdam
    with time_machine.travel(night, tick=False):
        assert retention_tick(at=night) == 0
    assert not RetentionRun.objects.exists()
    with time_machine.travel(night + dt.timedelta(hours=2), tick=False):
        retention_tick(at=night + dt.timedelta(hours=2))
        retention_tick(at=night + dt.timedelta(hours=3))
    assert RetentionRun.objects.count() == 1


def test_audit_rows_go_after_five_years_and_the_triggers_let_only_those_through(world: World) -> None:
    now = timezone.now()
    for years in (6, 4):
        with time_machine.travel(now - dt.timedelta(days=365 * years), tick=False):
            AuditEvent.objects.create(organization_id=world.org.pk, action="login")
    AuditEvent.objects.create(organization_id=world.org.pk, action="login")
    with time_machine.travel(now - dt.timedelta(days=365 * 6), tick=False):
        AuditEvent.objects.create(organization_id=None, action="login_failed")  # an unknown address
    retention_tick(at=now.replace(hour=12))
    ages = sorted(round((now - e.at).days / 365) for e in AuditEvent.objects.all())
    assert ages == [0, 4]
    # An organisation that keeps its log 12 months: the 4-year-old row goes on the next day's run.
    world.org.retention_audit_months = 12
    world.org.save()
    retention_tick(at=now.replace(hour=12) + dt.timedelta(days=1))
    assert [round((now - e.at).days / 365) for e in AuditEvent.objects.all()] == [0]


def test_months_before_is_calendar_arithmetic() -> None:
    assert months_before(dt.datetime(2026, 3, 31, tzinfo=dt.UTC), 1) == dt.datetime(
        2026, 2, 28, tzinfo=dt.UTC
    )
    assert months_before(dt.datetime(2026, 1, 15, tzinfo=dt.UTC), 24) == dt.datetime(
        2024, 1, 15, tzinfo=dt.UTC
    )
    assert months_before(dt.datetime(2028, 3, 31, tzinfo=dt.UTC), 13) == dt.datetime(
        2027, 2, 28, tzinfo=dt.UTC
    )
