"""Outgoing Microsoft Teams and Slack incoming webhooks, sent through the SSRF guard.

Plain Python with no Django import: settings such as "allow private addresses" come in as
arguments. Errors are split like healthchecks' ``TransportError(permanent=...)``: a refused
target or a 4xx will not get better by retrying, a timeout or a 5xx may.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
from typing import Any

from beklijf.notify import netguard

__all__ = ["WebhookError", "post_json", "slack_payload", "teams_payload", "validate_webhook_url"]

CONNECT_TIMEOUT = 5.0
MAX_RESPONSE_BYTES = 16 * 1024
USER_AGENT = "beklijf-webhook/1"

# 408 and 429 are the client errors that a later attempt can cure.
_RETRYABLE_4XX = frozenset({408, 425, 429})


class WebhookError(Exception):
    """Sending failed. ``permanent`` means: stop retrying and show it to an admin.

    Messages never contain the URL, because a webhook URL is itself the secret.
    """

    def __init__(self, message: str, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


def post_json(
    url: str,
    payload: dict[str, Any],
    *,
    allow_private: bool = False,
    timeout: float = 10,
    resolve: netguard.Resolver = netguard.system_resolve,
    connect: netguard.Connector = socket.create_connection,
    ssl_context: ssl.SSLContext | None = None,
) -> int:
    """POST ``payload`` as JSON to a webhook and return the 2xx status.

    Args:
        url: the webhook URL (https, public host; see :mod:`beklijf.notify.netguard`).
        payload: JSON-serialisable body, e.g. from :func:`teams_payload` or :func:`slack_payload`.
        allow_private: development/test switch: allow http and private addresses.
        timeout: seconds for the whole request; each connect gets at most 5 of them.
        resolve: name resolver, called once (test seam for DNS answers).
        connect: socket factory (test seam to observe where we connect).
        ssl_context: TLS settings (tests, or a private CA); default is the system's CAs.

    Returns:
        The HTTP status (200-299).

    Raises:
        WebhookError: permanent for a refused target, a redirect or a 4xx; transient for DNS
            failures, timeouts, connection and TLS errors, 5xx, 408 and 429.
    """
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        response = netguard.request(
            "POST",
            url,
            body=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json, text/plain, */*",
                "User-Agent": USER_AGENT,
            },
            allow_private=allow_private,
            connect_timeout=min(CONNECT_TIMEOUT, timeout),
            timeout=timeout,
            max_body=MAX_RESPONSE_BYTES,
            resolve=resolve,
            connect=connect,
            context=ssl_context,
        )
    except netguard.UnsafeTargetError as exc:
        raise WebhookError(f"Webhook target refused: {exc}", permanent=True) from exc
    except netguard.UnresolvableHostError as exc:
        raise WebhookError(f"Webhook host not found: {exc}", permanent=False) from exc
    except TimeoutError as exc:
        raise WebhookError("Webhook timed out", permanent=False) from exc
    except ssl.SSLError as exc:
        raise WebhookError(f"Webhook TLS error: {exc.reason or exc}", permanent=False) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise WebhookError(f"Webhook connection failed: {type(exc).__name__}", permanent=False) from exc

    status = response.status
    if 200 <= status < 300:
        return status
    detail = _snippet(response.body)
    if 300 <= status < 400:
        # Never followed: the new location was not checked, and could be 169.254.169.254.
        raise WebhookError(
            f"Webhook answered with a redirect ({status}), which is not followed", permanent=True
        )
    if 400 <= status < 500 and status not in _RETRYABLE_4XX:
        raise WebhookError(f"Webhook rejected the message ({status}{detail})", permanent=True)
    raise WebhookError(f"Webhook failed ({status}{detail})", permanent=False)


def validate_webhook_url(
    url: str,
    *,
    allow_private: bool = False,
    resolve: netguard.Resolver = netguard.system_resolve,
) -> str:
    """Check a webhook URL typed into a form: scheme, port, host, and what it resolves to.

    The check is repeated at send time, since DNS can change after the form was saved.

    Returns:
        The URL with surrounding whitespace removed.

    Raises:
        ValueError: with an English message that the caller translates or shows.
    """
    url = url.strip()
    try:
        netguard.check_url(url, allow_private=allow_private, resolve=resolve)
    except netguard.UnresolvableHostError as exc:
        raise ValueError("The host name of this URL could not be found.") from exc
    except netguard.UnsafeTargetError as exc:
        raise ValueError(f"This URL is not allowed: {exc}.") from exc
    return url


def teams_payload(title: str, text: str, link_url: str, link_label: str) -> dict[str, Any]:
    """A Microsoft Teams message holding one Adaptive Card (works for Workflows webhooks and
    the older Office 365 connectors)."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": _clip(title, 200),
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "TextBlock", "text": _clip(text, 3000), "wrap": True},
        ],
        "actions": [{"type": "Action.OpenUrl", "title": _clip(link_label, 75), "url": _link(link_url)}],
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


def slack_payload(title: str, text: str, link_url: str, link_label: str) -> dict[str, Any]:
    """A Slack Block Kit message: header, text, one button, and a plain-text fallback."""
    link = _link(link_url)
    return {
        # The top-level text is the notification fallback and is read as mrkdwn, so &, < and >
        # are escaped: a training called "<!channel>" must not ping the whole channel.
        "text": _slack_escape(_clip(f"{title}: {text}", 3000)),
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": _clip(title, 150), "emoji": True}},
            {"type": "section", "text": {"type": "plain_text", "text": _clip(text, 3000), "emoji": True}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": _clip(link_label, 75), "emoji": True},
                        "url": link,
                    }
                ],
            },
        ],
    }


def _clip(text: str, limit: int) -> str:
    """Fit Slack's and Teams' per-field limits instead of having the whole message rejected."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _link(url: str) -> str:
    if not re.fullmatch(r"https?://[\x21-\x7e]{1,2990}", url):
        raise ValueError("link_url must be an http(s) URL without spaces or control characters")
    return url


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _snippet(body: bytes) -> str:
    """A short, one-line piece of the response (Slack says e.g. "invalid_token") for the admin."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", body[:200].decode("utf-8", "replace")).strip()
    return f": {text}" if text else ""
