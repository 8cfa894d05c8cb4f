"""Signals computed from real rows: the activity the database gives the engine, and what managers see."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from beklijf.coaching.activity import activities
from beklijf.coaching.models import SegmentSnapshot
from beklijf.coaching.services import objection_set
from beklijf.coaching.signals import segments_compute
from beklijf.notify.models import Outbox
from beklijf.practice.models import MemoryState, Review
from tests import factories
from tests.conftest import World, client_for
from tests.practice.conftest import complete

# Coaching signals and pairing run only with the works council's decision on record (docs/privacy.md).
pytestmark = pytest.mark.usefixtures("works_council")

NOW = timezone.now()


def _answers(
    employee, point, *, days: list[int], extra: bool = False, correct: bool = True, late: int = 0
) -> None:  # noqa: ANN001
    Review.objects.bulk_create(
        Review(
            key=uuid.uuid4(),
            organization=employee.organization,
            employee=employee,
            learning_point=point,
            correct=correct,
            rating=3 if correct else 1,
            review_number=1,
            is_extra=extra,
            late_days=None if extra else late,
            shown_at=NOW - dt.timedelta(days=d, minutes=1),
            answered_at=NOW - dt.timedelta(days=d),
        )  # fmt: skip
        for d in days
    )


def test_activity_counts_on_time_unprompted_and_extra_answers(world: World) -> None:
    point = world.training.learning_points.first()
    _answers(world.employee, point, days=[1, 2, 3, 4])
    _answers(world.employee, point, days=[5], late=2)
    _answers(world.employee, point, days=[1, 2], extra=True)
    Outbox.objects.create(key="nudge:x", organization=world.org, employee=world.employee, kind="nudge", to="x@example.com",
                          subject="s", body_text="t", next_attempt_at=NOW, created_at=NOW - dt.timedelta(days=3, hours=2))  # fmt: skip
    (activity,) = activities(employees=[world.employee], at=NOW)
    assert activity.first_attempts == 5 and activity.extra_answers == 2
    assert activity.on_time == 4 and activity.due_items == 5
    assert activity.prompted_answers == 1  # the answer on the day of the reminder, after it
    assert activity.unprompted_answers == 6
    assert activity.ignored_prompts == 0  # answered after the reminder


def test_a_self_driven_person_and_a_laggard_are_found_with_their_reasons(world: World) -> None:
    steady = factories.employee(world.org, team=world.north)
    weak = factories.employee(world.org, team=world.north)
    for person in (steady, weak):
        complete(factories.enrollment(person, factories.session(world.training, starts=NOW - dt.timedelta(days=60))),
                 on=(NOW - dt.timedelta(days=60)).date())  # fmt: skip
    point = world.training.learning_points.first()
    _answers(steady, point, days=list(range(1, 20)))
    extra_points = factories.training(world.org, points=4)
    for p in extra_points.learning_points.all():
        MemoryState.objects.create(employee=weak, learning_point=p, stability=0.5, difficulty=8, reps=2,
                                   due=NOW, last_review=NOW - dt.timedelta(days=10), started_at=NOW - dt.timedelta(days=30))  # fmt: skip
    assert segments_compute(organization=world.org, at=NOW) >= 2
    assert SegmentSnapshot.objects.filter(employee=steady, segment="self_driven").exists()
    laggard = SegmentSnapshot.objects.get(employee=weak, segment="laggard", training__isnull=True)
    assert laggard.numbers["weak_points"] >= 3
    # The same signal per training: the weak points all belong to one training.
    assert SegmentSnapshot.objects.filter(employee=weak, segment="laggard", training=extra_points).exists()
    page = (
        client_for(world.manager.user).get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    )
    assert "Self-driven" in page and "Needs support" in page
    assert "learning points below 70%" in page  # the reason, with the numbers
    assert "Pair with a colleague who knows it well" in page


def test_an_employee_sees_own_signals_and_can_object(world: World) -> None:
    point = world.training.learning_points.first()
    _answers(world.employee, point, days=list(range(1, 20)))
    segments_compute(organization=world.org, at=NOW)
    client = client_for(world.employee.user)
    assert "Self-driven" in client.get(reverse("coaching:mine")).content.decode()
    client.post(reverse("coaching:mine"), {"object": "yes"})
    assert not SegmentSnapshot.objects.filter(employee=world.employee).exists()
    segments_compute(organization=world.org, at=NOW + dt.timedelta(days=1))
    assert not SegmentSnapshot.objects.filter(employee=world.employee).exists()
    page = (
        client_for(world.manager.user).get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    )
    assert "objected to coaching signals" in page
    objection_set(employee=world.employee, objects=False)


def test_switched_off_organisation_computes_nothing(world: World) -> None:
    world.org.segmentation_enabled = False
    world.org.save()
    _answers(world.employee, world.training.learning_points.first(), days=list(range(1, 20)))
    assert segments_compute(organization=world.org, at=NOW) == 0
    assert not SegmentSnapshot.objects.exists()
    page = (
        client_for(world.manager.user).get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    )
    assert "switched off" in page


def test_self_driven_share_over_time_shows_n(world: World) -> None:
    _answers(world.employee, world.training.learning_points.first(), days=list(range(1, 20)))
    segments_compute(organization=world.org, at=NOW)
    page = client_for(world.ld_admin.user).get(reverse("coaching:self-driven")).content.decode()
    assert NOW.strftime("%Y-%m") in page and "too few" in page  # 1 person: no share shown


def test_organisation_thresholds_change_who_fires_and_bad_ones_are_refused(world: World) -> None:
    weak = factories.employee(world.org, team=world.north)
    training = factories.training(world.org, points=4)
    for p in training.learning_points.all():
        MemoryState.objects.create(employee=weak, learning_point=p, stability=3.0, difficulty=5, reps=2, due=NOW,
                                   last_review=NOW - dt.timedelta(days=6), started_at=NOW - dt.timedelta(days=30))  # fmt: skip
    segments_compute(organization=world.org, at=NOW)
    assert not SegmentSnapshot.objects.filter(employee=weak, segment="laggard").exists()  # R about 0.8: fine
    client = client_for(world.ld_admin.user)
    url = reverse("organization-settings")
    base = {"name": world.org.name, "target_retention": "0.9", "daily_question_cap": "5", "nudge_from_hour": "9",
            "nudge_until_hour": "17", "nudge_holdout": "0", "checkin_weeks_text": "1, 4, 12",
            "segmentation_enabled": "on", "pairing_enabled": "on", "pairing_match_on": "team",
            "works_council_decided_on": "2026-01-15", "works_council_reference": "OR 2026-03",
            "dpia_reference": "DPIA-2026-beklijf"}  # fmt: skip
    bad = client.post(url, {**base, "thresholds_text": '{"laggard_weak_r": 7}'})
    assert bad.status_code == 400 and "These thresholds cannot be used" in bad.content.decode()
    client.post(url, {**base, "thresholds_text": '{"laggard_weak_r": 0.9}'})
    world.org.refresh_from_db()
    assert world.org.segment_thresholds == {"laggard_weak_r": 0.9}
    segments_compute(organization=world.org, at=NOW + dt.timedelta(days=1))
    assert SegmentSnapshot.objects.filter(employee=weak, segment="laggard").exists()


def test_asking_for_a_training_yourself_makes_you_eager(world: World) -> None:
    from beklijf.needs.services import request_create

    request_create(
        employee=world.employee,
        training=world.training,
        motivation="I want more",
        requested_by=world.employee,
    )
    request_create(
        employee=world.manager, training=world.training, motivation="for me", requested_by=world.ld_admin
    )
    segments_compute(organization=world.org, at=NOW)
    assert SegmentSnapshot.objects.filter(
        employee=world.employee, segment="eager", training__isnull=True
    ).exists()
    assert not SegmentSnapshot.objects.filter(
        employee=world.manager, segment="eager"
    ).exists()  # asked by someone else
