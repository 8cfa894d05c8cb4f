"""Retention periods per kind of data, applied once a day from the minute tick. Idempotent: a second run
finds nothing past its period any more."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction

from beklijf.people.models import Organization
from beklijf.privacy.models import AuditEvent, RetentionRun

RUN_HOUR = 3  # local time, after the night's signals


def months_before(at: dt.datetime, months: int) -> dt.datetime:
    """The same moment `months` calendar months earlier (31 March - 1 month = 28 or 29 February)."""
    years, index = divmod(at.month - 1 - months, 12)
    year, month = at.year + years, index + 1
    return at.replace(year=year, month=month, day=min(at.day, calendar.monthrange(year, month)[1]))


def periods(organization: Organization) -> dict[str, int]:
    """Months per kind: the organisation's own choice, else the installation's default (settings)."""
    return {
        "reviews": organization.retention_reviews_months or settings.BEKLIJF_RETENTION_REVIEWS_MONTHS,
        "segments": organization.retention_segments_months or settings.BEKLIJF_RETENTION_SEGMENTS_MONTHS,
        "blockers": organization.retention_blockers_months or settings.BEKLIJF_RETENTION_BLOCKERS_MONTHS,
        "audit": max(12, organization.retention_audit_months or settings.BEKLIJF_RETENTION_AUDIT_MONTHS),
    }


@transaction.atomic
def retention_apply(*, organization: Organization, at: dt.datetime) -> dict[str, int]:
    """Delete what is past its period for one organisation; returns the number of rows per kind."""
    from beklijf.coaching.models import Blocker, SegmentSnapshot
    from beklijf.practice.models import Review

    months = periods(organization)

    def before(kind: str) -> dt.datetime:
        return months_before(at, months[kind])

    return {
        "reviews": Review.objects.filter(
            organization=organization, answered_at__lt=before("reviews")
        ).delete()[0],
        "segments": SegmentSnapshot.objects.filter(
            employee__organization=organization, computed_at__lt=before("segments")
        ).delete()[0],
        # Blockers count from their closing: an open blocker stays however old it is.
        "blockers": Blocker.objects.filter(
            organization=organization, status=Blocker.Status.RESOLVED, resolved_at__lt=before("blockers")
        ).delete()[0],
        "audit": AuditEvent.objects.filter(
            organization_id=organization.pk, at__lt=before("audit")
        )._retention_delete(),
    }


def _audit_without_organization(at: dt.datetime) -> int:
    """Failed logins for unknown addresses belong to no organisation: the installation's default applies."""
    cutoff = months_before(at, max(12, settings.BEKLIJF_RETENTION_AUDIT_MONTHS))
    return AuditEvent.objects.filter(organization_id__isnull=True, at__lt=cutoff)._retention_delete()


def retention_tick(*, at: dt.datetime) -> int:
    """Once a day (from RUN_HOUR local time): apply every organisation's periods. Returns rows deleted."""
    local = at.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    if local.hour < RUN_HOUR:
        return 0
    try:
        with transaction.atomic():
            run = RetentionRun.objects.create(day=local.date(), created_at=at)
            deleted = {str(o.pk): retention_apply(organization=o, at=at) for o in Organization.objects.all()}
            deleted["-"] = {"audit": _audit_without_organization(at)}
            run.deleted = deleted
            run.save(update_fields=["deleted"])
    except IntegrityError:
        return 0  # applied today already
    return sum(n for per_org in deleted.values() for n in per_org.values())
