"""answer_record's hand-built SQL (practice/answer_sql.py) stores what the ORM would store, refuses what it
must refuse, and writes nothing twice, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from beklijf.catalog.models import Question
from beklijf.practice import services
from beklijf.practice.models import MemoryState, Review
from tests.conftest import World


def _shown(
    world: World, *, extra: bool = False, at: dt.datetime | None = None
) -> tuple[services.Shown, Question]:
    state = MemoryState.objects.filter(employee=world.employee).order_by("due").first()
    question = Question.objects.filter(learning_point=state.learning_point).first()
    shown = services.Shown(
        key=uuid.uuid4(),
        employee_id=world.employee.pk,
        question_id=question.pk,
        shown_at=at or timezone.now() - dt.timedelta(seconds=7),
        is_extra=extra,
    )
    return shown, question


def _right(question: Question) -> str:
    return str(next(i for i, c in enumerate(question.choices) if c["correct"]))


def test_the_review_and_the_state_read_back_through_the_orm_as_written(followed: World) -> None:
    shown, question = _shown(followed)
    before = MemoryState.objects.get(employee=followed.employee, learning_point=question.learning_point)
    review, created = services.answer_record(
        employee=followed.employee, shown=shown, answer=_right(question), dont_know=False
    )
    assert created and review.pk is not None
    stored = Review.objects.get(pk=review.pk)
    for field in Review._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(review, field.attname), field.name
    assert stored.key == shown.key and stored.correct and stored.rating == 3
    assert 6_000 <= stored.response_ms <= 60_000
    assert stored.answered_at.tzinfo is not None
    state = MemoryState.objects.get(pk=before.pk)
    assert (state.reps, state.lapses) == (before.reps + 1, before.lapses)
    assert state.last_review == stored.answered_at and state.due > stored.answered_at
    assert state.stability > 0 and 1 <= state.difficulty <= 10


def test_a_repeat_of_extra_practice_writes_nothing_and_returns_the_first_answer(followed: World) -> None:
    shown, question = _shown(followed, extra=True)
    first, created = services.answer_record(
        employee=followed.employee, shown=shown, answer="0", dont_know=True
    )
    state = MemoryState.objects.get(employee=followed.employee, learning_point=question.learning_point)
    again, created_again = services.answer_record(
        employee=followed.employee, shown=shown, answer=_right(question), dont_know=False
    )
    assert created and not created_again
    assert again.pk == first.pk and again.dont_know
    assert Review.objects.count() == 1
    after = MemoryState.objects.get(pk=state.pk)
    assert (after.reps, after.due, after.stability) == (state.reps, state.due, state.stability)


def test_an_answer_after_the_state_moved_on_is_the_first_answer_or_refused_as_not_due(
    followed: World,
) -> None:
    shown, question = _shown(followed)
    first, _ = services.answer_record(employee=followed.employee, shown=shown, answer="0", dont_know=False)
    repeat, created = services.answer_record(
        employee=followed.employee, shown=shown, answer="1", dont_know=False
    )
    assert not created and repeat.pk == first.pk
    fresh = services.Shown(uuid.uuid4(), followed.employee.pk, question.pk, timezone.now(), is_extra=False)
    with pytest.raises(services.AnswerRefused, match="not due"):
        services.answer_record(employee=followed.employee, shown=fresh, answer="0", dont_know=False)
    assert Review.objects.count() == 1


def test_a_question_that_is_gone_or_not_mine_is_refused_and_nothing_is_written(followed: World) -> None:
    shown, question = _shown(followed)
    with pytest.raises(services.AnswerRefused, match="not yours"):
        services.answer_record(employee=followed.manager, shown=shown, answer="0", dont_know=False)
    # The manager has no memory state for this point even with a token made out to them.
    theirs = services.Shown(uuid.uuid4(), followed.manager.pk, question.pk, timezone.now(), is_extra=False)
    with pytest.raises(services.AnswerRefused, match="not yours"):
        services.answer_record(employee=followed.manager, shown=theirs, answer="0", dont_know=False)
    question.delete()
    with pytest.raises(services.AnswerRefused, match="gone"):
        services.answer_record(employee=followed.employee, shown=shown, answer="0", dont_know=False)
    assert not Review.objects.exists()
