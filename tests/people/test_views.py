from __future__ import annotations

from django.urls import reverse

from tests.conftest import World, client_for


def test_manager_sees_own_team_subtree_but_not_other_teams(world: World) -> None:
    client = client_for(world.manager.user)
    page = client.get(reverse("team-list")).content.decode()
    assert world.sales.name in page and world.north.name in page
    assert world.support.name not in page


def test_each_role_gets_its_own_home_page(world: World) -> None:
    assert "Your teams" in client_for(world.manager.user).get("/").content.decode()
    assert "Overview" in client_for(world.ld_admin.user).get("/").content.decode()
    assert "Your trainings" in client_for(world.provider_user).get("/").content.decode()
    assert "My trainings" in client_for(world.employee.user).get("/").content.decode()


def test_provider_sees_no_figures_for_fewer_than_five_participants(world: World) -> None:
    from tests import factories

    client = client_for(world.provider_user)
    page = client.get("/").content.decode()
    assert "Too few participants to show" in page
    for _ in range(4):
        factories.enrollment(factories.employee(world.org), world.session)
    page = client.get("/").content.decode()
    assert "Too few participants to show" not in page
    assert world.employee.last_name not in page


def test_interface_follows_the_employee_language(world: World) -> None:
    world.employee.language = "nl"
    world.employee.save()
    page = client_for(world.employee.user).get("/").content.decode()
    assert "Mijn trainingen" in page
    assert '<html lang="nl">' in page


def test_language_of_anonymous_visitor_follows_the_browser(db) -> None:  # noqa: ANN001
    from django.test import Client

    page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Inloggen" in page
    page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in page


def test_ld_admin_sets_target_retention_and_daily_cap_and_bad_values_are_refused(world: World) -> None:
    client = client_for(world.ld_admin.user)
    url = reverse("organization-settings")
    base = {"name": world.org.name, "nudge_from_hour": "9", "nudge_until_hour": "17", "nudge_holdout": "0",
            "checkin_weeks_text": "1, 4, 12", "segmentation_enabled": "on", "pairing_enabled": "on",
            "pairing_match_on": "team"}  # fmt: skip
    bad = client.post(url, {**base, "target_retention": "0.99", "daily_question_cap": "0"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Choose a target between 0.70 and 0.97." in page and "Choose between 1 and 30" in page
    world.org.refresh_from_db()
    assert world.org.target_retention == 0.90
    good = client.post(
        url, {**base, "target_retention": "0.85", "daily_question_cap": "8", "checkin_weeks_text": "2; 6"}
    )
    assert good.status_code == 302
    world.org.refresh_from_db()
    assert (world.org.target_retention, world.org.daily_question_cap) == (0.85, 8)
    assert world.org.checkin_weeks == [2, 6]
    odd = client.post(url, {**base, "target_retention": "0.9", "daily_question_cap": "5", "nudge_from_hour": "18",
                            "nudge_holdout": "0.9", "checkin_weeks_text": "1, x"})  # fmt: skip
    page = odd.content.decode()
    assert odd.status_code == 400
    assert (
        "Reminders need a window" in page
        and "Hold out between 0 and 0.5" in page
        and "whole numbers of weeks" in page
    )
