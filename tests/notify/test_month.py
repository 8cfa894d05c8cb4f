"""A simulated month: ticks every hour for 30 days, nobody answers. No one gets more than one reminder a day
or any outside their working hours; after 3 ignored reminders the manager's agenda holds the item."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter

import pytest
from django.core import mail

from beklijf.notify.models import AgendaItem, Outbox
from tests import factories
from tests.conftest import World
from tests.practice.conftest import complete

START = dt.datetime(2026, 11, 2, 0, 0, tzinfo=dt.UTC)  # a Monday


@pytest.mark.usefixtures("works_council")  # named people for the manager: docs/privacy.md
def test_a_month_of_ticks_respects_every_limit_and_ends_on_the_agenda(world: World, run_tick) -> None:  # noqa: ANN001
    people = [world.employee]
    for zone in ("Europe/Amsterdam", "America/New_York", "Asia/Tokyo"):
        person = factories.employee(world.org, team=world.north, manager=world.manager)
        person.time_zone = zone
        person.save()
        people.append(person)
    part_timer = factories.employee(world.org, team=world.north)
    part_timer.working_days = [0, 2]  # Monday and Wednesday only
    part_timer.save()
    people.append(part_timer)
    for person in people:
        enrollment = factories.enrollment(person, factories.session(world.training))
        complete(enrollment, on=(START - dt.timedelta(days=2)).date())

    for hour in range(30 * 24):
        run_tick(START + dt.timedelta(hours=hour))

    nudges = Outbox.objects.filter(kind="nudge")
    per_day = Counter()
    for message in nudges.select_related("employee"):
        local = message.created_at.astimezone(zoneinfo.ZoneInfo(message.employee.time_zone))
        per_day[(message.employee_id, local.date())] += 1
        assert local.weekday() in message.employee.working_days, (message.employee, local)
        assert 9 <= local.hour < 17, (message.employee, local)
    assert max(per_day.values()) == 1
    for person in people:
        # Three reminders ignored, then no more e-mail but an item on the team's agenda.
        assert nudges.filter(employee=person).count() == 3
        item = AgendaItem.objects.get(employee=person, source="ignored", discussed_at__isnull=True)
        assert item.team == person.team
    assert {m.to[0] for m in mail.outbox if "questions" in m.subject} == {p.user.email for p in people}
