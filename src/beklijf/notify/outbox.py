"""The outbox: add a message once, claim it once, send it, retry transient failures a bounded number of times.

Delivery is at-least-once with a stable Message-ID. Each message is its own transaction: it is marked
"sent" right after the server's "250 OK" for that message (before the next message, and before QUIT), so
the window in which a killed worker repeats a message is the time between the 250 arriving and that one
UPDATE committing (well under a millisecond; docs/benchmarks.md has the measured count). A worker killed
inside that window leaves the row in "sending"; the recovery sweep sends it again with the same
Message-ID, which mail systems recognise as the same message. Nothing is ever lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from beklijf.notify.models import Outbox
from beklijf.people.models import Employee, Organization

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A message whose send task has not run this long after it was queued lost its task (a crash between commit
# and enqueue): the sweep queues it again. The claim limit is a setting (BEKLIJF_OUTBOX_STALE_SECONDS).
LOST_TASK = dt.timedelta(minutes=2)


def _stale_claim() -> dt.timedelta:
    from django.conf import settings

    return dt.timedelta(seconds=settings.BEKLIJF_OUTBOX_STALE_SECONDS)


class ChannelError(Exception):
    """Sending failed. Permanent errors (a refused address, a 4xx) are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def outbox_add(
    *,
    key: str,
    organization: Organization,
    employee: Employee | None,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments: list[dict] | None = None,
    channel: str = Outbox.Channel.EMAIL,
    at: dt.datetime | None = None,
) -> Outbox | None:
    """Add a message unless one with this key exists; returns the new row, or None when it was there."""
    at = at or timezone.now()
    try:
        with transaction.atomic():
            row = Outbox.objects.create(
                key=key,
                organization=organization,
                employee=employee,
                kind=kind,
                channel=channel,
                to=to,
                # No header injection: a subject is one line, whatever a name or title contained.
                subject=" ".join(subject.split())[:300],
                body_text=text,
                body_html=html,
                attachments=attachments or [],
                next_attempt_at=at,
                created_at=at,
            )
    except IntegrityError:
        return None
    enqueue_send(row.pk)
    return row


def enqueue_send(outbox_id: int) -> None:
    from beklijf.notify.tasks import outbox_send as outbox_send_task

    transaction.on_commit(partial(outbox_send_task.enqueue, outbox_id))


def enqueue_send_many(ids: list[int]) -> None:
    """One task per batch of messages: queueing 50,000 reminders must not mean 50,000 task rows."""
    from beklijf.notify.tasks import outbox_send_many as outbox_send_many_task

    for start in range(0, len(ids), 100):
        transaction.on_commit(partial(outbox_send_many_task.enqueue, ids[start : start + 100]))


def outbox_send(*, outbox_id: int, at: dt.datetime | None = None, connection: object | None = None) -> str:
    """Claim and send one message; returns what happened ("sent", "retry", "failed" or "skipped").

    `connection` is an open transport to reuse across a batch (an SMTP session); without one, e-mail opens
    its own and closes it only after the row is marked sent.
    """
    at = at or timezone.now()
    claimed = Outbox.objects.filter(
        pk=outbox_id, status=Outbox.Status.PENDING, next_attempt_at__lte=at
    ).update(status=Outbox.Status.SENDING, claimed_at=at, attempts=F("attempts") + 1)
    if claimed != 1:
        return "skipped"  # another worker got there first, or it is not time yet
    row = Outbox.objects.select_related("employee").get(pk=outbox_id)
    from beklijf.notify.channels import CHANNELS, smtp_connection

    own = connection is None and row.channel == Outbox.Channel.EMAIL
    if own:
        connection = smtp_connection()
    try:
        try:
            CHANNELS[row.channel](row, connection=connection)
        except ChannelError as exc:
            return _failed(row, str(exc), permanent=exc.permanent, at=at)
        except Exception as exc:  # an unexpected error is retried like a transient one, and logged
            log.exception("outbox %s: unexpected error", row.pk)
            return _failed(row, repr(exc), permanent=False, at=at)
        # Right after this message's 250: the smallest window in which a kill can repeat it.
        _mark_sent(row.pk)
        return "sent"
    finally:
        if own:
            _close_quietly(connection)


def _mark_sent(outbox_id: int, *, tries: int = 40) -> None:
    """Record the 250 we just got. If the database is restarting, wait for it (up to ~20 s) rather than
    leave the row "sending", which the recovery sweep would send a second time."""
    from django.db import connection
    from django.db.utils import InterfaceError, OperationalError

    for attempt in range(tries):
        try:
            Outbox.objects.filter(pk=outbox_id, status=Outbox.Status.SENDING).update(
                status=Outbox.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            return
        except (OperationalError, InterfaceError):
            if connection.in_atomic_block or attempt == tries - 1:
                raise
            log.warning("outbox %s: sent, but the database is away; retrying the mark", outbox_id)
            connection.close()
            time.sleep(0.5)


def outbox_send_batch(*, outbox_ids: list[int], should_stop: Callable[[], bool] = lambda: False) -> dict:
    """Send a batch over one SMTP session, each message committed on its own; returns counts per result.

    When `should_stop()` turns true (the worker got SIGTERM) the rest of the batch is queued again as a new
    task, so a graceful stop takes one message, not a whole batch.
    """
    from beklijf.notify.channels import smtp_connection

    results: dict[str, int] = {}
    connection = smtp_connection()
    try:
        for index, outbox_id in enumerate(outbox_ids):
            if should_stop():
                enqueue_send_many(outbox_ids[index:])
                results["handed_back"] = len(outbox_ids) - index
                break
            result = outbox_send(outbox_id=outbox_id, connection=connection)
            results[result] = results.get(result, 0) + 1
    finally:
        _close_quietly(connection)
    return results


def _close_quietly(connection: object | None) -> None:
    try:
        if connection is not None:
            connection.close()  # type: ignore[attr-defined]
    except Exception:  # a dead session is dropped anyway; the message's fate is already recorded
        log.debug("closing the SMTP session failed", exc_info=True)


def _failed(row: Outbox, error: str, *, permanent: bool, at: dt.datetime) -> str:
    if permanent or row.attempts >= MAX_ATTEMPTS:
        Outbox.objects.filter(pk=row.pk).update(status=Outbox.Status.FAILED, last_error=error[:2000])
        return "failed"
    # Exponential back-off: 1, 2, 4, 8 minutes.
    retry_at = at + dt.timedelta(minutes=2 ** (row.attempts - 1))
    Outbox.objects.filter(pk=row.pk).update(
        status=Outbox.Status.PENDING, next_attempt_at=retry_at, last_error=error[:2000]
    )
    return "retry"


def outbox_sweep(*, at: dt.datetime) -> int:
    """Give stale claims back to the queue and enqueue every message whose time has come; returns how many."""
    # A claim this old belongs to a worker that died: back to the queue (same Message-ID when resent).
    Outbox.objects.filter(status=Outbox.Status.SENDING, claimed_at__lt=at - _stale_claim()).update(
        status=Outbox.Status.PENDING
    )
    # Retries whose time has come, and fresh messages whose task was lost; not the ones just queued.
    ids = list(
        Outbox.objects.filter(status=Outbox.Status.PENDING, next_attempt_at__lte=at)
        .filter(Q(attempts__gt=0) | Q(created_at__lt=at - LOST_TASK))
        .values_list("pk", flat=True)
    )
    enqueue_send_many(ids)
    return len(ids)
