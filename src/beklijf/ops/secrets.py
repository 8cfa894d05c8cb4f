"""Integration credentials at rest: encrypted in the database, readable only with the site's SECRET_KEY.

The LRS password and the single-sign-on client secret must be sent in clear to the other side, so they
cannot be hashed like API tokens. They are stored as Fernet tokens (AES-128-CBC + HMAC-SHA256, from the
`cryptography` package Django's own dependencies already bring) under a key derived from SECRET_KEY with
HKDF. A database dump or backup alone does not reveal them (ASVS 13.3.1, docs/security.md).

Key rotation follows Django's: a new SECRET_KEY encrypts from now on, and a key moved to
SECRET_KEY_FALLBACKS still decrypts what it encrypted; `beklijf manage reencrypt_secrets` rewrites every
stored secret under the current key, after which the fallback can go. A secret that no configured key can
decrypt (SECRET_KEY replaced without a fallback) reads as empty and is logged: the settings form then asks
for it again instead of the page failing.
"""

from __future__ import annotations

import base64
import logging
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)

# Fernet tokens start with the version byte 0x80, base64url "gAAAAA": how a migration tells them from clear text.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - a format marker, not a secret


def _fernet_key(secret_key: str) -> bytes:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"beklijf.ops.secrets", info=b"field encryption"
    )
    return base64.urlsafe_b64encode(derived.derive(secret_key.encode()))


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def cipher() -> MultiFernet:
    """Encrypts under SECRET_KEY; decrypts under it or any of SECRET_KEY_FALLBACKS."""
    return _cipher((settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS))


def encrypt(plain: str) -> str:
    return cipher().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    """The clear text; raises cryptography.fernet.InvalidToken when no configured key fits."""
    return cipher().decrypt(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """A text stored encrypted (see the module). Not for lookups: equal texts encrypt differently."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:  # noqa: ANN401
        if not value:
            return value
        try:
            return decrypt(value)
        except InvalidToken:
            logger.error(
                "Cannot decrypt %s.%s: SECRET_KEY changed without keeping the old one in SECRET_KEY_FALLBACKS; "
                "the value reads as empty until it is entered again.",
                self.model._meta.label,
                self.name,
            )
            return ""

    def get_prep_value(self, value: Any) -> str | None:  # noqa: ANN401
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


def encrypted_columns() -> list[tuple[str, str, str]]:
    """(model label, table, column) of every EncryptedTextField of the installed models."""
    from django.apps import apps

    return [
        (model._meta.label, model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def rewrite_column(connection: Any, table: str, column: str, transform: Any) -> int:  # noqa: ANN401
    """Apply `transform` to the stored (raw) value of every row; returns how many rows changed.

    Raw SQL on purpose: migrations and key rotation work on what is stored, not on what the field decrypts.
    """
    quote = connection.ops.quote_name
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608 - names from model metadata
        for pk, value in cursor.fetchall():
            new = transform(value)
            if new != value:
                cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", [new, pk])  # noqa: S608
                changed += 1
    return changed


def encrypt_clear(value: str | None) -> str | None:
    """For the migration that started encrypting: clear text becomes a token, a token stays."""
    return encrypt(value) if value and not value.startswith(TOKEN_PREFIX) else value


def decrypt_token(value: str | None) -> str | None:
    """The migration's way back: a token becomes clear text again."""
    return decrypt(value) if value and value.startswith(TOKEN_PREFIX) else value


def rotate(value: str | None) -> str | None:
    """Re-encrypt under the current SECRET_KEY (whichever configured key encrypted it)."""
    return cipher().rotate(value.encode()).decode() if value else value
