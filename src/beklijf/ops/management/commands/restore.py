from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beklijf.ops.backup import BackupError, check_file, restore


class Command(BaseCommand):
    help = "Replace the whole database with the backup in FILE (made by `beklijf backup`), all or nothing."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *, file: Path, yes: bool, **options) -> None:  # noqa: ANN003
        try:
            check_file(file)
            if not yes:
                if not sys.stdin.isatty():
                    raise CommandError("restore replaces every row in the database: add --yes to confirm")
                answer = input(f"Replace the whole database with {file}? Type 'yes': ")
                if answer.strip().lower() != "yes":
                    raise CommandError("nothing was restored")
            restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored from {file}; run `beklijf manage migrate` if the backup is older")
