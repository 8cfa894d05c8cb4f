"""Microsoft Teams and Slack incoming webhooks, through the SSRF guard."""

from __future__ import annotations

import json

from django.conf import settings

from beklijf.notify.outbox import ChannelError


def send_webhook(row, *, connection: object | None = None) -> None:  # noqa: ANN001
    from beklijf.notify.webhook import WebhookError, post_json

    payload = json.loads(row.body_text)
    try:
        post_json(row.to, payload, allow_private=settings.BEKLIJF_WEBHOOK_ALLOW_PRIVATE)
    except WebhookError as exc:
        raise ChannelError(str(exc), permanent=exc.permanent) from exc
