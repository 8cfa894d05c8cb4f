"""Personal data outside beklijf's own apps: the Django admin's log (superusers' changes)."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry

from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        LogEntry,
        subject="user__employee",
        erase=Erase.DELETE,
        purpose="Changes a superuser made in the Django admin.",
        # What was changed may name a colleague: only that, when and what kind of object.
        export_exclude=("change_message", "object_repr", "object_id"),
    ),
)
