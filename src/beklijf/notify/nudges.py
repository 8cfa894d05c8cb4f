"""Daily reminders to practise: at most one a day, on working days, in working hours, in the employee's time
zone, with a capped number per week; after 3 ignored reminders no more e-mail but an item on the manager's
agenda (EVIDENCE.md 1.6: <= 1 prompt a day, working hours, stop after 3 ignored, put on the agenda)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from beklijf.notify.models import AgendaItem, NudgeAssignment, Outbox, Preference
from beklijf.notify.outbox import enqueue_send_many
from beklijf.people.models import Employee
from beklijf.practice.models import MagicLink, MemoryState, Review

KIND = "nudge"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_BATCH = 500
IGNORED_LIMIT = 3


@dataclass(frozen=True)
class NudgePlan:
    created: int
    held_out: int
    on_agenda: int


def _employees(at: dt.datetime):  # noqa: ANN202
    """Active employees with something due within a day, with every count the rules need, in one query."""
    soon = at + dt.timedelta(days=1)
    last_answer = (
        Review.objects.filter(employee=OuterRef("pk")).order_by("-answered_at").values("answered_at")[:1]
    )
    nudges = Outbox.objects.filter(employee=OuterRef("pk"), kind=KIND).values("employee")
    count = Count("pk")
    week = nudges.filter(created_at__gte=at - dt.timedelta(days=7)).annotate(n=count).values("n")
    # Reminders since the last answer (or ever, before the first answer): the "ignored" count.
    ignored = nudges.filter(created_at__gt=Coalesce(OuterRef("last_answer"), Value(_EPOCH)))
    due = MemoryState.objects.filter(employee=OuterRef("pk"), due__lt=soon).values("employee")
    return (
        Employee.objects.filter(pk__in=MemoryState.objects.filter(due__lt=soon).values("employee"))
        .filter(is_active=True, user__is_active=True)
        .select_related("organization", "user", "team__manager", "preference")
        .annotate(
            first_due=Subquery(due.annotate(m=Min("due")).values("m")),
            due_count=Subquery(due.annotate(n=count).values("n")),
            last_answer=Subquery(last_answer),
            nudges_this_week=Coalesce(Subquery(week), 0),
        )
        .annotate(ignored=Coalesce(Subquery(ignored.annotate(n=count).values("n")), 0))
    )


def _held_out(employee: Employee, day: dt.date) -> bool:
    """A deterministic draw per (employee, day): re-running the planner draws the same."""
    share = employee.organization.nudge_holdout
    if share <= 0:
        return False
    digest = hashlib.sha256(f"{employee.pk}:{KIND}:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def _in_window(employee: Employee, preference: Preference, local: dt.datetime) -> bool:
    org = employee.organization
    return (
        local.weekday() in (employee.working_days or [])
        and local.weekday() not in (preference.quiet_days or [])
        and org.nudge_from_hour <= local.hour < org.nudge_until_hour
        and not (preference.paused_until and preference.paused_until >= local.date())
        and preference.channel == Preference.Channel.EMAIL
        and not preference.nonessential_off
    )


def nudges_plan(*, at: dt.datetime) -> NudgePlan:
    """Plan the reminders due at `at`; idempotent: one key per employee and local day."""
    held = agenda = 0
    to_nudge: list[tuple[Employee, str, dt.datetime]] = []
    candidates = list(_employees(at))
    days = {c.pk: at.astimezone(zoneinfo.ZoneInfo(c.time_zone)).date() for c in candidates}
    taken = set(
        Outbox.objects.filter(kind=KIND, created_at__gte=at - dt.timedelta(days=2)).values_list(
            "key", flat=True
        )
    )
    assigned = {
        (a.employee_id, a.day): a.held_out
        for a in NudgeAssignment.objects.filter(
            kind=KIND, day__in=set(days.values()), employee__in=candidates
        )
    }
    new_assignments = []
    for employee in candidates:
        zone = zoneinfo.ZoneInfo(employee.time_zone)
        local = at.astimezone(zone)
        preference = getattr(employee, "preference", None) or Preference(employee=employee)
        end_of_day = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        key = f"{KIND}:{employee.pk}:{local.date().isoformat()}"
        if employee.first_due is None or employee.first_due >= end_of_day or key in taken:
            continue
        if not _in_window(employee, preference, local) or employee.nudges_this_week >= preference.weekly_cap:
            continue
        if employee.ignored >= IGNORED_LIMIT:
            agenda += _put_on_agenda(employee, at)
            continue
        held_out = assigned.get((employee.pk, local.date()))
        if held_out is None:
            held_out = _held_out(employee, local.date())
            new_assignments.append(
                NudgeAssignment(employee=employee, kind=KIND, day=local.date(), held_out=held_out)
            )
        if held_out:
            held += 1
            continue
        to_nudge.append((employee, key, local))
    NudgeAssignment.objects.bulk_create(new_assignments, ignore_conflicts=True)
    created = 0
    for start in range(0, len(to_nudge), _BATCH):
        created += _nudge_batch(to_nudge[start : start + _BATCH], at=at)
    return NudgePlan(created=created, held_out=held, on_agenda=agenda)


def _put_on_agenda(employee: Employee, at: dt.datetime) -> int:
    # A named point about one person is an individual figure for the manager: only with the works council's
    # decision on record (docs/privacy.md).
    if employee.team_id is None or not employee.organization.signals_active:
        return 0
    try:
        with transaction.atomic():
            with translation.override(employee.team.manager.language if employee.team.manager else "nl"):
                title = _("%(name)s has not answered the last %(n)s reminders: ask what is in the way.") % {
                    "name": employee.full_name,
                    "n": IGNORED_LIMIT,
                }
            AgendaItem.objects.create(
                team=employee.team, title=title, source=AgendaItem.Source.IGNORED_PROMPTS, employee=employee,
                created_at=at,
            )  # fmt: skip
    except IntegrityError:
        return 0  # already on the agenda and not yet discussed
    return 1


def render_nudge(employee: Employee, *, link: str, due_count: int) -> tuple[str, str, str]:
    """(subject, text, html) in the employee's language."""
    with translation.override(employee.language):
        context = {
            "employee": employee,
            "link": link,
            "due_count": min(due_count, employee.organization.daily_question_cap),
        }
        subject = _("Your questions for today")
        text = render_to_string("notify/email/nudge.txt", context)
        html = render_to_string("notify/email/nudge.html", context)
    return subject, text, html


def _nudge_batch(batch: list[tuple[Employee, str, dt.datetime]], *, at: dt.datetime) -> int:
    """Render and queue a batch of reminders in one transaction: magic links, outbox rows, send tasks."""
    links, rows = [], []
    days = dt.timedelta(days=settings.BEKLIJF_MAGIC_LINK_DAYS)
    for employee, key, _local in batch:
        token = secrets.token_urlsafe(32)
        links.append(
            MagicLink(
                employee=employee, token_hash=MagicLink.hash(token), created_at=at, expires_at=at + days
            )
        )
        link = settings.SITE_URL + reverse("practice:magic-link", args=[token])
        subject, text, html = render_nudge(employee, link=link, due_count=employee.due_count or 0)
        rows.append(Outbox(key=key, organization=employee.organization, employee=employee, kind=KIND,
                           to=employee.user.email, subject=subject, body_text=text, body_html=html,
                           next_attempt_at=at, created_at=at))  # fmt: skip
    with transaction.atomic():
        MagicLink.objects.bulk_create(links)
        # A concurrent planner may have taken a key meanwhile: its row stands, ours is skipped.
        Outbox.objects.bulk_create(rows, ignore_conflicts=True)
        ids = list(
            Outbox.objects.filter(
                key__in=[r.key for r in rows], created_at=at, status=Outbox.Status.PENDING
            ).values_list("pk", flat=True)
        )
        enqueue_send_many(ids)
    return len(ids)


def magic_links_expired(*, at: dt.datetime) -> int:
    """Remove used and expired sign-in links (housekeeping)."""
    deleted, _rows = MagicLink.objects.filter(
        Q(expires_at__lt=at) | Q(used_at__lt=at - dt.timedelta(days=1))
    ).delete()
    return deleted
