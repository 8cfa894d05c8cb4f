"""`record()`: the one way to write to the audit log. Other apps call it (imports, exports, views)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import models

from beklijf.privacy.models import AuditAction, AuditEvent


def _person(value: Any):  # noqa: ANN401,ANN202
    """An Actor, a User or an Employee -> (employee or None, role)."""
    from beklijf.people.access import Actor, actor_for
    from beklijf.people.models import Employee, User

    if value is None:
        return None, ""
    if isinstance(value, User):
        value = actor_for(value)
    if isinstance(value, Actor):
        return value.employee, value.role if value.is_authenticated else ""
    if isinstance(value, Employee):
        return value, str(value.role)
    raise TypeError(f"Not a person: {type(value).__name__}")


def _subject(target: Any):  # noqa: ANN401,ANN202
    """The person whose data it is, and a reference to the object itself."""
    from beklijf.people.models import Employee, Team

    if target is None:
        return None, ""
    if isinstance(target, Employee):
        return target, ""
    ref = f"{target._meta.label_lower}:{getattr(target, 'code', target.pk)}"
    if isinstance(target, Team):
        return None, ref
    for name in ("employee", "mentee"):
        person = getattr(target, name, None)
        if isinstance(person, Employee):
            return person, ref
    return None, ref


def _plain(value: Any):  # noqa: ANN401,ANN202
    if isinstance(value, models.Model):
        return f"{value._meta.label_lower}:{getattr(value, 'code', value.pk)}"
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def record(actor: Any, action: str, target: Any = None, **details: Any) -> AuditEvent:  # noqa: ANN401
    """Write one audit row: `actor` (Actor, User, Employee or None) did `action` to `target`'s data.

    `target` is an Employee, an object belonging to one (a blocker, a plan), a Team, or None. `details` must not
    hold names or free text about people: codes and counts only, so erasure leaves nothing behind.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action: {action}")
    employee, role = _person(actor)
    subject, ref = _subject(target)
    organization_id = (
        employee.organization_id if employee is not None else subject.organization_id if subject else None
    )
    return AuditEvent.objects.create(
        organization_id=details.pop("organization_id", organization_id),
        actor_code=employee.code if employee is not None else None,
        actor_role=role,
        action=action,
        subject_code=subject.code if subject is not None else None,
        object_ref=ref,
        details={k: _plain(v) for k, v in details.items()},
    )


def pseudonym(text: str) -> str:
    """A keyed hash: failed logins are recorded without storing the typed e-mail address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, text.strip().lower().encode(), hashlib.sha256).hexdigest()[:16]


# --- Logins ---------------------------------------------------------------------------------------


def _logged_in(sender, request, user, **kwargs) -> None:  # noqa: ANN001,ANN003
    record(user, AuditAction.LOGIN)


def _logged_out(sender, request, user, **kwargs) -> None:  # noqa: ANN001,ANN003
    if user is not None:
        record(user, AuditAction.LOGOUT)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:  # noqa: ANN001,ANN003
    from beklijf.people.models import Employee

    typed = str(credentials.get("username") or credentials.get("email") or "")
    # The account that was tried is the subject: its L&D admins see attempts on their people, and the person
    # finds them in their own export. An unknown address is kept only as a keyed hash.
    employee = Employee.objects.filter(user__email=typed.strip().lower()).first()
    record(None, AuditAction.LOGIN_FAILED, employee, account=pseudonym(typed))


def connect_signals() -> None:
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(_logged_in, dispatch_uid="privacy-audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="privacy-audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="privacy-audit-login-failed")
