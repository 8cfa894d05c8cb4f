"""Security basics a user or an attacker would notice: CSRF, scoping, sessions, passwords, settings."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from beklijf.catalog.models import Training
from tests import factories
from tests.conftest import World, client_for


def test_post_without_csrf_token_is_refused_and_changes_nothing(world: World) -> None:
    client = client_for(world.ld_admin.user, csrf=True)
    response = client.post(
        reverse("catalog:training-create"), {"title": "Sneaky", "mode": "online", "hours": "1"}
    )
    assert response.status_code == 403
    assert not Training.objects.filter(title="Sneaky").exists()


def test_tampered_uuid_is_a_404(world: World) -> None:
    client = client_for(world.ld_admin.user)
    assert client.get(f"/catalog/trainings/{uuid.uuid4()}/").status_code == 404
    assert client.get("/catalog/trainings/1/").status_code == 404
    assert client.get(f"/catalog/trainings/{world.training.code}x/").status_code == 404


def test_admin_of_other_organisation_cannot_change_a_training(world: World) -> None:
    client = client_for(world.ld_admin_b.user)
    url = reverse("catalog:training-edit", args=[world.training.code])
    response = client.post(
        url, {"title": "Hijacked", "mode": "online", "hours": "1", "cost_per_participant": "0"}
    )
    assert response.status_code == 404
    world.training.refresh_from_db()
    assert world.training.title != "Hijacked"


def test_django_admin_is_for_superusers_only(world: World) -> None:
    staff = world.ld_admin.user
    staff.is_staff = True
    staff.save()
    assert client_for(staff).get("/admin/").status_code == 302
    superuser = factories.employee(world.org).user
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    assert client_for(superuser).get("/admin/").status_code == 200


def test_session_key_changes_at_login(world: World) -> None:
    client = Client()
    client.get(reverse("login"))
    before = client.session.session_key
    client.post(reverse("login"), {"username": world.employee.user.email, "password": factories.PASSWORD})
    assert client.session.session_key != before
    assert client.get(reverse("home")).status_code == 200


def test_login_is_locked_after_five_failures_with_the_same_answer_for_unknown_users(world: World) -> None:
    client = Client()
    email = world.employee.user.email
    bad = [client.post(reverse("login"), {"username": email, "password": "wrong"}) for _ in range(5)]
    unknown = Client().post(reverse("login"), {"username": "nobody@example.com", "password": "wrong"})
    assert bad[0].status_code == unknown.status_code == 200
    locked = client.post(reverse("login"), {"username": email, "password": factories.PASSWORD})
    assert locked.status_code == 429
    assert b"Too many attempts" in locked.content


@pytest.mark.parametrize("password", ["password123", "short7!", "1234567890123"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_real_settings_hash_passwords_with_argon2() -> None:
    from beklijf.config import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_pages_with_personal_data_are_not_cached(world: World) -> None:
    response = client_for(world.employee.user).get(reverse("home"))
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_idle_session_expires(world: World) -> None:
    import time_machine

    client = client_for(world.employee.user)
    with time_machine.travel(0, tick=False) as traveller:
        traveller.move_to("2026-11-27 09:00:00+00:00")
        assert client.get(reverse("home")).status_code == 200
        traveller.shift(settings.SESSION_IDLE_TIMEOUT + 60)
        assert client.get(reverse("home")).status_code == 302


def test_deploy_check_is_clean_with_production_settings() -> None:
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 30 + uuid.uuid4().hex * 2}
    env.update(ALLOWED_HOSTS="beklijf.example.com", DJANGO_SETTINGS_MODULE="beklijf.config.settings")
    env.update(EMAIL_URL="smtp+tls://mail.example.com:587")
    env.pop("BEKLIJF_HTTPS", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their live server only
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_start_up_without_secret_key_fails_with_a_clear_message(tmp_path) -> None:  # noqa: ANN001
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="beklijf.config.settings", BEKLIJF_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_in_process_is_clean(db) -> None:  # noqa: ANN001
    with override_settings(
        DEBUG=False,
        SECURE_SSL_REDIRECT=True,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_PRELOAD=True,
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}},
        ALLOWED_HOSTS=["beklijf.example.com"],
        SECRET_KEY="k" * 60 + uuid.uuid4().hex,
    ):
        call_command("check", deploy=True, fail_level="WARNING")
