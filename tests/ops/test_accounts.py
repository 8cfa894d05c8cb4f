"""ASVS level 2, the account side: revocation, re-authentication, the second factor, passwords, sessions."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import CommonPasswordValidator, validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from beklijf.ops.reauth import SESSION_KEY as REAUTH_KEY
from beklijf.practice.services import magic_link_create
from tests import factories
from tests.conftest import World, client_for
from tests.factories import totp


def log_in(email: str, password: str = factories.PASSWORD) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("login"), {"username": email, "password": password})
    return client, response


# --- Revocation (ASVS 7.4.2) -------------------------------------------------------------------------


def test_a_deactivated_employee_is_logged_out_on_the_next_request(world: World) -> None:
    client = client_for(world.employee.user)
    assert client.get(reverse("home")).status_code == 200
    world.employee.is_active = False
    world.employee.save()
    response = client.get(reverse("practice:quiz"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    # The session itself is gone: reactivating does not bring the old cookie back to life.
    world.employee.is_active = True
    world.employee.save()
    assert client.get(reverse("home")).status_code == 302


def test_a_deactivated_account_is_logged_out_on_the_next_request(world: World) -> None:
    client = client_for(world.manager.user)
    world.manager.user.is_active = False
    world.manager.user.save()
    assert client.get(reverse("home")).status_code == 302


def test_a_deactivated_employees_magic_link_no_longer_signs_in(world: World) -> None:
    token = magic_link_create(employee=world.employee)
    world.employee.is_active = False
    world.employee.save()
    client = Client()
    url = reverse("practice:magic-link", args=[token])
    assert client.get(url).status_code == 410
    assert client.post(url).status_code == 410
    assert "_auth_user_id" not in client.session


def test_a_magic_link_session_ends_when_the_employee_is_deactivated(world: World) -> None:
    token = magic_link_create(employee=world.employee)
    client = Client()
    assert client.post(reverse("practice:magic-link", args=[token])).status_code == 302
    assert client.get(reverse("practice:quiz")).status_code == 200
    world.employee.is_active = False
    world.employee.save()
    assert client.get(reverse("practice:quiz")).status_code == 302


# --- Sessions (ASVS 7.2.4, 7.3.1, 7.3.2) --------------------------------------------------------------


def test_an_active_session_still_ends_at_the_absolute_limit(world: World) -> None:
    with time_machine.travel("2026-11-27 08:00:00+00:00", tick=False) as traveller:
        client, _ = log_in(world.employee.user.email)
        elapsed = 0
        while elapsed < settings.SESSION_COOKIE_AGE - 1800:
            traveller.shift(1800)  # busy all day: a page every half hour, well within the idle limit
            elapsed += 1800
            assert client.get(reverse("home")).status_code == 200, f"logged out after {elapsed} s"
        traveller.shift(3600)
        assert client.get(reverse("home")).status_code == 302


# --- Re-authentication before exports and bulk actions (ASVS 7.5.3) ----------------------------------


def _stale(client: Client) -> None:
    session = client.session
    session.pop(REAUTH_KEY, None)
    session.save()


def test_an_export_asks_for_the_password_again_and_then_downloads(world: World) -> None:
    client = client_for(world.ld_admin.user)
    _stale(client)
    export = reverse("needs:export", args=["csv"])
    response = client.get(export)
    assert response.status_code == 302
    confirm = response["Location"]
    assert confirm.startswith(reverse("ops:reauth"))
    assert client.get(confirm).status_code == 200
    wrong = client.post(reverse("ops:reauth"), {"password": "not-my-password", "next": export})
    assert wrong.status_code == 400 and b"not right" in wrong.content
    assert client.get(export).status_code == 302
    right = client.post(reverse("ops:reauth"), {"password": factories.PASSWORD, "next": export})
    assert right.status_code == 302 and right["Location"] == export
    download = client.get(export)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]


def test_the_confirmation_lapses_after_the_set_minutes(world: World) -> None:
    with time_machine.travel("2026-11-27 08:00:00+00:00", tick=False) as traveller:
        client = client_for(world.ld_admin.user)
        export = reverse("needs:export", args=["csv"])
        assert client.get(export).status_code == 200
        traveller.shift(settings.BEKLIJF_REAUTH_MINUTES * 60 + 1)
        assert client.get(export).status_code == 302


def test_a_bulk_import_post_without_a_fresh_password_does_nothing_and_goes_back(world: World) -> None:
    from beklijf.needs.models import Assessment

    client = client_for(world.ld_admin.user)
    _stale(client)
    referer = "http://testserver" + reverse("needs:import")
    response = client.post(reverse("needs:import"), {"action": "import"}, headers={"referer": referer})
    assert response.status_code == 302 and response["Location"].startswith(reverse("ops:reauth"))
    assert "next=%2Fneeds%2Fimport%2F" in response["Location"]
    assert Assessment.objects.count() == 0


def test_the_confirmation_page_never_sends_anyone_to_another_site(world: World) -> None:
    client = client_for(world.ld_admin.user)
    response = client.post(
        reverse("ops:reauth"), {"password": factories.PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")


# --- The second factor for L&D admins (ASVS 6.3.3, 6.5) ----------------------------------------------


def _secret_from(page: bytes) -> str:
    return re.search(rb'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).decode()


def test_an_ld_admin_enrols_a_totp_app_at_first_log_in_and_needs_it_from_then_on(world: World) -> None:
    email = world.ld_admin.user.email
    with time_machine.travel("2026-11-27 08:00:00+00:00", tick=False) as clock:
        client, response = log_in(email)
        # The password alone opens nothing: the first page is the enrolment.
        home = client.get(reverse("home"))
        assert home.status_code == 302 and home["Location"].startswith(reverse("ops:2fa-setup"))
        assert client.get(reverse("catalog:training-create")).status_code == 302
        setup = client.get(home["Location"])
        assert setup.status_code == 200
        assert b'src="data:image/svg+xml;base64,' in setup.content  # the QR code, no inline script
        secret = _secret_from(setup.content)
        wrong = "000000" if totp(secret) != "000000" else "111111"
        assert client.post(reverse("ops:2fa-setup"), {"token": wrong}).status_code == 400
        clock.shift(2)  # wrong codes slow the next try down (1 s, 2 s, 4 s, ...)
        done = client.post(reverse("ops:2fa-setup"), {"token": totp(secret), "next": "/"})
        assert done.status_code == 200
        codes = re.findall(rb"<li><code>([a-z2-7]+)</code></li>", done.content)
        assert len(codes) == 10
        assert client.get(reverse("catalog:training-create")).status_code == 200

        # Next log-in: the password, then a code; the code of a step already used is refused.
        client, _ = log_in(email)
        verify = client.get(reverse("home"))
        assert verify["Location"].startswith(reverse("ops:2fa-verify"))
        assert client.post(reverse("ops:2fa-verify"), {"token": totp(secret)}).status_code == 400
        clock.shift(30)
        ok = client.post(reverse("ops:2fa-verify"), {"token": totp(secret), "next": "/"})
        assert ok.status_code == 302
        assert client.get(reverse("home")).status_code == 200

        # Phone lost: a recovery code works once.
        code = codes[0].decode()
        client, _ = log_in(email)
        assert client.post(reverse("ops:2fa-verify"), {"token": code}).status_code == 302
        assert client.get(reverse("home")).status_code == 200
        client, _ = log_in(email)
        assert client.post(reverse("ops:2fa-verify"), {"token": code}).status_code == 400
        assert client.get(reverse("home")).status_code == 302


def test_someone_with_only_the_password_cannot_replace_the_app(world: World) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world.ld_admin.user, name="phone", confirmed=True)
    client, _ = log_in(world.ld_admin.user.email)
    response = client.get(reverse("ops:2fa-setup"))
    assert response.status_code == 302 and response["Location"] == reverse("ops:2fa-verify")


def test_other_roles_are_not_asked_for_a_second_factor(world: World) -> None:
    for user in (world.employee.user, world.manager.user, world.provider_user):
        client, _ = log_in(user.email)
        assert client.get(reverse("home")).status_code == 200


# --- Passwords (ASVS 6.2.1, 6.2.4, 6.2.12, 11.4.2) ---------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "password123",
        "short7!",
        "1234567890123",
        "Welkom2026!",
        "P@ssw0rd2024",
        "Feyenoord-010",
        "Zomer2025!!",
    ],
)
def test_weak_common_and_breached_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_breached_list_catches_what_djangos_common_list_lets_through() -> None:
    CommonPasswordValidator().validate("Welkom2026!")  # Django's list alone accepts it
    with pytest.raises(ValidationError) as refused:
        validate_password("Welkom2026!")
    assert "password_breached" in [e.code for e in refused.value.error_list]


@pytest.mark.parametrize(
    "password", ["Zeewind-over-het-fietspad-26", "kX9#mPq2vL7z", "correct horse battery staple"]
)
def test_strong_passwords_and_passphrases_are_accepted(password: str) -> None:
    validate_password(password)


def test_the_shipped_list_is_in_the_package() -> None:
    from beklijf.ops.passwords import DATA, _words

    assert DATA.exists() and DATA.suffix == ".gz"
    assert {"welkom", "wachtwoord", "zomer"} <= _words()


def test_passwords_are_stored_with_argon2id_at_owasp_strength(settings) -> None:  # noqa: ANN001
    from beklijf.config import settings as real

    settings.PASSWORD_HASHERS = real.PASSWORD_HASHERS
    encoded = make_password("Zeewind-over-het-fietspad-26")
    algorithm, variety, version, params, *_ = encoded.split("$")
    assert (algorithm, variety) == ("argon2", "argon2id")
    values = dict(part.split("=") for part in params.split(","))
    assert int(values["m"]) >= 19456 and int(values["t"]) >= 2  # OWASP: 19 MiB, t = 2


def test_a_password_change_ends_the_other_sessions(world: World) -> None:
    other_device = client_for(world.employee.user)
    assert other_device.get(reverse("home")).status_code == 200
    world.employee.user.set_password("Zeewind-over-het-fietspad-26")
    world.employee.user.save()
    assert other_device.get(reverse("home")).status_code == 302
