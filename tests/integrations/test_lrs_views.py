"""The LRS settings screen: saved per organisation, the password never shown back, unsafe addresses refused."""

from __future__ import annotations

import pytest

from beklijf.integrations.models import LrsEndpoint
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db
URL = "/integrations/lrs/"


def test_the_password_is_stored_but_never_shown_back_and_kept_when_left_empty(world: World, settings) -> None:  # noqa: ANN001
    settings.BEKLIJF_XAPI_ALLOW_PRIVATE = True
    admin = client_for(world.ld_admin.user)
    data = {
        "enabled": "on",
        "url": "http://127.0.0.1:8100/xAPI/",
        "username": "beklijf",
        "password": "s3cret-lrs",
    }
    assert admin.post(URL, data).status_code == 302
    page = admin.get(URL).content.decode()
    assert "s3cret-lrs" not in page and "Leave empty to keep it" in page
    assert admin.post(URL, {**data, "password": "", "username": "other"}).status_code == 302
    endpoint = LrsEndpoint.objects.get(organization=world.org)
    assert (endpoint.username, endpoint.password) == ("other", "s3cret-lrs")
    # Org B's admin sees an empty form of their own, not org A's.
    assert "127.0.0.1:8100" not in client_for(world.ld_admin_b.user).get(URL).content.decode()


def test_a_private_address_is_refused_with_a_reason(world: World) -> None:
    page = client_for(world.ld_admin.user).post(
        URL, {"enabled": "on", "url": "http://169.254.169.254/xAPI/", "username": "x", "password": "y"}
    )
    assert page.status_code == 400 and "cannot be used" in page.content.decode()
    assert not LrsEndpoint.objects.exists()
