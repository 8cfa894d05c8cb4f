"""Reads for the impulse screens: delivery status, the nudge experiment, the team meeting calendar."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beklijf.engine.stats import proportion
from beklijf.notify import ics
from beklijf.notify.ics_domain import calendar_domain
from beklijf.notify.models import Outbox
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee, Team
from beklijf.practice.models import Review


def outbox_rows(*, actor: Actor, status: str | None) -> QuerySet[Outbox]:
    """Messages of the actor's organisation: metadata only, never the body (it may hold a sign-in link)."""
    rows = access.messages_visible_to(actor).order_by("-created_at")
    if status:
        rows = rows.filter(status=status)
    return rows.only("kind", "to", "subject", "status", "attempts", "created_at", "sent_at", "last_error")


def outbox_counts(*, actor: Actor) -> dict[str, int]:
    counts = access.messages_visible_to(actor).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in counts}


def nudge_effect(*, actor: Actor, days: int = 28) -> dict:
    """Intention to treat: on-time completion (an answer on the day) of everyone assigned to a reminder,
    sent or not, against everyone held out; difference with a 95% interval (normal approximation)."""
    since = timezone.localdate() - dt.timedelta(days=days)
    assignments = access.nudge_assignments_visible_to(actor).filter(day__gte=since)
    answered = Review.objects.filter(
        employee=OuterRef("employee"), answered_at__date=OuterRef("day"), is_extra=False
    )
    rows = assignments.annotate(done=Exists(answered)).values_list("held_out", "done")
    n = {True: 0, False: 0}
    ok = {True: 0, False: 0}
    for held_out, done in rows:
        n[held_out] += 1
        ok[held_out] += int(done)
    nudged, held = proportion(ok[False], n[False]), proportion(ok[True], n[True])
    difference = low = high = None
    if n[False] and n[True]:
        p1, p2 = ok[False] / n[False], ok[True] / n[True]
        difference = p1 - p2
        se = math.sqrt(p1 * (1 - p1) / n[False] + p2 * (1 - p2) / n[True])
        low, high = difference - 1.96 * se, difference + 1.96 * se
    return {"days": days, "nudged": nudged, "held_out": held, "difference": difference, "low": low, "high": high,
            "share": actor.organization.nudge_holdout}  # fmt: skip


def team_meeting_calendar(*, team: Team, organizer: Employee, weekday: str, hhmm: str) -> bytes:
    """A weekly team meeting (RRULE) whose description links to the live agenda."""
    zone = zoneinfo.ZoneInfo(organizer.time_zone)
    now = timezone.now()
    today = now.astimezone(zone).date()
    days_ahead = (["MO", "TU", "WE", "TH", "FR"].index(weekday) - today.weekday()) % 7 or 7
    hour, minute = (int(part) for part in hhmm.split(":"))
    start = dt.datetime.combine(today + dt.timedelta(days=days_ahead), dt.time(hour, minute), tzinfo=zone)
    team_ids = access.subtree_team_ids(team.organization, [team.pk])
    members = access.employees_visible_to(access.actor_for(organizer.user)).filter(
        team_id__in=team_ids, is_active=True
    )
    attendees = [(m.user.email, m.full_name) for m in members if m.pk != organizer.pk]
    agenda_url = settings.SITE_URL + reverse("notify:team-agenda", args=[team.code])
    with translation.override(organizer.language):
        summary = _("Team meeting %(team)s") % {"team": team.name}
        description = _("The agenda, with what the team remembers worst: %(url)s") % {"url": agenda_url}
    return ics.invitation(
        uid=ics.uid_for("team-meeting", str(team.code), calendar_domain()),
        sequence=0,
        start=start,
        end=start + dt.timedelta(minutes=30),
        summary=summary,
        description=description,
        location="",
        organizer_email=organizer.user.email,
        organizer_name=organizer.full_name,
        # A meeting of one still needs an attendee (RFC 5546): then the organiser invites themself.
        attendees=attendees or [(organizer.user.email, organizer.full_name)],
        method="REQUEST",
        time_zone=organizer.time_zone,
        url=agenda_url,
        now=now,
        rrule={"FREQ": "WEEKLY", "BYDAY": weekday},
    )
