"""An employee opens the survey link from the e-mail on a phone and answers, in a real browser."""

from __future__ import annotations

import pytest

from beklijf.coaching.models import Blocker
from beklijf.practice.services import magic_link_create
from beklijf.surveys.models import SurveyAnswer
from tests.surveys.conftest import invitation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_employee_answers_the_one_week_survey_from_the_link_on_a_phone(page, world) -> None:  # noqa: ANN001
    survey = invitation(world.enrollment, "day7")
    token = magic_link_create(employee=world.employee)
    page.goto(page.base_url + f"/surveys/{survey.code}/link/{token}/")
    page.click("#open-survey")
    page.wait_for_selector("#survey-form")
    # One column on a 390-pixel phone: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#survey-submit")  # nothing chosen yet: the server says what is missing
    assert page.locator(".error").first.inner_text() == "Choose one of the answers."
    page.click("text=Once")
    page.click("text=No time")
    page.click("#survey-submit")
    page.wait_for_selector("#survey-answered")
    assert "Thank you" in page.inner_text("h1")
    assert dict(SurveyAnswer.objects.values_list("field", "number")) == {"tried": 1, "obstacle": 1}
    assert Blocker.objects.get(employee=world.employee).category == Blocker.Category.TIME
    page.goto(page.base_url + f"/surveys/{survey.code}/")
    assert "Your answers of" in page.inner_text("#survey-answered")
