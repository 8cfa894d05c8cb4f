"""Reads about people, scoped through access.py."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from beklijf.catalog.models import Enrollment
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee, Team


def team_list(*, actor: Actor) -> QuerySet[Team]:
    return (
        access.teams_visible_to(actor)
        .select_related("manager", "parent")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True)))
    )


def team_members(*, actor: Actor, team: Team) -> QuerySet[Employee]:
    return access.employees_visible_to(actor).filter(team=team, is_active=True)


def employee_enrollments(*, actor: Actor, employee: Employee) -> QuerySet[Enrollment]:
    return (
        access.enrollments_visible_to(actor)
        .filter(employee=employee)
        .select_related("session__training__provider")
        .order_by("-session__starts_at")
    )


def organization_counts(*, actor: Actor) -> dict[str, int]:
    """The L&D admin's overview figures."""
    trainings = access.trainings_visible_to(actor)
    return {
        "employees": access.employees_visible_to(actor).filter(is_active=True).count(),
        "teams": access.teams_visible_to(actor).count(),
        "trainings": trainings.count(),
        "providers": access.providers_visible_to(actor).count(),
        "completed": access.enrollments_visible_to(actor).filter(status=Enrollment.Status.COMPLETED).count(),
    }


def provider_outcomes(*, actor: Actor) -> list[dict]:
    """A provider's own trainings with aggregated figures; a group under the minimum shows no figures."""
    from django.conf import settings

    minimum = settings.BEKLIJF_PROVIDER_MIN_GROUP
    rows = []
    trainings = access.trainings_visible_to(actor).annotate(
        participants=Count("sessions__enrollments", distinct=True),
        completed=Count(
            "sessions__enrollments",
            filter=Q(sessions__enrollments__status=Enrollment.Status.COMPLETED),
            distinct=True,
        ),
    )
    for training in trainings:
        shown = training.participants >= minimum
        rows.append(
            {
                "training": training,
                "participants": training.participants if shown else None,
                "completed": training.completed if shown else None,
                "too_few": not shown,
            }
        )
    return rows
