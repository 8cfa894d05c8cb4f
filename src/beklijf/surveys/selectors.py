"""Survey reads, scoped through people/access.py."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from beklijf.catalog.models import Training
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.surveys import schedule
from beklijf.surveys.items import SURVEYS
from beklijf.surveys.models import SurveyInvitation, SurveySchedule

# A survey stays open this long after it was due; after that it is no longer asked (its moment has passed).
OPEN_FOR = dt.timedelta(days=30)


def is_open(invitation: SurveyInvitation, *, at: dt.datetime) -> bool:
    return invitation.answered_at is None and at <= invitation.due_at + OPEN_FOR


def open_surveys(*, actor: Actor, at: dt.datetime) -> list[SurveyInvitation]:
    """The respondent's unanswered surveys whose moment has not passed, oldest first."""
    return list(
        access.survey_invitations_answerable_by(actor)
        .filter(answered_at__isnull=True, due_at__lte=at, due_at__gte=at - OPEN_FOR)
        .select_related("enrollment__session__training", "enrollment__employee")
        .order_by("due_at")
    )


def training_response_counts(*, actor: Actor, training: Training) -> list[dict]:
    """Per survey: how many were invited and how many answered. Counts only: reaction figures are never a
    headline (EVIDENCE.md 1.1, smile-sheet critique), and answers stay with the figures pages."""
    counts = {
        (row["kind"], row["audience"]): row
        for row in access.survey_invitations_counted_by(actor)
        .filter(enrollment__session__training=training)
        .values("kind", "audience")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
    }
    result = []
    for d in SURVEYS:
        row = counts.get((d.kind, d.audience), {"invited": 0, "answered": 0})
        result.append({"definition": d, "invited": row["invited"], "answered": row["answered"]})
    return result


def training_timings(*, training: Training) -> list[schedule.Timing]:
    """The training's effective timings (the caller already resolved the training through access.py)."""
    return schedule.timings_for(SurveySchedule.objects.filter(training=training))
