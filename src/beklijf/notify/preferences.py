"""Employee preferences and one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from beklijf.notify.models import Preference
from beklijf.people.models import Employee

_SALT = "beklijf.notify.unsubscribe"


def preference_for(employee: Employee) -> Preference:
    """The employee's preferences; the defaults (unsaved) when they never changed them."""
    try:
        return employee.preference
    except Preference.DoesNotExist:
        return Preference(employee=employee)


def unsubscribe_token(employee: Employee) -> str:
    return signing.dumps(str(employee.code), salt=_SALT)


def unsubscribe_url(employee: Employee) -> str:
    return settings.SITE_URL + reverse("notify:unsubscribe", args=[unsubscribe_token(employee)])


def employee_for_unsubscribe(token: str) -> Employee | None:
    try:
        code = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return Employee.objects.filter(code=code).first()


def unsubscribe(employee: Employee) -> None:
    """Stop every non-essential message (reminders, digests); invitations to meetings still arrive."""
    Preference.objects.update_or_create(employee=employee, defaults={"nonessential_off": True})
