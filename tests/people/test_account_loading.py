"""The signed-in account, its employee, organisation and team come in one query (people/backends.py with
ops/rows.py) and are the same objects the ORM would give, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beklijf.people.backends import EmployeeBackend
from beklijf.people.models import Employee, User
from beklijf.people.sessions import SessionStore
from tests.conftest import World


def _values(instance) -> dict:  # noqa: ANN001
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_account_with_employee_organisation_and_team_is_one_query_and_equals_the_orm(
    world: World,
) -> None:
    expected = User.objects.select_related("employee__organization", "employee__team").get(
        pk=world.employee.user_id
    )
    with CaptureQueriesContext(connection) as queries:
        user = EmployeeBackend().get_user(str(world.employee.user_id))
        # Every related object the actor needs is already there.
        names = (user.employee.organization.name, user.employee.team.name, user.employee.time_zone)
    assert len(queries) == 1
    assert names == (world.org.name, world.north.name, world.employee.time_zone)
    assert _values(user) == _values(expected)
    assert _values(user.employee) == _values(expected.employee)
    assert _values(user.employee.organization) == _values(expected.employee.organization)
    assert _values(user.employee.team) == _values(expected.employee.team)
    assert user.employee.user is user
    assert not user._state.adding and user._state.db == "default"


def test_an_employee_without_team_and_an_account_without_employee(world: World) -> None:
    Employee.objects.filter(pk=world.employee.pk).update(team=None)
    with CaptureQueriesContext(connection) as queries:
        user = EmployeeBackend().get_user(world.employee.user_id)
        assert user.employee.team is None
        provider = EmployeeBackend().get_user(world.provider_user.pk)
        assert not hasattr(provider, "employee")  # the ORM's RelatedObjectDoesNotExist, without a query
    assert len(queries) == 2


def test_an_inactive_unknown_or_garbled_account_is_nobody(world: World) -> None:
    User.objects.filter(pk=world.employee.user_id).update(is_active=False)
    backend = EmployeeBackend()
    assert backend.get_user(world.employee.user_id) is None
    assert backend.get_user(10**9) is None
    assert backend.get_user("not a number") is None


def test_sessions_are_read_as_django_writes_them_and_an_expired_one_is_empty(world: World) -> None:
    store = DjangoSessionStore()
    store["answer"] = 42
    store.create()
    assert SessionStore(store.session_key).load() == {"answer": 42}
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new key is issued on save, never the expired one
