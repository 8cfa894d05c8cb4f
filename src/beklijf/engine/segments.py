"""Segments: coaching signals about how someone follows up a training, never an assessment.

Each rule is a plain threshold on numbers a SQL aggregation can produce (``LearnerActivity``), so
the manager and the employee can read why a signal fired (``SegmentResult.rule`` and
``.numbers``). Rules stay rule-based and explainable on purpose: systems that evaluate workers'
behaviour are high-risk under the AI Act (Annex III 4(b)), and GDPR art. 22 forbids solely
automated decisions with a significant effect, so a segment only ever suggests a conversation.

The rules and their starting values come from EVIDENCE.md "What the product must compute" item 9
(to be calibrated per organisation); the measures behind them come from the transfer literature
(EVIDENCE.md 1.2: motivation, opportunity to use, follow-up) and the nudge limits of 1.6 (stop
after 3 ignored prompts and put the person on the manager's agenda). Every rule needs a minimum
amount of data: with less it does not fire, which is how this module says "not enough data".

People may be in several segments or in none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypedDict

import numpy as np

__all__ = [
    "DEFAULT_THRESHOLDS",
    "LearnerActivity",
    "Segment",
    "SegmentResult",
    "Thresholds",
    "classify",
    "classify_cohort",
    "cohort_growth_percentile",
    "self_driven_share",
]

# Rates come out of SQL as floats (AVG, division) and slopes out of sums, so a value that is
# exactly on a threshold on paper (a slope of -0.1 per week) may land a hair on the wrong side.
# Comparisons allow this much slack, far below anything a person could notice.
_TOLERANCE = 1e-9


def _at_least(value: float, threshold: float) -> bool:
    return value >= threshold - _TOLERANCE


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fraction(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie within [0, 1], got {value!r}")  # also refuses NaN
    return float(value)


class Segment(StrEnum):
    """The coaching signals; the values are stable and safe to store."""

    SELF_DRIVEN = "self_driven"
    FAST_LEARNER = "fast_learner"
    LAGGARD = "laggard"
    EAGER = "eager"
    DROPPING_OFF = "dropping_off"
    REFUSER = "refuser"


class ThresholdsDict(TypedDict, total=False):
    min_due_items: int
    min_answers: int
    self_driven_unprompted_share: float
    self_driven_on_time_rate: float
    fast_growth_percentile: float
    fast_first_accuracy: float
    fast_min_first_attempts: int
    fast_min_cohort: int
    laggard_weak_r: float
    laggard_weak_share: float
    laggard_min_points: int
    laggard_gap_to_team: float
    eager_extra_answers: int
    eager_training_requests: int
    dropping_trend_weeks: int
    dropping_min_weeks: int
    dropping_slope: float
    refuser_ignored_prompts: int


class SegmentResultDict(TypedDict):
    segment: str
    rule: str
    numbers: dict[str, float | int]
    period_start: str
    period_end: str


# Which fields are counts (int >= lower bound) and which are fractions (float within bounds).
_COUNT_MINIMUMS = {
    "min_due_items": 1,
    "min_answers": 1,
    "fast_min_first_attempts": 1,
    "fast_min_cohort": 2,  # the 75th percentile of one person is that person
    "laggard_min_points": 1,
    "eager_extra_answers": 1,
    "eager_training_requests": 1,
    "dropping_trend_weeks": 2,
    "dropping_min_weeks": 2,  # a slope needs two points
    "refuser_ignored_prompts": 1,
}
_FLOAT_RANGES = {
    "self_driven_unprompted_share": (0.0, 1.0),
    "self_driven_on_time_rate": (0.0, 1.0),
    "fast_growth_percentile": (0.0, 100.0),
    "fast_first_accuracy": (0.0, 1.0),
    "laggard_weak_r": (0.0, 1.0),
    "laggard_weak_share": (0.0, 1.0),
    "laggard_gap_to_team": (0.0, 1.0),
    # Weekly rates lie in 0..1, so a least-squares slope over whole weeks lies in -1..1.
    "dropping_slope": (-1.0, 0.0),
}


@dataclass(frozen=True)
class Thresholds:
    """The numbers the segment rules compare against (EVIDENCE.md item 9: starting values to calibrate).

    Attributes:
        min_due_items: due items in the period before an on-time rate counts (self-driven);
            5, the smallest n beklijf shows any proportion for (``stats.MIN_ANSWERS``).
        min_answers: answers in the period before an unprompted share counts (self-driven).
        self_driven_unprompted_share: unprompted answers / all answers, at least.
        self_driven_on_time_rate: due items answered on their due day / due items, at least.
        fast_growth_percentile: stability growth at least this percentile of the cohort (75).
        fast_first_accuracy: first-attempt correct / first attempts, at least.
        fast_min_first_attempts: first attempts before the accuracy counts.
        fast_min_cohort: people with a stability growth before a cohort percentile exists.
        laggard_weak_r: a learning point with current R below this is weak (0.7).
        laggard_weak_share: weak points / points, at least (0.3).
        laggard_min_points: learning points with an R before either laggard rule fires.
        laggard_gap_to_team: or: mean R more than this below the team mean (0.2).
        eager_extra_answers: answers beyond the daily cap in the period, at least.
        eager_training_requests: or: training requests in the period, at least.
        dropping_trend_weeks: only the last this many weeks count for the trend (8).
        dropping_min_weeks: weeks with due items, within those, before a trend exists (3).
        dropping_slope: least-squares slope of weekly on-time rate per week, at most (-0.1).
        refuser_ignored_prompts: prompts ignored in a row, at least, and confirmed by the manager
            (EVIDENCE.md 1.6: stop after 3 ignored prompts and ask the manager).

    Raises:
        ValueError: when a count is not an integer at or above its minimum, a fraction is
            outside its range, or ``dropping_min_weeks`` exceeds ``dropping_trend_weeks``.
    """

    min_due_items: int = 5
    min_answers: int = 10
    self_driven_unprompted_share: float = 0.25
    self_driven_on_time_rate: float = 0.8
    fast_growth_percentile: float = 75.0
    fast_first_accuracy: float = 0.8
    fast_min_first_attempts: int = 10
    fast_min_cohort: int = 5
    laggard_weak_r: float = 0.7
    laggard_weak_share: float = 0.3
    laggard_min_points: int = 3
    laggard_gap_to_team: float = 0.2
    eager_extra_answers: int = 5
    eager_training_requests: int = 1
    dropping_trend_weeks: int = 8
    dropping_min_weeks: int = 3
    dropping_slope: float = -0.1
    refuser_ignored_prompts: int = 3

    def __post_init__(self) -> None:
        for name, minimum in _COUNT_MINIMUMS.items():
            value = getattr(self, name)
            if not _is_int(value) or value < minimum:
                raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
        for name, (low, high) in _FLOAT_RANGES.items():
            value = getattr(self, name)
            if not _is_number(value) or not low <= value <= high:  # also refuses NaN
                raise ValueError(f"{name} must lie within [{low}, {high}], got {value!r}")
            object.__setattr__(self, name, float(value))
        if self.fast_growth_percentile in (0.0, 100.0):
            raise ValueError("fast_growth_percentile must lie strictly between 0 and 100")
        if self.dropping_slope == 0.0:
            raise ValueError("dropping_slope must be negative: a flat trend is not dropping off")
        if self.dropping_min_weeks > self.dropping_trend_weeks:
            raise ValueError("dropping_min_weeks cannot exceed dropping_trend_weeks")

    def to_dict(self) -> ThresholdsDict:
        """Returns: a JSON-serialisable dict with every threshold."""
        return ThresholdsDict(**asdict(self))  # type: ignore[typeddict-item]

    @classmethod
    def from_dict(cls, source: Mapping[str, Any]) -> Thresholds:
        """Rebuild thresholds from ``to_dict()`` output; a missing key takes its default.

        Missing keys are allowed so that thresholds stored before a new rule existed still load.

        Args:
            source: a dict as made by ``to_dict``, possibly partial.

        Returns:
            The thresholds.

        Raises:
            ValueError: on an unknown key or an invalid value.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(source) - known)
        if unknown:
            raise ValueError(f"unknown threshold {', '.join(unknown)}")
        return cls(**source)


@dataclass(frozen=True)
class LearnerActivity:
    """What one person did in one period, as plain numbers a SQL aggregation can produce.

    Attributes:
        employee_id: the person.
        period_start: first day of the period (EVIDENCE.md item 9: 28 days for engagement).
        period_end: last day of the period, inclusive.
        due_items: quiz items that fell due in the period.
        on_time: of those, answered on their due day.
        weekly_on_time: on-time rate per week, oldest first; None for a week without due items
            (EVIDENCE.md item 9: the trend is taken over 8 weeks).
        first_attempts: first attempts at an item in the period.
        first_correct: of those, correct.
        prompted_answers: answers given after a nudge.
        unprompted_answers: answers with no nudge before them (the person came on their own).
        extra_answers: answers beyond the daily cap; a part of the prompted plus unprompted answers.
        training_requests: trainings the person asked for in the period.
        stability_growth: how fast memory grows, e.g. the mean of log(S_after / S_before) per
            review; None when the person has too few reviews for one.
        retrievabilities: current R per learning point the person has learned.
        team_mean_r: mean current R of the team on the same learning points; None if unknown.
        ignored_prompts: prompts in a row, up to the end of the period, with no response.
        refusal_confirmed: the manager confirmed, after talking with the person, that they do not
            take part.
        said_wont: the person said so themselves ("I won't").

    Raises:
        ValueError: on a negative count, a part larger than its whole, a rate or R outside
            0..1, a non-finite growth, or a period that ends before it starts.
    """

    employee_id: int
    period_start: date
    period_end: date
    due_items: int = 0
    on_time: int = 0
    weekly_on_time: tuple[float | None, ...] = ()
    first_attempts: int = 0
    first_correct: int = 0
    prompted_answers: int = 0
    unprompted_answers: int = 0
    extra_answers: int = 0
    training_requests: int = 0
    stability_growth: float | None = None
    retrievabilities: tuple[float, ...] = ()
    team_mean_r: float | None = None
    ignored_prompts: int = 0
    refusal_confirmed: bool = False
    said_wont: bool = False

    def __post_init__(self) -> None:
        for name in ("period_start", "period_end"):
            value = getattr(self, name)
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ValueError(f"{name} must be a date, got {value!r}")
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        for name in (
            "due_items",
            "on_time",
            "first_attempts",
            "first_correct",
            "prompted_answers",
            "unprompted_answers",
            "extra_answers",
            "training_requests",
            "ignored_prompts",
        ):
            value = getattr(self, name)
            if not _is_int(value) or value < 0:
                raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
        if self.on_time > self.due_items:
            raise ValueError("on_time cannot exceed due_items")
        if self.first_correct > self.first_attempts:
            raise ValueError("first_correct cannot exceed first_attempts")
        if self.extra_answers > self.prompted_answers + self.unprompted_answers:
            raise ValueError("extra_answers are part of the answers and cannot exceed them")
        weekly = tuple(
            None if rate is None else _fraction(rate, "weekly_on_time") for rate in self.weekly_on_time
        )
        object.__setattr__(self, "weekly_on_time", weekly)
        rs = tuple(_fraction(r, "retrievabilities") for r in self.retrievabilities)
        object.__setattr__(self, "retrievabilities", rs)
        if self.team_mean_r is not None:
            object.__setattr__(self, "team_mean_r", _fraction(self.team_mean_r, "team_mean_r"))
        if self.stability_growth is not None:
            if not _is_number(self.stability_growth) or not math.isfinite(self.stability_growth):
                raise ValueError(f"stability_growth must be a finite number, got {self.stability_growth!r}")
            object.__setattr__(self, "stability_growth", float(self.stability_growth))
        for name in ("refusal_confirmed", "said_wont"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be a bool")

    @property
    def answers(self) -> int:
        """All answers in the period, prompted or not."""
        return self.prompted_answers + self.unprompted_answers


@dataclass(frozen=True)
class SegmentResult:
    """One coaching signal with its reason.

    Attributes:
        segment: which signal.
        rule: the rule that fired, in words, with the thresholds filled in.
        numbers: the person's numbers the rule compared (e.g. ``{"on_time_rate": 0.85, ...}``).
        period_start: first day of the period the numbers cover.
        period_end: last day of that period, inclusive.
    """

    segment: Segment
    rule: str
    numbers: dict[str, float | int] = field(hash=False)
    period_start: date
    period_end: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "segment", Segment(self.segment))
        object.__setattr__(self, "numbers", dict(self.numbers))  # never share the caller's dict

    def to_dict(self) -> SegmentResultDict:
        """Returns: a JSON-serialisable dict; dates as ISO 8601."""
        return {
            "segment": self.segment.value,
            "rule": self.rule,
            "numbers": dict(self.numbers),
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
        }

    @classmethod
    def from_dict(cls, source: SegmentResultDict) -> SegmentResult:
        """Rebuild a result from ``to_dict()`` output.

        Args:
            source: a dict as made by ``to_dict``.

        Returns:
            The result.

        Raises:
            ValueError: when a key is missing or a value is invalid.
        """
        try:
            return cls(
                segment=Segment(source["segment"]),
                rule=str(source["rule"]),
                numbers=dict(source["numbers"]),
                period_start=date.fromisoformat(source["period_start"]),
                period_end=date.fromisoformat(source["period_end"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a segment result dict: {error}") from error


DEFAULT_THRESHOLDS = Thresholds()


def classify(
    activity: LearnerActivity,
    *,
    cohort_p75_growth: float | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[SegmentResult]:
    """Which coaching signals fire for one person.

    Args:
        activity: the person's numbers for the period.
        cohort_p75_growth: the cohort's ``thresholds.fast_growth_percentile``-th percentile of
            stability growth (see ``cohort_growth_percentile``); None when the cohort is too small,
            and then the fast-learner rule does not fire.
        thresholds: the rule thresholds.

    Returns:
        The signals that fired, in ``Segment`` order; empty for a person in no segment or with
        too little data.
    """
    rules = (_self_driven, _fast_learner, _laggard, _eager, _dropping_off, _refuser)
    results = []
    for rule in rules:
        fired = rule(activity, thresholds, cohort_p75_growth)
        if fired is not None:
            segment, text, numbers = fired
            results.append(
                SegmentResult(
                    segment=segment,
                    rule=text,
                    numbers=numbers,
                    period_start=activity.period_start,
                    period_end=activity.period_end,
                )
            )
    return results


def cohort_growth_percentile(
    activities: Iterable[LearnerActivity], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> float | None:
    """The cohort's percentile of stability growth that the fast-learner rule compares against.

    Args:
        activities: the cohort; people without a stability growth are left out.
        thresholds: gives the percentile (75) and the smallest cohort (5).

    Returns:
        The percentile (numpy's default linear interpolation), or None when fewer than
        ``thresholds.fast_min_cohort`` people have a stability growth.
    """
    growths = np.fromiter(
        (a.stability_growth for a in activities if a.stability_growth is not None), dtype=np.float64
    )
    if growths.size < thresholds.fast_min_cohort:
        return None
    return float(np.percentile(growths, thresholds.fast_growth_percentile))


def classify_cohort(
    activities: Iterable[LearnerActivity], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> dict[int, list[SegmentResult]]:
    """Classify a cohort (e.g. everyone in one organisation and training) against itself.

    Args:
        activities: one activity per person.
        thresholds: the rule thresholds.

    Returns:
        ``{employee_id: signals}``, with an empty list for people in no segment.

    Raises:
        ValueError: when an employee appears twice.
    """
    activities = list(activities)
    p75 = cohort_growth_percentile(activities, thresholds)
    results: dict[int, list[SegmentResult]] = {}
    for activity in activities:
        if activity.employee_id in results:
            raise ValueError(f"employee {activity.employee_id} appears twice")
        results[activity.employee_id] = classify(activity, cohort_p75_growth=p75, thresholds=thresholds)
    return results


def self_driven_share(
    results: Mapping[int, Sequence[SegmentResult]], n: int | None = None
) -> tuple[float | None, int]:
    """The share of people who are self-driven: the organisation's own figure instead of the
    unsourced "23% keep developing themselves" (EVIDENCE.md 1.4).

    Args:
        results: ``classify_cohort`` output.
        n: the number of people the share is over; defaults to ``len(results)``. Pass the
            number of active employees to count people with too little data as not self-driven.

    Returns:
        ``(share, n)``; share is None when n is 0. Show it with a Wilson interval
        (``stats.proportion``) and only from 5 people on.

    Raises:
        ValueError: when n is negative or smaller than the number of self-driven people.
    """
    count = sum(1 for signals in results.values() if any(s.segment is Segment.SELF_DRIVEN for s in signals))
    n = len(results) if n is None else n
    if not _is_int(n) or n < count:
        raise ValueError(f"n must be an integer >= the {count} self-driven people, got {n!r}")
    return (count / n if n else None), n


# The rules. Each returns (segment, rule in words, numbers) when it fires, else None.

_Fired = tuple[Segment, str, dict[str, float | int]] | None


def _self_driven(a: LearnerActivity, t: Thresholds, _p75: float | None) -> _Fired:
    if a.answers < t.min_answers or a.due_items < t.min_due_items:
        return None
    unprompted_share = a.unprompted_answers / a.answers
    on_time_rate = a.on_time / a.due_items
    if _at_least(unprompted_share, t.self_driven_unprompted_share) and _at_least(
        on_time_rate, t.self_driven_on_time_rate
    ):
        rule = (
            f"unprompted answers >= {t.self_driven_unprompted_share:g} of all answers "
            f"(at least {t.min_answers}) and on-time rate >= {t.self_driven_on_time_rate:g} "
            f"(at least {t.min_due_items} due items)"
        )
        numbers: dict[str, float | int] = {
            "unprompted_answers": a.unprompted_answers,
            "answers": a.answers,
            "unprompted_share": unprompted_share,
            "on_time": a.on_time,
            "due_items": a.due_items,
            "on_time_rate": on_time_rate,
        }
        return Segment.SELF_DRIVEN, rule, numbers
    return None


def _fast_learner(a: LearnerActivity, t: Thresholds, p75: float | None) -> _Fired:
    if p75 is None or a.stability_growth is None or a.first_attempts < t.fast_min_first_attempts:
        return None
    accuracy = a.first_correct / a.first_attempts
    if _at_least(a.stability_growth, p75) and _at_least(accuracy, t.fast_first_accuracy):
        rule = (
            f"stability growth >= the cohort's {t.fast_growth_percentile:g}th percentile and "
            f"first-attempt accuracy >= {t.fast_first_accuracy:g} "
            f"(at least {t.fast_min_first_attempts} first attempts)"
        )
        numbers: dict[str, float | int] = {
            "stability_growth": a.stability_growth,
            "cohort_percentile_growth": p75,
            "first_correct": a.first_correct,
            "first_attempts": a.first_attempts,
            "first_accuracy": accuracy,
        }
        return Segment.FAST_LEARNER, rule, numbers
    return None


def _laggard(a: LearnerActivity, t: Thresholds, _p75: float | None) -> _Fired:
    points = len(a.retrievabilities)
    if points < t.laggard_min_points:
        return None
    weak = sum(1 for r in a.retrievabilities if r < t.laggard_weak_r)
    weak_share = weak / points
    mean_r = math.fsum(a.retrievabilities) / points
    numbers: dict[str, float | int] = {
        "points": points,
        "weak_points": weak,
        "weak_share": weak_share,
        "mean_r": mean_r,
    }
    reasons = []
    if _at_least(weak_share, t.laggard_weak_share):
        reasons.append(f"R < {t.laggard_weak_r:g} on >= {t.laggard_weak_share:g} of the learning points")
    if a.team_mean_r is not None:
        gap = a.team_mean_r - mean_r
        numbers |= {"team_mean_r": a.team_mean_r, "gap_to_team": gap}
        if gap > t.laggard_gap_to_team + _TOLERANCE:
            reasons.append(f"mean R more than {t.laggard_gap_to_team:g} below the team mean")
    if not reasons:
        return None
    rule = " and ".join(reasons) + f" (at least {t.laggard_min_points} learning points)"
    return Segment.LAGGARD, rule, numbers


def _eager(a: LearnerActivity, t: Thresholds, _p75: float | None) -> _Fired:
    reasons = []
    if a.extra_answers >= t.eager_extra_answers:
        reasons.append(f"answers beyond the daily cap >= {t.eager_extra_answers}")
    if a.training_requests >= t.eager_training_requests:
        reasons.append(f"training requests >= {t.eager_training_requests}")
    if not reasons:
        return None
    numbers: dict[str, float | int] = {
        "extra_answers": a.extra_answers,
        "training_requests": a.training_requests,
    }
    return Segment.EAGER, " and ".join(reasons), numbers


def _dropping_off(a: LearnerActivity, t: Thresholds, _p75: float | None) -> _Fired:
    window = a.weekly_on_time[-t.dropping_trend_weeks :]
    # Weeks keep their place in time: a gap week without due items is skipped, not closed up.
    weeks = [(x, rate) for x, rate in enumerate(window) if rate is not None]
    if len(weeks) < t.dropping_min_weeks:
        return None
    slope = _least_squares_slope(weeks)
    first, last = weeks[0][1], weeks[-1][1]
    if slope <= t.dropping_slope + _TOLERANCE and last < first:
        rule = (
            f"weekly on-time rate falls by >= {-t.dropping_slope:g} a week (least squares) and the "
            f"last week is below the first (at least {t.dropping_min_weeks} of the last "
            f"{t.dropping_trend_weeks} weeks with due items)"
        )
        numbers: dict[str, float | int] = {
            "weeks_with_data": len(weeks),
            "slope_per_week": slope,
            "first_week_rate": first,
            "last_week_rate": last,
        }
        return Segment.DROPPING_OFF, rule, numbers
    return None


def _refuser(a: LearnerActivity, t: Thresholds, _p75: float | None) -> _Fired:
    reasons = []
    if a.ignored_prompts >= t.refuser_ignored_prompts and a.refusal_confirmed:
        reasons.append(f"ignored >= {t.refuser_ignored_prompts} prompts in a row, confirmed by the manager")
    if a.said_wont:
        reasons.append("said they will not take part")
    if not reasons:
        return None
    numbers: dict[str, float | int] = {
        "ignored_prompts": a.ignored_prompts,
        "refusal_confirmed": int(a.refusal_confirmed),
        "said_wont": int(a.said_wont),
    }
    return Segment.REFUSER, " and ".join(reasons), numbers


def _least_squares_slope(points: Sequence[tuple[int, float]]) -> float:
    """The ordinary least-squares slope of y on x (at least two distinct x).

    Plain Python: for eight weeks it is several times faster than building numpy arrays.
    """
    n = len(points)
    mean_x = math.fsum(x for x, _ in points) / n
    mean_y = math.fsum(y for _, y in points) / n
    covariance = math.fsum((x - mean_x) * (y - mean_y) for x, y in points)
    variance = math.fsum((x - mean_x) ** 2 for x, _ in points)
    return covariance / variance
