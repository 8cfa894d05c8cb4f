"""The demo organisation records a demo works council decision, so the demo still shows coaching signals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from beklijf.demo.load import DEMO_ACCOUNTS, demo_load
from beklijf.people.models import Organization, User
from tests.conftest import client_for


@pytest.mark.django_db
def test_the_demo_organisation_has_a_decision_on_record_and_coaching_is_on() -> None:
    assert demo_load()
    org = Organization.objects.get()
    assert org.signals_active and org.pairing_active
    assert org.works_council_reference and org.dpia_reference
    manager = User.objects.get(email=DEMO_ACCOUNTS["manager"])
    team = manager.employee.managed_teams.first()
    page = client_for(manager).get(reverse("coaching:team", args=[team.code])).content.decode()
    assert "switched off" not in page and 'id="coaching-table"' in page
