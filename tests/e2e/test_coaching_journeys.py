"""A manager acts on coaching signals, in a real browser: approves a pair; a blocker goes from the quiz to resolved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from beklijf.coaching.models import Blocker, Pairing, SegmentSnapshot
from beklijf.notify.models import Preference
from beklijf.practice.models import MemoryState
from tests import factories
from tests.e2e.conftest import log_in
from tests.practice.conftest import complete

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("works_council"),
]


def test_manager_pairs_a_fast_learner_with_a_laggard_and_resolves_a_reported_blocker(page, world) -> None:  # noqa: ANN001
    now = timezone.now()
    fast = factories.employee(world.org, team=world.north, manager=world.manager, first_name="Femke")
    slow = factories.employee(world.org, team=world.north, manager=world.manager, first_name="Sem")
    for person, stability, segment, numbers in (
        (fast, 400.0, "fast_learner", {"first_accuracy": 0.95, "first_attempts": 20}),
        (slow, 0.05, "laggard", {"weak_points": 2, "points": 2, "mean_r": 0.3}),
    ):
        complete(factories.enrollment(person, factories.session(world.training, starts=now - dt.timedelta(days=30))),
                 on=(now - dt.timedelta(days=30)).date())  # fmt: skip
        MemoryState.objects.filter(employee=person).update(stability=stability, difficulty=5, reps=3,
                                                           last_review=now - dt.timedelta(days=5), due=now)  # fmt: skip
        Preference.objects.create(employee=person, pairing_opt_in=True)
        SegmentSnapshot.objects.create(employee=person, segment=segment, rule="r", numbers=numbers,
                                       period_start=now.date(), period_end=now.date(), computed_at=now)  # fmt: skip

    log_in(page, world.manager.user.email, factories.PASSWORD)
    page.goto(page.base_url + f"/coaching/teams/{world.sales.code}/")
    table = page.inner_text("#coaching-table")
    assert "Fast learner" in table and "Needs support" in table
    page.goto(page.base_url + "/coaching/pairs/")
    page.select_option("#training", label=world.training.title)
    page.click("#propose")
    proposals = page.inner_text("#proposals")
    assert "Femke" in proposals and "Sem" in proposals
    page.click("#proposals button[value=approve]")
    page.wait_for_selector("#active-pairs li:not(.muted)")
    assert Pairing.objects.get().status == "active"
    intros = sorted(m.to[0] for m in mail.outbox if "Learning together" in m.subject)
    assert intros == sorted([fast.user.email, slow.user.email])
    page.click("text=Log out")

    log_in(page, slow.user.email, factories.PASSWORD)
    page.goto(page.base_url + "/practice/")
    page.click("#something-in-the-way")
    page.click("#blocker-categories button[value=time]")
    page.wait_for_selector("#blocker-list")
    blocker = Blocker.objects.get()
    assert blocker.employee == slow and blocker.category == "time"
    page.click("text=Log out")

    log_in(page, world.manager.user.email, factories.PASSWORD)
    page.goto(page.base_url + f"/coaching/blockers/{blocker.code}/")
    page.select_option("#id_status", "resolved")
    page.fill("#id_resolution", "Two hours a week freed from the phone rota.")
    page.click("#save")
    page.wait_for_selector("#blocker-list")
    blocker.refresh_from_db()
    assert blocker.status == "resolved"
