"""The manager's weekly digest: once a week on Monday morning, in the manager's language, with working links."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import mail
from django.test import override_settings

from beklijf.notify.models import AgendaItem
from tests.conftest import World, client_for
from tests.practice.conftest import complete

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
MONDAY_8 = dt.datetime(2026, 11, 30, 8, 5, tzinfo=AMS)


@override_settings(SITE_URL="http://testserver")
@pytest.mark.usefixtures("works_council")  # named people for the manager: docs/privacy.md
def test_manager_gets_one_digest_a_week_with_attention_and_links_that_open(world: World, run_tick) -> None:  # noqa: ANN001
    complete(world.enrollment, on=dt.date(2026, 11, 20))  # questions waiting since the 21st
    AgendaItem.objects.create(team=world.north, title="x", source="ignored", employee=world.employee,
                              created_at=MONDAY_8)  # fmt: skip
    from beklijf.coaching.services import blocker_report

    blocker_report(employee=world.employee, reported_by=world.employee, category="tools")
    run_tick(MONDAY_8 - dt.timedelta(hours=1))  # 07:05: too early
    assert not [m for m in mail.outbox if m.to == [world.manager.user.email] and "team" in m.subject]
    run_tick(MONDAY_8)
    run_tick(MONDAY_8 + dt.timedelta(hours=3))
    digests = [
        m for m in mail.outbox if m.to == [world.manager.user.email] and m.subject == "Your team this week"
    ]
    assert len(digests) == 1
    text = digests[0].body
    assert world.sales.name in text
    assert f"{world.employee.full_name}: ignored the last 3 reminders" in text
    assert "Open blockers: 1; action plans to confirm: 0" in text
    client = client_for(world.manager.user)
    for url in re.findall(r"http://testserver(/\S+)", text):
        assert client.get(url).status_code == 200, url
    run_tick(MONDAY_8 + dt.timedelta(days=7))
    assert (
        len(
            [
                m
                for m in mail.outbox
                if m.subject == "Your team this week" and m.to == [world.manager.user.email]
            ]
        )
        == 2
    )
