"""Answer services: if-then plans in both languages, and the first answer standing."""

from __future__ import annotations

import pytest

from beklijf.surveys.models import SurveyAnswer
from beklijf.surveys.services import AlreadyAnswered, plan_split, survey_answer
from tests.conftest import World
from tests.surveys.conftest import invitation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "When a customer calls angry, I will summarise first.",
            ("a customer calls angry", "summarise first"),
        ),
        ("If the report is late I'll call the team", ("the report is late", "call the team")),
        ("Als een klant boos belt, dan vat ik eerst samen", ("een klant boos belt", "vat ik eerst samen")),
        (
            "Wanneer ik een offerte maak, ga ik de checklist gebruiken",
            ("ik een offerte maak", "de checklist gebruiken"),
        ),
    ],
)
def test_an_if_then_plan_splits_into_situation_and_action(text: str, expected: tuple[str, str]) -> None:
    assert plan_split(text) == expected


def test_a_plan_in_another_shape_is_kept_whole_as_the_action() -> None:
    situation, action = plan_split("Use the checklist for every quote")
    assert action == "Use the checklist for every quote"
    assert situation


def test_the_first_answer_stands(world: World) -> None:
    survey = invitation(world.enrollment, "before")
    survey_answer(invitation=survey, values={"goal_agreed": 2, "use_situation": "Quotes"})
    with pytest.raises(AlreadyAnswered):
        survey_answer(invitation=survey, values={"goal_agreed": 0, "use_situation": ""})
    stored = {a.field: (a.number, a.text) for a in SurveyAnswer.objects.filter(invitation=survey)}
    assert stored == {"goal_agreed": (2, ""), "use_situation": (None, "Quotes")}


def test_a_manager_who_manages_their_own_team_is_not_asked_about_themselves(world: World, run_tick) -> None:  # noqa: ANN001
    import datetime as dt

    from beklijf.surveys.models import SurveyInvitation
    from tests import factories

    # Mia manages Sales and is a member of it: the team's manager is herself.
    session = factories.session(world.training)
    enrollment = factories.enrollment(world.manager, session, status="completed")
    at = dt.datetime.combine(enrollment.completed_on + dt.timedelta(days=30), dt.time(10), tzinfo=dt.UTC)
    while at.weekday() > 4:
        at += dt.timedelta(days=1)
    run_tick(at)
    created = set(SurveyInvitation.objects.filter(enrollment=enrollment).values_list("kind", "audience"))
    assert ("day30", "employee") in created
    assert ("day30", "manager") not in created
