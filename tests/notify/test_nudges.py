"""Daily reminders through a real SMTP server: the right people, once, in their language, in working hours."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from beklijf.notify.models import Outbox, Preference
from beklijf.people.models import Employee
from tests import factories
from tests.conftest import World
from tests.practice.conftest import complete

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
REMINDER_SUBJECTS = {"Your questions for today", "Je vragen voor vandaag"}


def reminders(smtp) -> list:  # noqa: ANN001
    """Only the reminders: completing a training also sends an invitation to write action plans."""
    return [m for m in smtp.messages if m["Subject"] in REMINDER_SUBJECTS]


TUESDAY_10 = dt.datetime(2026, 12, 1, 10, 0, tzinfo=AMS)  # not a Monday: no manager digests in the way


def _followed(world: World, employee: Employee, *, days_ago: int = 2) -> None:
    enrollment = factories.enrollment(employee, factories.session(world.training))
    complete(enrollment, on=(TUESDAY_10 - dt.timedelta(days=days_ago)).date())


def test_each_person_with_questions_gets_exactly_one_reminder_in_their_language(
    world: World, smtp, run_tick
) -> None:  # noqa: ANN001
    world.employee.language = "nl"
    world.employee.save()
    english = factories.employee(world.org, language="en")
    idle = factories.employee(world.org)  # nothing due: no reminder
    for person in (world.employee, english):
        _followed(world, person)
    run_tick(TUESDAY_10)
    run_tick(TUESDAY_10 + dt.timedelta(minutes=1))  # a second tick the same day sends nothing new
    to = sorted(m["To"] for m in reminders(smtp))
    assert to == sorted([world.employee.user.email, english.user.email])
    by_to = {m["To"]: m for m in reminders(smtp)}
    dutch = by_to[world.employee.user.email]
    assert dutch["Subject"] == "Je vragen voor vandaag"
    assert by_to[english.user.email]["Subject"] == "Your questions for today"
    assert dutch["List-Unsubscribe"].startswith("<http") and dutch["List-Unsubscribe-Post"]
    text = dutch.get_payload(0).get_payload(decode=True).decode()
    assert "/practice/link/" in text
    # The HTML part declares the reader's language, so a screen reader pronounces it right.
    html = {email: m.get_payload(1).get_payload(decode=True).decode() for email, m in by_to.items()}
    assert '<html lang="nl">' in html[world.employee.user.email]
    assert '<html lang="en">' in html[english.user.email]
    assert idle.user.email not in to
    assert Outbox.objects.filter(kind="nudge", status="sent").count() == 2


def test_no_reminders_outside_working_hours_on_quiet_days_or_during_leave(
    world: World, smtp, run_tick
) -> None:  # noqa: ANN001
    _followed(world, world.employee)
    run_tick(TUESDAY_10.replace(hour=7))  # before working hours
    run_tick(TUESDAY_10 + dt.timedelta(days=4))  # Saturday
    Preference.objects.create(employee=world.employee, paused_until=TUESDAY_10.date())
    run_tick(TUESDAY_10)  # on leave
    assert reminders(smtp) == []
    run_tick(TUESDAY_10 + dt.timedelta(days=1))  # Wednesday, back from leave
    assert len(reminders(smtp)) == 1


def test_working_hours_are_the_employees_own_time_zone(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    world.employee.time_zone = "America/New_York"
    world.employee.save()
    _followed(world, world.employee)
    run_tick(TUESDAY_10)  # 04:00 in New York
    assert reminders(smtp) == []
    run_tick(TUESDAY_10.replace(hour=16))  # 10:00 in New York
    assert len(reminders(smtp)) == 1


def test_unsubscribed_people_get_no_reminders(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    _followed(world, world.employee)
    Preference.objects.create(employee=world.employee, nonessential_off=True)
    run_tick(TUESDAY_10)
    assert reminders(smtp) == []


def test_held_out_people_get_no_reminder_but_are_recorded(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    from beklijf.notify.models import NudgeAssignment

    world.org.nudge_holdout = 0.5
    world.org.save()
    people = [factories.employee(world.org) for _ in range(30)]
    for person in people:
        _followed(world, person)
    result = run_tick(TUESDAY_10)
    assignments = NudgeAssignment.objects.filter(day=TUESDAY_10.date())
    assert assignments.count() == 30
    held = assignments.filter(held_out=True).count()
    assert 5 <= held <= 25 and result["held_out"] == held
    assert len(reminders(smtp)) == 30 - held
    run_tick(TUESDAY_10 + dt.timedelta(minutes=5))  # the same draw on a second tick
    assert NudgeAssignment.objects.filter(day=TUESDAY_10.date(), held_out=True).count() == held
