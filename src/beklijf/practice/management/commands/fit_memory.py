from __future__ import annotations

from django.core.management.base import BaseCommand

from beklijf.people.models import Organization
from beklijf.practice.tasks import parameters_fit


class Command(BaseCommand):
    help = "Refit the memory model (FSRS-6) on each organisation's own review log, as a background task."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--org", help="the slug of one organisation (default: all)")

    def handle(self, *args, org: str | None = None, **options) -> None:
        organizations = Organization.objects.all()
        if org:
            organizations = organizations.filter(slug=org)
        for organization in organizations:
            result = parameters_fit.enqueue(organization.pk)
            self.stdout.write(f"{organization.slug}: task {result.id} enqueued")
