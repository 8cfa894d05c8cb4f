from __future__ import annotations

import datetime as dt
import random
import uuid

from beklijf.engine import memory as engine
from beklijf.practice import memory
from beklijf.practice.models import FittedParameters, Review
from beklijf.practice.tasks import parameters_fit as parameters_fit_task
from tests import factories
from tests.conftest import World


def _log(world: World, *, items: int, days: int, seed: int = 7) -> None:
    """A review log of `items` (employee, point) pairs answered on `days` different days each."""
    rng = random.Random(seed)
    point = world.training.learning_points.first()
    start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    rows = []
    for _ in range(items):
        employee = factories.employee(world.org)
        day = 0
        for n in range(days):
            day += 1 + n + rng.randint(0, 2)
            at = start + dt.timedelta(days=day)
            correct = rng.random() < 0.85
            rows.append(Review(key=uuid.uuid4(), organization=world.org, employee=employee, learning_point=point,
                               correct=correct, rating=3 if correct else 1, review_number=n + 1, shown_at=at,
                               answered_at=at))  # fmt: skip
    Review.objects.bulk_create(rows)


def test_too_few_reviews_keep_the_default_parameters(world: World) -> None:
    _log(world, items=10, days=5)
    assert parameters_fit_task.enqueue(world.org.pk).return_value is None
    world.org.refresh_from_db()
    assert memory.parameters_for(world.org) == engine.Parameters.DEFAULT
    assert not FittedParameters.objects.exists()


def test_a_fit_is_stored_versioned_and_used_and_refitting_without_news_does_nothing(world: World) -> None:
    _log(world, items=70, days=16)
    assert parameters_fit_task.enqueue(world.org.pk).return_value == 1
    world.org.refresh_from_db()
    used = memory.parameters_for(world.org)
    assert used.version == 1 and used != engine.Parameters.DEFAULT
    assert FittedParameters.objects.get().weights == list(used.weights)
    assert parameters_fit_task.enqueue(world.org.pk).return_value is None  # nothing new: no second version
    assert FittedParameters.objects.count() == 1


def test_the_tick_refits_once_a_week_when_the_log_has_grown(world: World, run_tick) -> None:  # noqa: ANN001
    """Sunday from 02:00 (Europe/Amsterdam) the minute tick queues a refit; once a week per organisation;
    not without 1,000 reviews, and not again until the log has grown by 10%."""
    from zoneinfo import ZoneInfo

    from beklijf.practice.models import FitRun

    ams = ZoneInfo("Europe/Amsterdam")
    saturday, sunday_night = (
        dt.datetime(2026, 12, 5, 3, tzinfo=ams),
        dt.datetime(2026, 12, 6, 1, 59, tzinfo=ams),
    )
    sunday = dt.datetime(2026, 12, 6, 2, 0, tzinfo=ams)
    _log(world, items=70, days=16)  # 1,120 reviews
    assert run_tick(saturday)["memory_fits"] == 0 and run_tick(sunday_night)["memory_fits"] == 0
    assert run_tick(sunday)["memory_fits"] == 1
    world.org.refresh_from_db()
    assert memory.parameters_for(world.org).version == 1  # queued, run by the worker, in use
    assert run_tick(sunday + dt.timedelta(minutes=1))["memory_fits"] == 0  # once a week
    # The other organisation has no reviews: looked at, nothing queued, and the reason recorded.
    assert FitRun.objects.get(organization=world.org_b).outcome == FitRun.Outcome.TOO_FEW
    next_sunday = sunday + dt.timedelta(days=7)
    _log(world, items=3, days=16, seed=8)  # 48 more reviews: 4% growth
    assert run_tick(next_sunday)["memory_fits"] == 0
    assert FitRun.objects.get(
        organization=world.org, week=next_sunday.date() - dt.timedelta(days=6)
    ).outcome == (FitRun.Outcome.NO_GROWTH)
    _log(world, items=10, days=16, seed=9)  # 160 more: 1,328 reviews, 19% more than at the fit
    assert run_tick(next_sunday + dt.timedelta(days=7))["memory_fits"] == 1
    assert FittedParameters.objects.count() == 2
