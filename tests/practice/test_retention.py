from __future__ import annotations

import datetime as dt
import uuid

from django.urls import reverse
from django.utils import timezone

from beklijf.practice.models import Review
from beklijf.practice.selectors import retention
from tests import factories
from tests.conftest import World, client_for


def _review(employee, point, *, correct: bool, elapsed: float, extra: bool = False) -> Review:  # noqa: ANN001
    now = timezone.now()
    return Review.objects.create(
        key=uuid.uuid4(),
        organization=employee.organization,
        employee=employee,
        learning_point=point,
        correct=correct,
        rating=3 if correct else 1,
        elapsed_days=elapsed,
        review_number=2,
        is_extra=extra,
        shown_at=now - dt.timedelta(seconds=5),
        answered_at=now,
    )


def test_retention_at_four_weeks_counts_first_attempts_21_to_35_days_later(world: World) -> None:
    point = world.training.learning_points.first()
    for correct in (True, True, True, False):
        _review(world.employee, point, correct=correct, elapsed=28)
    _review(world.employee, point, correct=False, elapsed=2)  # outside every window
    _review(
        world.employee, point, correct=False, elapsed=28, extra=True
    )  # extra practice is not a first attempt
    figures = retention(reviews=Review.objects.all())
    assert figures[28].n == 4 and figures[28].too_few
    _review(world.employee, point, correct=True, elapsed=22)
    four_weeks = retention(reviews=Review.objects.all())[28]
    assert (four_weeks.successes, four_weeks.n) == (4, 5)
    assert not four_weeks.too_few
    assert 0.37 < four_weeks.low < 0.38 and 0.96 < four_weeks.high < 0.97  # Wilson 95% for 4/5


def test_manager_sees_the_team_figure_but_no_answers(world: World) -> None:
    point = world.training.learning_points.first()
    for _ in range(5):
        _review(world.employee, point, correct=True, elapsed=28)
    page = (
        client_for(world.manager.user).get(reverse("team-detail", args=[world.sales.code])).content.decode()
    )
    assert "Retention at 28 days" in page
    assert "100%" in page and "n = 5" in page
    assert world.training.learning_points.first().questions.first().prompt not in page


def test_other_team_manager_does_not_count_my_team(world: World) -> None:
    point = world.training.learning_points.first()
    _review(world.employee, point, correct=True, elapsed=28)
    other = factories.employee(world.org, team=world.support)
    _review(other, point, correct=False, elapsed=28)
    page = client_for(world.manager_other.user).get(reverse("practice:retention")).content.decode()
    assert "n = 1" in page


def test_retention_page_shows_calibration_of_the_model(world: World) -> None:
    point = world.training.learning_points.first()
    for correct in (True, True, True, True, False, True):
        review = _review(world.employee, point, correct=correct, elapsed=10)
        Review.objects.filter(pk=review.pk).update(retrievability_before=0.92)
    page = client_for(world.ld_admin.user).get(reverse("practice:retention")).content.decode()
    assert "Does the memory model predict well?" in page
    assert "n = 6 answers" in page
    assert "83%" in page  # 5 of 6 right in the 90-95% band
