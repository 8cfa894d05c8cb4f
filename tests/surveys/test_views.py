"""The answer page: the questions with anchored options, validation in the user's language, a double submit
that records one set of answers, the respondent alone; the home page lists open surveys."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from beklijf.coaching.models import ActionPlan, Blocker
from beklijf.surveys.models import SurveyAnswer
from tests.conftest import World, client_for
from tests.surveys.conftest import invitation


def test_the_respondent_sees_the_questions_with_anchored_answers_as_radio_buttons(world: World) -> None:
    survey = invitation(world.enrollment, "day30")
    response = client_for(world.employee.user).get(reverse("surveys:answer", args=[survey.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "How do you use what you learned today?" in page
    assert 'type="radio" name="application" value="3"' in page
    assert "Use it routinely, without help" in page
    assert page.count('type="radio"') == 4 + 4 + 4


def test_a_missing_answer_is_refused_with_a_message_and_nothing_is_stored(world: World) -> None:
    survey = invitation(world.enrollment, "day7")
    client = client_for(world.employee.user, csrf=False)
    response = client.post(reverse("surveys:answer", args=[survey.code]), {"tried": "1"})
    assert response.status_code == 400
    assert "Choose one of the answers." in response.content.decode()
    response = client.post(reverse("surveys:answer", args=[survey.code]), {"tried": "9", "obstacle": "0"})
    assert response.status_code == 400
    survey.refresh_from_db()
    assert survey.answered_at is None and not SurveyAnswer.objects.exists()


def test_validation_errors_come_in_the_respondents_language(world: World) -> None:
    world.employee.language = "nl"
    world.employee.save()
    survey = invitation(world.enrollment, "results")
    response = client_for(world.employee.user).post(
        reverse("surveys:answer", args=[survey.code]),
        {"result": "1", "attribution": "veel", "monthly_value": "-5"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "Voer een geheel getal in." in page  # Django's own Dutch for "Enter a whole number."
    assert "Zorg ervoor dat deze waarde minstens 0 is." in page  # "greater than or equal to 0"


def test_a_second_submit_shows_already_answered_and_stores_nothing_twice(world: World) -> None:
    survey = invitation(world.enrollment, "day30")
    client = client_for(world.employee.user)
    url = reverse("surveys:answer", args=[survey.code])
    data = {"application": "2", "supervisor_support": "3", "peer_support": "1"}
    first = client.post(url, data)
    assert first.status_code == 302
    assert "Your answers of" in client.get(url).content.decode()
    second = client.post(url, {**data, "application": "0"})
    assert second.status_code == 200
    assert "Already answered" in second.content.decode()
    stored = dict(SurveyAnswer.objects.filter(invitation=survey).values_list("field", "number"))
    assert stored == {"application": 2, "supervisor_support": 3, "peer_support": 1}


def test_nobody_but_the_respondent_can_open_or_answer_a_survey(world: World) -> None:
    survey = invitation(world.enrollment, "day7")
    url = reverse("surveys:answer", args=[survey.code])
    # The manager and the L&D admin see the person, but not the person's own answers.
    for person in (world.manager, world.ld_admin, world.manager_other, world.ld_admin_b):
        client = client_for(person.user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"tried": "1", "obstacle": "0"}).status_code == 404
    assert not SurveyAnswer.objects.exists()


def test_the_one_week_obstacle_opens_a_blocker_for_the_manager(world: World) -> None:
    survey = invitation(world.enrollment, "day7")
    client_for(world.employee.user).post(
        reverse("surveys:answer", args=[survey.code]), {"tried": "0", "obstacle": "3"}
    )
    blocker = Blocker.objects.get(employee=world.employee)
    assert blocker.category == Blocker.Category.MANAGER
    assert blocker.owner == world.manager
    assert blocker.training == world.training
    assert "My manager" in blocker.description
    # "Nothing in the way" opens nothing.
    other = invitation(world.enrollment, "day7", audience="manager", respondent=world.manager)
    assert other.respondent == world.manager
    survey2 = invitation(_second_enrollment(world), "day7")
    client_for(world.employee.user).post(
        reverse("surveys:answer", args=[survey2.code]), {"tried": "2", "obstacle": "0"}
    )
    assert Blocker.objects.filter(employee=world.employee).count() == 1


def _second_enrollment(world: World):  # noqa: ANN202
    from tests import factories

    return factories.enrollment(world.employee, factories.session(world.training))


def test_the_if_then_plan_at_the_end_becomes_an_action_plan(world: World) -> None:
    survey = invitation(world.enrollment, "end")
    client_for(world.employee.user).post(
        reverse("surveys:answer", args=[survey.code]),
        {
            "opportunity": "2",
            "confidence": "4",
            "if_then_plan": "When a customer calls angry, I will summarise first.",
        },
    )
    plan = ActionPlan.objects.get(enrollment=world.enrollment)
    assert (plan.situation, plan.action) == ("a customer calls angry", "summarise first")
    assert SurveyAnswer.objects.get(invitation=survey, field="if_then_plan").text.startswith(
        "When a customer"
    )


def test_a_survey_whose_moment_passed_is_closed(world: World) -> None:
    survey = invitation(world.enrollment, "day7", due_ago=dt.timedelta(days=40))
    client = client_for(world.employee.user)
    url = reverse("surveys:answer", args=[survey.code])
    assert "This survey has closed" in client.get(url).content.decode()
    assert client.post(url, {"tried": "1", "obstacle": "0"}).status_code == 410
    assert not SurveyAnswer.objects.exists()


def test_open_surveys_show_on_the_respondents_home_page_until_answered(world: World) -> None:
    survey = invitation(world.enrollment, "day7")
    manager_survey = invitation(world.enrollment, "day30", audience="manager", respondent=world.manager)
    home = client_for(world.employee.user).get(reverse("home")).content.decode()
    assert reverse("surveys:answer", args=[survey.code]) in home
    assert reverse("surveys:answer", args=[manager_survey.code]) not in home
    manager_home = client_for(world.manager.user).get(reverse("home")).content.decode()
    assert reverse("surveys:answer", args=[manager_survey.code]) in manager_home
    assert world.employee.full_name in manager_home
    client_for(world.employee.user).post(
        reverse("surveys:answer", args=[survey.code]), {"tried": "1", "obstacle": "0"}
    )
    assert 'id="open-surveys"' not in client_for(world.employee.user).get(reverse("home")).content.decode()
