"""Catalogue forms: field errors a person can act on, in their language, and nothing half-saved."""

from __future__ import annotations

from django.urls import reverse

from beklijf.catalog.models import Question, Training, TrainingSession
from tests import factories
from tests.conftest import World, client_for


def _post_question(world: World, data: dict):  # noqa: ANN202
    point = world.training.learning_points.first()
    client = client_for(world.ld_admin.user)
    base = {"prompt": "A question?", "explanation": "Because.", "is_active": "on"}
    return client.post(reverse("catalog:question-create", args=[point.code]), {**base, **data}), point


def test_true_false_question_is_stored_with_one_correct_choice(world: World) -> None:
    response, point = _post_question(world, {"kind": "true_false", "true_false_answer": "false"})
    assert response.status_code == 302
    question = Question.objects.filter(learning_point=point).latest("pk")
    assert [c["correct"] for c in question.choices] == [False, True]


def test_short_answer_accepted_answers_are_normalised(world: World) -> None:
    response, point = _post_question(
        world, {"kind": "short_answer", "accepted_answers_text": "  Ctrl+Z \nCONTROL+Z\n\nctrl+z"}
    )
    assert response.status_code == 302
    assert Question.objects.filter(learning_point=point).latest("pk").accepted_answers == [
        "control+z",
        "ctrl+z",
    ]


def test_multiple_choice_without_a_correct_option_shows_a_field_error_and_saves_nothing(world: World) -> None:
    before = Question.objects.count()
    response, _point = _post_question(world, {"kind": "multiple_choice", "choice_1": "A", "choice_2": "B"})
    assert response.status_code == 400
    assert "Mark which option is correct." in response.content.decode()
    assert Question.objects.count() == before


def test_marking_an_empty_option_correct_is_refused(world: World) -> None:
    response, _point = _post_question(
        world, {"kind": "scenario", "choice_1": "A", "choice_2": "B", "correct_choice": "4"}
    )
    assert response.status_code == 400
    assert "The option marked correct is empty." in response.content.decode()


def test_duplicate_training_title_is_a_field_error(world: World) -> None:
    client = client_for(world.ld_admin.user)
    response = client.post(
        reverse("catalog:training-create"),
        {"title": world.training.title.upper(), "mode": "online", "hours": "2", "cost_per_participant": "10"},
    )
    assert response.status_code == 400
    assert "There is already a training with this title." in response.content.decode()
    assert Training.objects.filter(organization=world.org).count() == 1


def test_negative_cost_is_refused(world: World) -> None:
    client = client_for(world.ld_admin.user)
    response = client.post(
        reverse("catalog:training-create"),
        {"title": "New", "mode": "online", "hours": "2", "cost_per_participant": "-5"},
    )
    assert response.status_code == 400
    assert not Training.objects.filter(title="New").exists()


def test_session_cannot_end_before_it_starts(world: World) -> None:
    client = client_for(world.ld_admin.user)
    response = client.post(
        reverse("catalog:session-create", args=[world.training.code]),
        {"starts_at": "2026-12-01T13:00", "ends_at": "2026-12-01T09:00"},
    )
    assert response.status_code == 400
    assert "A session cannot end before it starts." in response.content.decode()
    assert TrainingSession.objects.filter(training=world.training).count() == 1


def test_provider_of_another_organisation_cannot_be_chosen(world: World) -> None:
    foreign = factories.provider(world.org_b)
    client = client_for(world.ld_admin.user)
    response = client.post(
        reverse("catalog:training-create"),
        {"title": "X", "mode": "online", "hours": "1", "cost_per_participant": "1", "provider": foreign.pk},
    )
    assert response.status_code == 400
    assert not Training.objects.filter(title="X").exists()


def test_field_errors_are_in_dutch_for_a_dutch_user(world: World) -> None:
    world.ld_admin.language = "nl"
    world.ld_admin.save()
    client = client_for(world.ld_admin.user)
    response = client.post(reverse("catalog:training-create"), {"title": "", "mode": "online", "hours": "x"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht." in page  # Django's own Dutch
    assert "Verbeter de fouten hieronder." in page  # ours


def test_enrolling_the_same_person_twice_is_a_field_error(world: World) -> None:
    client = client_for(world.ld_admin.user)
    response = client.post(
        reverse("catalog:enrollment-create", args=[world.session.code]),
        {"employee": world.employee.pk, "status": "invited"},
    )
    assert response.status_code == 400
    assert "already enrolled" in response.content.decode()
