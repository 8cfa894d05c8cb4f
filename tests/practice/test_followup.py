from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beklijf.practice.models import MemoryState
from tests import factories
from tests.conftest import World
from tests.practice.conftest import complete


def test_completing_an_enrolment_starts_follow_up_for_every_learning_point(world: World) -> None:
    day = dt.date(2026, 11, 20)
    complete(world.enrollment, on=day)
    states = MemoryState.objects.filter(employee=world.employee)
    assert states.count() == world.training.learning_points.count() == 2
    for state in states:
        local_due = timezone.localtime(state.due)
        assert local_due.date() == day + dt.timedelta(days=1)
        assert state.reps == 0 and state.stability is None


def test_re_enrolling_in_the_same_training_does_not_duplicate_states(world: World) -> None:
    complete(world.enrollment, on=dt.date(2026, 11, 20))
    second = factories.enrollment(world.employee, factories.session(world.training))
    complete(second, on=dt.date(2026, 11, 25))
    complete(second, on=dt.date(2026, 11, 25))
    assert MemoryState.objects.filter(employee=world.employee).count() == 2


def test_an_invited_enrolment_starts_nothing(world: World) -> None:
    world.enrollment.save()
    assert not MemoryState.objects.filter(employee=world.employee).exists()


def test_enrolment_form_requires_a_completion_date_and_saves_nothing_without_it(world: World) -> None:
    from tests.conftest import client_for

    client = client_for(world.ld_admin.user)
    url = f"/catalog/enrollments/{world.enrollment.code}/edit/"
    response = client.post(url, {"status": "completed", "completed_on": ""})
    assert response.status_code == 400
    assert "Give the date the training was completed." in response.content.decode()
    world.enrollment.refresh_from_db()
    assert world.enrollment.status == "invited"
    assert not MemoryState.objects.exists()
