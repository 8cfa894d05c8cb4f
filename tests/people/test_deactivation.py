"""people.services.deactivate_employee: a leaver's sessions and sign-in links stop working."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from beklijf.people.services import deactivate_employee, reactivate_employee
from beklijf.practice import services as practice
from tests import factories
from tests.conftest import World, client_for


def test_deactivating_ends_sessions_and_links_and_is_idempotent(world: World) -> None:
    eva, colleague = world.employee, world.manager
    eva_client, colleague_client = client_for(eva.user), client_for(colleague.user)
    token = practice.magic_link_create(employee=eva)
    assert Session.objects.count() == 2
    assert deactivate_employee(employee=eva) is True
    assert Session.objects.count() == 1  # only the colleague's
    assert eva_client.get(reverse("home")).status_code == 302
    assert colleague_client.get(reverse("home")).status_code == 200
    assert Client().post(reverse("practice:magic-link", args=[token])).status_code == 410
    password_login = Client().post(
        reverse("login"), {"username": eva.user.email, "password": factories.PASSWORD}
    )
    assert "_auth_user_id" not in password_login.wsgi_request.session
    assert deactivate_employee(employee=eva) is False  # already inactive: nothing changes


def test_reactivating_needs_a_new_password_and_old_links_stay_dead(world: World) -> None:
    eva = world.employee
    token = practice.magic_link_create(employee=eva)
    deactivate_employee(employee=eva)
    assert reactivate_employee(employee=eva) is True
    eva.refresh_from_db()
    assert eva.is_active and eva.user.is_active and not eva.user.has_usable_password()
    assert Client().post(reverse("practice:magic-link", args=[token])).status_code == 410
    fresh = practice.magic_link_create(employee=eva)
    assert Client().post(reverse("practice:magic-link", args=[fresh])).status_code == 302
