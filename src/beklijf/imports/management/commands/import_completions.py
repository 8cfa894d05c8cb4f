"""`beklijf import completions FILE --session CODE [--org SLUG] [--dry-run] [--mapping FILE.json]`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from beklijf.imports import cli, completions
from beklijf.people import access


class Command(BaseCommand):
    help = "Mark enrolments completed from an attendance list or an LMS export (Moodle course completion)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")
        parser.add_argument("--session", required=True, help="the training session's code (in its URL)")
        parser.add_argument("--org", help="the organisation's short name (needed when there are several)")
        parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
        parser.add_argument("--mapping", help='JSON file {"field": "heading or column letter"}')
        parser.add_argument("--valid-only", action="store_true", help="import the valid rows despite errors")

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        organization = cli.organization_for(options["org"])
        try:
            session = access.sessions_of_organization(organization).filter(code=options["session"]).first()
        except (ValueError, ValidationError):
            session = None
        if session is None:
            raise CommandError(f"No session {options['session']!r} in {organization.slug}.")
        rows = cli.read(options["file"])
        layout = cli.with_mapping(completions.detect_layout(rows, organization), rows, options["mapping"])
        if options["dry_run"]:
            result, written = completions.plan(organization, session, rows, layout), False
        else:
            result, written = completions.apply(
                organization, session, rows, layout, valid_only=options["valid_only"]
            )
        for message in result.mapping_errors:
            raise CommandError(message)
        verb = "imported" if written else ("dry run" if options["dry_run"] else "NOT imported")
        self.stdout.write(
            f"{session.training.title}: {verb}: {result.completing} completed, {result.unchanged} already "
            f"completed, {result.not_completed} not completed, {len(result.unmatched)} not found, "
            f"{result.invalid} rows with errors"
        )
        for row in result.unmatched:
            self.stdout.write(f"  not found, row {row.number}: {row.who}")
        cli.print_errors(self.stdout, result)
        if result.invalid and not written:
            raise CommandError("Nothing was imported: correct the rows above, or use --valid-only.")
