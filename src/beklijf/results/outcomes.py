"""Per-session counts from the database, in a fixed number of grouped queries, for the scorecards.

Every figure a scorecard shows comes from here (EVIDENCE.md "what the product must compute" items 2, 5, 8):

- participants: enrolments that attended or completed (no-shows and invitations are not participants);
- retention at 4 weeks: first attempts on learning points last seen 21-35 days earlier
  (practice.selectors.RETENTION_WINDOWS[28]), from the review log, extra practice left out;
- application at 30 and at 60-90 days: manager answers to the "application" item of the one-month and the
  results survey, applied = assisted or full transfer (surveys.items.APPLIED); the participant's own answer
  is counted separately and shown beside it, never mixed in (Blume et al. 2010: same-source inflation);
- drop-off: participants with a learning point of the training more than DROP_OFF_DAYS overdue;
- reaction: the end survey's confidence (1-5) and opportunity (0-3), shown with weight 0;
- cost: the training's fully loaded cost (results.TrainingCost) shared over its participants, or the
  catalogue fee per participant when no cost inputs were entered.

The queries do not depend on the number of sessions (bench/results.py measures them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Least

from beklijf.catalog.models import Enrollment, LearningPoint, Question, TrainingSession
from beklijf.engine.roi import FullyLoadedCost
from beklijf.engine.scorecard import SessionOutcome
from beklijf.practice.models import MemoryState, Review
from beklijf.practice.selectors import RETENTION_WINDOWS
from beklijf.results.models import TrainingCost
from beklijf.surveys.items import APPLIED, Audience, Kind
from beklijf.surveys.models import SurveyAnswer

PARTICIPANT_STATUSES = (Enrollment.Status.ATTENDED, Enrollment.Status.COMPLETED)
# A learning point this many days overdue means the person stopped following up: the daily queue offers
# due points every working day, so two weeks of not answering is a choice, not a busy week.
DROP_OFF_DAYS = 14
APPLIED_VALUES = frozenset(int(v) for v in APPLIED)


@dataclass
class Counts:
    """Counts of one session (or, summed, of a group of sessions)."""

    participants: int = 0
    learning_points: int = 0
    point_people: int = 0
    cost: Decimal = Decimal(0)
    retention_correct: int = 0
    retention_attempts: int = 0
    applied_30: int = 0
    checked_30: int = 0
    applied: int = 0
    checked: int = 0
    self_applied_30: int = 0
    self_checked_30: int = 0
    self_applied: int = 0
    self_checked: int = 0
    dropped_off: int = 0
    confidence_sum: float = 0.0
    confidence_n: int = 0
    opportunity_sum: float = 0.0
    opportunity_n: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def confidence(self) -> float | None:
        return self.confidence_sum / self.confidence_n if self.confidence_n else None

    @property
    def opportunity(self) -> float | None:
        return self.opportunity_sum / self.opportunity_n if self.opportunity_n else None


@dataclass
class SessionFacts:
    session_id: int
    training_id: int
    provider_id: int | None
    trainer_id: int | None
    counts: Counts = field(default_factory=Counts)
    # A follow-up session: a later session of the same training for people who already took part in an
    # earlier one (a return day), part of the follow-up support a provider or trainer delivers.
    follow_up: bool = False

    def outcome(self, group_id: object) -> SessionOutcome:
        c = self.counts
        return SessionOutcome(
            provider_id=group_id,
            participants=c.participants,
            learning_points=max(c.learning_points, 1),
            cost=c.cost,
            retention_correct=c.retention_correct,
            retention_attempts=c.retention_attempts,
            applied=c.applied,
            application_checked=c.checked,
            applied_30=c.applied_30,
            application_checked_30=c.checked_30,
            dropped_off=c.dropped_off,
            reaction=c.confidence,
        )


def _survey_counts(enrollments: QuerySet, by_enrollment: dict[int, Counts]) -> None:
    answers = SurveyAnswer.objects.filter(
        invitation__enrollment_id__in=enrollments,
        invitation__answered_at__isnull=False,
        field__in=("application", "confidence", "opportunity"),
        number__isnull=False,
    ).values_list("invitation__enrollment_id", "invitation__kind", "invitation__audience", "field", "number")
    for enrollment_id, kind, audience, name, number in answers:
        c = by_enrollment.get(enrollment_id)
        if c is None:
            continue
        value = int(number)
        if name == "application" and kind in (Kind.DAY30, Kind.RESULTS):
            applied = value in APPLIED_VALUES
            late = kind == Kind.RESULTS
            if audience == Audience.MANAGER:
                if late:
                    c.checked += 1
                    c.applied += applied
                else:
                    c.checked_30 += 1
                    c.applied_30 += applied
            elif late:
                c.self_checked += 1
                c.self_applied += applied
            else:
                c.self_checked_30 += 1
                c.self_applied_30 += applied
        elif kind == Kind.END and audience == Audience.EMPLOYEE and name == "confidence":
            c.confidence_sum += value
            c.confidence_n += 1
        elif kind == Kind.END and audience == Audience.EMPLOYEE and name == "opportunity":
            c.opportunity_sum += value
            c.opportunity_n += 1


def _mark_follow_ups(facts: dict[int, SessionFacts], enrollments: list[tuple[int, int, int]]) -> None:
    starts = dict(TrainingSession.objects.filter(pk__in=list(facts)).values_list("pk", "starts_at"))
    first: dict[tuple[int, int], object] = {}
    for _pk, session_id, employee_id in enrollments:
        key = (employee_id, facts[session_id].training_id)
        if key not in first or starts[session_id] < first[key]:  # type: ignore[operator]
            first[key] = starts[session_id]
    for _pk, session_id, employee_id in enrollments:
        if starts[session_id] > first[(employee_id, facts[session_id].training_id)]:  # type: ignore[operator]
            facts[session_id].follow_up = True


def session_facts(*, sessions: QuerySet[TrainingSession], at: dt.datetime) -> list[SessionFacts]:
    """Counts per session for a queryset of sessions (scoped by the caller through people/access.py)."""
    rows = list(
        sessions.values_list(
            "pk", "training_id", "training__provider_id", "trainer_id", "training__cost_per_participant"
        )
    )
    facts = {
        pk: SessionFacts(pk, training_id, provider_id, trainer_id)
        for pk, training_id, provider_id, trainer_id, _ in rows
    }
    if not facts:
        return []
    fee = {pk: fee for pk, _t, _p, _tr, fee in rows}
    training_ids = {f.training_id for f in facts.values()}
    points = dict(
        LearningPoint.objects.filter(training_id__in=training_ids)
        .values("training_id")
        .annotate(n=Count("pk"))
        .values_list("training_id", "n")
    )
    # Subqueries rather than lists of ids: thousands of bound parameters cost more to build and send
    # than the database takes to join (bench/results.py).
    participating = Enrollment.objects.filter(
        session_id__in=sessions.values("pk"),
        status__in=PARTICIPANT_STATUSES,
    )
    enrollments = list(participating.values_list("pk", "session_id", "employee_id"))
    _mark_follow_ups(facts, enrollments)
    # Every enrolment counts straight into its session's totals.
    by_enrollment = {pk: facts[session_id].counts for pk, session_id, _e in enrollments}
    low, high = RETENTION_WINDOWS[28]
    people = participating.values("employee_id")
    training_ids_q = sessions.values("training_id")
    retention = {
        (employee_id, training_id): (ok, n)
        for employee_id, training_id, ok, n in Review.objects.filter(
            employee_id__in=people,
            learning_point__training_id__in=training_ids_q,
            elapsed_days__gte=low,
            elapsed_days__lte=high,
            is_extra=False,
        )
        .values("employee_id", "learning_point__training_id")
        .annotate(ok=Count("pk", filter=Q(correct=True)), n=Count("pk"))
        .values_list("employee_id", "learning_point__training_id", "ok", "n")
    }
    overdue = set(
        MemoryState.objects.filter(
            employee_id__in=people,
            learning_point__training_id__in=training_ids_q,
            due__lt=at - dt.timedelta(days=DROP_OFF_DAYS),
        )
        .values_list("employee_id", "learning_point__training_id")
        .distinct()
    )
    _survey_counts(participating.values("pk"), by_enrollment)

    for _pk, session_id, employee_id in enrollments:
        f = facts[session_id]
        c = f.counts
        c.participants += 1
        ok, n = retention.get((employee_id, f.training_id), (0, 0))
        c.retention_correct += ok
        c.retention_attempts += n
        c.dropped_off += (employee_id, f.training_id) in overdue

    per_training_people: dict[int, int] = defaultdict(int)
    for f in facts.values():
        f.counts.learning_points = points.get(f.training_id, 0)
        f.counts.point_people = f.counts.participants * f.counts.learning_points
        per_training_people[f.training_id] += f.counts.participants
    loaded = {
        c.training_id: total_cost(c, participants=per_training_people[c.training_id])
        for c in TrainingCost.objects.filter(training_id__in=training_ids)
    }
    for f in facts.values():
        people_here = f.counts.participants
        if f.training_id in loaded and per_training_people[f.training_id]:
            f.counts.cost = (
                loaded[f.training_id] * people_here / per_training_people[f.training_id]
            ).quantize(Decimal("0.01"))
        else:
            f.counts.cost = fee[f.session_id] * people_here
    return list(facts.values())


def total_cost(cost: TrainingCost, *, participants: int) -> Decimal:
    """The fully loaded cost of a training for the scorecards: entered costs plus classroom time.

    Quiz time is left out here (one query per training would be needed); the report shows it in full."""
    return FullyLoadedCost(
        design=cost.design,
        delivery=cost.delivery,
        licences=cost.licences,
        participant_hours=cost.training.hours * participants,
        loaded_hourly_wage=cost.loaded_hourly_wage,
        travel=cost.travel,
        evaluation=cost.evaluation,
        overhead=cost.overhead,
    ).total


def support_supplied(*, training_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Learning points and active questions supplied, per training."""
    ids = list(training_ids)
    points = dict(
        LearningPoint.objects.filter(training_id__in=ids)
        .values("training_id")
        .annotate(n=Count("pk"))
        .values_list("training_id", "n")
    )
    questions = dict(
        Question.objects.filter(learning_point__training_id__in=ids, is_active=True)
        .values("learning_point__training_id")
        .annotate(n=Count("pk"))
        .values_list("learning_point__training_id", "n")
    )
    return {t: (points.get(t, 0), questions.get(t, 0)) for t in ids}


# One answer counts at most this long: a question left open in a tab over lunch is not follow-up time.
MAX_ANSWER_MS = 5 * 60 * 1000


def quiz_hours(*, training_id: int, employee_ids: Iterable[int]) -> tuple[Decimal, int]:
    """The participants' measured time answering this training's questions: (hours, timed answers)."""
    row = Review.objects.filter(
        learning_point__training_id=training_id, employee_id__in=list(employee_ids), response_ms__isnull=False
    ).aggregate(ms=Sum(Least("response_ms", Value(MAX_ANSWER_MS))), n=Count("pk"))
    return (Decimal(row["ms"] or 0) / Decimal(3_600_000)).quantize(Decimal("0.01")), row["n"]
