"""Journeys a person makes, in a real browser."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from beklijf.catalog.models import LearningPoint, Question, Training
from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("employee", "My trainings"),
        ("manager", "Your teams"),
        ("ld_admin", "Overview"),
        ("provider", "Your trainings"),
    ],
)
def test_each_role_logs_in_and_reaches_the_home_page(page, world, role: str, heading: str) -> None:  # noqa: ANN001
    log_in(page, world.user(role).email, factories.PASSWORD)
    page.wait_for_url(page.base_url + "/")
    assert heading in page.inner_text("main")


def test_wrong_password_shows_an_error_and_stays_on_the_login_page(page, world) -> None:  # noqa: ANN001
    log_in(page, world.employee.user.email, "not-the-password")
    page.locator(".error-summary").wait_for()
    assert "/accounts/login/" in page.url


def test_ld_admin_creates_a_training_with_a_learning_point_and_a_question(page, world) -> None:  # noqa: ANN001
    log_in(page, world.ld_admin.user.email, factories.PASSWORD)
    page.goto(page.base_url + "/catalog/trainings/")
    page.click("#new-training")
    page.fill("#id_title", "Excel for experts")
    page.select_option("#id_provider", label=world.provider.name)
    page.select_option("#id_mode", "online")
    page.fill("#id_hours", "3.5")
    page.fill("#id_cost_per_participant", "295.00")
    page.click("#save")
    assert "Excel for experts" in page.inner_text("h1")

    page.click("#new-point")
    page.fill("#id_title", "Absolute references")
    page.fill("#id_summary", "F4 toggles $A$1.")
    page.click("#save")
    point = LearningPoint.objects.get(title="Absolute references")
    page.goto(page.base_url + f"/catalog/points/{point.code}/edit/")
    page.click("#new-question")
    page.select_option("#id_kind", "multiple_choice")
    page.fill("#id_prompt", "Which key toggles absolute references?")
    page.fill("#id_explanation", "F4 cycles through $A$1, A$1, $A1 and A1.")
    page.click("#save")
    page.locator(".error-summary").wait_for()  # no options yet: a clear error, nothing saved
    assert not Question.objects.filter(learning_point=point).exists()
    page.fill("#id_choice_1", "F2")
    page.fill("#id_choice_2", "F4")
    page.check("#id_correct_choice_1")
    page.click("#save")
    question = Question.objects.get(learning_point=point)
    assert question.choices[1] == {"text": "F4", "correct": True}
    assert Training.objects.get(title="Excel for experts").organization == world.org


def test_follow_up_from_completion_to_answer_to_the_manager_figure(page, world) -> None:  # noqa: ANN001
    from beklijf.practice import services
    from tests.practice.conftest import complete

    # Five colleagues did the training two months ago and answered 1 and 29 days after it.
    start = timezone.now() - dt.timedelta(days=60)
    for _ in range(5):
        colleague = factories.employee(world.org, team=world.north)
        enrollment = factories.enrollment(colleague, factories.session(world.training, starts=start))
        complete(enrollment, on=timezone.localdate(start))
        point = world.training.learning_points.first()
        question = point.questions.first()
        right = str(next(i for i, c in enumerate(question.choices) if c["correct"]))
        for day in (1, 29):
            at = start + dt.timedelta(days=day, hours=3)
            shown = services.Shown(key=uuid.uuid4(), employee_id=colleague.pk,
                                   question_id=question.pk, shown_at=at - dt.timedelta(seconds=9), is_extra=False)  # fmt: skip
            services.answer_record(employee=colleague, shown=shown, answer=right, dont_know=False, at=at)

    # The L&D admin marks the employee's enrolment completed yesterday.
    log_in(page, world.ld_admin.user.email, factories.PASSWORD)
    page.goto(page.base_url + f"/catalog/enrollments/{world.enrollment.code}/edit/")
    page.select_option("#id_status", "completed")
    page.fill("#id_completed_on", (timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.click("#save")
    page.click("text=Log out")

    # A day later: the employee opens the magic link from the e-mail, starts, answers, sees feedback.
    token = services.magic_link_create(employee=world.employee)
    page.goto(page.base_url + f"/practice/link/{token}/")
    page.click("#open-quiz")
    page.wait_for_url(page.base_url + "/practice/")
    page.click("#ans-1")
    page.click("#submit")
    result = page.inner_text("#result")
    assert "correct" in result or "Not quite" in result
    page.click("text=Log out")

    # The manager sees the team's retention figure, with n.
    log_in(page, world.manager.user.email, factories.PASSWORD)
    page.goto(page.base_url + f"/teams/{world.sales.code}/")
    figures = page.inner_text("#team-retention")
    assert "Retention at 28 days" in figures
    assert "100%" in figures and "n = 5" in figures
