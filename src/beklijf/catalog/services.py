"""Catalogue writes: each use case in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.forms import ModelForm

from beklijf.catalog.models import Enrollment


@transaction.atomic
def form_save(*, form: ModelForm):  # noqa: ANN201
    """Save a validated catalogue form; all of it or nothing."""
    return form.save()


@transaction.atomic
def enrollment_save(*, form: ModelForm) -> Enrollment:
    """Save an enrolment; completing it starts the follow-up for every learning point of the training."""
    enrollment: Enrollment = form.save()
    if enrollment.status == Enrollment.Status.COMPLETED:
        _follow_up(enrollment)
    return enrollment


@transaction.atomic
def enrollment_complete(*, enrollment: Enrollment, completed_on: dt.date) -> bool:
    """Mark an enrolment completed (an attendance list, an LMS export) and start its follow-up.

    Returns False, and changes nothing, when it was already completed: importing a list twice is harmless.
    """
    if enrollment.status == Enrollment.Status.COMPLETED:
        return False
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.completed_on = completed_on
    enrollment.save(update_fields=["status", "completed_on"])
    _follow_up(enrollment)
    return True


def _follow_up(enrollment: Enrollment) -> None:
    """What completing a training starts: the practice schedule and the invitation to write action plans."""
    from beklijf.coaching.services import action_plan_invite
    from beklijf.practice.services import followup_start

    followup_start(enrollment=enrollment)
    action_plan_invite(enrollment=enrollment)


@transaction.atomic
def learning_point_delete(*, point) -> None:  # noqa: ANN001
    """Remove a learning point with its questions (and, through the cascade, its follow-up states)."""
    point.delete()
