"""Concurrent posts to one learning point record what they must, no more (real threads, real database)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections
from django.utils import timezone

from beklijf.catalog.models import Question
from beklijf.practice import services
from beklijf.practice.models import MemoryState, Review


@pytest.fixture
def due_point(world) -> tuple[MemoryState, Question]:  # noqa: ANN001
    """A learning point of the world's employee, due since the training yesterday; PostgreSQL only."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database is shared per connection; PostgreSQL runs this test in CI"
        )
    from tests.practice.conftest import complete

    complete(world.enrollment, on=timezone.localdate() - timezone.timedelta(days=1))
    state = MemoryState.objects.filter(employee=world.employee).first()
    return state, state.learning_point.questions.first()


def _race(world, shown_list: list[services.Shown]) -> list:  # noqa: ANN001
    """Post each shown question from its own thread and connection, all at the same moment; each result is
    (review, created) or the refusal's reason."""
    barrier = threading.Barrier(len(shown_list))
    results: list = []

    def post(shown: services.Shown) -> None:
        try:
            barrier.wait()
            results.append(
                services.answer_record(employee=world.employee, shown=shown, answer="0", dont_know=False)
            )
        except services.AnswerRefused as refused:
            results.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(shown,)) for shown in shown_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_to_one_shown_question_record_one_review(world, due_point) -> None:  # noqa: ANN001
    state, question = due_point
    shown = services.Shown(uuid.uuid4(), world.employee.pk, question.pk, timezone.now(), is_extra=False)
    results = _race(world, [shown] * 4)
    assert len(results) == 4
    assert sum(created for _review, created in results) == 1
    assert Review.objects.filter(key=shown.key).count() == 1
    state.refresh_from_db()
    assert state.reps == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("extra", [False, True], ids=["due", "extra practice"])
def test_concurrent_answers_to_one_point_from_several_tabs(world, due_point, extra: bool) -> None:  # noqa: ANN001
    """Four tabs, four different shown questions of one point, posted at once. Due: the first answer counts
    and the others learn the point is no longer due. Extra practice: every answer counts, one after the
    other, each applied to the state the previous one left (none lost, none applied twice)."""
    state, question = due_point
    tabs = [
        services.Shown(uuid.uuid4(), world.employee.pk, question.pk, timezone.now(), extra) for _ in range(4)
    ]
    results = _race(world, tabs)
    state.refresh_from_db()
    reviews = list(Review.objects.filter(learning_point=state.learning_point).order_by("review_number"))
    if extra:
        assert all(isinstance(r, tuple) and r[1] for r in results), results
        assert state.reps == 4 and [r.review_number for r in reviews] == [1, 2, 3, 4]
    else:
        assert sorted(r if isinstance(r, str) else "recorded" for r in results) == ["not due"] * 3 + [
            "recorded"
        ]
        assert state.reps == 1 and len(reviews) == 1
