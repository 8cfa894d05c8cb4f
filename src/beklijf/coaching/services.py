"""Coaching writes: blockers, action plans, conversations, pairs. One transaction per use case."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beklijf.catalog.models import Enrollment, Training
from beklijf.coaching.models import ActionPlan, Blocker, ConversationTask, Objection, Pairing
from beklijf.notify.checkins import manager_of
from beklijf.notify.models import CheckIn
from beklijf.notify.outbox import outbox_add
from beklijf.people.models import Employee

BLOCKER_DUE = dt.timedelta(days=14)
PLAN_CHECK_AFTER = dt.timedelta(days=30)
PAIR_LENGTH = dt.timedelta(weeks=3)  # pairs last 2-4 weeks (EVIDENCE.md 1.5)
MAX_PLANS = 3


# --- Blockers -------------------------------------------------------------------------------------


@transaction.atomic
def blocker_report(
    *,
    employee: Employee,
    reported_by: Employee,
    category: str,
    description: str = "",
    training: Training | None = None,
    wont: bool = False,
    at: dt.datetime | None = None,
) -> Blocker:
    """Register what is in the way; the person's manager owns it unless someone else takes it."""
    at = at or timezone.now()
    return Blocker.objects.create(
        organization=employee.organization,
        employee=employee,
        training=training,
        category=category,
        description=description[:2000],
        wont=wont,
        reported_by=reported_by,
        owner=manager_of(employee),
        due_on=(at + BLOCKER_DUE).date(),
        created_at=at,
    )


@transaction.atomic
def blocker_update(
    *, blocker: Blocker, status: str, owner: Employee | None, due_on, resolution: str
) -> Blocker:  # noqa: ANN001
    blocker.status = status
    blocker.owner = owner
    blocker.due_on = due_on
    blocker.resolution = resolution
    blocker.resolved_at = timezone.now() if status == Blocker.Status.RESOLVED else None
    blocker.save()
    return blocker


# --- Action plans ---------------------------------------------------------------------------------


@transaction.atomic
def action_plan_create(
    *,
    enrollment: Enrollment,
    situation: str,
    action: str,
    learning_point=None,
    due_on: dt.date | None = None,  # noqa: ANN001
) -> ActionPlan:
    if ActionPlan.objects.filter(enrollment=enrollment).count() >= MAX_PLANS:
        raise ValueError("at most three plans per training")
    start = enrollment.completed_on or timezone.localdate()
    return ActionPlan.objects.create(
        employee=enrollment.employee,
        enrollment=enrollment,
        learning_point=learning_point,
        situation=situation.strip(),
        action=action.strip(),
        due_on=due_on or start + PLAN_CHECK_AFTER,
        created_at=timezone.now(),
    )


def action_plan_invite(*, enrollment: Enrollment) -> None:
    """At the end of a training: ask the employee to write their if-then plans (once per enrolment)."""
    employee = enrollment.employee
    link = settings.SITE_URL + reverse("coaching:plans")
    with translation.override(employee.language):
        subject = _("Make it stick: what will you do with %(training)s?") % {
            "training": enrollment.session.training.title
        }
        text = render_to_string("coaching/email/plan_invite.txt", {"employee": employee, "enrollment": enrollment,
                                                                   "link": link})  # fmt: skip
    outbox_add(key=f"plan-invite:{enrollment.code}", organization=employee.organization, employee=employee,
               kind="plan_invite", to=employee.user.email, subject=subject, text=text)  # fmt: skip


@transaction.atomic
def action_plan_report(*, plan: ActionPlan, use: str) -> ActionPlan:
    plan.use = use
    plan.reported_at = timezone.now()
    plan.save(update_fields=["use", "reported_at"])
    return plan


@transaction.atomic
def action_plan_confirm(*, plan: ActionPlan, manager: Employee, confirmed: bool) -> ActionPlan:
    plan.manager_confirmed = confirmed
    plan.confirmed_by = manager
    plan.confirmed_at = timezone.now()
    plan.save(update_fields=["manager_confirmed", "confirmed_by", "confirmed_at"])
    return plan


def action_plans_prompt(*, at: dt.datetime) -> int:
    """On a plan's date, ask the employee how it went (once per plan)."""
    created = 0
    due = ActionPlan.objects.filter(due_on__lte=at.date(), use="", employee__is_active=True).select_related(
        "employee__user", "employee__organization", "enrollment__session__training"
    )
    for plan in due:
        employee = plan.employee
        link = settings.SITE_URL + reverse("coaching:plans")
        with translation.override(employee.language):
            subject = _("Did you do what you planned?")
            text = render_to_string(
                "coaching/email/plan_check.txt", {"plan": plan, "employee": employee, "link": link}
            )
        created += outbox_add(key=f"plan:{plan.code}", organization=employee.organization, employee=employee,
                              kind="plan_check", to=employee.user.email, subject=subject, text=text, at=at) is not None  # fmt: skip
    return created


# --- Conversations --------------------------------------------------------------------------------


@transaction.atomic
def conversation_open(*, employee: Employee, reason: str, at: dt.datetime | None = None) -> ConversationTask:
    task, _created = ConversationTask.objects.get_or_create(
        employee=employee, reason=reason, done_at=None, defaults={"created_at": at or timezone.now()}
    )
    return task


@transaction.atomic
def conversation_close(*, task: ConversationTask, outcome: str) -> ConversationTask:
    task.outcome = outcome
    task.done_at = timezone.now()
    task.save(update_fields=["outcome", "done_at"])
    return task


# --- Objection ------------------------------------------------------------------------------------


@transaction.atomic
def objection_set(*, employee: Employee, objects: bool) -> None:
    """GDPR art. 21: an objecting employee is left out of segments and pairing, and their snapshots go."""
    from beklijf.coaching.models import SegmentSnapshot

    if objects:
        Objection.objects.get_or_create(employee=employee, defaults={"created_at": timezone.now()})
        SegmentSnapshot.objects.filter(employee=employee).delete()
        Pairing.objects.filter(
            Q(mentor=employee) | Q(mentee=employee), status=Pairing.Status.PROPOSED
        ).delete()
    else:
        Objection.objects.filter(employee=employee).delete()


# --- Pairs ----------------------------------------------------------------------------------------


@transaction.atomic
def pairing_approve(
    *, pairing: Pairing, manager: Employee, mentee_r: float | None, at: dt.datetime | None = None
) -> Pairing:
    at = at or timezone.now()
    if pairing.status != Pairing.Status.PROPOSED:
        return pairing
    pairing.status = Pairing.Status.ACTIVE
    pairing.decided_by = manager
    pairing.started_on = at.date()
    pairing.ends_on = (at + PAIR_LENGTH).date()
    pairing.mentee_r_before = mentee_r
    pairing.save()
    for person, other in ((pairing.mentor, pairing.mentee), (pairing.mentee, pairing.mentor)):
        with translation.override(person.language):
            subject = _("Learning together: %(training)s") % {"training": pairing.training.title}
            text = render_to_string(
                "coaching/email/pair_intro.txt",
                {"person": person, "other": other, "pairing": pairing, "is_mentor": person == pairing.mentor},
            )
        outbox_add(key=f"pair:{pairing.code}:intro:{person.pk}", organization=person.organization, employee=person,
                   kind="pair_intro", to=person.user.email, subject=subject, text=text, at=at)  # fmt: skip
    return pairing


@transaction.atomic
def pairing_change_mentor(*, pairing: Pairing, mentor: Employee, manager: Employee) -> Pairing:
    """The manager picks another mentor for a proposal (the view checked the hard constraints)."""
    pairing.reason = {
        **pairing.reason,
        "changed_by_manager": manager.pk,
        "proposed_mentor": pairing.mentor_id,
    }
    pairing.mentor = mentor
    pairing.save(update_fields=["mentor", "reason"])
    return pairing


@transaction.atomic
def pairing_decline(*, pairing: Pairing, manager: Employee) -> Pairing:
    if pairing.status == Pairing.Status.PROPOSED:
        pairing.status = Pairing.Status.DECLINED
        pairing.decided_by = manager
        pairing.save(update_fields=["status", "decided_by"])
    return pairing


@transaction.atomic
def pairing_end(*, pairing: Pairing, mentee_r: float | None, at: dt.datetime | None = None) -> Pairing:
    """End a pair and propose the closing check-in with the mentee."""
    at = at or timezone.now()
    if pairing.status != Pairing.Status.ACTIVE:
        return pairing
    pairing.status = Pairing.Status.ENDED
    pairing.ends_on = at.date()
    pairing.mentee_r_after = mentee_r
    pairing.save()
    enrollment = (
        Enrollment.objects.filter(
            employee=pairing.mentee, session__training=pairing.training, completed_on__isnull=False
        )
        .order_by("-completed_on")
        .first()
    )
    if enrollment is not None:
        week = max(1, (at.date() - enrollment.completed_on).days // 7)
        CheckIn.objects.get_or_create(enrollment=enrollment, week=week, defaults={"created_at": at})
    return pairing
