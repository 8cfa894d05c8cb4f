"""`beklijf import employees FILE [--org SLUG] [--dry-run] [--mapping FILE.json] [--full-export]`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from beklijf.imports import cli, hr


class Command(BaseCommand):
    help = "Import employees, teams and managers from an HR export (.xlsx or .csv)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")
        parser.add_argument("--org", help="the organisation's short name (needed when there are several)")
        parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
        parser.add_argument("--mapping", help='JSON file {"field": "heading or column letter"}')
        parser.add_argument("--full-export", action="store_true",
                            help="the file lists everyone: deactivate people with an employee number not in it")  # fmt: skip
        parser.add_argument("--valid-only", action="store_true",
                            help="import the valid rows even when other rows have errors")  # fmt: skip

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        organization = cli.organization_for(options["org"])
        rows = cli.read(options["file"])
        layout = cli.with_mapping(hr.detect_layout(rows, organization), rows, options["mapping"])
        kwargs = {"full_export": options["full_export"]}
        if options["dry_run"]:
            result, written = hr.plan(organization, rows, layout, **kwargs), False
        else:
            result, written = hr.apply(organization, rows, layout, valid_only=options["valid_only"], **kwargs)
        for message in result.mapping_errors:
            raise CommandError(message)
        verb = "imported" if written else ("dry run" if options["dry_run"] else "NOT imported")
        self.stdout.write(
            f"{organization.slug}: {verb}: {result.created} created, {result.updated} updated, "
            f"{result.deactivated} deactivated, {result.unchanged} unchanged, {result.invalid} rows with errors"
        )
        for employee in result.deactivate:
            self.stdout.write(f"  deactivate: {employee.employee_number} {employee.full_name}")
        cli.print_errors(self.stdout, result)
        if result.invalid and not written and not options["dry_run"]:
            raise CommandError("Nothing was imported: correct the rows above, or use --valid-only.")
        if result.invalid and options["dry_run"]:
            raise CommandError(f"{result.invalid} rows have errors.")
