"""Skills, gaps and who should go, from real rows through the real views."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from beklijf.catalog.models import Enrollment
from beklijf.needs.models import Assessment, Budget, Requirement, Skill, TrainingRequest, TrainingSkill
from beklijf.needs.services import assessment_record
from tests import factories
from tests.conftest import World, client_for


def _excel(world: World) -> tuple[Skill, list]:
    """The seed's example: a team of 8 — 3 use Excel daily at level 1, 2 know it already, 3 rarely use it."""
    excel = Skill.objects.create(organization=world.org, name="Excel")
    TrainingSkill.objects.create(training=world.training, skill=excel, raises_to=3)
    daily, rare = "Planner", "Warehouse worker"
    Requirement.objects.create(
        organization=world.org, skill=excel, job_title=daily, level=3, frequency="daily"
    )
    Requirement.objects.create(
        organization=world.org, skill=excel, job_title=rare, level=3, frequency="rarely"
    )
    people = []
    for title, level, n in ((daily, 1, 3), (daily, 3, 2), (rare, 1, 3)):
        for _ in range(n):
            person = factories.employee(world.org, team=world.north, manager=world.manager)
            person.job_title = title
            person.save()
            assessment_record(employee=person, skill=excel, source="manager", level=level, by=world.manager)
            people.append((person, title, level))
    return excel, people


def test_only_the_three_daily_users_below_level_are_recommended(world: World) -> None:
    _skill, people = _excel(world)
    page = (
        client_for(world.manager.user)
        .get(reverse("needs:recommendations", args=[world.training.code]))
        .content.decode()
    )
    should = page.split('id="should-go"')[1].split('id="should-not-go"')[0]
    should_not = page.split('id="should-not-go"')[1]
    for person, title, level in people:
        if title == "Planner" and level == 1:
            assert person.full_name in should
        else:
            assert person.full_name not in should and person.full_name in should_not
    assert should_not.count("already at the required level") >= 2 and should_not.count("rarely uses it") == 3


def test_self_and_manager_assessments_are_both_kept_and_the_heatmap_shows_the_gap(world: World) -> None:
    excel, people = _excel(world)
    person = people[0][0]
    client_for(person.user).post(reverse("needs:assess-self"), {f"skill_{excel.pk}": "2"})
    assert Assessment.objects.filter(employee=person, skill=excel).count() == 2  # manager's 1 and self 2
    page = (
        client_for(world.manager.user).get(reverse("needs:heatmap", args=[world.sales.code])).content.decode()
    )
    row = page.split(person.full_name)[1].split("</tr>")[0]
    assert "1.0 / 3" in row and "2 · 1" in row  # current (manager's) / required; self · manager
    assert "heat-4" in row  # a gap of 2 on a daily skill: the darkest cell
    client_for(world.manager.user).post(
        reverse("needs:assess", args=[person.code]), {f"skill_{excel.pk}": "3"}
    )
    page = (
        client_for(world.manager.user).get(reverse("needs:heatmap", args=[world.sales.code])).content.decode()
    )
    assert "3.0 / 3" in page.split(person.full_name)[1].split("</tr>")[0]
    assert (
        Assessment.objects.filter(employee=person, skill=excel, source="manager").count() == 2
    )  # history kept


def test_a_requirement_needs_exactly_one_scope_and_a_level_in_range(world: World) -> None:
    excel = Skill.objects.create(organization=world.org, name="Excel")
    client = client_for(world.ld_admin.user)
    both = client.post(reverse("needs:skills"), {"form": "requirement", "skill": excel.pk, "job_title": "Planner",
                                                  "team": world.sales.pk, "level": 3, "frequency": "daily"})  # fmt: skip
    assert both.status_code == 400 and "either a job title or a team" in both.content.decode()
    bad = client.post(reverse("needs:skills"), {"form": "requirement", "skill": excel.pk, "job_title": "Planner",
                                                 "level": 7, "frequency": "daily"})  # fmt: skip
    assert bad.status_code == 400 and not Requirement.objects.exists()


def test_an_approved_request_becomes_an_enrolment_and_the_budget_moves(world: World) -> None:
    excel, people = _excel(world)
    person = people[0][0]
    upcoming = factories.session(world.training, starts=timezone.now() + dt.timedelta(days=10))
    client_for(person.user).post(reverse("needs:requests"), {"training": world.training.pk, "skill": excel.pk,
                                                             "motivation": "I plan stock in Excel every day."})  # fmt: skip
    request = TrainingRequest.objects.get()
    manager = client_for(world.manager.user)
    assert (
        manager.post(
            reverse("needs:request-decide", args=[request.code]), {"approve": "yes", "reason": ""}
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == "requested"  # a decision needs a reason
    manager.post(
        reverse("needs:request-decide", args=[request.code]), {"approve": "yes", "reason": "Clear gap."}
    )
    request.refresh_from_db()
    assert request.status == "approved" and request.enrollment.session == upcoming
    admin = client_for(world.ld_admin.user)
    admin.post(reverse("needs:budget"), {"team": str(world.north.code), "planned": "1000"})
    assert Budget.objects.get(team=world.north).planned == Decimal("1000")
    page = admin.get(reverse("needs:budget")).content.decode()
    row = page.split(world.north.name)[1].split("</tr>")[0]
    # Two seats of 250: the new one for someone with a gap, and the employee's earlier one without.
    assert "€ 1000.00" in row and "€ 500.00" in row and "50%" in row
    assert Enrollment.objects.filter(employee=person, session=upcoming).count() == 1


def test_acting_on_recommendations_enrol_request_and_dismiss_with_a_reason(world: World) -> None:
    _skill, people = _excel(world)
    first, second, third = [p for p, title, level in people if title == "Planner" and level == 1]
    factories.session(world.training, starts=timezone.now() + dt.timedelta(days=5))
    url = reverse("needs:recommendation-act", args=[world.training.code])
    manager = client_for(world.manager.user)
    manager.post(url, {"employee": str(first.code), "action": "request"})
    assert TrainingRequest.objects.get(employee=first).requested_by == world.manager
    assert (
        manager.post(url, {"employee": str(second.code), "action": "enrol"}).status_code == 403
    )  # L&D enrols
    manager.post(url, {"employee": str(third.code), "action": "dismiss", "reason": ""})
    manager.post(
        url, {"employee": str(third.code), "action": "dismiss", "reason": "Moves to another job in May."}
    )
    client_for(world.ld_admin.user).post(url, {"employee": str(second.code), "action": "enrol"})
    assert Enrollment.objects.filter(employee=second, session__training=world.training).exists()
    page = manager.get(reverse("needs:recommendations", args=[world.training.code])).content.decode()
    should = page.split('id="should-go"')[1].split('id="should-not-go"')[0]
    assert first.full_name in should and "requested" in should
    assert second.full_name not in should and third.full_name not in should  # enrolled, dismissed
    assert "Moves to another job in May." in page.split('id="dismissed"')[1]


def test_a_reassessment_is_proposed_after_a_training_and_after_six_months(world: World) -> None:
    import time_machine

    from tests.practice.conftest import complete

    excel, people = _excel(world)
    trained, stale = people[0][0], people[1][0]
    url = reverse("needs:heatmap", args=[world.sales.code])

    def row(person) -> str:  # noqa: ANN001
        page = client_for(world.manager.user).get(url).content.decode()
        return page.split(person.full_name)[1].split("</tr>")[0]

    assert "assess again" not in row(trained)
    complete(factories.enrollment(trained, world.session), on=timezone.localdate() + dt.timedelta(days=1))
    assert "assess again" in row(trained)  # a training that raises Excel came after the assessment
    with time_machine.travel(timezone.now() + dt.timedelta(days=200)):
        assert "assess again" in row(stale)  # older than six months


def test_a_need_date_puts_the_person_first_and_checks_a_session_comes_in_time(world: World) -> None:
    excel, people = _excel(world)
    late = [p for p, title, level in people if title == "Planner" and level == 1][-1]
    soon = timezone.localdate() + dt.timedelta(days=20)
    factories.session(world.training, starts=timezone.now() + dt.timedelta(days=30))  # after the need date
    manager = client_for(world.manager.user)
    assert manager.post(reverse("needs:assess", args=[late.code]), {"form": "need", "skill": str(excel.code),
                                                                     "needed_by": "not a date"}).status_code == 302  # fmt: skip
    manager.post(reverse("needs:assess", args=[late.code]), {"form": "need", "skill": str(excel.code),
                                                             "needed_by": soon.isoformat(), "note": "New planner role"})  # fmt: skip
    page = manager.get(reverse("needs:recommendations", args=[world.training.code])).content.decode()
    should = page.split('id="should-go"')[1].split('id="should-not-go"')[0]
    assert should.index(late.full_name) < min(should.index(p.full_name) for p, t, lvl in people
                                              if t == "Planner" and lvl == 1 and p != late)  # fmt: skip
    assert "no session in time: plan one" in should
    employee_view = client_for(late.user).post(reverse("needs:assess-self"), {"form": "need", "skill": str(excel.code),
                                                                              "needed_by": soon.isoformat()})  # fmt: skip
    assert employee_view.status_code == 403


def test_level_descriptions_are_edited_and_a_learning_point_is_tagged_with_a_skill(world: World) -> None:
    excel = Skill.objects.create(organization=world.org, name="Excel")
    admin = client_for(world.ld_admin.user)
    url = reverse("needs:skill-edit", args=[excel.code])
    half = admin.post(url, {"name": "Excel", "level_0": "Never opened it"})
    assert half.status_code == 400 and "Describe all five levels" in half.content.decode()
    levels = {f"level_{i}": f"Level {i} text" for i in range(5)}
    admin.post(url, {"name": "Excel", **levels})
    excel.refresh_from_db()
    assert excel.level_descriptions[4] == "Level 4 text"
    point = world.training.learning_points.first()
    admin.post(reverse("catalog:learning-point-edit", args=[point.code]),
               {"title": point.title, "position": 1, "skill": excel.pk})  # fmt: skip
    point.refresh_from_db()
    assert point.skill == excel


def test_each_person_sees_the_trainings_that_close_their_largest_gaps_and_filters_work(world: World) -> None:
    _skill, people = _excel(world)
    gap, at_level = people[0][0], people[3][0]
    assert world.training.title in client_for(gap.user).get(reverse("needs:assess-self")).content.decode().split(
        'id="advice"')[1]  # fmt: skip
    assert "No gap a training" in client_for(at_level.user).get(reverse("needs:assess-self")).content.decode()
    heat = client_for(world.manager.user).get(
        reverse("needs:heatmap", args=[world.sales.code]) + "?title=Warehouse+worker"
    )
    page = heat.content.decode().split('id="heatmap"')[1]
    assert people[-1][0].full_name in page and gap.full_name not in page


def test_the_decider_sees_the_cost_against_the_team_budget(world: World) -> None:
    _skill, people = _excel(world)
    Budget.objects.create(team=world.north, year=timezone.localdate().year, planned=Decimal("1000"))
    client_for(people[0][0].user).post(
        reverse("needs:requests"), {"training": world.training.pk, "motivation": "x"}
    )
    page = client_for(world.manager.user).get(reverse("needs:requests")).content.decode()
    assert "€ 750.00 left in the team's budget this year" in page  # 1000 planned, one seat of 250 spent
