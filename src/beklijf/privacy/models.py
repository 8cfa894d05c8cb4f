"""The audit log (append-only, guarded by the model and by database triggers) and the retention runs."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed evaluative data")
    CHANGE = "change", _("changed evaluative data")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logged out")
    EXPORT = "export", _("exported data")
    IMPORT = "import", _("imported data")
    ERASE = "erase", _("erased a person")
    OBJECT = "object", _("objected to coaching signals")
    SETTINGS = "settings", _("changed settings")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN003,ANN201
        raise PermissionError("The audit log is append-only.")

    def delete(self):  # noqa: ANN201
        raise PermissionError("The audit log is append-only; only the retention job removes old rows.")

    def _retention_delete(self) -> int:
        """The single exception: the retention job deletes rows past their period (the triggers check the age)."""
        return models.QuerySet.delete(self)[0]


class AuditEvent(models.Model):
    """Who did what to whose data, when. Written once, never changed.

    People are referred to by their `code` (a random UUID), not by a foreign key and not by name: an erased
    person gets a new code, so their old audit rows no longer point at anyone without changing a row.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Plain ids, no foreign keys: deleting an organisation or a person must never cascade into this table.
    organization_id = models.BigIntegerField(null=True)
    actor_code = models.UUIDField(null=True)
    actor_role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    subject_code = models.UUIDField(null=True)  # the person whose data it is
    object_ref = models.CharField(max_length=120, blank=True)  # e.g. "coaching.blocker:<code>"
    details = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            # The L&D admin's audit page: an organisation's events, newest first.
            models.Index(fields=["organization_id", "at"], name="audit_org_at_idx"),
            # Export and erasure: "everything about this person".
            models.Index(fields=["subject_code"], name="audit_subject_idx"),
            models.Index(fields=["actor_code"], name="audit_actor_idx"),
        ]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN201
        raise PermissionError("The audit log is append-only.")


class RetentionRun(models.Model):
    """One run of the retention job on a day: the tick applies retention once a day."""

    day = models.DateField(unique=True)
    created_at = models.DateTimeField()
    deleted = models.JSONField(default=dict)
