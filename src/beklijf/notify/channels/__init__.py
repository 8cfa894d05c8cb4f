"""Channels: one send function per kind, looked up in a registry (like healthchecks' TRANSPORTS)."""

from __future__ import annotations

from collections.abc import Callable

from beklijf.notify.channels.email import send_email
from beklijf.notify.channels.webhook import send_webhook

CHANNELS: dict[str, Callable] = {
    "email": send_email,
    "webhook": send_webhook,
}
