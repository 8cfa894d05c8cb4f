"""Practice reads: the daily queue, progress and measured retention, scoped through people/access.py."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from beklijf.engine.stats import Proportion, proportion
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee, Team
from beklijf.practice.models import MemoryState, Review

# "Retention at N days": first attempts on items last seen N ± tolerance days earlier (EVIDENCE.md, what the
# product must compute, 2: 4 weeks = 21-35 days). Same-day repeats have ~0 elapsed days and fall outside.
RETENTION_WINDOWS = {7: (5.0, 9.0), 28: (21.0, 35.0), 90: (75.0, 105.0)}


def home_summary(*, actor: Actor, employee: Employee) -> dict:
    now = timezone.now()
    states = MemoryState.objects.filter(employee=employee)
    return {
        "due": states.filter(due__lte=now).count(),
        "points": states.count(),
    }


def retention(*, reviews) -> dict[int, Proportion]:  # noqa: ANN001
    """Measured retention at 7, 28 and 90 days over a queryset of reviews, with n and a Wilson interval."""
    aggregates = {}
    for days, (low, high) in RETENTION_WINDOWS.items():
        in_window = Q(elapsed_days__gte=low, elapsed_days__lte=high, is_extra=False)
        aggregates[f"n{days}"] = Count("pk", filter=in_window)
        aggregates[f"ok{days}"] = Count("pk", filter=in_window & Q(correct=True))
    row = reviews.aggregate(**aggregates)
    return {days: proportion(row[f"ok{days}"], row[f"n{days}"]) for days in RETENTION_WINDOWS}


def team_retention(*, actor: Actor, team: Team) -> dict[int, Proportion]:
    teams = access.subtree_team_ids(team.organization, [team.pk])
    members = access.employees_visible_to(actor).filter(team_id__in=teams)
    return retention(reviews=Review.objects.filter(employee__in=members))


def model_calibration(*, reviews):  # noqa: ANN001,ANN201
    """Predicted R before each first attempt against the answer, in bins (only reviews the model predicted)."""
    import numpy as np

    from beklijf.engine.calibration import calibration

    rows = list(
        reviews.filter(retrievability_before__isnull=False, is_extra=False).values_list(
            "retrievability_before", "correct"
        )
    )
    data = np.array(rows, dtype=np.float64).reshape(-1, 2)
    return calibration(data[:, 0], data[:, 1])


def retention_overview(*, actor: Actor) -> dict:
    """Organisation, per-team and per-training retention for L&D admins; own teams for managers."""
    from beklijf.catalog.models import Training

    employees = access.employees_visible_to(actor)
    reviews = Review.objects.filter(employee__in=employees)
    teams = [
        {"team": team, "retention": team_retention(actor=actor, team=team)}
        for team in access.teams_visible_to(actor)
    ]
    trainings = [
        {
            "training": training,
            "retention": retention(reviews=reviews.filter(learning_point__training=training)),
        }
        for training in Training.objects.filter(pk__in=reviews.values("learning_point__training")).order_by(
            "title"
        )
    ]
    return {
        "overall": retention(reviews=reviews),
        "calibration": model_calibration(reviews=reviews),
        "teams": teams,
        "trainings": trainings,
        "is_organization": actor.is_ld_admin,
    }


def progress(*, employee: Employee, at: dt.datetime) -> dict:
    """Per training the learning points with their R now, and the forgetting curve with and without follow-up."""
    from beklijf.practice import memory
    from beklijf.practice.queue import retrievabilities

    states = list(
        MemoryState.objects.filter(employee=employee)
        .select_related("learning_point__training")
        .order_by("learning_point__training__title", "learning_point__position")
    )
    parameters = memory.parameters_for(employee.organization)
    r = retrievabilities(states, at=at, parameters=parameters)
    trainings: dict[int, dict] = {}
    for state, value in zip(states, r, strict=True):
        training = state.learning_point.training
        entry = trainings.setdefault(training.pk, {"training": training, "points": []})
        entry["points"].append(
            {"point": state.learning_point, "r": None if value != value else float(value), "due": state.due}
        )
    return {
        "trainings": list(trainings.values()),
        "curve": forgetting_curve_svg(parameters=parameters, target=employee.organization.target_retention),
    }


def forgetting_curve_svg(*, parameters, target: float, days: int = 90) -> dict:  # noqa: ANN001
    """Two model curves over `days`: one answer right after the training and nothing more, against
    answering each due question correctly. Both come from the memory model (FSRS-6), so they show what the
    schedule buys, not a measurement."""
    from beklijf.engine import memory as engine

    start = dt.datetime(2026, 1, 5, 17, tzinfo=dt.UTC)
    first, _ = engine.review(
        engine.new_state(at=start),
        correct=True,
        at=start + dt.timedelta(days=1),
        parameters=parameters,
        desired_retention=target,
    )
    without = [
        (d, float(engine.retrievability(max(0, d - 1), first.stability, parameters.decay)))
        for d in range(1, days + 1)
    ]
    with_followup = []
    state = first
    for d in range(1, days + 1):
        moment = start + dt.timedelta(days=d)
        if state.due <= moment:
            state, _ = engine.review(
                state, correct=True, at=moment, parameters=parameters, desired_retention=target
            )
        with_followup.append(
            (
                d,
                float(
                    engine.state_retrievability(
                        state, at=moment + dt.timedelta(hours=12), parameters=parameters
                    )
                ),
            )
        )

    def path(points: list[tuple[int, float]]) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{30 + d * 3:.1f},{10 + (1 - r) * 160:.1f}"
            for i, (d, r) in enumerate(points)
        )

    return {
        "with": path(with_followup),
        "without": path(without),
        "days": days,
        "end_with": with_followup[-1][1],
        "end_without": without[-1][1],
    }
