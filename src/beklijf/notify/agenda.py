"""The team agenda: the trainings' topics on the team meeting, with the learning points the team
remembers worst as discussion questions."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from beklijf.notify.models import AgendaItem, CheckIn
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Team
from beklijf.practice import memory
from beklijf.practice.models import MemoryState, Review
from beklijf.practice.queue import retrievabilities

# A training is on the agenda while its follow-up is running in the team (a review in this window).
ACTIVE_WINDOW = dt.timedelta(days=120)
WORST_POINTS = 3


def team_agenda(*, actor: Actor, team: Team, at: dt.datetime | None = None) -> dict:
    at = at or timezone.now()
    team_ids = access.subtree_team_ids(team.organization, [team.pk])
    members = access.employees_visible_to(actor).filter(team_id__in=team_ids, is_active=True)
    states = list(
        MemoryState.objects.filter(employee__in=members, started_at__gte=at - ACTIVE_WINDOW).select_related(
            "learning_point__training"
        )
    )
    r = retrievabilities(states, at=at, parameters=memory.parameters_for(team.organization))
    week_ago = at - dt.timedelta(days=7)
    recent = Review.objects.filter(employee__in=members, answered_at__gte=week_ago, is_extra=False)
    answers_by_training: dict[int, tuple[int, int]] = {}
    for training_id, correct in recent.values_list("learning_point__training_id", "correct"):
        n, ok = answers_by_training.get(training_id, (0, 0))
        answers_by_training[training_id] = (n + 1, ok + int(correct))
    trainings: dict[int, dict] = {}
    for state, value in zip(states, r, strict=True):
        training = state.learning_point.training
        entry = trainings.setdefault(training.pk, {"training": training, "points": {}, "people": set()})
        entry["people"].add(state.employee_id)
        if value == value:  # not NaN: practised at least once
            entry["points"].setdefault(state.learning_point, []).append(float(value))
    topics = []
    for entry in trainings.values():
        means = sorted(
            ((float(np.mean(v)), point, len(v)) for point, v in entry["points"].items()), key=lambda x: x[0]
        )
        n, ok = answers_by_training.get(entry["training"].pk, (0, 0))
        topics.append(
            {
                "training": entry["training"],
                "people": len(entry["people"]),
                "answers_week": n,
                "right_week": ok / n if n else None,
                "worst": [{"point": p, "mean_r": m, "n": k} for m, p, k in means[:WORST_POINTS]],
            }
        )
    topics.sort(key=lambda t: t["training"].title)
    items = AgendaItem.objects.filter(team=team)
    checkins = (
        access.checkins_visible_to(actor)
        .filter(
            enrollment__employee__in=members, status__in=[CheckIn.Status.PROPOSED, CheckIn.Status.SCHEDULED]
        )
        .order_by("starts_at", "created_at")
    )
    from beklijf.coaching.models import Blocker

    blockers = (
        access.blockers_visible_to(actor).filter(employee__in=members).exclude(status=Blocker.Status.RESOLVED)
    )
    return {
        "team": team,
        "topics": topics,
        "blockers": blockers,
        "open_items": items.filter(discussed_at__isnull=True),
        "discussed_items": items.filter(discussed_at__isnull=False).order_by("-discussed_at")[:10],
        "checkins": checkins,
        "at": at,
    }
