"""Two concurrent posts of the same shown question record exactly one review (real threads, real database)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections
from django.utils import timezone

from beklijf.practice import services
from beklijf.practice.models import MemoryState, Review


@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_to_one_shown_question_record_one_review(world) -> None:  # noqa: ANN001
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database is shared per connection; PostgreSQL runs this test in CI"
        )
    from tests.practice.conftest import complete

    complete(world.enrollment, on=timezone.localdate() - timezone.timedelta(days=1))
    state = MemoryState.objects.filter(employee=world.employee).first()
    question = state.learning_point.questions.first()
    shown = services.Shown(
        key=uuid.uuid4(),
        employee_id=world.employee.pk,
        question_id=question.pk,
        shown_at=timezone.now(),
        is_extra=False,
    )
    barrier = threading.Barrier(4)
    results: list = []

    def post() -> None:
        try:
            barrier.wait()
            results.append(
                services.answer_record(employee=world.employee, shown=shown, answer="0", dont_know=False)
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    assert sum(created for _review, created in results) == 1
    assert Review.objects.filter(key=shown.key).count() == 1
    state.refresh_from_db()
    assert state.reps == 1
