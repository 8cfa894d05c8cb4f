"""Practice writes: starting follow-up, recording answers, magic links."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from beklijf.catalog.models import Enrollment, LearningPoint, Question
from beklijf.engine import memory as engine
from beklijf.people.models import Employee, Organization
from beklijf.practice import answer_sql, memory
from beklijf.practice.models import FittedParameters, MagicLink, MemoryState, Review

# The first review comes about a day after the training: long enough that retrieval takes effort
# (the testing effect grows with a 1-6 day gap, Adesope et al. 2017), soon enough to catch the steepest forgetting.
FIRST_REVIEW_AFTER = dt.timedelta(days=1)


class AnswerRefused(Exception):
    """An answer that is not recorded: not yours, not due, or the form is too old."""


@transaction.atomic
def followup_start(*, enrollment: Enrollment) -> int:
    """Give the employee a memory state for every learning point of the training; returns how many are new.

    Idempotent: a re-enrolment in the same training, or saving the enrolment twice, creates nothing new.
    """
    employee = enrollment.employee
    zone = zoneinfo.ZoneInfo(employee.time_zone)
    # The follow-up starts at the end of the completion day, in the employee's own time zone.
    started_at = dt.datetime.combine(enrollment.completed_on, dt.time(17, 0), tzinfo=zone)
    start = engine.new_state(at=started_at, first_review_after=FIRST_REVIEW_AFTER)
    points = LearningPoint.objects.filter(training_id=enrollment.session.training_id)
    existing = set(
        MemoryState.objects.filter(employee=employee, learning_point__in=points).values_list(
            "learning_point_id", flat=True
        )
    )
    new_states = [
        MemoryState(employee=employee, learning_point=point, due=start.due, started_at=started_at)
        for point in points
        if point.pk not in existing
    ]
    MemoryState.objects.bulk_create(new_states, ignore_conflicts=True)
    return len(new_states)


@dataclass(frozen=True)
class Shown:
    """What the quiz form carries back, signed: which question, for whom, since when."""

    key: uuid.UUID
    employee_id: int
    question_id: int
    shown_at: dt.datetime
    is_extra: bool


def answer_record(
    *, employee: Employee, shown: Shown, answer: str, dont_know: bool, at: dt.datetime | None = None
) -> tuple[Review, bool]:
    """Record one answer and move the memory state on; returns (review, created).

    Safe to repeat: the shown question's key is unique, and the memory state row is locked while the
    answer is applied, so a double submit, a second tab or two concurrent posts record one review and
    every repeat gets that first review back.

    The busiest write of the product, so on PostgreSQL it costs four round trips: BEGIN, the locked read of
    state and question, one statement that inserts the review unless its key exists and then moves the
    state on, COMMIT; the SQL is built once per process (answer_sql.py; docs/benchmarks.md).
    """
    at = at or timezone.now()
    if shown.employee_id != employee.pk:
        raise AnswerRefused("not yours")
    zone = zoneinfo.ZoneInfo(employee.time_zone)
    local_at = at.astimezone(zone)
    with transaction.atomic():
        found = answer_sql.STATE_AND_QUESTION.one([shown.question_id, employee.pk])
        if found is None:
            if not Question.objects.filter(pk=shown.question_id).exists():
                raise AnswerRefused("gone")
            raise AnswerRefused("not yours")
        row, question = found
        end_of_today = dt.datetime.combine(local_at.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        if not shown.is_extra and row.due >= end_of_today:
            if (earlier := Review.objects.filter(key=shown.key).first()) is not None:
                return earlier, False  # answered before: the state has moved on, the first answer counts
            raise AnswerRefused("not due")
        if row.last_review is not None and row.last_review > at:
            # A concurrent answer to this point (another tab), stamped a moment after ours, took the lock
            # first: ours comes after it, in the log as in the state.
            at, local_at = row.last_review, row.last_review.astimezone(zone)
        late_days = (
            None if shown.is_extra else max(0, (local_at.date() - row.due.astimezone(zone).date()).days)
        )
        correct = False if dont_know else question_is_correct(question, answer)
        state, outcome = engine.review(
            memory.to_engine(row),
            correct=correct,
            at=local_at,
            parameters=memory.parameters_for(employee.organization),
            desired_retention=employee.organization.target_retention,
        )
        review = Review(
            key=shown.key,
            organization_id=employee.organization_id,
            employee=employee,
            learning_point_id=question.learning_point_id,
            question=question,
            answer=answer[:2000],
            dont_know=dont_know,
            correct=correct,
            rating=int(outcome.rating),
            retrievability_before=outcome.retrievability_before,
            elapsed_days=outcome.elapsed_days,
            review_number=outcome.review_number,
            late_days=late_days,
            response_ms=max(0, int((at - shown.shown_at).total_seconds() * 1000)),
            is_extra=shown.is_extra,
            shown_at=shown.shown_at,
            answered_at=at,
        )
        memory.apply(row, state)
        if not answer_sql.record(review, row):
            # Under the row lock, so the earlier post of this shown question has committed: return its review.
            return Review.objects.get(key=shown.key), False
    return review, True


def question_is_correct(question: Question, answer: str) -> bool:
    if question.kind == Question.Kind.SHORT_ANSWER:
        return " ".join(answer.split()).lower() in question.accepted_answers
    try:
        index = int(answer)
    except ValueError:
        return False
    return 0 <= index < len(question.choices) and bool(question.choices[index].get("correct"))


# --- Magic links ----------------------------------------------------------------------------------


def magic_link_create(*, employee: Employee, at: dt.datetime | None = None) -> str:
    """A new single-use link token (256 bits); only its hash is stored."""
    at = at or timezone.now()
    token = secrets.token_urlsafe(32)
    MagicLink.objects.create(
        employee=employee,
        token_hash=MagicLink.hash(token),
        created_at=at,
        expires_at=at + dt.timedelta(days=settings.BEKLIJF_MAGIC_LINK_DAYS),
    )
    return token


def magic_link_find(*, token: str, at: dt.datetime | None = None) -> MagicLink | None:
    """The link if it can still be used: unused, not expired, for an active employee."""
    at = at or timezone.now()
    return (
        MagicLink.objects.select_related("employee__user")
        .filter(
            token_hash=MagicLink.hash(token),
            used_at__isnull=True,
            expires_at__gt=at,
            employee__is_active=True,
            employee__user__is_active=True,
        )
        .first()
    )


def magic_link_consume(*, token: str, at: dt.datetime | None = None) -> Employee | None:
    """Use the link up; a conditional UPDATE, so two clicks cannot both sign in."""
    at = at or timezone.now()
    link = magic_link_find(token=token, at=at)
    if link is None:
        return None
    if MagicLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=at) != 1:
        return None
    return link.employee


# --- Fitting the memory model to an organisation ----------------------------------------------------


def parameters_fit(*, organization: Organization, at: dt.datetime | None = None) -> FittedParameters | None:
    """Fit FSRS-6 to the organisation's own review log; store the fit as a new version and use it from now on.

    Returns None, and changes nothing, while there are too few reviews (the defaults stay in use) or when
    no review was added since the last fit: running it twice does nothing new.
    """
    at = at or timezone.now()
    rows = list(
        Review.objects.filter(organization=organization)
        .order_by("answered_at")
        .values_list("employee_id", "learning_point_id", "rating", "answered_at", "employee__time_zone")
    )
    latest = FittedParameters.objects.filter(organization=organization).order_by("-version").first()
    if latest is not None and latest.review_count == len(rows):
        return None
    zones: dict[str, zoneinfo.ZoneInfo] = {}
    records = [
        # The employee's own calendar day decides which reviews fall on the same day.
        engine.ReviewRecord(
            item_id=f"{employee_id}:{point_id}",
            rating=rating,
            reviewed_at=answered_at.astimezone(zones.setdefault(zone, zoneinfo.ZoneInfo(zone))),
        )
        for employee_id, point_id, rating, answered_at, zone in rows
    ]
    version = (latest.version if latest else 0) + 1
    parameters = engine.fit_parameters(records, version=version)
    if parameters is None:
        return None
    with transaction.atomic():
        fitted = FittedParameters.objects.create(
            organization=organization,
            version=version,
            weights=list(parameters.weights),
            review_count=len(rows),
            fitted_at=at,
        )
        organization.memory_parameters = parameters.to_dict()
        organization.save(update_fields=["memory_parameters"])
    return fitted
