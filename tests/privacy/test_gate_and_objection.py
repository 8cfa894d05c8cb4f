"""Coaching signals wait for the works council; an objecting employee is never segmented or paired."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from beklijf.coaching.models import Pairing, SegmentSnapshot
from beklijf.coaching.selectors import pairs_propose
from beklijf.coaching.signals import segments_compute
from beklijf.notify.models import Preference
from beklijf.people.access import actor_for
from beklijf.practice.models import MemoryState
from beklijf.privacy.models import AuditEvent
from tests import factories
from tests.conftest import World, client_for, record_works_council_decision

NOW = timezone.now()


def _laggard(world: World):  # noqa: ANN202
    """Someone in North whose memory of four learning points has faded: a 'needs support' signal."""
    person = factories.employee(world.org, team=world.north, manager=world.manager, first_name="Lars")
    for p in factories.training(world.org, points=4).learning_points.all():
        MemoryState.objects.create(employee=person, learning_point=p, stability=0.05, difficulty=8, reps=2, due=NOW,
                                   last_review=NOW - dt.timedelta(days=10), started_at=NOW - dt.timedelta(days=30))  # fmt: skip
    return person


def test_signals_stay_off_until_the_works_council_decision_and_dpia_are_recorded(
    world: World, run_tick
) -> None:  # noqa: ANN001
    person = _laggard(world)
    assert world.org.segmentation_enabled  # switched on, but not allowed yet
    assert segments_compute(organization=world.org, at=NOW) == 0
    run_tick(NOW.replace(hour=4))
    assert not SegmentSnapshot.objects.exists()
    SegmentSnapshot.objects.create(employee=person, segment="laggard", rule="r", numbers={}, period_start=NOW.date(),
                                   period_end=NOW.date(), computed_at=NOW)  # an old row must not show either  # fmt: skip
    manager = client_for(world.manager.user)
    team = manager.get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    assert "Needs support" not in team and "switched off" in team
    assert "Needs support" not in manager.get(reverse("employee-detail", args=[person.code])).content.decode()
    settings_page = client_for(world.ld_admin.user).get(reverse("organization-settings")).content.decode()
    assert 'id="works-council-missing"' in settings_page and "WOR art. 27" in settings_page

    record_works_council_decision(world.org)
    assert segments_compute(organization=world.org, at=NOW + dt.timedelta(minutes=1)) > 0
    assert "Needs support" in manager.get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    detail = manager.get(reverse("employee-detail", args=[person.code])).content.decode()
    assert "Needs support" in detail
    # Looking at someone's signals is on the audit log: who, whose, when.
    event = AuditEvent.objects.filter(action="view", subject_code=person.code).latest("at")
    assert event.actor_code == world.manager.code and event.organization_id == world.org.pk
    settings_page = client_for(world.ld_admin.user).get(reverse("organization-settings")).content.decode()
    assert "OR 2026-03" in settings_page and 'id="works-council-missing"' not in settings_page


def test_an_ld_admin_records_the_decision_on_the_settings_page_and_half_a_decision_is_refused(
    world: World,
) -> None:
    client = client_for(world.ld_admin.user)
    base = {"name": world.org.name, "target_retention": "0.9", "daily_question_cap": "5", "nudge_from_hour": "9",
            "nudge_until_hour": "17", "nudge_holdout": "0", "checkin_weeks_text": "1, 4, 12",
            "segmentation_enabled": "on", "pairing_enabled": "on", "pairing_match_on": "team"}  # fmt: skip
    half = client.post(reverse("organization-settings"), {**base, "works_council_decided_on": "2026-02-01"})
    assert half.status_code == 400 and "both the date and the reference" in half.content.decode()
    low = client.post(reverse("organization-settings"), {**base, "retention_audit_months": "6"})
    assert low.status_code == 400 and "between 12 and 120" in low.content.decode()
    ok = client.post(reverse("organization-settings"), {**base, "works_council_decided_on": "2026-02-01",
                     "works_council_reference": "OR-7", "dpia_reference": "DPIA-1"})  # fmt: skip
    assert ok.status_code == 302
    world.org.refresh_from_db()
    assert world.org.signals_active
    event = AuditEvent.objects.get(action="settings")
    assert "works_council_reference" in event.details["fields"] and event.actor_code == world.ld_admin.code


def test_an_objecting_employee_is_never_segmented_or_paired_and_managers_see_objected(
    works_council: World,
) -> None:
    world = works_council
    person = _laggard(world)
    client = client_for(person.user)
    client.post(reverse("coaching:mine"), {"object": "yes"})
    assert AuditEvent.objects.filter(action="object", subject_code=person.code).exists()
    segments_compute(organization=world.org, at=NOW)
    assert not SegmentSnapshot.objects.filter(employee=person).exists()
    # Pairing: a strong mentor and the objecting laggard, both opted in: no pair.
    mentor = factories.employee(world.org, team=world.north, manager=world.manager, first_name="Mo")
    for state in MemoryState.objects.filter(employee=person):
        MemoryState.objects.create(employee=mentor, learning_point=state.learning_point, stability=200, difficulty=2,
                                   reps=6, due=NOW + dt.timedelta(days=90), last_review=NOW - dt.timedelta(days=1),
                                   started_at=NOW - dt.timedelta(days=30))  # fmt: skip
    for p in (person, mentor):
        Preference.objects.create(employee=p, pairing_opt_in=True)
    training = MemoryState.objects.filter(employee=person).first().learning_point.training
    pairs_propose(actor=actor_for(world.manager.user), training=training, at=NOW)
    assert (
        not Pairing.objects.filter(mentee=person).exists()
        and not Pairing.objects.filter(mentor=person).exists()
    )
    manager = client_for(world.manager.user)
    assert "objected" in manager.get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    detail = manager.get(reverse("employee-detail", args=[person.code])).content.decode()
    assert 'id="objected"' in detail and "Needs support" not in detail


def test_the_weekly_digest_names_nobody_until_the_decision_is_recorded(world: World) -> None:
    from beklijf.notify.digest import digest_content

    person = _laggard(world)  # questions overdue for days: "has questions waiting"
    MemoryState.objects.filter(employee=person).update(due=NOW - dt.timedelta(days=10))
    (team,) = digest_content(manager=world.manager, at=NOW)["teams"]
    assert team["attention"] == [] and team["signals"] == []
    record_works_council_decision(world.org)
    world.manager.organization.refresh_from_db()
    (team,) = digest_content(manager=world.manager, at=NOW)["teams"]
    assert [a["name"] for a in team["attention"]] == [person.full_name]
