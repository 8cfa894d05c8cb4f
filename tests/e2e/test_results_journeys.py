"""L&D compares providers: the best-reviewed ranks below one whose people remember and apply more.
A provider logs in and sees only their own scorecard, aggregated."""

from __future__ import annotations

import pytest

from beklijf.catalog.models import Provider
from tests import factories
from tests.e2e.conftest import log_in
from tests.results.helpers import session_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_provider_comparison_and_a_providers_own_scorecard(page, world) -> None:  # noqa: ANN001
    liked = Provider.objects.create(organization=world.org, name="Liked Academy")
    built = session_with(world.org, liked, participants=12, retention=(30, 60), applied=(3, 12), confidence=5)
    session_with(
        world.org, world.provider, participants=12, retention=(52, 60), applied=(10, 12), confidence=3
    )
    liked_user = factories.provider_account(liked)

    log_in(page, world.ld_admin.user.email, factories.PASSWORD)
    page.click("text=Providers compared")
    rows = page.locator("#scorecard tbody tr.score-row")
    assert rows.nth(0).get_attribute("data-name") == world.provider.name
    assert rows.nth(1).get_attribute("data-name") == "Liked Academy"
    assert rows.nth(0).locator("td.rank").inner_text() == "1"
    assert rows.nth(1).locator("td.rank").inner_text() == "2"
    liked_row = rows.nth(1).inner_text()
    assert "high reviews, low results" in liked_row
    assert "5.0 / 5" in liked_row and "3.0 / 5" in rows.nth(0).inner_text()
    page.click("text=Log out")

    log_in(page, liked_user.email, factories.PASSWORD)
    page.click("text=Your scorecard")
    own = page.inner_text("#own")
    assert "Retention at 4 weeks" in own and "n = 60" in own
    body = page.inner_text("main")
    assert built.training.title in body
    assert world.provider.name not in body and world.training.title not in body
    for enrollment in built.enrollments:
        assert enrollment.employee.last_name not in body
    # The organisation's comparison and the training report are not for providers.
    assert page.goto(page.base_url + "/results/").status == 403
    assert page.goto(page.base_url + f"/results/trainings/{built.training.code}/").status == 403
    assert page.goto(page.base_url + f"/results/trainings/{world.training.code}/").status == 404
