"""API tokens and idempotency records (the REST API), the xAPI outbox, per-organisation LRS and SSO settings."""

from __future__ import annotations

import hashlib
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.ops.secrets import EncryptedTextField
from beklijf.people.models import Employee, Organization


class ApiToken(models.Model):
    """A bearer token of one organisation. Only a SHA-256 of it is stored; the token is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. 'HR sync'."))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # The first characters, so that an admin can tell tokens apart without the secret.
    prefix = models.CharField(max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        # The token carries 256 random bits, so a fast hash is enough (no password stretching needed).
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset({"read", "write"} if self.scope == self.Scope.WRITE else {"read"})


class IdempotencyRecord(models.Model):
    """The answer given to a POST with an Idempotency-Key, replayed when the same key comes again."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    # What was asked: method, path and a SHA-256 of the body; the same key with another request is refused.
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_once_per_token"),
        ]


class LrsEndpoint(models.Model):
    """An organisation's learning record store: where its xAPI statements go (basic auth)."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="lrs_endpoint")
    enabled = models.BooleanField(_("send statements"), default=True)
    url = models.URLField(
        _("statements endpoint"),
        help_text=_(
            "The LRS's xAPI base, e.g. https://lrs.example.com/xAPI/ (statements go to …/statements)."
        ),
    )
    username = models.CharField(_("user name"), max_length=200)
    # Needed in clear to authenticate: stored encrypted (ops/secrets.py), never shown back on a screen.
    password = EncryptedTextField(_("password"), max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learning record store")
        verbose_name_plural = _("learning record stores")

    def __str__(self) -> str:
        return self.url


class XapiStatement(models.Model):
    """The xAPI outbox: one statement, added once (unique key), claimed once, sent, retried a bounded number
    of times. The statement id is a uuid5 of the key, so a statement sent twice is the same statement."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200, unique=True)
    statement_id = models.UUIDField(unique=True)
    # What the statement is about, so the planner finds what has no statement yet (anti-join, no cursor).
    review = models.ForeignKey(
        "practice.Review", on_delete=models.SET_NULL, null=True, blank=True, related_name="xapi_statements"
    )
    enrollment = models.ForeignKey(
        "catalog.Enrollment", on_delete=models.SET_NULL, null=True, blank=True, related_name="xapi_statements"
    )
    statement = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Which claim took the row: one UPDATE claims a batch, and the sender reads back exactly its own rows.
    claim = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [
            # Used by the sender and the sweep: what is due, per status.
            models.Index(fields=["status", "next_attempt_at"], name="xapi_status_due_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class OidcProvider(models.Model):
    """An organisation's OpenID Connect identity provider (Microsoft Entra ID, Keycloak, ...)."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="oidc_provider")
    enabled = models.BooleanField(_("single sign-on on"), default=True)
    issuer = models.URLField(
        _("issuer"),
        help_text=_(
            "Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0 · "
            "Keycloak: https://<host>/realms/<realm>"
        ),
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    # Needed in clear for the token request: stored encrypted (ops/secrets.py), never shown back on a screen.
    client_secret = EncryptedTextField(_("client secret"), max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("single sign-on provider")
        verbose_name_plural = _("single sign-on providers")

    def __str__(self) -> str:
        return self.issuer
