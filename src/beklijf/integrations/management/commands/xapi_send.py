"""`beklijf manage xapi_send`: plan and send every due xAPI statement now, batch by batch, then stop.

The worker does the same through tasks every minute; this is for a first backfill, and for operators who
run sending from cron. Safe to run next to the worker: rows are claimed before they are sent.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from beklijf.integrations import lrs


class Command(BaseCommand):
    help = "Plan and send every due xAPI statement to the learning record store, then stop."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--batch", type=int, default=lrs.BATCH, help="statements per POST (default 50)")

    def handle(self, *args, batch: int, **options) -> None:  # noqa: ANN002,ANN003
        at = timezone.now()
        planned = lrs.xapi_plan(at=at, enqueue=False)
        lrs.xapi_sweep(at=at, enqueue=False)
        totals: dict[str, int] = {}
        while True:
            rows = lrs.xapi_claim(at=timezone.now(), limit=batch)
            if not rows:
                break
            counts = lrs.xapi_send_claimed(rows)
            for outcome, n in counts.items():
                totals[outcome] = totals.get(outcome, 0) + n
        self.stdout.write(f"planned {planned}; " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
