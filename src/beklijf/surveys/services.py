"""Survey writes: answering (with what an answer sets in motion) and editing a training's schedule."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beklijf.catalog.models import Training
from beklijf.coaching.models import Blocker
from beklijf.surveys.items import Audience, Kind, definition
from beklijf.surveys.models import SurveyAnswer, SurveyInvitation, SurveySchedule
from beklijf.surveys.schedule import Timing

# The one-week obstacle (items.py, DAY7 "obstacle") -> the coaching blocker category it opens.
OBSTACLE_CATEGORY: dict[int, str] = {
    1: Blocker.Category.TIME,
    2: Blocker.Category.TOOLS,
    3: Blocker.Category.MANAGER,
    4: Blocker.Category.OTHER,  # colleagues: the blocker categories have no "peers" of their own
    5: Blocker.Category.RELEVANCE,
}

# "When <situation>, I will <action>" and its Dutch counterpart "Als <situatie>, dan <actie>".
_PLAN = re.compile(
    r"^\s*(?:when|if|als|wanneer|zodra)\s+(?P<situation>.+?)\s*,?\s+"
    r"(?:then\s+)?(?:i will|i'll|i shall|dan(?:\s+ga\s+ik|\s+zal\s+ik)?|ga ik|zal ik)\s+(?P<action>.+?)\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)


class AlreadyAnswered(Exception):
    """The survey was answered before: the first answer stands."""


@transaction.atomic
def survey_answer(
    *, invitation: SurveyInvitation, values: dict[str, object], at: dt.datetime | None = None
) -> SurveyInvitation:
    """Record the answers once (the row lock and the unique fields keep a double submit to one set), then
    feed what follows from them: an obstacle becomes a blocker, an if-then plan an action plan."""
    at = at or timezone.now()
    locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.answered_at is not None:
        raise AlreadyAnswered
    rows = []
    for question in definition(locked.kind, locked.audience).questions:
        for item in question.fields:
            value = values.get(item.key)
            if value is None or value == "":
                continue
            if item.kind == "text":
                rows.append(SurveyAnswer(invitation=locked, field=item.key, text=str(value).strip()))
            else:
                rows.append(SurveyAnswer(invitation=locked, field=item.key, number=Decimal(str(value))))
    try:
        with transaction.atomic():
            SurveyAnswer.objects.bulk_create(rows)
    except IntegrityError as exc:  # a concurrent submit on a database without row locks
        raise AlreadyAnswered from exc
    locked.answered_at = at
    locked.save(update_fields=["answered_at"])
    _feed_coaching(locked, values, at=at)
    return locked


def _feed_coaching(invitation: SurveyInvitation, values: dict[str, object], *, at: dt.datetime) -> None:
    if invitation.audience != Audience.EMPLOYEE:
        return
    from beklijf.coaching import services as coaching

    enrollment = invitation.enrollment
    employee = enrollment.employee
    with translation.override(employee.language):
        if invitation.kind == Kind.DAY7 and values.get("obstacle") in OBSTACLE_CATEGORY:
            options = dict(definition(Kind.DAY7, Audience.EMPLOYEE).questions[1].fields[0].options)
            description = _("From the survey one week after the training: %(answer)s") % {
                "answer": options[values["obstacle"]]
            }
            coaching.blocker_report(employee=employee, reported_by=employee,
                                    category=OBSTACLE_CATEGORY[values["obstacle"]], description=description,
                                    training=enrollment.session.training, at=at)  # fmt: skip
        plan = str(values.get("if_then_plan") or "").strip()
        if invitation.kind == Kind.END and plan:
            situation, action = plan_split(plan)
            try:
                coaching.action_plan_create(
                    enrollment=enrollment, situation=situation[:300], action=action[:300]
                )
            except ValueError:
                pass  # already three plans for this training: the survey's plan is not forced in


def plan_split(text: str) -> tuple[str, str]:
    """Split "When ..., I will ..." into situation and action; a plan in another shape is kept whole as
    the action, after a neutral situation (the plan is the person's own words, never dropped)."""
    match = _PLAN.match(text)
    if match:
        return match.group("situation").strip(), match.group("action").strip()
    return _("I get a chance to use what I learned"), text


@transaction.atomic
def survey_schedule_save(*, training: Training, timings: list[Timing]) -> int:
    """Store a training's timings: a timing equal to the catalogue default removes the training's row, so a
    better default reaches every training that never changed it. Returns how many rows differ from it."""
    differing = 0
    for timing in timings:
        d = timing.definition
        is_default = (
            timing.enabled and timing.anchor == d.anchor and timing.offset_days == d.default_offset_days
        )
        rows = SurveySchedule.objects.filter(training=training, kind=d.kind, audience=d.audience)
        if is_default:
            rows.delete()
            continue
        differing += 1
        SurveySchedule.objects.update_or_create(
            training=training, kind=d.kind, audience=d.audience,
            defaults={"anchor": timing.anchor, "offset_days": timing.offset_days, "enabled": timing.enabled},
        )  # fmt: skip
    return differing
