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
    from beklijf.ops import shutdown

    return outbox.outbox_send_batch(outbox_ids=outbox_ids, should_stop=shutdown.requested)


@task
def tick(at: str) -> dict:
    from beklijf.notify.tick import tick as run_tick

    return run_tick(at=dt.datetime.fromisoformat(at))
