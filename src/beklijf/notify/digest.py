"""The manager's weekly digest: per team, what stuck, who needs attention and why, what is open."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beklijf.notify.models import AgendaItem, CheckIn, Outbox, Preference
from beklijf.notify.outbox import outbox_add
from beklijf.people.access import actor_for
from beklijf.people.models import Employee, Team
from beklijf.practice.models import MemoryState

KIND = "digest"
DIGEST_WEEKDAY = 0  # Monday
DIGEST_HOUR = 8
# Overdue this long without an answer: worth a word from the manager.
OVERDUE = dt.timedelta(days=3)


def _managers():  # noqa: ANN202
    return (
        Employee.objects.filter(is_active=True)
        .filter(Q(managed_teams__isnull=False) | Q(reports__isnull=False))
        .distinct()
        .select_related("organization", "user", "preference")
    )


def digests_plan(*, at: dt.datetime) -> int:
    """Queue this week's digest for every manager whose Monday morning has come; idempotent per ISO week."""
    created = 0
    for manager in _managers():
        local = at.astimezone(zoneinfo.ZoneInfo(manager.time_zone))
        if local.weekday() != DIGEST_WEEKDAY or local.hour < DIGEST_HOUR:
            continue
        preference = getattr(manager, "preference", None) or Preference(employee=manager)
        if preference.nonessential_off or preference.channel == Preference.Channel.NONE:
            continue
        year, week, _day = local.isocalendar()
        key = f"{KIND}:{manager.pk}:{year}-W{week:02d}"
        if Outbox.objects.filter(key=key).exists():
            continue
        content = digest_content(manager=manager, at=at)
        if not content["teams"]:
            continue
        with translation.override(manager.language), timezone.override(zoneinfo.ZoneInfo(manager.time_zone)):
            subject = _("Your team this week")
            text = render_to_string("notify/email/digest.txt", content)
            html = render_to_string("notify/email/digest.html", content)
        created += outbox_add(key=key, organization=manager.organization, employee=manager, kind=KIND,
                              to=manager.user.email, subject=subject, text=text, html=html, at=at) is not None  # fmt: skip
    return created


def digest_content(*, manager: Employee, at: dt.datetime) -> dict:
    from beklijf.coaching.models import ActionPlan, Blocker
    from beklijf.coaching.signals import LABELS, latest
    from beklijf.people import access
    from beklijf.practice.models import Review
    from beklijf.practice.selectors import retention

    actor = actor_for(manager.user)
    site = settings.SITE_URL
    teams = []
    for team in Team.objects.filter(manager=manager).order_by("name"):
        team_ids = access.subtree_team_ids(team.organization, [team.pk])
        members = access.employees_visible_to(actor).filter(team_id__in=team_ids, is_active=True)
        reviews = Review.objects.filter(employee__in=members)
        per_training = []
        for training_id, title in reviews.values_list(
            "learning_point__training_id", "learning_point__training__title"
        ).distinct():
            figures = retention(reviews=reviews.filter(learning_point__training_id=training_id))
            per_training.append({"title": title, "four_weeks": figures[28]})
        attention = []
        # Named people in the digest are individual figures: only with the works council's decision on record.
        named = team.organization.signals_active
        ignored = AgendaItem.objects.filter(team__in=team_ids, source=AgendaItem.Source.IGNORED_PROMPTS,
                                            discussed_at__isnull=True).select_related("employee")  # fmt: skip
        for item in ignored if named else []:
            attention.append({"name": item.employee.full_name, "why": _("ignored the last 3 reminders")})
        overdue = (
            MemoryState.objects.filter(employee__in=members, due__lt=at - OVERDUE)
            .values_list("employee__first_name", "employee__name_prefix", "employee__last_name")
            .distinct()
        )
        for first, prefix, last in overdue if named else []:
            name = " ".join(p for p in (first, prefix, last) if p)
            if all(a["name"] != name for a in attention):
                attention.append({"name": name, "why": _("has questions waiting for more than 3 days")})
        checkins = CheckIn.objects.filter(
            enrollment__employee__in=members,
            status__in=[CheckIn.Status.PROPOSED, CheckIn.Status.SCHEDULED],
        ).select_related("enrollment__employee", "enrollment__session__training")
        signal_counts: dict[str, int] = {}
        if team.organization.signals_active:
            for found in latest(list(members.values_list("pk", flat=True))).values():
                for snapshot in (f for f in found if f.training_id is None):
                    label = str(LABELS.get(snapshot.segment, snapshot.segment))
                    signal_counts[label] = signal_counts.get(label, 0) + 1
        teams.append(
            {
                "team": team,
                "signals": sorted(signal_counts.items()),
                "open_blockers": Blocker.objects.filter(employee__in=members)
                .exclude(status=Blocker.Status.RESOLVED)
                .count(),
                "plans_to_confirm": ActionPlan.objects.filter(
                    employee__in=members, manager_confirmed__isnull=True
                )
                .exclude(use="")
                .count(),
                "coaching_url": site + reverse("coaching:team", args=[team.code]),
                "trainings": sorted(per_training, key=lambda t: t["title"]),
                "attention": attention,
                "open_items": AgendaItem.objects.filter(team=team, discussed_at__isnull=True).count(),
                "checkins": list(checkins.order_by("starts_at")[:10]),
                "agenda_url": site + reverse("notify:team-agenda", args=[team.code]),
                "team_url": site + reverse("team-detail", args=[team.code]),
            }
        )
    return {"manager": manager, "teams": teams, "checkins_url": site + reverse("notify:checkin-list")}


def team_channels_plan(*, at: dt.datetime) -> int:
    """Post the week's agenda to each team's Teams or Slack channel on Monday morning (the manager's time)."""
    import json

    from beklijf.notify.agenda import team_agenda
    from beklijf.notify.models import TeamChannel
    from beklijf.notify.webhook import slack_payload, teams_payload

    created = 0
    for channel in TeamChannel.objects.select_related("team__manager__user", "team__organization"):
        manager = channel.team.manager
        if manager is None:
            continue
        local = at.astimezone(zoneinfo.ZoneInfo(manager.time_zone))
        if local.weekday() != DIGEST_WEEKDAY or local.hour < DIGEST_HOUR:
            continue
        year, week, _day = local.isocalendar()
        key = f"webhook:{channel.pk}:{year}-W{week:02d}"
        if Outbox.objects.filter(key=key).exists():
            continue
        content = team_agenda(actor=actor_for(manager.user), team=channel.team, at=at)
        with translation.override(manager.language):
            title = _("Team agenda %(team)s") % {"team": channel.team.name}
            lines = []
            for topic in content["topics"]:
                worst = ", ".join(w["point"].title for w in topic["worst"])
                lines.append(f"{topic['training'].title}: {worst}" if worst else topic["training"].title)
            text = "\n".join(lines) or _("No training is being followed up in this team right now.")
            label = _("Open the agenda")
        link = settings.SITE_URL + reverse("notify:team-agenda", args=[channel.team.code])
        build = teams_payload if channel.kind == TeamChannel.Kind.TEAMS else slack_payload
        created += outbox_add(key=key, organization=channel.team.organization, employee=None, kind="team_agenda",
                              to=channel.url, subject=title, text=json.dumps(build(title, text, link, label)),
                              channel=Outbox.Channel.WEBHOOK, at=at) is not None  # fmt: skip
    return created
