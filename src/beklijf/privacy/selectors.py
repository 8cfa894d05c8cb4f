"""Privacy reads, scoped through people/access.py."""

from __future__ import annotations

import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Q

from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.privacy.models import AuditAction


def audit_page(*, actor: Actor, filters: dict, page: str | int = 1) -> dict:
    """The organisation's audit log, newest first, filtered, with names resolved from the current people
    (an erased person's old code resolves to nobody)."""
    events = access.audit_events_visible_to(actor)
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("person"):
        code = uuid.UUID(filters["person"])
        events = events.filter(Q(subject_code=code) | Q(actor_code=code))
    if filters.get("since"):
        events = events.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(at__date__lte=filters["until"])
    paged: Page = Paginator(events.order_by("-at", "-pk"), 50).get_page(page)
    codes = {e.actor_code for e in paged} | {e.subject_code for e in paged}
    people = {p.code: p for p in access.employees_visible_to(actor).filter(code__in=codes - {None})}
    labels = dict(AuditAction.choices)
    rows = [
        {
            "event": e,
            "action": labels.get(e.action, e.action),
            "actor": people.get(e.actor_code),
            "subject": people.get(e.subject_code),
            "details": e.details,
        }  # fmt: skip
        for e in paged
    ]
    return {"rows": rows, "page": paged}
