"""A real SMTP server in the test process (aiosmtpd), collecting what arrives."""

from __future__ import annotations

import socket
import time
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


class Collect:
    def __init__(self, delay: float = 0.0) -> None:
        self.messages: list[Message] = []
        self.delay = delay

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001,N802
        # Accepted first, then a slow 250 (a server that syncs its queue to disk): a sender killed in that gap
        # has delivered the message without knowing it, which is the case the kill tests count.
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        if self.delay:
            time.sleep(self.delay)  # a slow server, so a test can kill a sender mid-batch
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(delay: float = 0.0) -> tuple[Controller, Collect]:
    handler = Collect(delay)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, handler


def mailers(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
