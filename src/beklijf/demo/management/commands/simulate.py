"""`beklijf manage simulate ...`: the same as `beklijf simulate ...` (see beklijf/demo/simulate_cli.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beklijf.demo import simulate_cli


class Command(BaseCommand):
    help = "Simulate a population of learners under five follow-up strategies; --help for the options."
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: object) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)  # type: ignore[arg-type]
        parser.add_argument("args", nargs="*", help="the options of `beklijf simulate`")
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        # Everything after `manage simulate` goes to the plain command line unchanged.
        try:
            status = simulate_cli.main(argv[2:])
        except SystemExit as exit_:
            status = int(exit_.code or 0)
        if status:
            raise CommandError("simulate failed", returncode=status)

    def handle(self, *args: str, **options: object) -> None:
        simulate_cli.main(list(args))
