"""Refitting the memory model by itself: once a week, per organisation, when its review log has grown.

Run from the minute tick (notify/tick.py). On Sunday from FIT_HOUR (settings.TIME_ZONE) each organisation
gets one FitRun row for the week (a unique key: the tick looks once), and a refit is queued as a background
task when the log holds at least engine.MIN_FIT_REVIEWS reviews and has grown by REFIT_GROWTH since the fit
in use. The task itself is idempotent (services.parameters_fit): without new reviews it writes nothing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction

from beklijf.engine import memory as engine
from beklijf.people.models import Organization
from beklijf.practice.models import FitRun, FittedParameters, Review

FIT_HOUR = 2  # a quiet hour: fitting 100,000 reviews takes about a second of CPU (docs/benchmarks.md c)
SUNDAY = 6
# Refit once the log is this much larger than at the fit in use: FSRS parameters move little with a few
# percent more data, and every version is kept, so refitting on every small change would only add versions.
REFIT_GROWTH = 1.10


def memory_fit_tick(*, at: dt.datetime) -> int:
    """Queue this week's refits; returns how many were queued."""
    local = at.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    if local.weekday() != SUNDAY or local.hour < FIT_HOUR:
        return 0
    week = local.date() - dt.timedelta(days=local.weekday())
    queued = 0
    # One query a minute on Sunday for the organisations not looked at this week yet.
    for organization in Organization.objects.exclude(fit_runs__week=week):
        count = Review.objects.filter(organization=organization).count()
        latest = FittedParameters.objects.filter(organization=organization).order_by("-version").first()
        if count < engine.MIN_FIT_REVIEWS:
            outcome = FitRun.Outcome.TOO_FEW
        elif latest is not None and count < latest.review_count * REFIT_GROWTH:
            outcome = FitRun.Outcome.NO_GROWTH
        else:
            outcome = FitRun.Outcome.QUEUED
        try:
            with transaction.atomic():
                FitRun.objects.create(
                    organization=organization, week=week, review_count=count, outcome=outcome, created_at=at
                )
                if outcome == FitRun.Outcome.QUEUED:
                    transaction.on_commit(lambda pk=organization.pk: _enqueue(pk))
        except IntegrityError:
            continue  # a concurrent tick looked first
        queued += outcome == FitRun.Outcome.QUEUED
    return queued


def _enqueue(organization_id: int) -> None:
    from beklijf.practice.tasks import parameters_fit

    parameters_fit.enqueue(organization_id)
