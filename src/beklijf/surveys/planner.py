"""The survey planner, run by the minute tick: create each survey invitation when it is due and send it once.

Idempotent by construction: an invitation is unique per (enrolment, survey, audience) and its e-mail has the
outbox key `survey:<enrolment>:<survey>:<audience>`, so a second tick, a second worker or a crash between
the two writes never sends a survey twice. Invitations go out in the respondent's working hours, language
and time zone, like the reminders (notify/nudges.py); unlike reminders they are never held out (both arms of
the reminder experiment must be measured the same way) and "no reminders" does not switch them off.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beklijf.catalog.models import Enrollment
from beklijf.notify.checkins import manager_of
from beklijf.notify.models import Outbox, Preference
from beklijf.notify.outbox import enqueue_send_many
from beklijf.people.models import Employee
from beklijf.practice.models import MagicLink
from beklijf.surveys import schedule
from beklijf.surveys.items import Anchor, Audience, definition
from beklijf.surveys.models import SurveyInvitation, SurveySchedule

KIND = "survey"
_BATCH = 500


@dataclass
class SurveyPlan:
    created: int = 0
    emailed: int = 0
    skipped_late: int = 0
    keys: list[str] = field(default_factory=list)


def outbox_key(enrollment_id: int, kind: str, audience: str) -> str:
    return f"{KIND}:{enrollment_id}:{kind}:{audience}"


def _windows(at: dt.datetime) -> Q:
    """Enrolments whose anchor falls where some effective timing makes a survey due now and that survey was
    not created yet (a superset: the exact check per training follows in Python). The NOT EXISTS keeps the
    minute tick cheap once everything due has gone out."""
    timings = {(t.kind, t.audience, t.anchor, t.offset_days) for t in schedule.default_timings()}
    rows = SurveySchedule.objects.filter(enabled=True).values_list(
        "kind", "audience", "anchor", "offset_days"
    )
    timings.update(rows.distinct())
    q = Q(pk__in=[])
    day = dt.timedelta(days=1)
    for kind, audience, anchor, offset_days in timings:
        offset = dt.timedelta(days=offset_days)
        earliest, latest = at - offset - schedule.GRACE[kind], at - offset
        if anchor == Anchor.SESSION_START:
            window = Q(session__starts_at__gte=earliest, session__starts_at__lte=latest)
        elif anchor == Anchor.SESSION_END:
            window = Q(session__ends_at__gte=earliest, session__ends_at__lte=latest)
        else:  # a date, due in the respondent's own time zone: a day of slack either side
            window = Q(completed_on__gte=earliest.date() - day, completed_on__lte=latest.date() + day)
        created = SurveyInvitation.objects.filter(enrollment=OuterRef("pk"), kind=kind, audience=audience)
        q |= window & ~Exists(created)
    return q


def _candidates(at: dt.datetime):  # noqa: ANN202
    return (
        Enrollment.objects.filter(_windows(at))
        .exclude(status=Enrollment.Status.NO_SHOW)
        .filter(employee__is_active=True, employee__user__is_active=True)
        .select_related(
            "session__training",
            "employee__user",
            "employee__organization",
            "employee__preference",
            "employee__manager__user",
            "employee__manager__organization",
            "employee__manager__preference",
            "employee__team__manager__user",
            "employee__team__manager__organization",
            "employee__team__manager__preference",
        )
    )


def _respondent(audience: str, employee: Employee) -> Employee | None:
    if audience == Audience.EMPLOYEE:
        return employee
    manager = manager_of(employee)
    # Someone who manages their own team is not their own manager; an inactive manager gets nothing.
    if manager is None or manager.pk == employee.pk or not manager.is_active or not manager.user.is_active:
        return None
    return manager


def _preference(person: Employee) -> Preference:
    return getattr(person, "preference", None) or Preference(employee=person)


def _in_working_hours(person: Employee, preference: Preference, at: dt.datetime) -> bool:
    """The reminders' window (notify/nudges.py): working days, working hours, no quiet day, not on leave."""
    local = at.astimezone(zoneinfo.ZoneInfo(person.time_zone))
    org = person.organization
    return (
        local.weekday() in (person.working_days or [])
        and local.weekday() not in (preference.quiet_days or [])
        and org.nudge_from_hour <= local.hour < org.nudge_until_hour
        and not (preference.paused_until and preference.paused_until >= local.date())
    )


def surveys_plan(*, at: dt.datetime) -> SurveyPlan:
    """Create and send every survey invitation due at `at`; idempotent."""
    plan = SurveyPlan()
    candidates = list(_candidates(at))
    if not candidates:
        return plan
    training_ids = {e.session.training_id for e in candidates}
    rows: dict[int, list[SurveySchedule]] = {}
    for row in SurveySchedule.objects.filter(training_id__in=training_ids):
        rows.setdefault(row.training_id, []).append(row)
    existing = set(
        SurveyInvitation.objects.filter(enrollment__in=[e.pk for e in candidates]).values_list(
            "enrollment_id", "kind", "audience"
        )
    )
    due: list[tuple[Enrollment, schedule.Timing, Employee, dt.datetime, bool]] = []
    timings_cache: dict[int, list[schedule.Timing]] = {}
    for enrollment in candidates:
        training_id = enrollment.session.training_id
        if training_id not in timings_cache:
            timings_cache[training_id] = schedule.timings_for(rows.get(training_id, []))
        for timing in timings_cache[training_id]:
            if not timing.enabled or (enrollment.pk, timing.kind, timing.audience) in existing:
                continue
            if not schedule.enrollment_qualifies(timing, enrollment):
                continue
            respondent = _respondent(timing.audience, enrollment.employee)
            if respondent is None:
                continue
            due_moment = schedule.due_at(timing, enrollment, respondent)
            if due_moment is None or due_moment > at:
                continue
            if at > schedule.deadline(timing, due_moment, enrollment):
                plan.skipped_late += 1
                continue
            preference = _preference(respondent)
            email = preference.channel == Preference.Channel.EMAIL
            if email and not _in_working_hours(respondent, preference, at):
                continue
            due.append((enrollment, timing, respondent, due_moment, email))
    for start in range(0, len(due), _BATCH):
        _batch(due[start : start + _BATCH], at=at, plan=plan)
    return plan


def render_invitation(invitation: SurveyInvitation, *, link: str) -> tuple[str, str, str]:
    """(subject, text, html) in the respondent's language and time zone."""
    respondent = invitation.respondent
    enrollment = invitation.enrollment
    with (
        translation.override(invitation.language),
        timezone.override(zoneinfo.ZoneInfo(respondent.time_zone)),
    ):
        context = {
            "respondent": respondent,
            "participant": enrollment.employee,
            "is_manager": invitation.audience == Audience.MANAGER,
            "training": enrollment.session.training,
            "session": enrollment.session,
            "kind_label": invitation.get_kind_display(),
            "questions": len(definition(invitation.kind, invitation.audience).questions),
            "link": link,
            "link_days": settings.BEKLIJF_MAGIC_LINK_DAYS,
            # The language the message was rendered in: the mail's <html lang>, so a client reads it right.
            "LANGUAGE_CODE": translation.get_language(),
        }
        subject = _("A short survey about %(training)s") % {"training": enrollment.session.training.title}
        text = render_to_string("surveys/email/invitation.txt", context)
        html = render_to_string("surveys/email/invitation.html", context)
    return subject, text, html


def _batch(batch: list[tuple], *, at: dt.datetime, plan: SurveyPlan) -> None:
    """Create, link and queue one batch of due surveys in one transaction."""
    invitations = [
        SurveyInvitation(organization=respondent.organization, enrollment=enrollment, kind=timing.kind,
                         audience=timing.audience, respondent=respondent, due_at=due_moment,
                         language=respondent.language)
        for enrollment, timing, respondent, due_moment, _email in batch
    ]  # fmt: skip
    by_code = {i.code: (i, email) for i, (*_rest, email) in zip(invitations, batch, strict=True)}
    link_days = dt.timedelta(days=settings.BEKLIJF_MAGIC_LINK_DAYS)
    with transaction.atomic():
        SurveyInvitation.objects.bulk_create(invitations, ignore_conflicts=True)
        # Only the rows this run created (a concurrent planner's rows carry other codes).
        mine = set(SurveyInvitation.objects.filter(code__in=list(by_code)).values_list("code", flat=True))
        plan.created += len(mine)
        links, messages = [], []
        for code in mine:
            invitation, email = by_code[code]
            if not email:
                continue
            token = secrets.token_urlsafe(32)
            links.append(MagicLink(employee=invitation.respondent, token_hash=MagicLink.hash(token),
                                   created_at=at, expires_at=at + link_days))  # fmt: skip
            link = settings.SITE_URL + reverse("surveys:link", args=[invitation.code, token])
            subject, text, html = render_invitation(invitation, link=link)
            key = outbox_key(invitation.enrollment_id, invitation.kind, invitation.audience)
            messages.append(Outbox(key=key, organization=invitation.organization, employee=invitation.respondent,
                                   kind=KIND, to=invitation.respondent.user.email, subject=subject[:300],
                                   body_text=text, body_html=html, next_attempt_at=at, created_at=at))  # fmt: skip
        MagicLink.objects.bulk_create(links)
        Outbox.objects.bulk_create(messages, ignore_conflicts=True)
        keys = [m.key for m in messages]
        ids = list(
            Outbox.objects.filter(key__in=keys, created_at=at, status=Outbox.Status.PENDING).values_list(
                "pk", flat=True
            )
        )
        emailed = [c for c in mine if by_code[c][1]]
        SurveyInvitation.objects.filter(code__in=emailed, sent_at__isnull=True).update(sent_at=at)
        enqueue_send_many(ids)
    plan.emailed += len(ids)
    plan.keys.extend(keys)
