"""Single sign-on in a real browser: beklijf (live server) -> a real OIDC provider (django-oauth-toolkit in
a second process) -> back, signed in; unknown and deactivated people are refused and nothing is created."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from beklijf.integrations.models import OidcProvider
from beklijf.people.models import User
from tests.oidc_provider.server import CLIENT_ID, CLIENT_SECRET, PASSWORD, start_provider, stop_provider

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KNOWN, UNKNOWN, INACTIVE = "sso.known@example.com", "sso.unknown@example.com", "sso.inactive@example.com"


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):  # noqa: ANN001,ANN201
    provider = start_provider(
        tmp_path_factory.mktemp("idp"),
        redirect_uri=live_server.url + "/integrations/sso/callback/",
        emails=[KNOWN, UNKNOWN, INACTIVE],
    )
    yield provider
    stop_provider(provider)


@pytest.fixture
def sso_world(world, identity_provider):  # noqa: ANN001,ANN201
    cache.clear()
    OidcProvider.objects.create(
        organization=world.org,
        issuer=identity_provider.issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )
    for employee, email in ((world.employee, KNOWN), (world.manager_other, INACTIVE)):
        employee.user.email = email
        employee.user.save()
    world.manager_other.is_active = False
    world.manager_other.save()
    return world


def _sign_in_through_the_provider(page, world, email: str) -> None:  # noqa: ANN001
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#sso-organization", world.org.slug)
    page.click("#sso-submit")
    page.click("#sso-continue")
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/login/\?next=/o/authorize/"))  # the provider's own page
    assert "Test identity provider" in page.inner_text("h1")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("#idp-login")


def test_an_employee_signs_in_with_the_organisations_provider(page, sso_world) -> None:  # noqa: ANN001
    _sign_in_through_the_provider(page, sso_world, KNOWN)
    page.wait_for_url(page.base_url + "/")
    assert "My trainings" in page.inner_text("main")
    page.goto(page.base_url + "/practice/progress/")
    assert page.url.endswith("/practice/progress/")  # a real session, not a one-page pass


def test_an_unknown_address_is_refused_and_no_account_is_created(page, sso_world) -> None:  # noqa: ANN001
    users_before = User.objects.count()
    _sign_in_through_the_provider(page, sso_world, UNKNOWN)
    page.wait_for_url("**/integrations/sso/refused/")
    assert "no employee with that e-mail address" in page.inner_text("#sso-refusal")
    assert User.objects.count() == users_before and not User.objects.filter(email=UNKNOWN).exists()
    page.goto(page.base_url + "/")
    assert "/accounts/login/" in page.url  # still signed out


def test_a_deactivated_employee_is_refused(page, sso_world) -> None:  # noqa: ANN001
    _sign_in_through_the_provider(page, sso_world, INACTIVE)
    page.wait_for_url("**/integrations/sso/refused/")
    assert "deactivated" in page.inner_text("#sso-refusal")


def test_password_login_still_works_next_to_single_sign_on(page, sso_world) -> None:  # noqa: ANN001
    from tests import factories
    from tests.e2e.conftest import log_in

    log_in(page, sso_world.ld_admin.user.email, factories.PASSWORD)
    page.wait_for_url(page.base_url + "/")
    assert "Overview" in page.inner_text("main")
