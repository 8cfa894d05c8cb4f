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
