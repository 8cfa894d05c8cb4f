"""The xAPI outbox: plan statements once (unique key), claim a batch once, POST it to the LRS, retry
transient failures a bounded number of times. The pattern of notify/outbox.py, in a model of our own.

Never a duplicate at the LRS: a statement's id is a uuid5 of its key, so a worker that dies after the LRS
accepted a batch but before it marked the rows sent leaves rows that are sent again with the same ids; the
LRS answers 204 (the same statement again) or 409 (it holds that id), and both mean "already delivered".
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
import logging
import uuid
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from beklijf.integrations import xapi
from beklijf.integrations.models import LrsEndpoint, XapiStatement
from beklijf.notify import netguard
from beklijf.people.models import Organization

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BATCH = 50
LOST_TASK = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Lrs:
    url: str  # the statements resource
    username: str
    password: str
    allow_private: bool

    @property
    def authorization(self) -> str:
        pair = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(pair).decode()


class LrsError(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def _statements_url(base: str) -> str:
    base = base.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


def lrs_for(organization_id: int) -> Lrs | None:
    """The organisation's own LRS if it set one, else the one in the settings (for every organisation)."""
    endpoint = LrsEndpoint.objects.filter(organization_id=organization_id).first()
    if endpoint is not None:
        if not endpoint.enabled:
            return None
        return Lrs(
            _statements_url(endpoint.url),
            endpoint.username,
            endpoint.password,
            # Typed in by a customer: public https only, unless the operator allows otherwise.
            allow_private=settings.BEKLIJF_XAPI_ALLOW_PRIVATE,
        )
    if settings.BEKLIJF_XAPI_LRS_URL:
        # Set by the operator, who may well run the LRS on the private network.
        return Lrs(
            _statements_url(settings.BEKLIJF_XAPI_LRS_URL),
            settings.BEKLIJF_XAPI_LRS_USERNAME,
            settings.BEKLIJF_XAPI_LRS_PASSWORD,
            allow_private=True,
        )
    return None


def _organizations_with_lrs():  # noqa: ANN202
    if settings.BEKLIJF_XAPI_LRS_URL:
        return Organization.objects.exclude(lrs_endpoint__enabled=False)
    return Organization.objects.filter(lrs_endpoint__enabled=True)


# --- Planning -------------------------------------------------------------------------------------


def xapi_plan(*, at: dt.datetime, enqueue: bool = True, limit: int = 2000) -> int:
    """Add statements for answers and completions that have none yet; returns how many were added.

    Idempotent: an answer or a completion with a statement is not looked at again (anti-join), and the
    unique key stops a concurrent planner. Only answers of the last BEKLIJF_XAPI_BACKFILL_DAYS days.
    """
    from beklijf.catalog.models import Enrollment
    from beklijf.practice.models import Review

    organizations = _organizations_with_lrs()
    since = at - dt.timedelta(days=settings.BEKLIJF_XAPI_BACKFILL_DAYS)
    reviews = (
        Review.objects.filter(
            organization__in=organizations, answered_at__gte=since, xapi_statements__isnull=True
        )
        .select_related("employee", "question", "learning_point__training")
        .order_by("pk")[:limit]
    )
    rows = [
        XapiStatement(organization_id=review.organization_id, key=key, statement_id=statement["id"],
                      review=review, statement=statement, next_attempt_at=at, created_at=at)
        for review in reviews
        for key, statement in xapi.review_statements(review)
    ]  # fmt: skip
    completed = (
        Enrollment.objects.filter(
            status=Enrollment.Status.COMPLETED,
            employee__organization__in=organizations,
            xapi_statements__isnull=True,
        )
        .select_related("employee", "session__training")
        .order_by("pk")[:limit]
    )
    for enrollment in completed:
        key, statement = xapi.completion_statement(enrollment)
        rows.append(
            XapiStatement(organization_id=enrollment.employee.organization_id, key=key,
                          statement_id=statement["id"], enrollment=enrollment, statement=statement,
                          next_attempt_at=at, created_at=at)
        )  # fmt: skip
    if not rows:
        return 0
    with transaction.atomic():
        XapiStatement.objects.bulk_create(rows, ignore_conflicts=True)
        if enqueue:
            ids = list(
                XapiStatement.objects.filter(
                    key__in=[r.key for r in rows], status=XapiStatement.Status.PENDING
                ).values_list("pk", flat=True)
            )
            enqueue_send(ids)
    return len(rows)


def enqueue_send(ids: list[int]) -> None:
    from beklijf.integrations.tasks import xapi_send as xapi_send_task

    for start in range(0, len(ids), BATCH):
        transaction.on_commit(partial(xapi_send_task.enqueue, ids[start : start + BATCH]))


# --- Sending --------------------------------------------------------------------------------------


def xapi_claim(*, at: dt.datetime, ids: list[int] | None = None, limit: int = BATCH) -> list[XapiStatement]:
    """Claim due pending statements (these ids, or the oldest `limit`) in one UPDATE; returns the rows."""
    due = XapiStatement.objects.filter(status=XapiStatement.Status.PENDING, next_attempt_at__lte=at)
    if ids is not None:
        due = due.filter(pk__in=ids)
    pks = list(due.order_by("pk").values_list("pk", flat=True)[:limit])
    claim = uuid.uuid4()
    # The status condition again: a row another worker claimed in between is not taken twice.
    XapiStatement.objects.filter(pk__in=pks, status=XapiStatement.Status.PENDING).update(
        status=XapiStatement.Status.SENDING, claimed_at=at, claim=claim, attempts=F("attempts") + 1
    )
    return list(XapiStatement.objects.filter(claim=claim, status=XapiStatement.Status.SENDING).order_by("pk"))


def xapi_send(*, ids: list[int] | None = None, at: dt.datetime | None = None) -> dict[str, int]:
    """Claim and send one batch, one POST per organisation; returns counts per outcome."""
    at = at or timezone.now()
    return xapi_send_claimed(xapi_claim(at=at, ids=ids), at=at)


def xapi_send_claimed(rows: list[XapiStatement], *, at: dt.datetime | None = None) -> dict[str, int]:
    at = at or timezone.now()
    by_org: dict[int, list[XapiStatement]] = {}
    for row in rows:
        by_org.setdefault(row.organization_id, []).append(row)
    counts: dict[str, int] = {}
    for organization_id, batch in by_org.items():
        for outcome, n in _deliver(lrs_for(organization_id), batch, at=at).items():
            counts[outcome] = counts.get(outcome, 0) + n
    return counts


def _deliver(lrs: Lrs | None, batch: list[XapiStatement], *, at: dt.datetime) -> dict[str, int]:
    if lrs is None:
        _mark_failed(
            batch, "No learning record store is configured for this organisation.", permanent=True, at=at
        )
        return {"failed": len(batch)}
    try:
        status = _post(lrs, [row.statement for row in batch])
    except LrsError as exc:
        if len(batch) > 1 and exc.permanent:
            # One bad statement must not block the others: send them one by one to find it.
            counts: dict[str, int] = {}
            for row in batch:
                for outcome, n in _deliver(lrs, [row], at=at).items():
                    counts[outcome] = counts.get(outcome, 0) + n
            return counts
        return {_mark_failed(batch, str(exc), permanent=exc.permanent, at=at): len(batch)}
    XapiStatement.objects.filter(pk__in=[r.pk for r in batch], status=XapiStatement.Status.SENDING).update(
        status=XapiStatement.Status.SENT, sent_at=timezone.now(), last_error="" if status != 409 else
        "The LRS already held a statement with this id: delivered before."
    )  # fmt: skip
    return {"sent": len(batch)}


def _post(lrs: Lrs, statements: list[dict]) -> int:
    body = json.dumps(statements, separators=(",", ":")).encode()
    try:
        response = netguard.request(
            "POST",
            lrs.url,
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-Experience-API-Version": "1.0.3",
                "Authorization": lrs.authorization,
                "User-Agent": "beklijf-xapi",
            },
            allow_private=lrs.allow_private,
            timeout=20,
        )
    except netguard.UnsafeTargetError as exc:
        raise LrsError(f"LRS address refused: {exc}", permanent=True) from exc
    except (OSError, TimeoutError, http.client.HTTPException, netguard.UnresolvableHostError) as exc:
        raise LrsError(f"LRS not reachable: {type(exc).__name__}") from exc
    if response.status in (200, 204):
        return response.status
    if response.status == 409 and len(statements) == 1:
        # The LRS holds a statement with this id. Ids are uuid5 of the event's key: it is this one.
        return 409
    snippet = response.body[:300].decode("utf-8", "replace")
    permanent = 400 <= response.status < 500 and response.status not in (401, 403, 408, 429)
    raise LrsError(f"LRS answered {response.status}: {snippet}", permanent=permanent)


def _mark_failed(batch: list[XapiStatement], error: str, *, permanent: bool, at: dt.datetime) -> str:
    pks = [r.pk for r in batch]
    attempts = max(r.attempts for r in batch)
    if permanent or attempts >= MAX_ATTEMPTS:
        XapiStatement.objects.filter(pk__in=pks).update(
            status=XapiStatement.Status.FAILED, last_error=error[:2000]
        )
        return "failed"
    # Exponential back-off: 1, 2, 4 … minutes.
    XapiStatement.objects.filter(pk__in=pks).update(
        status=XapiStatement.Status.PENDING,
        next_attempt_at=at + dt.timedelta(minutes=2 ** (attempts - 1)),
        last_error=error[:2000],
    )
    return "retry"


def xapi_sweep(*, at: dt.datetime, enqueue: bool = True) -> int:
    """Give stale claims (a worker that died) back to the queue and enqueue what is due; returns how many."""
    stale = dt.timedelta(seconds=settings.BEKLIJF_OUTBOX_STALE_SECONDS)
    XapiStatement.objects.filter(status=XapiStatement.Status.SENDING, claimed_at__lte=at - stale).update(
        status=XapiStatement.Status.PENDING
    )
    ids = list(
        XapiStatement.objects.filter(status=XapiStatement.Status.PENDING, next_attempt_at__lte=at)
        .filter(Q(attempts__gt=0) | Q(created_at__lt=at - LOST_TASK))
        .values_list("pk", flat=True)
    )
    if enqueue:
        enqueue_send(ids)
    return len(ids)


def xapi_tick(*, at: dt.datetime) -> dict[str, int]:
    """The minute tick's part: plan new statements, and requeue retries and lost claims."""
    return {"xapi_planned": xapi_plan(at=at), "xapi_requeued": xapi_sweep(at=at)}
