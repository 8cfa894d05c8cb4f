"""The token screen: an L&D admin creates a token, sees it once, and revokes it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from beklijf.integrations.models import ApiToken
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_works_until_revoked(world: World) -> None:
    admin = client_for(world.ld_admin.user)
    page = admin.post("/integrations/api-tokens/", {"name": "HR sync", "scope": "write"})
    assert page.status_code == 200
    secret = re.search(r'id="token-secret">(bkl_[^<]+)<', page.content.decode()).group(1)
    assert secret not in admin.get("/integrations/api-tokens/").content.decode()  # never shown again
    bearer = {"Authorization": f"Bearer {secret}"}
    assert Client().get("/api/v1/teams", headers=bearer).status_code == 200
    token = ApiToken.objects.get(name="HR sync")
    assert admin.post(f"/integrations/api-tokens/{token.code}/revoke/").status_code == 302
    assert Client().get("/api/v1/teams", headers=bearer).status_code == 401


def test_a_token_without_a_name_is_refused_with_a_message(world: World) -> None:
    page = client_for(world.ld_admin.user).post("/integrations/api-tokens/", {"name": "", "scope": "read"})
    assert page.status_code == 400 and b'class="error"' in page.content
    assert not ApiToken.objects.exists()


def test_revoking_needs_the_csrf_token(world: World) -> None:
    from beklijf.integrations.tokens import token_create

    token, _ = token_create(created_by=world.ld_admin, name="x", scope="read")
    client = client_for(world.ld_admin.user, csrf=True)
    assert client.post(f"/integrations/api-tokens/{token.code}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
