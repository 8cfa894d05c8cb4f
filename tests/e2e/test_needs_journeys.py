"""A manager assesses two people and sees the heatmap change, approves a request; L&D sees the budget move."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beklijf.needs.models import Requirement, Skill, TrainingRequest, TrainingSkill
from beklijf.needs.services import request_create
from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_assess_heatmap_request_and_budget(page, world) -> None:  # noqa: ANN001
    excel = Skill.objects.create(organization=world.org, name="Excel")
    TrainingSkill.objects.create(training=world.training, skill=excel, raises_to=3)
    Requirement.objects.create(
        organization=world.org, skill=excel, team=world.north, level=3, frequency="daily"
    )
    ann = factories.employee(world.org, team=world.north, manager=world.manager, first_name="Ann")
    bob = factories.employee(world.org, team=world.north, manager=world.manager, first_name="Bob")
    factories.session(world.training, starts=timezone.now() + dt.timedelta(days=7))
    request_create(
        employee=ann, training=world.training, motivation="Daily planning", requested_by=ann, skill=excel
    )

    log_in(page, world.manager.user.email, factories.PASSWORD)
    for person, level in ((ann, "1"), (bob, "3")):
        page.goto(page.base_url + f"/needs/assess/{person.code}/")
        page.select_option(f"#id_skill_{excel.pk}", level)
        page.click("#save")
        page.wait_for_selector(".messages")
    page.goto(page.base_url + f"/needs/teams/{world.sales.code}/heatmap/")
    heat = page.inner_html("#heatmap")
    ann_row = heat.split("Ann")[1].split("</tr>")[0]
    bob_row = heat.split("Bob")[1].split("</tr>")[0]
    assert "heat-4" in ann_row and "1.0 / 3" in ann_row
    assert "heat-0" in bob_row and "3.0 / 3" in bob_row

    page.goto(page.base_url + "/needs/requests/")
    page.select_option("#to-decide select[name=approve]", "yes")
    page.fill("#to-decide textarea[name=reason]", "Ann plans in Excel every day.")
    page.click("#to-decide button[type=submit]")
    page.wait_for_selector("text=Approved")
    assert TrainingRequest.objects.get().status == "approved"
    page.click("text=Log out")

    log_in(page, world.ld_admin.user.email, factories.PASSWORD)
    page.goto(page.base_url + "/needs/budget/")
    row = page.inner_text("#budget").split(world.north.name)[1].split("\n")[0]
    assert "€ 500.00" in row  # the employee's seat and Ann's new one
