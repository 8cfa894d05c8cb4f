"""Background tasks: thin interfaces that take ids and call a service."""

from __future__ import annotations

import datetime as dt

from django.tasks import task


@task
def outbox_send(outbox_id: int) -> str:
    from beklijf.notify import outbox

    return outbox.outbox_send(outbox_id=outbox_id)


@task
def outbox_send_many(outbox_ids: list[int]) -> dict[str, int]:
    from beklijf.notify import outbox

    results: dict[str, int] = {}
    for outbox_id in outbox_ids:
        result = outbox.outbox_send(outbox_id=outbox_id)
        results[result] = results.get(result, 0) + 1
    return results


@task
def tick(at: str) -> dict:
    from beklijf.notify.tick import tick as run_tick

    return run_tick(at=dt.datetime.fromisoformat(at))
