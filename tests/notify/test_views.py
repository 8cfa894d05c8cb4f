from __future__ import annotations

import datetime as dt
import uuid

import icalendar
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beklijf.notify.models import AgendaItem, Outbox, Preference, TeamChannel
from beklijf.notify.preferences import unsubscribe_token
from beklijf.practice.models import MemoryState, Review
from tests.conftest import World, client_for
from tests.practice.conftest import complete


def _practised(world: World) -> None:
    """The employee practised both points; the first is remembered much worse."""
    complete(world.enrollment, on=timezone.localdate() - dt.timedelta(days=10))
    now = timezone.now()
    for i, state in enumerate(
        MemoryState.objects.filter(employee=world.employee).order_by("learning_point__position")
    ):
        state.stability, state.difficulty, state.reps = (1.0 if i == 0 else 50.0), 5.0, 1
        state.last_review = now - dt.timedelta(days=6)
        state.save()
        Review.objects.create(key=uuid.uuid4(), organization=world.org, employee=world.employee,
                              learning_point=state.learning_point, correct=i == 1, rating=3, review_number=1,
                              shown_at=now - dt.timedelta(days=2), answered_at=now - dt.timedelta(days=2))  # fmt: skip


def test_team_agenda_puts_the_worst_remembered_point_first_as_a_discussion_question(world: World) -> None:
    _practised(world)
    page = (
        client_for(world.manager.user)
        .get(reverse("notify:team-agenda", args=[world.sales.code]))
        .content.decode()
    )
    first, second = [p.title for p in world.training.learning_points.order_by("position")]
    assert world.training.title in page
    assert page.index(f'"{first}"') < page.index(f'"{second}"')
    assert "where did you use this last week" in page
    assert "Nothing open." in page  # no blockers in the team


def test_manager_adds_an_item_and_marks_it_discussed(world: World) -> None:
    client = client_for(world.manager.user)
    url = reverse("notify:team-agenda", args=[world.sales.code])
    assert client.post(url, {"title": ""}).status_code == 400
    client.post(url, {"title": "Excel tips delen", "due_on": "2026-12-04"})
    item = AgendaItem.objects.get(title="Excel tips delen")
    client.post(reverse("notify:agenda-item-discussed", args=[item.code]))
    item.refresh_from_db()
    assert item.discussed_at is not None
    assert (
        client_for(world.manager_other.user)
        .post(reverse("notify:agenda-item-discussed", args=[item.code]))
        .status_code
        == 404
    )


def test_printable_agenda_and_weekly_meeting_calendar(world: World) -> None:
    _practised(world)
    client = client_for(world.manager.user)
    printable = client.get(
        reverse("notify:team-agenda", args=[world.sales.code]) + "?print=1"
    ).content.decode()
    assert 'class="print"' in printable and "mark discussed" not in printable
    response = client.get(reverse("notify:team-meeting-ics", args=[world.sales.code]) + "?day=TU&time=10:30")
    calendar = icalendar.Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["TU"]
    assert event.decoded("DTSTART").weekday() == 1 and event.decoded("DTSTART").hour == 10
    assert (
        client.get(reverse("notify:team-meeting-ics", args=[world.sales.code]) + "?day=SU").status_code == 400
    )


def test_a_webhook_to_a_private_address_is_refused_on_the_form(world: World) -> None:
    client = client_for(world.manager.user)
    url = reverse("notify:team-channel-add", args=[world.sales.code])
    for target in ("https://127.0.0.1/hook", "http://hooks.example.com/x", "https://169.254.169.254/latest"):
        client.post(url, {"kind": "slack", "url": target})
    assert not TeamChannel.objects.exists()


def test_employee_sets_preferences_and_bad_values_are_refused(world: World) -> None:
    client = client_for(world.employee.user)
    url = reverse("notify:preferences")
    assert client.post(url, {"channel": "email", "weekly_cap": "0"}).status_code == 400
    client.post(
        url, {"channel": "email", "quiet_days": ["2", "4"], "weekly_cap": "2", "paused_until": "2026-12-24"}
    )
    preference = Preference.objects.get(employee=world.employee)
    assert preference.quiet_days == [2, 4] and preference.weekly_cap == 2
    assert preference.paused_until == dt.date(2026, 12, 24)


def test_one_click_unsubscribe_needs_no_login_and_a_get_changes_nothing(world: World) -> None:
    url = reverse("notify:unsubscribe", args=[unsubscribe_token(world.employee)])
    assert Client().get(url).status_code == 200
    assert not Preference.objects.filter(employee=world.employee, nonessential_off=True).exists()
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preference.objects.get(employee=world.employee).nonessential_off
    assert Client().post(reverse("notify:unsubscribe", args=["forged"])).status_code == 404


def test_ld_admin_sees_delivery_status_without_message_bodies(world: World) -> None:
    now = timezone.now()
    Outbox.objects.create(key="x:1", organization=world.org, employee=world.employee, kind="nudge",
                          to=world.employee.user.email, subject="S", body_text="SECRET LINK", status="failed",
                          last_error="recipient refused", next_attempt_at=now, created_at=now)  # fmt: skip
    page = (
        client_for(world.ld_admin.user).get(reverse("notify:outbox-list") + "?status=failed").content.decode()
    )
    assert "recipient refused" in page and "SECRET LINK" not in page
    assert (
        client_for(world.ld_admin.user).get(reverse("notify:outbox-list") + "?status=evil").status_code == 400
    )
    other = client_for(world.ld_admin_b.user).get(reverse("notify:outbox-list")).content.decode()
    assert world.employee.user.email not in other


def test_nudge_effect_report_compares_nudged_and_held_out_with_an_interval(world: World) -> None:
    from beklijf.notify.models import NudgeAssignment
    from tests import factories

    day = timezone.localdate() - dt.timedelta(days=1)
    point = world.training.learning_points.first()
    for i in range(40):
        person = factories.employee(world.org)
        held_out = i % 2 == 0
        NudgeAssignment.objects.create(employee=person, kind="nudge", day=day, held_out=held_out)
        if (not held_out and i % 4 != 1) or (held_out and i % 8 == 0):
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(11)))
            Review.objects.create(key=uuid.uuid4(), organization=world.org, employee=person, learning_point=point,
                                  correct=True, rating=3, review_number=1, shown_at=at, answered_at=at)  # fmt: skip
    page = client_for(world.ld_admin.user).get(reverse("notify:nudge-effect")).content.decode()
    assert "n = 20" in page
    assert "50%" in page and "25%" in page  # 10 of 20 nudged answered, 5 of 20 held out
