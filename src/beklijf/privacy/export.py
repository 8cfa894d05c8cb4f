"""Everything beklijf holds about a person (GDPR art. 15 and 20): JSON to process, HTML to read, in a ZIP."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
import zipfile
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation

from beklijf.people.models import Employee, User
from beklijf.privacy.models import AuditEvent
from beklijf.privacy.registry import Declaration, declarations
from beklijf.privacy.subjects import rows_of

YOU = "you"
COLLEAGUE = "a colleague"  # another person is never named in someone's export


def _value(row: models.Model, field: models.Field, employee: Employee) -> Any:  # noqa: ANN401
    if field.is_relation:
        related_id = getattr(row, field.attname)
        if related_id is None:
            return None
        if field.related_model is Employee:
            return YOU if related_id == employee.pk else COLLEAGUE
        if field.related_model is User:
            return YOU if related_id == employee.user_id else COLLEAGUE
        return str(getattr(row, field.name))
    value = getattr(row, field.attname)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def _rows(declaration: Declaration, employee: Employee) -> list[dict[str, Any]]:
    fields = [
        f for f in declaration.model._meta.concrete_fields
        if f.name not in declaration.export_exclude and not f.primary_key
    ]  # fmt: skip
    return [
        {f.name: _value(row, f, employee) for f in fields}
        for row in rows_of(declaration, employee).order_by("pk")
    ]


def _audit(employee: Employee) -> list[dict[str, Any]]:
    """Who looked at or changed your data, and what you did: roles only, never a colleague's name."""
    events = AuditEvent.objects.filter(
        models.Q(subject_code=employee.code) | models.Q(actor_code=employee.code)
    ).order_by("at")
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "by": YOU if e.actor_code == employee.code else (e.actor_role or "system"),
            "about": YOU if e.subject_code == employee.code else (COLLEAGUE if e.subject_code else None),
            "object": e.object_ref.split(":")[0] if e.object_ref else "",
        }
        for e in events
    ]


def person_data(employee: Employee) -> dict[str, Any]:
    sections = []
    for declaration in declarations():
        rows = _rows(declaration, employee)
        if declaration.subject:
            sections.append({
                "model": declaration.label,
                "name": str(declaration.model._meta.verbose_name_plural),
                "purpose": declaration.purpose,
                "rows": rows,
            })  # fmt: skip
    sections.append({"model": "privacy.auditevent", "name": "audit log",
                     "purpose": "Who viewed or changed your data, and your logins.", "rows": _audit(employee)})  # fmt: skip
    return {"exported_at": timezone.now().isoformat(), "person": employee.code.hex, "sections": sections}


def export_zip(employee: Employee) -> bytes:
    data = person_data(employee)
    with translation.override(employee.language):
        html = render_to_string("privacy/export.html", {"data": data, "employee": employee})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("index.html", html)
    return buffer.getvalue()
