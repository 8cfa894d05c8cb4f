"""Fill a fresh database for the worker-restart test: an organisation whose LRS is `sys.argv[1]`, with
answers and a completion that need statements. Run as a script with DJANGO_SETTINGS_MODULE and DATABASE_URL."""

from __future__ import annotations

import datetime as dt
import sys
import uuid

import django

django.setup()

from django.utils import timezone  # noqa: E402

from beklijf.integrations.models import LrsEndpoint  # noqa: E402
from beklijf.practice.models import Review  # noqa: E402
from tests import factories  # noqa: E402


def main(lrs_url: str, answers: int) -> None:
    org = factories.organization("Restart")
    LrsEndpoint.objects.create(organization=org, url=lrs_url, username=sys.argv[3], password=sys.argv[4])
    employee = factories.employee(org)
    training = factories.training(org, points=3)
    session = factories.session(training)
    factories.enrollment(employee, session, status="completed")
    questions = [q for p in training.learning_points.all() for q in p.questions.all()]
    now = timezone.now()
    Review.objects.bulk_create(
        Review(organization=org, employee=employee, learning_point=questions[i % len(questions)].learning_point,
               question=questions[i % len(questions)], key=uuid.uuid4(), correct=i % 3 != 0, rating=3,
               review_number=i + 1, response_ms=4000 + i, shown_at=now - dt.timedelta(minutes=i, seconds=5),
               answered_at=now - dt.timedelta(minutes=i))
        for i in range(answers)
    )  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
