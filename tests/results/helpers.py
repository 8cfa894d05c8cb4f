"""Real rows for results tests: sessions with participants, reviews in the 4-week window, survey answers."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from beklijf.catalog.models import Enrollment, Provider, Trainer, Training, TrainingSession
from beklijf.people.models import Employee, Organization
from beklijf.practice.models import Review
from beklijf.surveys.models import SurveyAnswer, SurveyInvitation
from tests import factories


@dataclass
class Built:
    training: Training
    session: TrainingSession
    enrollments: list[Enrollment] = field(default_factory=list)


def answer(enrollment: Enrollment, kind: str, audience: str, respondent: Employee, **fields: object) -> None:
    invitation = SurveyInvitation.objects.create(
        organization=enrollment.employee.organization,
        enrollment=enrollment,
        kind=kind,
        audience=audience,
        respondent=respondent,
        due_at=timezone.now() - dt.timedelta(days=1),
        sent_at=timezone.now() - dt.timedelta(days=1),
        answered_at=timezone.now(),
        language="en",
    )
    for name, value in fields.items():
        if isinstance(value, str):
            SurveyAnswer.objects.create(invitation=invitation, field=name, text=value)
        else:
            SurveyAnswer.objects.create(invitation=invitation, field=name, number=Decimal(str(value)))


def session_with(
    org: Organization,
    provider: Provider | None,
    *,
    participants: int,
    retention: tuple[int, int] = (0, 0),
    applied: tuple[int, int] = (0, 0),
    applied_30: tuple[int, int] = (0, 0),
    confidence: int | None = None,
    manager: Employee | None = None,
    trainer: Trainer | None = None,
    training: Training | None = None,
    title: str | None = None,
) -> Built:
    """A session of `participants` completed enrolments. retention = (right, answered) first attempts spread
    over the participants at 28 days; applied = (applied, asked) manager answers at 75 days, likewise at 30."""
    if training is None:
        training = factories.training(org, prov=provider, points=2)
        if title:
            training.title = title
            training.save()
    starts = timezone.now() - dt.timedelta(days=100)
    session = factories.session(training, trainer_=trainer, starts=starts)
    manager = manager or factories.employee(org, first_name="Manon")
    built = Built(training, session)
    point = training.learning_points.first()
    for i in range(participants):
        employee = factories.employee(org, manager=manager, first_name=f"Deelnemer{i}")
        built.enrollments.append(factories.enrollment(employee, session, status=Enrollment.Status.COMPLETED))
    right, answered = retention
    at = timezone.now() - dt.timedelta(days=30)
    for k in range(answered):
        enrollment = built.enrollments[k % participants]
        Review.objects.create(
            organization=org, employee=enrollment.employee, learning_point=point, key=uuid.uuid4(),
            correct=k < right, rating=3 if k < right else 1, review_number=2, elapsed_days=28.0,
            response_ms=20_000, shown_at=at, answered_at=at,
        )  # fmt: skip
    for (done, asked), kind in ((applied, "results"), (applied_30, "day30")):
        for k in range(asked):
            answer(built.enrollments[k], kind, "manager", manager, application=3 if k < done else 0)
    if confidence is not None:
        for enrollment in built.enrollments:
            answer(enrollment, "end", "employee", enrollment.employee, confidence=confidence, opportunity=2)
    return built
