"""E-mail over SMTP: plain text and HTML, a stable Message-ID, List-Unsubscribe, .ics attachments."""

from __future__ import annotations

import email.policy
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email

from beklijf.notify.outbox import ChannelError


# RFC 5322 allows 998 characters a line. With the default 78, Python RFC 2047-encodes a long header that has
# no space to fold at, and mail clients no longer recognise List-Unsubscribe's <URL>.
class _Message(EmailMultiAlternatives):
    def message(self, *, policy=email.policy.default):  # noqa: ANN001,ANN201
        # Keep whichever policy the backend asks for (SMTP uses CRLF), with RFC 5322's line limit.
        return super().message(policy=policy.clone(max_line_length=998))


def smtp_connection():  # noqa: ANN201
    """A mail connection, not yet opened: one SMTP session can carry a whole batch."""
    from django.core.mail import mailers

    return mailers.default


def send_email(row, *, connection=None) -> None:  # noqa: ANN001
    """Send one message and return once the server has answered 250 for it (the session stays open)."""
    try:
        validate_email(row.to)
    except ValidationError as exc:
        raise ChannelError(f"invalid address {row.to!r}", permanent=True) from exc
    headers = {"Message-ID": row.message_id}
    if row.employee_id and row.kind in {"nudge", "digest"}:
        from beklijf.notify.preferences import unsubscribe_url

        url = unsubscribe_url(row.employee)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    message = _Message(subject=row.subject, body=row.body_text, to=[row.to], headers=headers)
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    for item in row.attachments:
        message.attach(item["filename"], item["content"].encode(), item["content_type"])
    connection = connection or smtp_connection()
    try:
        # Opened here, so send_messages() leaves the session open: QUIT comes after the row is marked sent.
        connection.open()
        connection.send_messages([message])
    except ValueError as exc:  # Django refuses a header with a line break (was BadHeaderError)
        raise ChannelError(f"refused header: {exc}", permanent=True) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise ChannelError(f"recipient refused: {exc}", permanent=True) from exc
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        _drop(connection)  # the session may be broken: the next message opens a new one
        raise ChannelError(f"SMTP: {exc}") from exc


def _drop(connection) -> None:  # noqa: ANN001
    try:
        connection.close()
    except Exception:  # noqa: S110 - a broken session is dropped anyway
        pass
