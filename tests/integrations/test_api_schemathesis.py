"""Property-based tests of the whole API from its own OpenAPI schema (schemathesis, in process via WSGI).

Every operation gets generated requests with a valid write token: no answer may be a 5xx or break the schema.
Each case runs twice: as generated (random codes, so mostly 404s) and with the path code set to a real
object of the token's organisation, so the 200 answers are checked against the schema too.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from beklijf.config.wsgi import application
from beklijf.integrations.api.main import api
from beklijf.integrations.tokens import token_create

REAL_CODES = {
    "/api/v1/employees/{code}": lambda w: w.employee.code,
    "/api/v1/teams/{code}": lambda w: w.sales.code,
    "/api/v1/trainings/{code}": lambda w: w.training.code,
    "/api/v1/sessions/{code}": lambda w: w.session.code,
    "/api/v1/enrollments/{code}": lambda w: w.enrollment.code,
    "/api/v1/enrollments/{code}/complete": lambda w: w.enrollment.code,
    "/api/v1/learning-points/{code}": lambda w: w.training.learning_points.first().code,
    "/api/v1/questions/{code}": lambda w: w.training.learning_points.first().questions.first().code,
}
# Collected from the API itself, so a new operation is fuzzed without anyone adding it here.
OPERATIONS = [
    (method.upper(), path)
    for path, item in api.get_openapi_schema(path_prefix="/api/")["paths"].items()
    for method in item
]


@pytest.fixture
def api_schema(db, settings):  # noqa: ANN001,ANN201
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # Called through WSGI, Django closes the database connection around each request, which on PostgreSQL
    # ends the test's transaction. Django's own test client switches that off the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_answers_no_5xx_and_keeps_to_its_schema(api_schema, world, method: str, path: str) -> None:  # noqa: ANN001
    _, secret = token_create(created_by=world.ld_admin, name="schemathesis", scope="write")
    bearer = {"Authorization": f"Bearer {secret}"}
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case) -> None:  # noqa: ANN001
        case.call_and_validate(headers=bearer)
        if path in REAL_CODES:
            case.path_parameters = {**(case.path_parameters or {}), "code": str(REAL_CODES[path](world))}
            case.call_and_validate(headers=bearer)

    run()


def test_every_operation_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 16 and ("POST", "/api/v1/enrollments") in OPERATIONS
