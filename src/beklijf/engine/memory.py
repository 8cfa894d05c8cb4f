"""The memory model: FSRS-6 states, reviews, retrievability and fitted parameters.

Scheduling goes through py-fsrs (``fsrs.Scheduler``) with no learning or relearning steps and no
fuzz: beklijf asks one quiz question a day, so every review is day-scale and the schedule is
deterministic. Fitting parameters and replaying whole review logs go through fsrs-rs-python
(``_fsrs_rs``), which is fast and needs no torch.

Like py-fsrs, everything here is a frozen dataclass or an enum, inputs are never mutated, the
clock is passed in (``at=``), naive datetimes are refused, and states round-trip through
``to_dict``/``from_dict``.

Days are calendar days in the time zone of ``at``: pass ``at`` in the employee's local time zone
and "yesterday" means the employee's yesterday, as Anki and the fsrs-rs optimizer count days.
(py-fsrs itself counts whole 24-hour periods, so an answer at 08:30 to a question answered at
09:00 the day before would count as zero days.)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import ClassVar, TypedDict

import numpy as np
from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS as FSRS_DEFAULT_WEIGHTS
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from beklijf.engine import _fsrs_rs
from beklijf.engine._fsrs_rs import ENGINE_TRAINING, STOCK_TRAINING, TrainingSettings

__all__ = [
    "DEFAULT_DESIRED_RETENTION",
    "ENGINE_TRAINING",
    "MAX_DESIRED_RETENTION",
    "MIN_DESIRED_RETENTION",
    "MIN_FIT_REVIEWS",
    "MemoryState",
    "Parameters",
    "Rating",
    "ReviewOutcome",
    "ReviewRecord",
    "STOCK_TRAINING",
    "TrainingSettings",
    "fit_parameters",
    "new_state",
    "rating_for_answer",
    "replay_states",
    "retrievability",
    "review",
    "state_retrievability",
]

N_WEIGHTS = 21  # FSRS-6: w0-w3 initial stability ... w20 decay
DEFAULT_DESIRED_RETENTION = 0.90
# The range FSRS documents as sensible: below 0.70 people forget too much to stay motivated,
# above 0.97 the number of reviews explodes for little extra retention.
MIN_DESIRED_RETENTION = 0.70
MAX_DESIRED_RETENTION = 0.97
# Below 1,000 long-term reviews a fit is a gamble: on the shared Anki log, parameters fitted on
# the first 300-750 reviews sometimes predicted the next 1,000 worse than the defaults (once with
# LogLoss 0.82 against 0.56); from 1,000 on they were better every time. A once-a-day quiz gives
# about one long-term review per question answered, so an organisation of 50 people gets there
# in about a month.
MIN_FIT_REVIEWS = 1000
_MAXIMUM_INTERVAL = Scheduler().maximum_interval  # py-fsrs's default, 36,500 days


class ParametersDict(TypedDict):
    version: int
    weights: list[float]


class MemoryStateDict(TypedDict):
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    reps: int
    lapses: int


class ReviewOutcomeDict(TypedDict):
    rating: int
    retrievability_before: float | None
    elapsed_days: int | None
    interval_days: int
    due: str
    review_number: int


@dataclass(frozen=True)
class Parameters:
    """The 21 FSRS-6 weights the model runs on.

    Attributes:
        weights: w0 ... w20; w20 is the decay of the forgetting curve.
        version: which fit these are; 0 is the FSRS-6 defaults, the caller numbers its refits 1, 2, ...
    """

    weights: tuple[float, ...]
    version: int = 0

    DEFAULT: ClassVar[Parameters]

    def __post_init__(self) -> None:
        weights = tuple(float(w) for w in self.weights)
        if len(weights) != N_WEIGHTS:
            raise ValueError(f"FSRS-6 needs {N_WEIGHTS} weights, got {len(weights)}")
        for index, (weight, low, high) in enumerate(
            zip(weights, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        ):
            if not low <= weight <= high:  # also refuses NaN
                raise ValueError(f"weight w{index} = {weight} is outside [{low}, {high}]")
        if isinstance(self.version, bool) or not isinstance(self.version, int) or self.version < 0:
            raise ValueError("version must be an integer >= 0")
        object.__setattr__(self, "weights", weights)

    @property
    def decay(self) -> float:
        """d = w20, the decay of the FSRS-6 forgetting curve."""
        return self.weights[20]

    def to_dict(self) -> ParametersDict:
        """Returns: a JSON-serialisable dict."""
        return {"version": self.version, "weights": list(self.weights)}

    @classmethod
    def from_dict(cls, source: ParametersDict) -> Parameters:
        """Rebuild parameters from ``to_dict()`` output.

        Args:
            source: a dict with ``version`` and ``weights``.

        Returns:
            The parameters.

        Raises:
            ValueError: when the weights are missing, of the wrong length or out of bounds.
        """
        try:
            return cls(weights=tuple(source["weights"]), version=source["version"])
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a parameters dict: {error}") from error


Parameters.DEFAULT = Parameters(weights=FSRS_DEFAULT_WEIGHTS, version=0)


@dataclass(frozen=True)
class MemoryState:
    """How well one person knows one learning point.

    Attributes:
        stability: days until retrievability falls to 90%; None before the first review.
        difficulty: FSRS difficulty, 1 (easy) to 10 (hard); None before the first review.
        due: the start of the day on which the next review is due (aware).
        last_review: when the last review happened (aware); None before the first review.
        reps: number of reviews so far.
        lapses: wrong answers on a later day than the previous review (as the srs-benchmark counts them).
    """

    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def __post_init__(self) -> None:
        _require_aware(self.due, "due")
        if self.last_review is not None:
            _require_aware(self.last_review, "last_review")
        reviewed = self.stability is not None
        if (self.difficulty is not None) != reviewed or (self.last_review is not None) != reviewed:
            raise ValueError("stability, difficulty and last_review are either all set or all None")
        if self.stability is not None and self.difficulty is not None:
            if not (self.stability > 0 and 1 <= self.difficulty <= 10):  # also refuses NaN
                raise ValueError("stability must be > 0 and difficulty within 1-10")
        if not 0 <= self.lapses <= self.reps or (self.reps > 0) != reviewed:
            raise ValueError("reps and lapses must satisfy 0 <= lapses <= reps, reps > 0 once reviewed")

    @property
    def is_new(self) -> bool:
        """True until the first review."""
        return self.stability is None

    def to_dict(self) -> MemoryStateDict:
        """Returns: a JSON-serialisable dict; datetimes as ISO 8601 with offset."""
        return {
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, source: MemoryStateDict) -> MemoryState:
        """Rebuild a state from ``to_dict()`` output.

        Args:
            source: a dict as made by ``to_dict``.

        Returns:
            The state.

        Raises:
            ValueError: when a field is missing or invalid, or a datetime is naive.
        """
        try:
            last_review = source["last_review"]
            return cls(
                stability=_optional_float(source["stability"]),
                difficulty=_optional_float(source["difficulty"]),
                due=datetime.fromisoformat(source["due"]),
                last_review=datetime.fromisoformat(last_review) if last_review else None,
                reps=int(source["reps"]),
                lapses=int(source["lapses"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a memory state dict: {error}") from error


@dataclass(frozen=True)
class ReviewOutcome:
    """What one review did, for the review log.

    Attributes:
        rating: Good for a correct answer, Again otherwise.
        retrievability_before: the predicted chance of a correct answer just before answering;
            None for the first review, because FSRS has no memory state before it.
        elapsed_days: calendar days since the previous review; None for the first review.
        interval_days: days from this review to the next due day.
        due: the start of the next due day.
        review_number: 1 for the first review of this learning point by this person.
    """

    rating: Rating
    retrievability_before: float | None
    elapsed_days: int | None
    interval_days: int
    due: datetime
    review_number: int

    def to_dict(self) -> ReviewOutcomeDict:
        """Returns: a JSON-serialisable dict."""
        return {
            "rating": int(self.rating),
            "retrievability_before": self.retrievability_before,
            "elapsed_days": self.elapsed_days,
            "interval_days": self.interval_days,
            "due": self.due.isoformat(),
            "review_number": self.review_number,
        }

    @classmethod
    def from_dict(cls, source: ReviewOutcomeDict) -> ReviewOutcome:
        """Rebuild an outcome from ``to_dict()`` output.

        Args:
            source: a dict as made by ``to_dict``.

        Returns:
            The outcome.

        Raises:
            ValueError: when a field is missing or invalid.
        """
        try:
            due = datetime.fromisoformat(source["due"])
            _require_aware(due, "due")
            elapsed = source["elapsed_days"]
            return cls(
                rating=Rating(int(source["rating"])),
                retrievability_before=_optional_float(source["retrievability_before"]),
                elapsed_days=None if elapsed is None else int(elapsed),
                interval_days=int(source["interval_days"]),
                due=due,
                review_number=int(source["review_number"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a review outcome dict: {error}") from error


@dataclass(frozen=True)
class ReviewRecord:
    """One row of a review log, as input for fitting and replaying.

    Attributes:
        item_id: what was reviewed, e.g. "employee:learning point"; reviews of one item form a history.
        rating: 1 Again, 2 Hard, 3 Good, 4 Easy (an int is turned into a ``Rating``).
        reviewed_at: when (aware; its time zone decides which calendar day the review falls on).
    """

    item_id: str | int
    rating: Rating
    reviewed_at: datetime

    def __post_init__(self) -> None:
        if isinstance(self.item_id, bool) or not isinstance(self.item_id, str | int):
            raise ValueError("item_id must be a str or an int")
        if isinstance(self.rating, bool) or self.rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1-4, got {self.rating!r}")
        _require_aware(self.reviewed_at, "reviewed_at")
        object.__setattr__(self, "rating", Rating(int(self.rating)))


def rating_for_answer(correct: bool) -> Rating:
    """The FSRS rating for a quiz answer: Good when correct, Again when wrong or "I don't know".

    A quiz knows right or wrong, not how hard it felt, so Hard and Easy are never used.

    Args:
        correct: whether the answer was correct.

    Returns:
        ``Rating.Good`` or ``Rating.Again``.

    Raises:
        TypeError: when ``correct`` is not a bool.
    """
    if not isinstance(correct, bool):
        raise TypeError("correct must be a bool")
    return Rating.Good if correct else Rating.Again


def new_state(*, at: datetime, first_review_after: timedelta = timedelta(days=1)) -> MemoryState:
    """The state of a learning point at the start of the follow-up (the end of the training).

    Args:
        at: when the follow-up starts (aware, in the employee's time zone).
        first_review_after: how long until the first quiz question; due at the start of that day.

    Returns:
        A never-reviewed state.

    Raises:
        ValueError: when ``at`` is naive or ``first_review_after`` is negative.
    """
    _require_aware(at, "at")
    if first_review_after < timedelta(0):
        raise ValueError("first_review_after must not be negative")
    first_day = _local_date(at + first_review_after, at.tzinfo)
    return MemoryState(stability=None, difficulty=None, due=_start_of_day(first_day, at.tzinfo))


def review(
    state: MemoryState,
    *,
    correct: bool,
    at: datetime,
    parameters: Parameters | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
) -> tuple[MemoryState, ReviewOutcome]:
    """Apply one quiz answer to a memory state (FSRS-6 through py-fsrs).

    The next review is due on the first day on which the predicted retrievability falls to
    ``desired_retention`` (FSRS-6: t = S / F · (r^(−1/d) − 1), rounded to whole days, at least 1).

    Args:
        state: the state before the answer (not modified).
        correct: whether the answer was correct; "I don't know" counts as wrong.
        at: when the answer was given (aware, in the employee's time zone).
        parameters: the weights; ``Parameters.DEFAULT`` when None.
        desired_retention: target chance of a correct answer on the due day, 0.70-0.97.

    Returns:
        The new state and an outcome for the review log.

    Raises:
        ValueError: when ``at`` is naive or before the last review, or the retention is out of range.
        TypeError: when ``correct`` is not a bool.
    """
    _require_aware(at, "at")
    at = _existing_time(at)
    _validate_retention(desired_retention)
    rating = rating_for_answer(correct)
    parameters = parameters or Parameters.DEFAULT
    zone = at.tzinfo
    today = _local_date(at, zone)

    # py-fsrs counts whole 24-hour periods; giving it midnights of the local calendar days makes
    # it count calendar days instead, the way the parameters were fitted.
    if state.last_review is None or state.stability is None:
        elapsed_days = None
        retrievability_before = None
        card = Card(card_id=0, state=State.Learning, step=0, due=_utc_midnight(today))
    else:
        if at < state.last_review:
            raise ValueError("at is before the last review; reviews must be applied in time order")
        last_day = _local_date(state.last_review, zone)
        elapsed_days = (today - last_day).days
        retrievability_before = float(retrievability(elapsed_days, state.stability, parameters.decay))
        card = Card(
            card_id=0,
            state=State.Review,
            step=None,
            stability=state.stability,
            difficulty=state.difficulty,
            due=_utc_midnight(today),
            last_review=_utc_midnight(last_day),
        )

    scheduler = _scheduler(parameters.weights, float(desired_retention))
    reviewed, _ = scheduler.review_card(card, rating, review_datetime=_utc_midnight(today))
    interval_days = (reviewed.due - _utc_midnight(today)).days
    due = _start_of_day(today + timedelta(days=interval_days), zone)
    lapsed = not correct and elapsed_days is not None and elapsed_days > 0

    new = MemoryState(
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        due=due,
        last_review=at,
        reps=state.reps + 1,
        lapses=state.lapses + int(lapsed),
    )
    outcome = ReviewOutcome(
        rating=rating,
        retrievability_before=retrievability_before,
        elapsed_days=elapsed_days,
        interval_days=interval_days,
        due=due,
        review_number=state.reps + 1,
    )
    return new, outcome


def retrievability(
    elapsed_days: np.ndarray | float, stability: np.ndarray | float, decay: float
) -> np.ndarray:
    """The FSRS-6 forgetting curve, vectorised.

    R(t, S) = (1 + F·t/S)^(−d) with F = 0.9^(−1/d) − 1, so R(S, S) = 0.9 (FSRS-6; d = w20).

    Args:
        elapsed_days: days since the last review (t >= 0), scalar or array.
        stability: stability in days (S > 0), scalar or array, broadcast against ``elapsed_days``.
        decay: d = w20 of the parameters (> 0).

    Returns:
        Retrievability in (0, 1] as a float array (0-d for scalar input; ``float()`` it).

    Raises:
        ValueError: on negative or non-finite days, non-positive stability or decay.
    """
    if not (math.isfinite(decay) and decay > 0):
        raise ValueError("decay must be a positive number")
    if isinstance(elapsed_days, int | float) and isinstance(stability, int | float):
        # One value, as in every review: plain checks instead of array reductions, several times
        # faster (bench/bench_simulate.py); np.power on a 0-d array is bit-identical to the array path.
        if not (math.isfinite(elapsed_days) and elapsed_days >= 0):
            raise ValueError("elapsed_days must be finite and >= 0")
        if not (math.isfinite(stability) and stability > 0):
            raise ValueError("stability must be finite and > 0")
        factor = 0.9 ** (-1.0 / decay) - 1.0
        return np.power(np.asarray(1.0 + factor * float(elapsed_days) / float(stability)), -decay)
    t = np.asarray(elapsed_days, dtype=np.float64)
    s = np.asarray(stability, dtype=np.float64)
    if not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("elapsed_days must be finite and >= 0")
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        raise ValueError("stability must be finite and > 0")
    factor = 0.9 ** (-1.0 / decay) - 1.0
    return np.power(1.0 + factor * t / s, -decay)


def state_retrievability(
    state: MemoryState, *, at: datetime, parameters: Parameters | None = None
) -> float | None:
    """The predicted chance that the person answers correctly at ``at``.

    Counts calendar days in the time zone of ``at``, like ``review``, so it equals the
    ``retrievability_before`` a review at ``at`` would log.

    Args:
        state: the memory state.
        at: the moment asked about (aware).
        parameters: the weights; ``Parameters.DEFAULT`` when None.

    Returns:
        R in (0, 1], or None before the first review (FSRS has no memory state then).

    Raises:
        ValueError: when ``at`` is naive or before the last review.
    """
    _require_aware(at, "at")
    if state.last_review is None or state.stability is None:
        return None
    if at < state.last_review:
        raise ValueError("at is before the last review")
    parameters = parameters or Parameters.DEFAULT
    elapsed = (_local_date(at, at.tzinfo) - _local_date(state.last_review, at.tzinfo)).days
    return float(retrievability(elapsed, state.stability, parameters.decay))


def fit_parameters(
    reviews: Sequence[ReviewRecord],
    *,
    min_reviews: int = MIN_FIT_REVIEWS,
    version: int = 1,
    training: TrainingSettings = ENGINE_TRAINING,
) -> Parameters | None:
    """Fit FSRS-6 weights to a review log with fsrs-rs.

    Reviews are grouped by ``item_id`` and put in time order. Only the first review of each later
    calendar day counts as a long-term review and becomes a training item; same-day repeats stay
    in the history (FSRS-6 short-term stability), as fsrs-rs and the srs-benchmark do.

    Args:
        reviews: the log, in any order.
        min_reviews: how many long-term reviews are needed before fitting (see ``MIN_FIT_REVIEWS``).
        version: the version number to give the fitted parameters.
        training: how fsrs-rs trains; ``STOCK_TRAINING`` is fsrs-rs as shipped, for comparison.

    Returns:
        The fitted parameters, or None when there are fewer than ``min_reviews`` long-term
        reviews (the caller then keeps ``Parameters.DEFAULT``).

    Raises:
        ValueError: when ``min_reviews`` < 1.
    """
    if min_reviews < 1:
        raise ValueError("min_reviews must be at least 1")
    histories = _histories(reviews)
    items = _fsrs_rs.training_items((h.steps, h.times) for h in histories.values())
    if len(items) < min_reviews:
        return None
    weights = _fsrs_rs.compute_weights(items, start=Parameters.DEFAULT.weights, settings=training)
    # fsrs-rs clips in float32 with its own bounds; py-fsrs validates against its bounds.
    clipped = tuple(
        min(max(w, low), high)
        for w, low, high in zip(weights, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )
    return Parameters(weights=clipped, version=version)


def replay_states(
    reviews: Sequence[ReviewRecord],
    *,
    parameters: Parameters | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
) -> dict[str | int, MemoryState]:
    """Rebuild every item's memory state from its review log in one batch (fsrs-rs).

    Use it after a refit, like py-fsrs ``reschedule_card``. The result equals applying ``review``
    to each answer in turn, up to float32 rounding in fsrs-rs (ratings 2 and 4 are allowed here),
    except after a stability beyond 36,500 days, where fsrs-rs caps it and py-fsrs does not.

    Args:
        reviews: the log, in any order.
        parameters: the weights; ``Parameters.DEFAULT`` when None.
        desired_retention: target retention for the due dates, 0.70-0.97.

    Returns:
        item_id -> state after its last review. Items without reviews are absent.

    Raises:
        ValueError: when the retention is out of range.
    """
    _validate_retention(desired_retention)
    parameters = parameters or Parameters.DEFAULT
    histories = _histories(reviews)
    if not histories:
        return {}
    ids = list(histories)
    stability, difficulty = _fsrs_rs.stabilities_and_difficulties(
        [histories[item_id].steps for item_id in ids], parameters.weights
    )
    factor = 0.9 ** (-1.0 / parameters.decay) - 1.0
    states: dict[str | int, MemoryState] = {}
    for item_id, s, d in zip(ids, stability, difficulty, strict=True):
        steps, last = histories[item_id].steps, histories[item_id].last_review
        # FSRS-6 interval t = S / F · (r^(−1/d) − 1), rounded as py-fsrs rounds it.
        days = round(float(s) / factor * (desired_retention ** (-1.0 / parameters.decay) - 1.0))
        days = min(max(days, 1), _MAXIMUM_INTERVAL)
        zone = last.tzinfo
        states[item_id] = MemoryState(
            stability=float(s),
            difficulty=min(max(float(d), 1.0), 10.0),
            due=_start_of_day(_local_date(last, zone) + timedelta(days=days), zone),
            last_review=last,
            reps=len(steps),
            lapses=sum(1 for rating, delta in steps if rating == Rating.Again and delta > 0),
        )
    return states


@dataclass(frozen=True)
class _History:
    steps: list[_fsrs_rs.Step]  # (rating, calendar days since the previous review), in time order
    times: list[float]  # POSIX timestamp of each step
    last_review: datetime


def _histories(reviews: Sequence[ReviewRecord]) -> dict[str | int, _History]:
    """Group a review log by item, in time order (ties keep the input order)."""
    # Sorting on (timestamp, position) floats and ints is several times faster than comparing
    # aware datetimes, which matters at 100,000 reviews (bench/bench_fit.py).
    grouped: dict[str | int, list[tuple[float, int]]] = defaultdict(list)
    for index, record in enumerate(reviews):
        grouped[record.item_id].append((record.reviewed_at.timestamp(), index))
    histories: dict[str | int, _History] = {}
    for item_id, keys in grouped.items():
        keys.sort()
        steps: list[_fsrs_rs.Step] = []
        previous: int | None = None
        for _, index in keys:
            record = reviews[index]
            # The calendar day in the review's own time zone.
            day = record.reviewed_at.date().toordinal()
            # max(0, …): someone who flies west can answer later on an earlier local date.
            steps.append((int(record.rating), 0 if previous is None else max(0, day - previous)))
            previous = day if previous is None else max(previous, day)
        histories[item_id] = _History(
            steps=steps, times=[time for time, _ in keys], last_review=reviews[keys[-1][1]].reviewed_at
        )
    return histories


@lru_cache(maxsize=64)
def _scheduler(weights: tuple[float, ...], desired_retention: float) -> Scheduler:
    # No learning or relearning steps: a wrong answer is asked again on a later day, not in
    # ten minutes. No fuzz: the same answers give the same schedule, which tests can pin.
    return Scheduler(
        parameters=weights,
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def _require_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _validate_retention(desired_retention: float) -> None:
    if not MIN_DESIRED_RETENTION <= desired_retention <= MAX_DESIRED_RETENTION:
        raise ValueError(
            f"desired_retention must lie within {MIN_DESIRED_RETENTION}-{MAX_DESIRED_RETENTION}, "
            f"got {desired_retention!r}"
        )


def _optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _local_date(moment: datetime, zone: tzinfo | None) -> date:
    # zone is always set (aware datetimes only); astimezone(None) would mean the server's zone.
    return moment.astimezone(zone or UTC).date()


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _existing_time(moment: datetime) -> datetime:
    """A wall-clock time that does not exist (in a DST gap) moved to the real instant it denotes.

    Python compares such times with other time zones as unequal to everything, so a state holding one
    would not survive a JSON round trip.
    """
    return moment.astimezone(UTC).astimezone(moment.tzinfo)


def _start_of_day(day: date, zone: tzinfo | None) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)
