"""Small factories for tests: real rows in the real database, no mocks."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from beklijf.catalog.models import (
    Enrollment,
    LearningPoint,
    Provider,
    ProviderAccount,
    Question,
    Trainer,
    Training,
    TrainingSession,
)
from beklijf.people.models import Employee, Organization, Team, User

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-9"


def organization(name: str = "Acme") -> Organization:
    n = next(_seq)
    return Organization.objects.create(name=f"{name} {n}", slug=f"{name.lower()}-{n}")


def team(
    org: Organization, name: str = "Team", *, parent: Team | None = None, manager: Employee | None = None
) -> Team:
    return Team.objects.create(organization=org, name=f"{name} {next(_seq)}", parent=parent, manager=manager)


def employee(
    org: Organization,
    *,
    team: Team | None = None,
    role: str = Employee.Role.EMPLOYEE,
    manager: Employee | None = None,
    first_name: str = "Sam",
    language: str = "en",
) -> Employee:
    n = next(_seq)
    user = User.objects.create_user(email=f"person{n}@example.com", password=PASSWORD)
    return Employee.objects.create(
        organization=org,
        user=user,
        first_name=first_name,
        last_name=f"Jansen{n}",
        team=team,
        role=role,
        manager=manager,
        employee_number=f"E{n:05d}",
        language=language,
    )


def provider(org: Organization, name: str = "Provider") -> Provider:
    return Provider.objects.create(organization=org, name=f"{name} {next(_seq)}")


def provider_account(prov: Provider) -> User:
    user = User.objects.create_user(email=f"provider{next(_seq)}@example.com", password=PASSWORD)
    ProviderAccount.objects.create(user=user, provider=prov)
    return user


def trainer(prov: Provider) -> Trainer:
    return Trainer.objects.create(provider=prov, name=f"Trainer {next(_seq)}")


def training(org: Organization, *, prov: Provider | None = None, points: int = 2) -> Training:
    t = Training.objects.create(
        organization=org,
        title=f"Training {next(_seq)}",
        provider=prov,
        hours=Decimal("4"),
        cost_per_participant=Decimal("250.00"),
    )
    for i in range(1, points + 1):
        point = LearningPoint.objects.create(training=t, position=i, title=f"Point {i} of {t.title}")
        question(point)
        question(point, correct_index=1)
    return t


def question(point: LearningPoint, *, correct_index: int = 0) -> Question:
    choices = [{"text": f"Option {i}", "correct": i == correct_index} for i in range(3)]
    return Question.objects.create(
        learning_point=point,
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt=f"Which option is right for {point.title}? ({next(_seq)})",
        choices=choices,
        explanation="Because it is.",
    )


def session(
    tr: Training, *, trainer_: Trainer | None = None, starts: dt.datetime | None = None
) -> TrainingSession:
    starts = starts or timezone.now() - dt.timedelta(days=2)
    return TrainingSession.objects.create(
        training=tr, starts_at=starts, ends_at=starts + dt.timedelta(hours=4), trainer=trainer_
    )


def enrollment(
    emp: Employee, sess: TrainingSession, *, status: str = Enrollment.Status.INVITED
) -> Enrollment:
    completed_on = sess.starts_at.date() if status == Enrollment.Status.COMPLETED else None
    return Enrollment.objects.create(employee=emp, session=sess, status=status, completed_on=completed_on)


def totp(secret_b32: str, *, at: float | None = None, step: int = 30) -> str:
    """RFC 6238 TOTP (HMAC-SHA1, 6 digits), written out here so tests do not trust the library they check."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    key = base64.b32decode(secret_b32.replace(" ", "").upper())
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"
