"""Every export and bulk action asks for the password again when it was not given in the last minutes
(ASVS 7.5.3): a stolen, still-open session cannot carry a whole organisation's data away."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from beklijf.ops.reauth import SESSION_KEY
from tests.conftest import World, client_for

# (URL name, method, args) of every export and bulk action.
GUARDED = [
    ("privacy:my-data-export", "post", lambda w: []),
    ("privacy:person-export", "post", lambda w: [w.employee.code]),
    ("privacy:person-erase", "post", lambda w: [w.employee.code]),
    ("results:training-report-pdf", "get", lambda w: [w.training.code]),
    ("results:training-report-xlsx", "get", lambda w: [w.training.code]),
    ("imports:employees", "get", lambda w: []),
    ("imports:completions", "get", lambda w: []),
    ("integrations:tokens", "get", lambda w: []),
    ("needs:export", "get", lambda w: ["csv"]),
    ("needs:import", "get", lambda w: []),
]


@pytest.mark.parametrize(("name", "method", "args"), GUARDED, ids=[g[0] for g in GUARDED])
def test_a_stale_password_is_asked_again_before_exports_and_bulk_actions(
    world: World, name, method, args
) -> None:  # noqa: ANN001
    client = client_for(world.ld_admin.user)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 16 * 60  # the password was given 16 minutes ago
    session.save()
    url = reverse(name, args=args(world))
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("ops:reauth")), response["Location"]
    # With a fresh password the same request reaches the view (an erase without its confirmation: 400).
    session = client.session
    session[SESSION_KEY] = int(time.time())
    session.save()
    response = getattr(client, method)(url)
    assert response.status_code in (200, 302, 400)
    assert not response.get("Location", "").startswith(reverse("ops:reauth"))


def test_the_password_just_typed_at_log_in_counts_but_a_session_without_it_does_not(world: World) -> None:
    from django.test import Client

    from tests import factories

    client = Client()
    response = client.post(
        reverse("login"), {"username": world.manager.user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("privacy:my-data")).status_code == 200
    response = client.post(reverse("privacy:my-data-export"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    # The same person signed in some other way (no password typed in this session) is asked for it.
    other = client_for(world.manager.user, complete=False)
    response = other.post(reverse("privacy:my-data-export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("ops:reauth"))
