"""API tokens: create (the secret is shown once), revoke, and find the token behind a request."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from beklijf.integrations.models import ApiToken
from beklijf.people.models import Employee

# A prefix that says what the secret is (secret scanners and people recognise it).
TOKEN_PREFIX = "bkl_"  # noqa: S105 - a label, not a secret


@transaction.atomic
def token_create(*, created_by: Employee, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for the creator's organisation; returns the row and the secret, which is not kept."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organization=created_by.organization,
        created_by=created_by,
        name=name.strip()[:100],
        scope=scope,
        prefix=secret[:12],
        token_hash=ApiToken.hash(secret),
    )
    return token, secret


def token_revoke(*, token: ApiToken) -> None:
    """Revoked at once and for good; repeating it keeps the first revocation time."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_find(secret: str) -> ApiToken | None:
    """The live token with this secret, with its organisation; None for an unknown or revoked one."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("organization")
        .filter(token_hash=ApiToken.hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        # Written at most once a minute: a busy integration should not write a row per call.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
