"""Needs writes: assessments, requests and their decisions, budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from beklijf.catalog.models import Enrollment, Training, TrainingSession
from beklijf.needs.models import Assessment, Budget, Dismissal, NeedDate, Skill, TrainingRequest
from beklijf.people.models import Employee, Team


@transaction.atomic
def assessment_record(
    *, employee: Employee, skill: Skill, source: str, level: int, by: Employee
) -> Assessment:
    """Append a dated assessment; earlier ones stay (history)."""
    return Assessment.objects.create(
        employee=employee, skill=skill, source=source, level=level, assessed_by=by, assessed_at=timezone.now()
    )


@transaction.atomic
def request_create(
    *,
    employee: Employee,
    training: Training,
    motivation: str,
    requested_by: Employee,
    skill: Skill | None = None,
) -> TrainingRequest:
    return TrainingRequest.objects.create(
        employee=employee, training=training, skill=skill, motivation=motivation.strip(),
        requested_by=requested_by, created_at=timezone.now(),
    )  # fmt: skip


def next_session(training: Training, *, after: dt.datetime | None = None) -> TrainingSession | None:
    return (
        TrainingSession.objects.filter(training=training, starts_at__gte=after or timezone.now())
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def request_decide(
    *, request: TrainingRequest, manager: Employee, approve: bool, reason: str
) -> TrainingRequest:
    """Approve (and enrol in the next planned session, when there is one) or reject, with a reason."""
    if request.status != TrainingRequest.Status.REQUESTED:
        return request
    request.status = TrainingRequest.Status.APPROVED if approve else TrainingRequest.Status.REJECTED
    request.decided_by = manager
    request.decision_reason = reason.strip()
    request.decided_at = timezone.now()
    if approve:
        session = next_session(request.training)
        if session is not None:
            request.enrollment, _created = Enrollment.objects.get_or_create(
                employee=request.employee, session=session
            )
    request.save()
    return request


@transaction.atomic
def budget_set(*, team: Team, year: int, planned: Decimal) -> Budget:
    budget, _created = Budget.objects.update_or_create(team=team, year=year, defaults={"planned": planned})
    return budget


@transaction.atomic
def enrol_next(*, employee: Employee, training: Training) -> Enrollment | None:
    """Enrol in the next planned session; None when none is planned."""
    session = next_session(training)
    if session is None:
        return None
    enrollment, _created = Enrollment.objects.get_or_create(employee=employee, session=session)
    return enrollment


@transaction.atomic
def dismiss(*, employee: Employee, training: Training, reason: str, by: Employee) -> Dismissal:
    dismissal, _created = Dismissal.objects.update_or_create(
        employee=employee, training=training,
        defaults={"reason": reason[:2000], "dismissed_by": by, "dismissed_at": timezone.now()},
    )  # fmt: skip
    return dismissal


@transaction.atomic
def need_date_set(*, employee: Employee, skill: Skill, needed_by: dt.date, note: str = "") -> NeedDate:
    need, _created = NeedDate.objects.update_or_create(
        employee=employee, skill=skill, defaults={"needed_by": needed_by, "note": note[:200]}
    )
    return need
