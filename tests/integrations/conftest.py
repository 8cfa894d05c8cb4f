from __future__ import annotations

import pytest
from django.test import Client

from beklijf.integrations.tokens import token_create
from tests.conftest import World


class ApiClient:
    """A Django test client that sends a bearer token (and JSON) on every call."""

    def __init__(self, secret: str) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, **params):  # noqa: ANN003,ANN201
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: dict, *, key: str | None = None):  # noqa: ANN201
        headers = dict(self.headers)
        if key is not None:
            headers["Idempotency-Key"] = key
        return self.client.post(f"/api/v1{path}", body, content_type="application/json", headers=headers)


@pytest.fixture
def api(world: World) -> dict[str, ApiClient]:
    """Clients for org A (read, write) and org B (write): every endpoint is tried from the other side."""
    _, read = token_create(created_by=world.ld_admin, name="read", scope="read")
    _, write = token_create(created_by=world.ld_admin, name="write", scope="write")
    _, other = token_create(created_by=world.ld_admin_b, name="other org", scope="write")
    return {"read": ApiClient(read), "write": ApiClient(write), "other": ApiClient(other)}


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):  # noqa: ANN001,ANN201
    """One Ralph LRS per test process; statement ids are unique per test, so tests share it safely."""
    from tests.integrations.lrs_server import start_ralph, stop_ralph

    lrs = start_ralph(tmp_path_factory.mktemp("ralph"))
    yield lrs
    stop_ralph(lrs)
