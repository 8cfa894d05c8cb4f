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
