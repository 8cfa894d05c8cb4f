"""Check-ins: proposed at the week marks, scheduled with an invitation that icalendar parses back,
moved with the same UID and a higher SEQUENCE, cancelled with METHOD:CANCEL."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
from django.core import mail
from django.urls import reverse

from beklijf.notify.models import CheckIn
from tests.conftest import World, client_for
from tests.practice.conftest import complete

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _calendar(message) -> icalendar.Calendar:  # noqa: ANN001
    (name, content, mimetype) = message.attachments[0]
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_check_ins_are_proposed_at_the_organisations_week_marks_once(world: World, run_tick) -> None:  # noqa: ANN001
    complete(world.enrollment, on=dt.date(2026, 11, 2))
    run_tick(dt.datetime(2026, 11, 3, 10, tzinfo=AMS))  # week 1 is within the lead time
    run_tick(dt.datetime(2026, 11, 3, 11, tzinfo=AMS))
    assert list(CheckIn.objects.values_list("week", flat=True)) == [1]
    run_tick(dt.datetime(2026, 11, 24, 10, tzinfo=AMS))
    assert sorted(CheckIn.objects.values_list("week", flat=True)) == [1, 4]


def test_manager_schedules_moves_and_cancels_with_valid_invitations(
    world: World, run_tick, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001,E501
    complete(world.enrollment, on=dt.date(2026, 11, 2))
    run_tick(dt.datetime(2026, 11, 3, 10, tzinfo=AMS))
    checkin = CheckIn.objects.get()
    client = client_for(world.manager.user)
    url = reverse("notify:checkin-detail", args=[checkin.code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "schedule", "starts_at": "2026-11-10T14:00", "minutes": "20"})
    assert response.status_code == 302
    invites = [m for m in mail.outbox if m.attachments]
    assert sorted(m.to[0] for m in invites) == sorted([world.employee.user.email, world.manager.user.email])
    first = _calendar(invites[0])
    assert first["METHOD"] == "REQUEST"
    event = next(iter(first.walk("VEVENT")))
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == dt.datetime(2026, 11, 10, 14, 0, tzinfo=AMS)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    uid = str(event["UID"])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "schedule", "starts_at": "2026-11-11T09:30", "minutes": "30"})
    moved = next(iter(_calendar(mail.outbox[0]).walk("VEVENT")))
    assert str(moved["UID"]) == uid and moved["SEQUENCE"] == 1
    assert moved.decoded("DTEND") - moved.decoded("DTSTART") == dt.timedelta(minutes=30)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "cancel"})
    cancel = _calendar(mail.outbox[0])
    assert cancel["METHOD"] == "CANCEL"
    cancelled = next(iter(cancel.walk("VEVENT")))
    assert str(cancelled["UID"]) == uid and cancelled["SEQUENCE"] == 2 and cancelled["STATUS"] == "CANCELLED"


def test_the_employee_sees_the_check_in_but_cannot_move_it(world: World, run_tick) -> None:  # noqa: ANN001
    complete(world.enrollment, on=dt.date(2026, 11, 2))
    run_tick(dt.datetime(2026, 11, 3, 10, tzinfo=AMS))
    checkin = CheckIn.objects.get()
    client = client_for(world.employee.user)
    url = reverse("notify:checkin-detail", args=[checkin.code])
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"action": "schedule", "starts_at": "2026-11-10T14:00", "minutes": "20"}).status_code
        == 403
    )
    assert client_for(world.manager_other.user).get(url).status_code == 404


def test_notes_and_outcome_close_the_check_in(world: World, run_tick) -> None:  # noqa: ANN001
    complete(world.enrollment, on=dt.date(2026, 11, 2))
    run_tick(dt.datetime(2026, 11, 3, 10, tzinfo=AMS))
    checkin = CheckIn.objects.get()
    client = client_for(world.manager.user)
    url = reverse("notify:checkin-detail", args=[checkin.code])
    bad = client.post(url, {"action": "record", "notes": "ok", "outcome": ""})
    assert bad.status_code == 400
    client.post(url, {"action": "record", "notes": "Uses it daily.", "outcome": "on_track"})
    checkin.refresh_from_db()
    assert (checkin.status, checkin.outcome) == ("done", "on_track")
