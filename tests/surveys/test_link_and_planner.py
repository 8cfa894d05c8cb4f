"""The e-mail's sign-in link (GET shows a button, POST signs in for the survey pages only), and the planner's
promises that the month test does not show: a lost send task is recovered without a second e-mail, people
who chose "only in beklijf" get the survey on their home page without mail."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import time_machine
from django.test import Client
from django.urls import reverse

from beklijf.notify.models import Outbox, Preference
from beklijf.surveys.models import SurveyInvitation
from beklijf.surveys.planner import surveys_plan
from tests import factories
from tests.conftest import World, client_for

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
# Tuesday 1 December 2026, 10:00 in Amsterdam: the session below ends then, so the end survey is due.
AT = dt.datetime(2026, 12, 1, 10, tzinfo=AMS)


def _ending_session(world: World):  # noqa: ANN202
    session = factories.session(world.training, starts=AT - dt.timedelta(hours=3))
    session.ends_at = AT
    session.save()
    return factories.enrollment(world.employee, session)


def _link_in(message) -> str:  # noqa: ANN001
    body = message["Subject"] and message.get_payload(0).get_payload(decode=True).decode()
    return re.search(r"http://\S+/surveys/\S+/link/\S+/", body).group(0).split("8000", 1)[1]


def test_the_link_signs_in_for_the_survey_only_and_works_once(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    enrollment = _ending_session(world)
    run_tick(AT)
    (message,) = [m for m in smtp.messages if m["To"] == world.employee.user.email]
    path = _link_in(message)
    survey = SurveyInvitation.objects.get(enrollment=enrollment, kind="end")
    browser = Client(enforce_csrf_checks=False)
    page = browser.get(path)
    assert (
        page.status_code == 200 and 'id="open-survey"' in page.content.decode()
    )  # a scanner's GET uses nothing
    response = browser.post(path)
    assert response.status_code == 302 and response["Location"] == reverse(
        "surveys:answer", args=[survey.code]
    )
    assert browser.get(response["Location"]).status_code == 200
    assert browser.get(reverse("home")).status_code == 403  # the rest needs the password
    assert Client().post(path).status_code == 410  # used up


def test_a_link_opens_only_its_own_respondents_survey(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    _ending_session(world)
    run_tick(AT)
    (message,) = [m for m in smtp.messages if m["To"] == world.employee.user.email]
    token = _link_in(message).rstrip("/").rsplit("/", 1)[1]
    someone_else = factories.enrollment(world.manager, world.session)
    other = SurveyInvitation.objects.create(organization=world.org, enrollment=someone_else, kind="end",
                                            audience="employee", respondent=world.manager, due_at=AT, language="en")  # fmt: skip
    path = reverse("surveys:link", args=[other.code, token])
    assert Client().get(path).status_code == 410
    assert Client().post(path).status_code == 410


def test_a_lost_send_task_is_recovered_by_the_sweep_and_mailed_once(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    _ending_session(world)
    # The planner commits the invitation and its outbox row, then the worker dies before the send task runs.
    plan = surveys_plan(at=AT)
    assert plan.created == 1 and plan.emailed == 1
    assert smtp.messages == []
    for minutes in (1, 3, 4, 60):
        run_tick(AT + dt.timedelta(minutes=minutes))
    surveys = [m for m in smtp.messages if m["Subject"].startswith("A short survey")]
    assert len(surveys) == 1
    assert Outbox.objects.filter(kind="survey").count() == 1
    assert SurveyInvitation.objects.count() == 1


def test_people_who_want_no_messages_find_the_survey_on_their_home_page(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    Preference.objects.create(employee=world.employee, channel=Preference.Channel.NONE)
    enrollment = _ending_session(world)
    run_tick(AT)
    assert not [m for m in smtp.messages if m["Subject"].startswith("A short survey")]
    survey = SurveyInvitation.objects.get(enrollment=enrollment, kind="end")
    assert survey.sent_at is None
    with time_machine.travel(AT + dt.timedelta(hours=1), tick=False):
        home = client_for(world.employee.user).get(reverse("home")).content.decode()
    assert reverse("surveys:answer", args=[survey.code]) in home


def test_outside_working_hours_the_survey_waits_for_the_morning(world: World, smtp, run_tick) -> None:  # noqa: ANN001
    session = factories.session(world.training, starts=AT + dt.timedelta(hours=5))
    session.ends_at = AT + dt.timedelta(hours=8)  # 18:00: after working hours
    session.save()
    factories.enrollment(world.employee, session)
    run_tick(AT + dt.timedelta(hours=8))
    run_tick(AT + dt.timedelta(hours=22))  # 08:00 the next morning, still before 09:00
    assert not SurveyInvitation.objects.exists()
    run_tick(AT + dt.timedelta(hours=23))
    assert SurveyInvitation.objects.get().sent_at == AT + dt.timedelta(hours=23)
    assert len([m for m in smtp.messages if m["Subject"].startswith("A short survey")]) == 1
