"""What managers do with the signals: pairs, blockers, conversations, action plans, encouragement steps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from beklijf.coaching.models import (
    ActionPlan,
    Blocker,
    ConversationTask,
    Escalation,
    Pairing,
    SegmentSnapshot,
)
from beklijf.notify.models import AgendaItem, CheckIn, Preference
from beklijf.practice.models import MemoryState
from tests import factories
from tests.conftest import World, client_for
from tests.practice.conftest import complete

# Coaching signals and pairing run only with the works council's decision on record (docs/privacy.md).
pytestmark = pytest.mark.usefixtures("works_council")

NOW = timezone.now()


def _knows(employee, training, *, stability: float) -> None:  # noqa: ANN001
    complete(factories.enrollment(employee, factories.session(training, starts=NOW - dt.timedelta(days=40))),
             on=(NOW - dt.timedelta(days=40)).date())  # fmt: skip
    MemoryState.objects.filter(employee=employee, learning_point__training=training).update(
        stability=stability, difficulty=5, reps=3, last_review=NOW - dt.timedelta(days=5)
    )


def test_manager_approves_a_proposed_pair_and_both_get_an_introduction(
    world: World, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001,E501
    mentor = factories.employee(world.org, team=world.north, manager=world.manager)
    mentee = factories.employee(world.org, team=world.north, manager=world.manager)
    outsider = factories.employee(world.org, team=world.north, manager=world.manager)  # not opted in
    for person, s in ((mentor, 400.0), (mentee, 0.05), (outsider, 0.05)):
        _knows(person, world.training, stability=s)
    for person in (mentor, mentee):
        Preference.objects.create(employee=person, pairing_opt_in=True)
    client = client_for(world.manager.user)
    client.post(reverse("coaching:pairs"), {"training": world.training.code})
    pairing = Pairing.objects.get()
    assert (pairing.mentor, pairing.mentee, pairing.status) == (mentor, mentee, "proposed")
    page = client.get(reverse("coaching:pairs")).content.decode()
    assert mentor.full_name in page and "Expected to know" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("coaching:pair-decide", args=[pairing.code]), {"action": "approve"})
    pairing.refresh_from_db()
    assert pairing.status == "active" and pairing.mentee_r_before < 0.6
    intros = [m for m in mail.outbox if "Learning together" in m.subject]
    assert sorted(m.to[0] for m in intros) == sorted([mentor.user.email, mentee.user.email])
    client.post(reverse("coaching:pair-decide", args=[pairing.code]), {"action": "end"})
    pairing.refresh_from_db()
    assert pairing.status == "ended" and pairing.mentee_r_after is not None
    assert CheckIn.objects.filter(enrollment__employee=mentee).exists()  # the pair ends in a check-in


def test_a_report_from_the_quiz_takes_two_taps_and_the_manager_resolves_it(world: World) -> None:
    employee = client_for(world.employee.user)
    assert employee.get(reverse("coaching:blocker-report")).status_code == 200
    employee.post(reverse("coaching:blocker-report"), {"category": "tools"})
    blocker = Blocker.objects.get()
    assert blocker.owner == world.manager and blocker.reported_by == world.employee
    manager = client_for(world.manager.user)
    url = reverse("coaching:blocker-detail", args=[blocker.code])
    bad = manager.post(url, {"status": "resolved", "owner": world.manager.pk, "resolution": ""})
    assert bad.status_code == 400 and "Say how it was resolved." in bad.content.decode()
    manager.post(url, {"status": "resolved", "owner": world.manager.pk, "resolution": "Licence ordered."})
    blocker.refresh_from_db()
    assert blocker.status == "resolved" and blocker.resolved_at is not None
    assert employee.post(url, {"status": "open", "owner": "", "resolution": ""}).status_code == 403
    counts = client_for(world.ld_admin.user).get(reverse("coaching:blockers")).content.decode()
    assert "Tools or access missing" in counts


def test_an_explicit_i_wont_is_recorded_and_makes_a_refuser_signal(world: World) -> None:
    from beklijf.coaching.signals import segments_compute

    client_for(world.employee.user).post(reverse("coaching:blocker-report"), {"category": "wont"})
    assert Blocker.objects.get().wont
    segments_compute(organization=world.org, at=NOW)
    assert SegmentSnapshot.objects.filter(employee=world.employee, segment="refuser").exists()


def test_manager_confirms_no_response_with_a_conversation_and_records_the_outcome(world: World) -> None:
    AgendaItem.objects.create(
        team=world.north, title="x", source="ignored", employee=world.employee, created_at=NOW
    )
    client = client_for(world.manager.user)
    page = client.get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    assert "Plan a conversation" in page
    response = client.post(reverse("coaching:refusal-confirm", args=[world.employee.code]))
    task = ConversationTask.objects.get()
    assert response["Location"] == reverse("coaching:conversation", args=[task.code])
    assert "A short guide" in client.get(response["Location"]).content.decode()
    client.post(response["Location"], {"outcome": "Too busy with the stock count until March."})
    task.refresh_from_db()
    assert task.done_at is not None


def test_action_plan_is_asked_back_on_its_date_and_the_manager_confirms(world: World, run_tick) -> None:  # noqa: ANN001
    complete(world.enrollment, on=(NOW - dt.timedelta(days=31)).date())
    client = client_for(world.employee.user)
    form = {"enrollment": str(world.enrollment.code), f"e{world.enrollment.pk}-situation": "a customer is angry",
            f"e{world.enrollment.pk}-action": "summarise first"}  # fmt: skip
    for _ in range(3):
        assert client.post(reverse("coaching:plans"), form).status_code == 302
    assert client.post(reverse("coaching:plans"), form).status_code == 400  # three at most
    plan = ActionPlan.objects.first()
    assert plan.due_on == (NOW - dt.timedelta(days=1)).date()  # 30 days after completion
    run_tick(NOW)
    assert len([m for m in mail.outbox if m.subject == "Did you do what you planned?"]) == 3
    client.post(reverse("coaching:plan-report", args=[plan.code]), {"use": "with_help"})
    manager = client_for(world.manager.user)
    assert (
        "Action plans to confirm"
        in manager.get(reverse("coaching:team", args=[world.sales.code])).content.decode()
    )
    manager.post(reverse("coaching:plan-confirm", args=[plan.code]), {"confirmed": "yes"})
    plan.refresh_from_db()
    assert (plan.use, plan.manager_confirmed, plan.confirmed_by) == ("with_help", True, world.manager)


def test_dropping_off_escalates_a_step_a_week_and_stops_when_picked_up(world: World, run_tick) -> None:  # noqa: ANN001
    from beklijf.coaching.tick import _escalate

    def dropping(at):  # noqa: ANN001,ANN202
        SegmentSnapshot.objects.create(employee=world.employee, segment="dropping_off", rule="r", numbers={},
                                       period_start=at.date(), period_end=at.date(), computed_at=at)  # fmt: skip

    for week in range(4):
        at = NOW + dt.timedelta(days=7 * week)
        dropping(at)
        _escalate(at)
    escalation = Escalation.objects.get()
    assert escalation.stage == 3  # capped at three steps
    from beklijf.notify.models import Outbox

    sent = Outbox.objects.filter(employee=world.employee).order_by("created_at")
    assert [m.kind for m in sent] == [
        "encourage",
        "practice_slot",
    ]  # a different wording, then a calendar slot
    import icalendar

    slot = icalendar.Calendar.from_ical(sent[1].attachments[0]["content"])
    assert next(iter(slot.walk("VEVENT")))["SUMMARY"] == "Two minutes of practice"
    assert AgendaItem.objects.filter(employee=world.employee, source="dropping").exists()


def test_an_escalation_closes_when_the_person_picks_up_again(world: World) -> None:
    import uuid

    from beklijf.coaching.tick import _escalate
    from beklijf.practice.models import Review

    SegmentSnapshot.objects.create(employee=world.employee, segment="dropping_off", rule="r", numbers={},
                                   period_start=NOW.date(), period_end=NOW.date(), computed_at=NOW)  # fmt: skip
    _escalate(NOW)
    point = world.training.learning_points.first()
    for day in range(3):
        at = NOW + dt.timedelta(days=day + 1)
        Review.objects.create(key=uuid.uuid4(), organization=world.org, employee=world.employee, learning_point=point,
                              correct=True, rating=3, review_number=1, late_days=0, shown_at=at, answered_at=at)  # fmt: skip
    _escalate(NOW + dt.timedelta(days=4))
    assert Escalation.objects.get().closed_at is not None


def test_completing_a_training_invites_to_write_action_plans_once(
    world: World, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001,E501
    with django_capture_on_commit_callbacks(execute=True):
        complete(world.enrollment, on=timezone.localdate())
        complete(world.enrollment, on=timezone.localdate())
    invites = [m for m in mail.outbox if m.subject.startswith("Make it stick")]
    assert len(invites) == 1 and invites[0].to == [world.employee.user.email]
    assert "/coaching/plans/" in invites[0].body


def test_manager_changes_the_mentor_only_to_someone_allowed(world: World) -> None:
    mentor = factories.employee(world.org, team=world.north, manager=world.manager)
    other = factories.employee(world.org, team=world.north, manager=world.manager)
    stranger = factories.employee(world.org, team=world.support)  # another team
    mentee = factories.employee(world.org, team=world.north, manager=world.manager)
    for person, s in ((mentor, 400.0), (other, 300.0), (stranger, 300.0), (mentee, 0.05)):
        _knows(person, world.training, stability=s)
        Preference.objects.create(employee=person, pairing_opt_in=True)
    client = client_for(world.manager.user)
    client.post(reverse("coaching:pairs"), {"training": world.training.code})
    pairing = Pairing.objects.get(mentee=mentee)
    alternative = other if pairing.mentor == mentor else mentor
    url = reverse("coaching:pair-decide", args=[pairing.code])
    client.post(url, {"action": "change", "mentor": str(stranger.code)})
    pairing.refresh_from_db()
    assert pairing.mentor != stranger  # another team, not this manager's: refused
    unwilling = factories.employee(world.org, team=world.north, manager=world.manager)
    _knows(unwilling, world.training, stability=400.0)  # knows it well, but did not opt in
    response = client.post(url, {"action": "change", "mentor": str(unwilling.code)}, follow=True)
    pairing.refresh_from_db()
    assert pairing.mentor != unwilling and "cannot help here" in response.content.decode()
    client.post(url, {"action": "change", "mentor": str(alternative.code)})
    pairing.refresh_from_db()
    assert pairing.mentor == alternative and pairing.reason["changed_by_manager"] == world.manager.pk
