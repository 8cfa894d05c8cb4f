"""Providers see aggregates only: no figures for a group under 5, never a name (k-threshold)."""

from __future__ import annotations

from django.urls import reverse

from tests import factories
from tests.conftest import World, client_for


def test_a_provider_sees_no_figures_for_four_people_and_figures_for_five_never_names(world: World) -> None:
    client = client_for(world.provider_user)
    people = [world.employee]
    for _ in range(3):
        people.append(factories.employee(world.org, team=world.north, first_name="Pieter"))
        factories.enrollment(people[-1], world.session)
    pages = [client.get(reverse("home")).content.decode(),
             client.get(reverse("catalog:training-detail", args=[world.training.code])).content.decode(),
             client.get(reverse("catalog:session-detail", args=[world.session.code])).content.decode()]  # fmt: skip
    assert "Too few participants to show" in pages[0]
    factories.enrollment(factories.employee(world.org, team=world.north, first_name="Pieter"), world.session)
    home = client.get(reverse("home")).content.decode()
    assert "Too few participants to show" not in home and "<td>5</td>" in home
    pages += [home, client.get(reverse("catalog:session-detail", args=[world.session.code])).content.decode()]
    for page in pages:
        assert "Pieter" not in page and world.employee.last_name not in page
