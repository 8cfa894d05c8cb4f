"""Idempotency-Key on POST: the same key with the same request gets the first answer back and creates
nothing new; the same key with another request is refused (409 Conflict) with a message that says why.

Like pretix's IdempotencyMiddleware, scoped per token. The record is written in the same transaction as the
object, so a crash between the two leaves neither, and two concurrent requests with one key make one object
(the loser's transaction hits the unique key, rolls back and replays the winner's answer).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from beklijf.integrations.models import IdempotencyRecord

Answer = tuple[int, dict]


def _request_hash(request: HttpRequest, payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{canonical}".encode()).hexdigest()


def _replay(record: IdempotencyRecord, request_hash: str, response: HttpResponse) -> Answer:
    if record.request_hash != request_hash:
        return 409, {
            "detail": _(
                "This Idempotency-Key was already used for a different request. "
                "Use a new key for a new request."
            )
        }
    response["Idempotent-Replayed"] = "true"
    return record.status_code, record.body


def idempotent(
    request: HttpRequest, response: HttpResponse, key: str | None, payload: dict, run: Callable[[], Answer]
) -> Answer:
    """Run `run` once per (token, key); without a key, run it as it is (in one transaction)."""
    if not key:
        with transaction.atomic():
            return run()
    token = request.api_token
    request_hash = _request_hash(request, payload)
    if (record := IdempotencyRecord.objects.filter(token=token, key=key).first()) is not None:
        return _replay(record, request_hash, response)
    try:
        with transaction.atomic():
            status, body = run()
            if status < 500:
                IdempotencyRecord.objects.create(
                    token=token, key=key, request_hash=request_hash, status_code=status, body=body
                )
    except IntegrityError:
        record = IdempotencyRecord.objects.filter(token=token, key=key).first()
        if record is None:
            raise  # not a lost race on the key: a real integrity error
        return _replay(record, request_hash, response)
    return status, body
