"""Selecting a person's rows of a declared model."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from beklijf.people.models import Employee
from beklijf.privacy.registry import Declaration


def rows_of(declaration: Declaration, employee: Employee) -> QuerySet:
    """The rows that are this person's own data (empty for declarations that only mention people)."""
    if not declaration.subject:
        return declaration.model.objects.none()
    value = employee.pk if declaration.subject == "pk" else employee
    condition = Q(**{declaration.subject: value})
    for lookup in declaration.also_subject:
        condition |= Q(**{lookup: employee})
    return declaration.model._default_manager.filter(condition).distinct()
