"""The audit log: append-only in the model AND in the database (SQLite and PostgreSQL), and what it records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from beklijf.privacy import audit
from beklijf.privacy.models import AuditEvent
from tests import factories
from tests.conftest import World, client_for


def _raw(sql: str, *params) -> None:  # noqa: ANN002
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_model_refuses_to_change_or_delete_an_audit_row(world: World) -> None:
    event = audit.record(world.manager, "view", world.employee, page="x")
    event.action = "login"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="login")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


def test_the_database_refuses_raw_update_and_delete(world: World) -> None:
    event = audit.record(world.manager, "view", world.employee)
    with pytest.raises(DatabaseError):
        _raw("UPDATE privacy_auditevent SET action = 'login' WHERE id = %s", event.pk)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM privacy_auditevent WHERE id = %s", event.pk)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM privacy_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk, action="view").exists()
    # The single exception: rows older than the floor (a year) may go, which is what the retention job does.
    old = AuditEvent.objects.create(action="login", at=timezone.now() - dt.timedelta(days=400))
    with pytest.raises(DatabaseError):
        _raw("UPDATE privacy_auditevent SET action = 'view' WHERE id = %s", old.pk)
    _raw("DELETE FROM privacy_auditevent WHERE id = %s", old.pk)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_logins_and_failed_logins_are_recorded_without_the_typed_address(world: World) -> None:
    client = client_for(None)
    email = world.employee.email
    client.post(reverse("login"), {"username": email, "password": "wrong-password-1"})
    client.post(reverse("login"), {"username": "nobody@example.com", "password": "wrong-password-1"})
    assert (
        client.post(reverse("login"), {"username": email, "password": factories.PASSWORD}).status_code == 302
    )
    failed = list(AuditEvent.objects.filter(action="login_failed").order_by("pk"))
    assert [e.subject_code for e in failed] == [world.employee.code, None]
    assert failed[0].organization_id == world.org.pk and failed[1].organization_id is None
    assert all("@" not in str(e.details) for e in failed)
    login = AuditEvent.objects.get(action="login")
    assert login.actor_code == world.employee.code and login.actor_role == "employee"


def test_a_manager_opening_an_employee_page_with_signals_makes_one_record(works_council: World) -> None:
    world = works_council
    before = timezone.now()
    client_for(world.manager.user).get(reverse("employee-detail", args=[world.employee.code]))
    (event,) = AuditEvent.objects.filter(action="view")
    assert (event.actor_code, event.subject_code, event.actor_role) == (world.manager.code, world.employee.code,
                                                                         "manager")  # fmt: skip
    assert event.at >= before and event.at.utcoffset() == dt.timedelta(0)
    # The employee's own look is not someone viewing their data.
    client_for(world.employee.user).get(reverse("employee-detail", args=[world.employee.code]))
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_coaching_pages_are_recorded(works_council: World) -> None:
    from beklijf.coaching.services import blocker_report, conversation_open

    world = works_council
    blocker = blocker_report(employee=world.employee, reported_by=world.employee, category="time")
    task = conversation_open(employee=world.employee, reason="refuser")
    manager = client_for(world.manager.user)
    manager.get(reverse("coaching:blocker-detail", args=[blocker.code]))
    manager.get(reverse("coaching:conversation", args=[task.code]))
    from tests.people.test_permissions import _pairing

    pairing = _pairing(world)
    manager.get(reverse("coaching:pairs"))
    refs = set(
        AuditEvent.objects.filter(subject_code=world.employee.code).values_list("object_ref", flat=True)
    )
    assert {f"coaching.blocker:{blocker.code}", f"coaching.conversationtask:{task.code}",
            f"coaching.pairing:{pairing.code}"} <= refs  # fmt: skip


def test_ld_admins_see_and_filter_their_own_organisations_log_only(world: World) -> None:
    audit.record(world.manager, "view", world.employee, page="p")
    audit.record(world.ld_admin, "settings", None, fields=["name"])
    audit.record(world.ld_admin_b, "settings", None, fields=["name"])
    admin = client_for(world.ld_admin.user)
    page = admin.get(reverse("privacy:audit")).content.decode()
    assert world.manager.full_name in page and world.employee.full_name in page
    assert world.ld_admin_b.full_name not in page
    only = admin.get(reverse("privacy:audit"), {"action": "settings"}).content.decode()
    assert (
        world.ld_admin.full_name in only and world.employee.full_name not in only.split('id="audit-table"')[1]
    )
    person = admin.get(reverse("privacy:audit"), {"person": world.employee.code.hex}).content.decode()
    assert "viewed evaluative data" in person.split('id="audit-table"')[1]
    assert admin.get(reverse("privacy:audit"), {"action": "drop table"}).status_code == 400
    foreign = admin.get(reverse("privacy:audit"), {"person": world.ld_admin_b.code.hex})
    assert foreign.status_code == 400  # a person of another organisation is not a choice
    other = client_for(world.ld_admin_b.user).get(reverse("privacy:audit")).content.decode()
    assert world.employee.full_name not in other


def test_record_refuses_unknown_actions(world: World) -> None:
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit.record(world.manager, "peek", world.employee)
