"""A manager plans a check-in, downloads the invitation and opens the team agenda, in a real browser."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone

from beklijf.notify.models import CheckIn
from beklijf.practice.models import MemoryState, Review
from tests import factories
from tests.e2e.conftest import log_in
from tests.practice.conftest import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_schedules_a_check_in_downloads_the_ics_and_sees_the_agenda(page, world) -> None:  # noqa: ANN001
    complete(world.enrollment, on=timezone.localdate() - dt.timedelta(days=6))
    now = timezone.now()
    for state in MemoryState.objects.filter(employee=world.employee):
        state.stability, state.difficulty, state.reps, state.last_review = (
            2.0,
            5.0,
            1,
            now - dt.timedelta(days=4),
        )
        state.save()
        Review.objects.create(key=uuid.uuid4(), organization=world.org, employee=world.employee,
                              learning_point=state.learning_point, correct=False, rating=1, review_number=1,
                              shown_at=now - dt.timedelta(days=4), answered_at=now - dt.timedelta(days=4))  # fmt: skip
    checkin = CheckIn.objects.create(enrollment=world.enrollment, week=1, created_at=now)

    log_in(page, world.manager.user.email, factories.PASSWORD)
    page.goto(page.base_url + "/follow-up/checkins/")
    page.click(f"text={world.employee.full_name}")
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    page.fill("#id_starts_at", f"{day}T14:30")
    page.fill("#id_minutes", "25")
    page.click("#schedule")
    page.wait_for_selector("#download-ics")
    assert page.inner_text("#checkin-status") == "Scheduled"
    with page.expect_download() as download_info:
        page.click("#download-ics")
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == f"{day} 14:30"
    assert event["SEQUENCE"] == 0
    checkin.refresh_from_db()
    assert checkin.status == "scheduled"

    page.goto(page.base_url + f"/teams/{world.sales.code}/")
    page.click("#team-agenda")
    topics = page.inner_text("#topics")
    assert world.training.title in topics
    assert "where did you use this last week" in topics
    assert world.employee.full_name in page.inner_text("#agenda-checkins")
