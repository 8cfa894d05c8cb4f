from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beklijf.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database to FILE, while the site runs."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)

    def handle(self, *, file: Path, **options) -> None:  # noqa: ANN003
        try:
            size = backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written to {file} ({size:,} bytes)")
