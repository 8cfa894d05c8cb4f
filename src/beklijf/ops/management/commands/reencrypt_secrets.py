"""Re-encrypt every stored integration secret under the current SECRET_KEY (after a key rotation).

Run it with the old key still in SECRET_KEY_FALLBACKS; afterwards the fallback can be removed. Safe to
repeat: a secret already under the current key is encrypted again under it, nothing else changes.
"""

from __future__ import annotations

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from beklijf.ops.secrets import encrypted_columns, rewrite_column, rotate


class Command(BaseCommand):
    help = "Re-encrypt stored integration secrets under the current SECRET_KEY."

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        total = 0
        try:
            with transaction.atomic():
                for label, table, column in encrypted_columns():
                    changed = rewrite_column(connection, table, column, rotate)
                    self.stdout.write(f"{label}.{column}: {changed} re-encrypted")
                    total += changed
        except InvalidToken as exc:
            raise CommandError(
                "A stored secret cannot be decrypted with SECRET_KEY or SECRET_KEY_FALLBACKS; nothing was "
                "changed. Put the key it was encrypted with in SECRET_KEY_FALLBACKS and run this again."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"{total} secrets now under the current key."))
