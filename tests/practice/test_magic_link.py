from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beklijf.practice import services
from beklijf.practice.models import MagicLink
from tests.conftest import World


def test_get_shows_a_button_and_does_not_use_the_link(followed: World) -> None:
    token = services.magic_link_create(employee=followed.employee)
    url = reverse("practice:magic-link", args=[token])
    for _ in range(2):  # a mail scanner opening the link twice
        response = Client().get(url)
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "strict-origin"
    assert MagicLink.objects.get().used_at is None


def test_post_signs_in_to_the_quiz_only_and_the_link_cannot_be_reused(followed: World) -> None:
    token = services.magic_link_create(employee=followed.employee)
    url = reverse("practice:magic-link", args=[token])
    client = Client()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("practice:quiz")
    assert token not in response["Location"]
    assert client.get(reverse("practice:quiz")).status_code == 200
    assert client.get(reverse("practice:progress")).status_code == 403
    assert client.get(reverse("home")).status_code == 403
    assert Client().post(url).status_code == 410
    assert Client().get(url).status_code == 410


def test_expired_link_is_refused(followed: World) -> None:
    token = services.magic_link_create(employee=followed.employee, at=timezone.now() - dt.timedelta(days=8))
    assert Client().post(reverse("practice:magic-link", args=[token])).status_code == 410


def test_link_of_a_deactivated_employee_is_refused(followed: World) -> None:
    token = services.magic_link_create(employee=followed.employee)
    followed.employee.is_active = False
    followed.employee.save()
    response = Client().post(reverse("practice:magic-link", args=[token]))
    assert response.status_code == 410
    assert "_auth_user_id" not in Client().session


def test_token_has_at_least_128_bits_and_only_its_hash_is_stored(followed: World) -> None:
    token = services.magic_link_create(employee=followed.employee)
    assert len(token) >= 22  # 32 random bytes, URL-safe base64
    assert not MagicLink.objects.filter(token_hash=token).exists()
