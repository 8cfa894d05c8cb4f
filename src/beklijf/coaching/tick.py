"""The coaching part of the minute tick: signals once a day, encouragement steps, plan check-backs, pair ends."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from beklijf.coaching import selectors, services, signals
from beklijf.coaching.models import Escalation, Pairing, SegmentRun, SegmentSnapshot
from beklijf.notify import ics
from beklijf.notify.ics_domain import calendar_domain
from beklijf.notify.models import AgendaItem
from beklijf.notify.outbox import outbox_add
from beklijf.people.models import Employee, Organization
from beklijf.practice.models import Review

COMPUTE_HOUR = 2  # signals are computed at night, before the day's reminders
STEP_EVERY = dt.timedelta(days=7)  # at most one encouragement step a week
PICKED_UP = 3  # on-time answers in the last week that close an escalation


def coaching_tick(*, at: dt.datetime) -> dict:
    return {
        "signals": _compute_daily(at),
        "encouragement": _escalate(at),
        "plan_checks": services.action_plans_prompt(at=at),
        "pairs_ended": _end_pairs(at),
    }


def _compute_daily(at: dt.datetime) -> int:
    total = 0
    for organization in Organization.objects.filter(
        segmentation_enabled=True, works_council_decided_on__isnull=False
    ):
        if not organization.signals_active:
            continue  # no works council decision or DPIA on record
        local = at.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
        if local.hour < COMPUTE_HOUR:
            continue
        try:
            with transaction.atomic():
                run = SegmentRun.objects.create(organization=organization, day=local.date(), created_at=at)
                run.snapshots = signals.segments_compute(organization=organization, at=at)
                run.save(update_fields=["snapshots"])
        except IntegrityError:
            continue  # computed today already
        total += run.snapshots
    return total


def _escalate(at: dt.datetime) -> int:
    """Slowly dropping off: a different wording, then a practice slot in the calendar, then a heads-up on
    the manager's agenda; a step a week at most; closed when the person picks up again."""
    today_snapshots = SegmentSnapshot.objects.filter(
        segment="dropping_off", computed_at__gte=at - dt.timedelta(days=2)
    )
    dropping = set(today_snapshots.values_list("employee_id", flat=True))
    steps = 0
    for escalation in Escalation.objects.filter(closed_at__isnull=True).select_related("employee"):
        recent = Review.objects.filter(employee=escalation.employee, answered_at__gte=at - dt.timedelta(days=7),
                                       late_days=0).count()  # fmt: skip
        if recent >= PICKED_UP or escalation.employee_id not in dropping and escalation.stage >= 1 and recent:
            escalation.closed_at = at
            escalation.save(update_fields=["closed_at"])
    open_ids = set(Escalation.objects.filter(closed_at__isnull=True).values_list("employee_id", flat=True))
    for employee_id in dropping - open_ids:
        Escalation.objects.create(employee_id=employee_id, started_at=at)
    for escalation in Escalation.objects.filter(closed_at__isnull=True, stage__lt=3).select_related(
        "employee__user", "employee__organization", "employee__team"
    ):
        if escalation.last_step_at and at - escalation.last_step_at < STEP_EVERY:
            continue
        escalation.stage += 1
        escalation.last_step_at = at
        escalation.save(update_fields=["stage", "last_step_at"])
        _step(escalation.employee, escalation.stage, at)
        steps += 1
    return steps


def _step(employee: Employee, stage: int, at: dt.datetime) -> None:
    link = settings.SITE_URL + reverse("practice:quiz")
    with translation.override(employee.language):
        if stage == 1:  # a different wording: what is in it for them, not a reminder
            subject = _("Two minutes that keep your training useful")
            text = render_to_string("coaching/email/encourage.txt", {"employee": employee, "link": link})
            outbox_add(key=f"encourage:{employee.pk}:{at.date().isoformat()}", organization=employee.organization,
                       employee=employee, kind="encourage", to=employee.user.email, subject=subject, text=text, at=at)  # fmt: skip
        elif stage == 2:  # a different channel: a short practice slot in their own calendar
            zone = zoneinfo.ZoneInfo(employee.time_zone)
            day = (at.astimezone(zone) + dt.timedelta(days=1)).date()
            start = dt.datetime.combine(day, dt.time(employee.organization.nudge_from_hour, 15), tzinfo=zone)
            summary = _("Two minutes of practice")
            calendar = ics.invitation(
                uid=ics.uid_for("practice-slot", f"{employee.pk}:{day.isoformat()}", calendar_domain()), sequence=0,
                start=start, end=start + dt.timedelta(minutes=5), summary=summary, description=link, location="",
                organizer_email=settings.DEFAULT_FROM_EMAIL.split("<")[-1].strip(">").strip(), organizer_name="beklijf",
                attendees=[(employee.user.email, employee.full_name)], method="REQUEST", time_zone=employee.time_zone,
                url=link, now=at,
            )  # fmt: skip
            outbox_add(key=f"slot:{employee.pk}:{day.isoformat()}", organization=employee.organization, employee=employee,
                       kind="practice_slot", to=employee.user.email, subject=summary, text=link,
                       attachments=[{"filename": "practice.ics", "content": calendar.decode(),
                                     "content_type": "text/calendar; method=REQUEST; charset=utf-8"}], at=at)  # fmt: skip
        elif stage == 3 and employee.team_id:  # a heads-up for the manager, as an agenda item
            manager = employee.team.manager
            with translation.override(manager.language if manager else employee.language):
                title = _("%(name)s is slowly dropping off the follow-up: ask how it is going.") % {
                    "name": employee.full_name}  # fmt: skip
            AgendaItem.objects.get_or_create(
                team=employee.team, employee=employee, source=AgendaItem.Source.DROPPING_OFF, discussed_at=None,
                defaults={"title": title, "created_at": at},
            )  # fmt: skip


def _end_pairs(at: dt.datetime) -> int:
    ended = 0
    for pairing in Pairing.objects.filter(
        status=Pairing.Status.ACTIVE, ends_on__lte=at.date()
    ).select_related("mentee__organization", "training"):
        services.pairing_end(
            pairing=pairing, mentee_r=selectors.training_r(pairing.mentee, pairing.training, at=at), at=at
        )
        ended += 1
    return ended
