"""Integration credentials are stored encrypted, read back in clear, survive a key rotation, and the
migration that started encrypting turned clear text into tokens (ops/secrets.py)."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from beklijf.integrations.models import LrsEndpoint, OidcProvider
from beklijf.ops.secrets import TOKEN_PREFIX
from tests.conftest import World

PASSWORD = "lrs-Wachtwoord-2026!"  # noqa: S105 - test data


def _stored(model, pk: int, column: str) -> str:  # noqa: ANN001
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _endpoint(world: World) -> LrsEndpoint:
    return LrsEndpoint.objects.create(
        organization=world.org, url="https://lrs.example.com/xAPI/", username="beklijf", password=PASSWORD
    )


def test_the_lrs_password_and_the_sso_secret_are_not_in_the_database_in_clear(world: World) -> None:
    endpoint = _endpoint(world)
    sso = OidcProvider.objects.create(
        organization=world.org,
        issuer="https://login.example.com",
        client_id="beklijf",
        client_secret="s3cr3t-oidc",
    )
    stored = _stored(LrsEndpoint, endpoint.pk, "password")
    assert stored.startswith(TOKEN_PREFIX) and PASSWORD not in stored
    assert "s3cr3t-oidc" not in _stored(OidcProvider, sso.pk, "client_secret")
    # Read back in clear, by the model and by values_list (the settings form keeps the stored one that way).
    assert LrsEndpoint.objects.get().password == PASSWORD
    assert list(OidcProvider.objects.values_list("client_secret", flat=True)) == ["s3cr3t-oidc"]
    # The same secret saved twice is stored differently: a dump does not show which secrets are equal.
    endpoint.save()
    assert _stored(LrsEndpoint, endpoint.pk, "password") != stored


def test_a_rotated_secret_key_still_reads_and_reencrypt_moves_everything_to_the_new_key(
    world: World, settings, caplog
) -> None:  # noqa: ANN001
    endpoint = _endpoint(world)
    old_key, before = settings.SECRET_KEY, _stored(LrsEndpoint, endpoint.pk, "password")
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[old_key]):
        assert LrsEndpoint.objects.get().password == PASSWORD  # the fallback decrypts
        call_command("reencrypt_secrets", stdout=io.StringIO())
        after = _stored(LrsEndpoint, endpoint.pk, "password")
        assert after != before
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[]):
        assert LrsEndpoint.objects.get().password == PASSWORD  # the old key is no longer needed
    # A key replaced without a fallback: the secret reads as empty and says why in the log.
    with override_settings(SECRET_KEY="yet-another-key-" + "y" * 50, SECRET_KEY_FALLBACKS=[]):
        with caplog.at_level(logging.ERROR, logger="beklijf.ops.secrets"):
            assert LrsEndpoint.objects.get().password == ""
        assert "SECRET_KEY_FALLBACKS" in caplog.text
        with pytest.raises(Exception, match="cannot be decrypted"):
            call_command("reencrypt_secrets", stdout=io.StringIO())
        assert _stored(LrsEndpoint, endpoint.pk, "password") == after  # nothing changed


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_what_was_stored_in_clear_and_can_go_back(world: World) -> None:
    call_command("migrate", "integrations", "0003", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO integrations_lrsendpoint (organization_id, enabled, url, username, password, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, CURRENT_TIMESTAMP)",
            [world.org.pk, True, "https://lrs.example.com/xAPI/", "beklijf", PASSWORD],
        )
    call_command("migrate", "integrations", verbosity=0)
    endpoint = LrsEndpoint.objects.get()
    assert endpoint.password == PASSWORD
    assert _stored(LrsEndpoint, endpoint.pk, "password").startswith(TOKEN_PREFIX)
    call_command("migrate", "integrations", "0003", verbosity=0)
    assert _stored(LrsEndpoint, endpoint.pk, "password") == PASSWORD
    call_command("migrate", "integrations", verbosity=0)
