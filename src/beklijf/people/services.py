"""People writes: each use case in one transaction."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from beklijf.people.models import Employee


@transaction.atomic
def deactivate_employee(*, employee: Employee, at: dt.datetime | None = None) -> bool:
    """Someone left: they can no longer sign in, their open sessions end and their sign-in links stop working.

    Their history (answers, plans, assessments) stays for the organisation's figures. Returns False, and
    changes nothing, when they were already inactive. ASVS 7.4.2: a disabled account loses every session.
    """
    return deactivate_employees(employees=[employee], at=at) == 1


@transaction.atomic
def deactivate_employees(*, employees: list[Employee], at: dt.datetime | None = None) -> int:
    """deactivate_employee for many people at once (one pass over the sessions); returns how many changed."""
    from beklijf.practice.models import MagicLink

    at = at or timezone.now()
    active = [e for e in employees if e.is_active or e.user.is_active]
    if not active:
        return 0
    for employee in active:
        employee.is_active = False
        employee.save(update_fields=["is_active"])
        user = employee.user
        user.is_active = False
        # A new (unusable) password hash also changes the session hash Django keeps in every session of
        # this user, so a session that survives somewhere (another session engine) is rejected too.
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
    MagicLink.objects.filter(employee__in=active, used_at__isnull=True).update(used_at=at)
    _end_sessions({str(e.user_id) for e in active}, at)
    return len(active)


def _end_sessions(user_ids: set[str], at: dt.datetime) -> None:
    """Delete the database sessions of these users (the session table holds only unexpired sign-ins)."""
    doomed = []
    for session in Session.objects.filter(expire_date__gt=at).iterator():
        if session.get_decoded().get("_auth_user_id") in user_ids:
            doomed.append(session.pk)
    Session.objects.filter(pk__in=doomed).delete()


@transaction.atomic
def reactivate_employee(*, employee: Employee) -> bool:
    """Someone is back (they are in the HR export again): they may sign in after setting a new password."""
    if employee.is_active and employee.user.is_active:
        return False
    employee.is_active = True
    employee.save(update_fields=["is_active"])
    employee.user.is_active = True
    employee.user.save(update_fields=["is_active"])
    return True
