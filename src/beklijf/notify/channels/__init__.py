"""Channels: one send function per kind, looked up in a registry (like healthchecks' TRANSPORTS).

Each takes the outbox row and `connection`, a transport reused across a batch (an SMTP session) that
channels without one ignore.
"""

from __future__ import annotations

from collections.abc import Callable

from beklijf.notify.channels.email import send_email, smtp_connection
from beklijf.notify.channels.webhook import send_webhook

CHANNELS: dict[str, Callable] = {
    "email": send_email,
    "webhook": send_webhook,
}

__all__ = ["CHANNELS", "smtp_connection"]
