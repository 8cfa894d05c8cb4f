"""Erasing a person (GDPR art. 17): personal rows deleted, the rest anonymised, the audit log untouched."""

from __future__ import annotations

from django.db import transaction

from beklijf.people.models import Employee
from beklijf.privacy import audit
from beklijf.privacy.models import AuditAction
from beklijf.privacy.registry import Erase, declarations
from beklijf.privacy.subjects import rows_of


@transaction.atomic
def person_erase(*, actor, employee: Employee) -> dict[str, int]:  # noqa: ANN001
    """Delete what only concerns this person, blank free text in what feeds team figures, and strip the
    person row of name, account and code. Safe to repeat: an erased person is left as they are."""
    employee = Employee.objects.select_for_update().select_related("user").get(pk=employee.pk)
    if employee.erased_at is not None:
        return {}
    email = employee.user.email
    counts: dict[str, int] = {}
    for declaration in declarations():
        for name in declaration.others:
            declaration.model._default_manager.filter(**{name: employee}).update(**{name: None})
        if declaration.erase is Erase.DELETE:
            deleted = rows_of(declaration, employee).delete()[0]
            if deleted:
                counts[declaration.label] = deleted
        elif declaration.erase is Erase.ANONYMISE and declaration.clear:
            kept = rows_of(declaration, employee).update(**dict.fromkeys(declaration.clear, ""))
            if kept:
                counts[declaration.label] = kept
    # Recorded against the old code: once the code changes below, nothing links the row to anyone.
    audit.record(actor, AuditAction.ERASE, employee, rows=sum(counts.values()))
    for declaration in declarations():
        if declaration.erase is Erase.CUSTOM and declaration.custom_erase is not None:
            declaration.custom_erase(employee)
    _erase_login_throttling(email)
    return counts


def _erase_login_throttling(email: str) -> None:
    """django-axes keeps failed logins by typed user name, not by foreign key."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=email).delete()
