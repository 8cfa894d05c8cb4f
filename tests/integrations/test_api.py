"""The REST API: tokens, scoping through people/access.py, pagination, filters, idempotency, errors."""

from __future__ import annotations

import pytest
from django.test import Client

from beklijf.catalog.models import Enrollment
from beklijf.integrations.models import ApiToken
from beklijf.integrations.tokens import token_revoke
from beklijf.practice.models import MemoryState
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

# Every object endpoint, with how to find an object of org A in the world.
OBJECTS = {
    "employees": lambda w: w.employee.code,
    "teams": lambda w: w.sales.code,
    "trainings": lambda w: w.training.code,
    "sessions": lambda w: w.session.code,
    "enrollments": lambda w: w.enrollment.code,
    "learning-points": lambda w: w.training.learning_points.first().code,
    "questions": lambda w: w.training.learning_points.first().questions.first().code,
}


def test_no_token_or_a_wrong_one_is_refused_with_a_json_message(world: World) -> None:
    for headers in ({}, {"Authorization": "Bearer bkl_not-a-token"}, {"Authorization": "Basic eDp5"}):
        response = Client().get("/api/v1/employees", headers=headers)
        assert response.status_code == 401
        assert "token" in response.json()["detail"]


def test_a_revoked_token_stops_working_at_once(world: World, api) -> None:  # noqa: ANN001
    assert api["read"].get("/employees").status_code == 200
    token_revoke(token=ApiToken.objects.get(name="read"))
    assert api["read"].get("/employees").status_code == 401


def test_only_a_hash_of_the_token_is_stored(world: World, api) -> None:  # noqa: ANN001
    secret = api["read"].headers["Authorization"].removeprefix("Bearer ")
    row = ApiToken.objects.get(name="read")
    assert secret not in (row.token_hash, row.prefix) and row.token_hash == ApiToken.hash(secret)
    assert secret.startswith(row.prefix)


@pytest.mark.parametrize("kind", OBJECTS)
def test_each_object_is_seen_by_its_own_organisation_and_not_by_another(world: World, api, kind) -> None:  # noqa: ANN001
    code = str(OBJECTS[kind](world))
    own = api["read"].get(f"/{kind}/{code}")
    assert own.status_code == 200 and own.json()["code"] == code
    assert own.headers["Cache-Control"] == "no-store"
    listed = [item["code"] for item in api["read"].get(f"/{kind}", limit=100).json()["items"]]
    assert code in listed
    # Another organisation's token: not found, and not in its lists either.
    other = api["other"].get(f"/{kind}/{code}")
    assert other.status_code == 404 and other.json() == {"detail": "Not found."}
    assert code not in [item["code"] for item in api["other"].get(f"/{kind}").json()["items"]]


def test_another_organisation_sees_nothing_of_org_a_anywhere(world: World, api) -> None:  # noqa: ANN001
    for kind in OBJECTS:
        items = api["other"].get(f"/{kind}", limit=100).json()["items"]
        org_a_codes = {str(OBJECTS[k](world)) for k in OBJECTS}
        assert not org_a_codes & {item["code"] for item in items}, kind
    figures = api["other"].get("/retention").json()
    assert figures["teams"] == [] and figures["trainings"] == []


def test_pages_are_stable_and_bounded(world: World, api) -> None:  # noqa: ANN001
    for _ in range(7):
        factories.employee(world.org)
    total = api["read"].get("/employees", limit=1).json()["count"]
    seen = []
    for offset in range(0, total, 3):
        seen += [e["code"] for e in api["read"].get("/employees", limit=3, offset=offset).json()["items"]]
    assert len(seen) == total == len(set(seen))
    too_big = api["read"].get("/employees", limit=1000)
    assert too_big.status_code == 422 and "limit" in too_big.json()["detail"]


def test_filters_and_sort_keys_are_allowlisted(world: World, api) -> None:  # noqa: ANN001
    by_team = api["read"].get("/employees", team=str(world.north.code)).json()["items"]
    assert [e["code"] for e in by_team] == [str(world.employee.code)]
    names = [e["last_name"] for e in api["read"].get("/employees", ordering="-last_name").json()["items"]]
    assert names == sorted(names, reverse=True)
    refused = api["read"].get("/employees", ordering="user__password")
    assert refused.status_code == 422 and "ordering" in refused.json()["detail"]


def _enrol_body(world: World, **extra) -> dict:  # noqa: ANN003
    other = factories.employee(world.org, team=world.north)
    return {"employee": str(other.code), "session": str(world.session.code), **extra}


def test_a_read_token_may_not_write(world: World, api) -> None:  # noqa: ANN001
    response = api["read"].post("/enrollments", _enrol_body(world))
    assert response.status_code == 403 and "write" in response.json()["detail"]
    complete = api["read"].post(f"/enrollments/{world.enrollment.code}/complete", {})
    assert complete.status_code == 403


def test_another_organisation_cannot_enrol_or_complete_in_org_a(world: World, api) -> None:  # noqa: ANN001
    assert api["other"].post("/enrollments", _enrol_body(world)).status_code == 404
    assert api["other"].post(f"/enrollments/{world.enrollment.code}/complete", {}).status_code == 404
    world.enrollment.refresh_from_db()
    assert world.enrollment.status == Enrollment.Status.INVITED


def test_completing_through_the_api_starts_the_follow_up(world: World, api) -> None:  # noqa: ANN001
    points = world.training.learning_points.count()
    assert points > 0
    response = api["write"].post(
        f"/enrollments/{world.enrollment.code}/complete", {"completed_on": "2026-11-20"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "completed" and response.json()["completed_on"] == "2026-11-20"
    assert MemoryState.objects.filter(employee=world.employee).count() == points
    # Again: nothing new.
    assert api["write"].post(f"/enrollments/{world.enrollment.code}/complete", {}).status_code == 200
    assert MemoryState.objects.filter(employee=world.employee).count() == points


def test_enrolling_as_completed_starts_the_follow_up(world: World, api) -> None:  # noqa: ANN001
    body = _enrol_body(world, status="completed", completed_on="2026-11-20")
    response = api["write"].post("/enrollments", body)
    assert response.status_code == 201, response.content
    enrollment = Enrollment.objects.get(code=response.json()["code"])
    assert (
        MemoryState.objects.filter(employee=enrollment.employee).count()
        == world.training.learning_points.count()
    )


def test_bad_input_gets_a_clear_message(world: World, api) -> None:  # noqa: ANN001
    no_date = api["write"].post("/enrollments", _enrol_body(world, status="completed"))
    assert no_date.status_code == 201 and no_date.json()["completed_on"] is not None
    wrong_type = api["write"].post("/enrollments", _enrol_body(world, status="finished"))
    assert wrong_type.status_code == 422 and "status" in wrong_type.json()["detail"]
    twice = api["write"].post(
        "/enrollments", {"employee": str(world.employee.code), "session": str(world.session.code)}
    )
    assert twice.status_code == 409 and "already enrolled" in twice.json()["detail"]
    not_json = api["write"].client.post(
        "/api/v1/enrollments", "{", content_type="application/json", headers=api["write"].headers
    )
    assert not_json.status_code in (400, 422) and "detail" in not_json.json()


def test_same_idempotency_key_and_body_gives_the_same_answer_and_one_object(world: World, api) -> None:  # noqa: ANN001
    body = _enrol_body(world)
    first = api["write"].post("/enrollments", body, key="order-42")
    second = api["write"].post("/enrollments", body, key="order-42")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert Enrollment.objects.filter(employee__code=body["employee"]).count() == 1


def test_same_idempotency_key_with_another_body_is_refused(world: World, api) -> None:  # noqa: ANN001
    api["write"].post("/enrollments", _enrol_body(world), key="k1")
    other = api["write"].post("/enrollments", _enrol_body(world), key="k1")
    assert other.status_code == 409
    assert "different request" in other.json()["detail"]
    assert Enrollment.objects.filter(session=world.session).count() == 2  # the world's one + the first


def test_idempotency_keys_belong_to_one_token(world: World, api) -> None:  # noqa: ANN001
    from beklijf.integrations.tokens import token_create

    _, second_secret = token_create(created_by=world.ld_admin, name="second", scope="write")
    from tests.integrations.conftest import ApiClient

    api["write"].post("/enrollments", _enrol_body(world), key="shared")
    response = ApiClient(second_secret).post("/enrollments", _enrol_body(world), key="shared")
    assert response.status_code == 201


def test_retention_figures_say_what_they_are_measured_on(world: World, api) -> None:  # noqa: ANN001
    body = api["read"].get("/retention").json()
    assert [f["days"] for f in body["overall"]] == [7, 28, 90]
    assert all(f["n"] == 0 and f["share"] is None for f in body["overall"])
    assert {t["code"] for t in body["teams"]} >= {str(world.sales.code), str(world.north.code)}


def test_the_schema_and_the_docs_are_served(world: World) -> None:
    schema = Client().get("/api/openapi.json")
    assert schema.status_code == 200 and schema.json()["openapi"].startswith("3.")
    assert "/api/v1/enrollments" in schema.json()["paths"]
    assert Client().get("/api/docs").status_code == 200


def test_scorecards_rank_on_results_with_reviews_beside_and_another_organisation_sees_none(
    world: World, api
) -> None:  # noqa: ANN001
    from beklijf.catalog.models import Provider
    from tests.results.helpers import session_with

    liked = Provider.objects.create(organization=world.org, name="Liked Academy")
    solid = Provider.objects.create(organization=world.org, name="Solid Training")
    session_with(world.org, liked, participants=12, retention=(30, 60), applied=(3, 12), confidence=5)
    session_with(world.org, solid, participants=12, retention=(50, 60), applied=(10, 12), confidence=3)
    rows = api["read"].get("/scorecards").json()["rows"]
    ranked = [r for r in rows if r["rank"] is not None]
    assert [(r["name"], r["rank"]) for r in ranked] == [("Solid Training", 1), ("Liked Academy", 2)]
    liked_row = next(r for r in rows if r["name"] == "Liked Academy")
    assert liked_row["code"] == str(liked.code) and liked_row["high_reviews_low_results"] is True
    assert liked_row["reaction"] == 5.0 and liked_row["retention"] == {
        "n": 60, "successes": 30, "raw": 0.5, "shrunk": liked_row["retention"]["shrunk"]
    }  # fmt: skip
    # The provider with only an invited participant: listed, but no figure about its group.
    empty = next(r for r in rows if r["name"] == world.provider.name)
    assert empty["too_few"] and empty["participants"] is None and empty["retention"] is None
    assert api["read"].get("/scorecards?by=trainer").status_code == 200
    assert api["read"].get("/scorecards?by=employee").status_code == 422
    assert api["other"].get("/scorecards").json()["rows"] == []
