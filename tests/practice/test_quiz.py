"""The daily quiz as an employee uses it, through the real views."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from beklijf.catalog.models import Question
from beklijf.practice.models import MemoryState, Review
from tests.conftest import World, client_for


def _shown(client: Client) -> tuple[str, Question]:
    page = client.get(reverse("practice:quiz")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    prompt = re.search(r'<h1 id="prompt">(.*?)</h1>', page, re.S).group(1).strip()
    return token, Question.objects.get(prompt=prompt)


def _right(question: Question) -> str:
    return str(next(i for i, c in enumerate(question.choices) if c["correct"]))


def test_a_due_question_is_shown_and_a_right_answer_is_recorded_with_feedback(followed: World) -> None:
    client = client_for(followed.employee.user)
    token, question = _shown(client)
    response = client.post(reverse("practice:answer"), {"token": token, "answer": _right(question)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your answer is correct." in page
    assert question.explanation in page
    review = Review.objects.get()
    assert review.correct and review.rating == 3 and review.review_number == 1
    state = MemoryState.objects.get(employee=followed.employee, learning_point=question.learning_point)
    assert state.reps == 1 and state.stability > 0
    assert state.due.date() > review.answered_at.date()


def test_i_dont_know_counts_as_again_and_shows_the_right_answer(followed: World) -> None:
    client = client_for(followed.employee.user)
    token, question = _shown(client)
    page = client.post(reverse("practice:answer"), {"token": token, "dont_know": "1"}).content.decode()
    assert "The right answer:" in page
    review = Review.objects.get()
    assert review.dont_know and not review.correct and review.rating == 1


def test_double_submit_records_one_review(followed: World) -> None:
    client = client_for(followed.employee.user)
    token, question = _shown(client)
    first = client.post(reverse("practice:answer"), {"token": token, "answer": _right(question)})
    again = client.post(reverse("practice:answer"), {"token": token, "answer": "0"})
    assert first.status_code == again.status_code == 200
    assert "already answered" in again.content.decode()
    assert Review.objects.count() == 1
    assert (
        MemoryState.objects.get(learning_point=question.learning_point, employee=followed.employee).reps == 1
    )


def test_someone_else_cannot_answer_my_question(followed: World) -> None:
    token, question = _shown(client_for(followed.employee.user))
    response = client_for(followed.manager.user).post(
        reverse("practice:answer"), {"token": token, "answer": "0"}
    )
    assert response.status_code == 409
    assert "not shown to you" in response.content.decode()
    assert not Review.objects.exists()


def test_a_tampered_token_changes_nothing(followed: World) -> None:
    client = client_for(followed.employee.user)
    token, _question = _shown(client)
    response = client.post(reverse("practice:answer"), {"token": token[:-2] + "xx", "answer": "0"})
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_the_daily_cap_stops_the_quiz_and_practise_more_goes_beyond_it(followed: World) -> None:
    org = followed.org
    org.daily_question_cap = 1
    org.save()
    client = client_for(followed.employee.user)
    token, question = _shown(client)
    client.post(reverse("practice:answer"), {"token": token, "answer": _right(question)})
    page = client.get(reverse("practice:quiz")).content.decode()
    assert "Done for today" in page
    extra = client.get(reverse("practice:quiz") + "?extra=1").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', extra).group(1)
    client.post(reverse("practice:answer"), {"token": token, "dont_know": "1"})
    assert Review.objects.filter(is_extra=True).count() == 1


def test_nothing_due_before_the_day_after_the_training(world: World) -> None:
    from django.utils import timezone

    from tests.practice.conftest import complete

    complete(world.enrollment, on=timezone.localdate())
    page = client_for(world.employee.user).get(reverse("practice:quiz")).content.decode()
    assert "Done for today" in page


def test_variants_rotate_between_showings(followed: World) -> None:
    from beklijf.practice import queue

    state = MemoryState.objects.filter(employee=followed.employee).first()
    first = queue.next_question(employee=followed.employee, state=state)
    client = client_for(followed.employee.user)
    token, shown = _shown(client)
    while shown.learning_point_id != state.learning_point_id:
        client.post(reverse("practice:answer"), {"token": token, "dont_know": "1"})
        token, shown = _shown(client)
    client.post(reverse("practice:answer"), {"token": token, "dont_know": "1"})
    assert queue.next_question(employee=followed.employee, state=state) != first


def test_progress_page_shows_points_and_the_curve(followed: World) -> None:
    page = client_for(followed.employee.user).get(reverse("practice:progress")).content.decode()
    assert followed.training.title in page
    assert "not practised yet" in page
    assert '<path class="with"' in page and '<path class="without"' in page


def test_answering_costs_the_queries_docs_benchmarks_counts(followed: World) -> None:
    """The busiest write of the product (docs/benchmarks.md b): the session, the account with its employee,
    then inside the transaction the state locked with its question and the write of review and state (one
    statement on PostgreSQL, two on SQLite). A new query here shows up in the benchmark."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(followed.employee.user)
    token, question = _shown(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("practice:answer"), {"token": token, "answer": _right(question)},
                               HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 200
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # The test runs inside a transaction, so the answer's own transaction is a savepoint here.
    writes = ["WITH"] if connection.vendor == "postgresql" else ["INSERT", "UPDATE"]
    assert statements == ["SELECT", "SELECT", "SAVEPOINT", "SELECT", *writes, "RELEASE"], statements
