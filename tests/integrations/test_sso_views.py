"""Single sign-on settings and the steps around the provider (the round trip itself: tests/e2e/test_sso_journeys.py)."""

from __future__ import annotations

import pytest

from beklijf.integrations.models import OidcProvider
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db
URL = "/integrations/sso/"
DATA = {"enabled": "on", "issuer": "https://login.microsoftonline.com/tenant/v2.0", "client_id": "beklijf"}


def test_the_client_secret_is_never_shown_back_and_kept_when_left_empty(world: World) -> None:
    admin = client_for(world.ld_admin.user)
    assert admin.post(URL, {**DATA, "client_secret": "entra-secret-value"}).status_code == 302
    page = admin.get(URL).content.decode()
    assert "entra-secret-value" not in page
    assert "/integrations/sso/callback/" in page  # the redirect URI to register at the provider
    assert admin.post(URL, {**DATA, "client_id": "renamed", "client_secret": ""}).status_code == 302
    provider = OidcProvider.objects.get(organization=world.org)
    assert (provider.client_id, provider.client_secret) == ("renamed", "entra-secret-value")


def test_a_new_provider_needs_a_secret(world: World) -> None:
    page = client_for(world.ld_admin.user).post(URL, {**DATA, "client_secret": ""})
    assert page.status_code == 400 and not OidcProvider.objects.exists()


def test_the_login_page_offers_single_sign_on_and_leads_to_the_organisations_provider(world: World) -> None:
    OidcProvider.objects.create(
        organization=world.org, issuer="https://idp.example.com", client_id="x", client_secret="y"
    )
    client = client_for(None)
    assert 'id="sso-login"' in client.get("/accounts/login/").content.decode()
    page = client.get("/integrations/sso/login/", {"organization": world.org.slug.upper()})
    assert f'href="/integrations/sso/login/{world.org.slug}/"' in page.content.decode()
    unknown = client.get("/integrations/sso/login/", {"organization": world.org_b.slug}, follow=True)
    assert "No organisation with single sign-on has this short name" in unknown.content.decode()


def test_an_unreachable_provider_gets_a_clear_message(world: World) -> None:
    OidcProvider.objects.create(
        organization=world.org, issuer="http://127.0.0.1:9/realms/x", client_id="x", client_secret="y"
    )
    page = client_for(None).get(f"/integrations/sso/login/{world.org.slug}/")
    assert page.status_code == 502 and "cannot be reached" in page.content.decode()
