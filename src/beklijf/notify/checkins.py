"""Check-ins: manager-employee conversations proposed at 1, 4 and 12 weeks after a training (per
organisation), scheduled with a calendar invitation; a new time sends an update (same UID, higher
SEQUENCE), cancelling sends a cancellation."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beklijf.catalog.models import Enrollment
from beklijf.notify import ics
from beklijf.notify.ics_domain import calendar_domain
from beklijf.notify.models import CheckIn
from beklijf.notify.outbox import outbox_add
from beklijf.people.models import Employee

# Propose a check-in this long before its week mark, so the manager can plan it.
LEAD_TIME = dt.timedelta(days=7)


def checkins_propose(*, at: dt.datetime) -> int:
    """Create the proposals whose moment is near; idempotent through (enrolment, week)."""
    today = timezone.localdate(at)
    proposals = []
    completed = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED,
        completed_on__gte=today - dt.timedelta(weeks=60),
        employee__is_active=True,
    ).select_related("employee__organization")
    existing = set(CheckIn.objects.filter(enrollment__in=completed).values_list("enrollment_id", "week"))
    for enrollment in completed:
        for week in enrollment.employee.organization.checkin_weeks:
            mark = enrollment.completed_on + dt.timedelta(weeks=week)
            if (enrollment.pk, week) in existing or not (today <= mark <= today + LEAD_TIME):
                continue
            proposals.append(CheckIn(enrollment=enrollment, week=week, created_at=at))
    CheckIn.objects.bulk_create(proposals, ignore_conflicts=True)
    return len(proposals)


def manager_of(employee: Employee) -> Employee | None:
    if employee.manager_id:
        return employee.manager
    return employee.team.manager if employee.team_id and employee.team.manager_id else None


def _invitation(checkin: CheckIn, *, method: str, at: dt.datetime) -> bytes:
    employee = checkin.enrollment.employee
    manager = manager_of(employee)
    organizer = manager or employee
    training = checkin.enrollment.session.training
    with translation.override(employee.language):
        summary = _("Check-in: %(training)s") % {"training": training.title}
        description = _(
            "How is it going with what you learned in %(training)s? What helps, what gets in the way?"
        ) % {"training": training.title}
    return ics.invitation(
        uid=ics.uid_for("checkin", str(checkin.code), calendar_domain()),
        sequence=checkin.sequence,
        start=checkin.starts_at,
        end=checkin.starts_at + dt.timedelta(minutes=checkin.minutes),
        summary=summary,
        description=description,
        location="",
        organizer_email=organizer.user.email,
        organizer_name=organizer.full_name,
        attendees=[(p.user.email, p.full_name) for p in (employee, manager) if p is not None],
        method=method,
        time_zone=organizer.time_zone,
        url=settings.SITE_URL + reverse("notify:checkin-detail", args=[checkin.code]),
        now=at,
    )


def _send_invitations(checkin: CheckIn, *, method: str, at: dt.datetime) -> None:
    calendar = _invitation(checkin, method=method, at=at).decode()
    employee = checkin.enrollment.employee
    for person in (employee, manager_of(employee)):
        if person is None:
            continue
        with translation.override(person.language):
            context = {"checkin": checkin, "person": person, "employee": employee, "cancelled": method == "CANCEL",
                       "link": settings.SITE_URL + reverse("notify:checkin-detail", args=[checkin.code])}  # fmt: skip
            subject = (_("Cancelled: %(summary)s") if method == "CANCEL" else _("%(summary)s")) % {
                "summary": _("Check-in: %(training)s")
                % {"training": checkin.enrollment.session.training.title}
            }
            text = render_to_string("notify/email/checkin.txt", context)
        outbox_add(
            key=f"checkin:{checkin.code}:{checkin.sequence}:{person.pk}",
            organization=employee.organization,
            employee=person,
            kind="checkin",
            to=person.user.email,
            subject=subject,
            text=text,
            attachments=[
                {
                    "filename": "invite.ics",
                    "content": calendar,
                    "content_type": f"text/calendar; method={method}; charset=utf-8",
                }
            ],  # fmt: skip
            at=at,
        )


@transaction.atomic
def checkin_schedule(
    *, checkin: CheckIn, starts_at: dt.datetime, minutes: int, at: dt.datetime | None = None
) -> CheckIn:
    """Schedule or move a check-in; every change after the first raises SEQUENCE and sends an update."""
    at = at or timezone.now()
    if checkin.status == CheckIn.Status.SCHEDULED:
        checkin.sequence += 1
    checkin.status = CheckIn.Status.SCHEDULED
    checkin.starts_at = starts_at
    checkin.minutes = minutes
    checkin.save()
    _send_invitations(checkin, method="REQUEST", at=at)
    return checkin


@transaction.atomic
def checkin_cancel(*, checkin: CheckIn, at: dt.datetime | None = None) -> CheckIn:
    at = at or timezone.now()
    was_scheduled = checkin.status == CheckIn.Status.SCHEDULED
    checkin.status = CheckIn.Status.CANCELLED
    if was_scheduled:
        checkin.sequence += 1
    checkin.save()
    if was_scheduled:
        _send_invitations(checkin, method="CANCEL", at=at)
    return checkin


@transaction.atomic
def checkin_record(*, checkin: CheckIn, notes: str, outcome: str) -> CheckIn:
    checkin.notes = notes
    checkin.outcome = outcome
    checkin.status = CheckIn.Status.DONE
    checkin.save(update_fields=["notes", "outcome", "status"])
    return checkin


def checkin_ics(checkin: CheckIn, *, at: dt.datetime | None = None) -> bytes:
    """The current invitation, for downloading."""
    method = "CANCEL" if checkin.status == CheckIn.Status.CANCELLED else "REQUEST"
    return _invitation(checkin, method=method, at=at or timezone.now())
