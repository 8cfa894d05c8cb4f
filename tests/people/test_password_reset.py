"""Password reset by e-mail through a real SMTP server (aiosmtpd), in the person's language."""

from __future__ import annotations

import re
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import World


class Collect(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:  # noqa: ANN001
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():  # noqa: ANN201
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    with override_settings(MAILERS=mailers):
        yield handler
    controller.stop()


def test_password_reset_mail_arrives_in_dutch_and_the_link_sets_a_new_password(world: World, smtp) -> None:  # noqa: ANN001
    world.employee.language = "nl"
    world.employee.save()
    client = Client()
    response = client.post(reverse("password_reset"), {"email": world.employee.user.email})
    assert response.status_code == 302
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == world.employee.user.email
    body = mail.get_payload(decode=True).decode()
    assert "wachtwoord" in body.lower()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "Zeewind-over-het-fietspad-26"  # "nieuw-Wachtwoord-2026" is a breached word plus decoration
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    login = Client().post(reverse("login"), {"username": world.employee.user.email, "password": new})
    assert login.status_code == 302 and login["Location"] == reverse("home")


def test_unknown_address_gets_the_same_answer_and_no_mail(world: World, smtp) -> None:  # noqa: ANN001
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert smtp.messages == []
