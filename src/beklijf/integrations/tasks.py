"""Background tasks: thin interfaces that take ids and call a service."""

from __future__ import annotations

from django.tasks import task


@task
def xapi_send(statement_ids: list[int]) -> dict[str, int]:
    from beklijf.integrations import lrs

    return lrs.xapi_send(ids=statement_ids)
