"""Follow-up strategies run day by day on one population, through beklijf's own engine.

``none``, ``refresher`` and ``fixed`` are what organisations do today. ``beklijf`` schedules every
learning point with ``beklijf.engine.memory.review`` (FSRS-6, the product's code, not a copy) and sends
reminders by the product's rules (notify/nudges.py: working days only, at most one a day and
``WEEKLY_NUDGE_CAP`` a week, none after ``IGNORED_LIMIT`` ignored in a row until the person answers).
``beklijf_coaching`` adds what managers do with the coaching signals: the signals are computed each
Monday by ``beklijf.engine.segments.classify_cohort``, pairs proposed by
``beklijf.engine.pairing.propose_pairs``, and ignored reminders put the person on the manager's agenda.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

import numpy as np

from beklijf.engine import memory
from beklijf.engine.simulate import coaching
from beklijf.engine.simulate.learner import DAY, HOUR, LearnerModel, Traces
from beklijf.engine.simulate.population import Behaviour, Engagement, Population

__all__ = ["DayLog", "Strategy", "StrategyRun", "run_strategy"]

# The product's reminder rules (notify/nudges.py IGNORED_LIMIT, notify/models.py Preference.weekly_cap,
# people/models.py Organization.daily_question_cap), restated: the engine may not import the apps.
IGNORED_LIMIT = 3
WEEKLY_NUDGE_CAP = 3
DAILY_QUESTION_CAP = 5
MINUTES_PER_QUESTION = 0.4  # five questions in about two minutes (docs/memory.md)
FIXED_DAYS = (1, 7, 28)
REFRESHER_DAY = 28
# The training ends at 16:30 on day 0; people answer at 10:00 and recall is measured at 12:00.
_ANSWER_TIME = -6.5 * HOUR
_MEASURE_TIME = -4.5 * HOUR
_ENGINE_START = dt.datetime(2026, 1, 6, 16, 30, tzinfo=dt.UTC)  # a Tuesday, like day 0 of the population


class Strategy(StrEnum):
    NONE = "none"
    REFRESHER = "refresher"
    FIXED = "fixed"
    BEKLIJF = "beklijf"
    COACHING = "beklijf_coaching"
    # Not in the default set (it costs a fit a month): beklijf with the organisation's own FSRS fit.
    REFIT = "beklijf_refit"


DEFAULT_STRATEGIES = (Strategy.NONE, Strategy.REFRESHER, Strategy.FIXED, Strategy.BEKLIJF, Strategy.COACHING)
REFIT_EVERY_DAYS = 28  # as an operator running `beklijf manage fit_memory` once a month


@dataclass
class DayLog:
    """Per person and day counts, for the coaching signals and the report."""

    due: np.ndarray  # items that fell due
    on_time: np.ndarray  # of those, answered on the day
    answers: np.ndarray
    correct: np.ndarray
    prompted: np.ndarray  # answers on a day with a reminder
    prompts: np.ndarray  # reminders sent

    @classmethod
    def empty(cls, people: int, days: int) -> DayLog:
        def zeros() -> np.ndarray:
            return np.zeros((people, days + 1), dtype=np.int64)

        return cls(zeros(), zeros(), zeros(), zeros(), zeros(), zeros())


@dataclass
class StrategyRun:
    """What one strategy did to one population."""

    strategy: Strategy
    curve: np.ndarray  # (days + 1,) mean P(recall) of all points at noon each day
    curve_responders: np.ndarray
    log: DayLog
    extra_minutes: np.ndarray  # (people,) pair sessions and conversations
    manager_minutes: float
    conversations: int
    pairs: int


class EngineStates:
    """The product's memory states (FSRS-6) of every (person, point), as arrays.

    Each answer goes through ``beklijf.engine.memory.review``, as in the product. That function is
    pure and its result depends only on (stability, difficulty, calendar days since the last review,
    correct), so each distinct input is computed once and reused, across runs in the same process
    (the inputs are values, so sharing cannot leak one run into another).

    With ``keep_log`` the answers are also kept as ``memory.ReviewRecord``s, so ``refit`` can fit
    FSRS-6 on them with ``memory.fit_parameters``, as the product does per organisation.
    """

    _cache: ClassVar[dict[tuple, tuple[float, float, int]]] = {}
    _CACHE_LIMIT = 400_000  # about 80 MB; cleared when full

    def __init__(self, people: int, points: int, *, keep_log: bool = False) -> None:
        self.parameters = memory.Parameters.DEFAULT
        self._prefix: tuple | None = None  # the weights, in the cache key once they are not the defaults
        self._records: list[memory.ReviewRecord] | None = [] if keep_log else None
        self.points = points
        self.stability = np.full((people, points), np.nan)
        self.difficulty = np.full((people, points), np.nan)
        self.reps = np.zeros((people, points), dtype=np.int64)
        self.last_day = np.zeros((people, points), dtype=np.int64)
        first = memory.new_state(at=_ENGINE_START)
        self.first_due_day = (first.due.date() - _ENGINE_START.date()).days
        self._new = first
        self._base = _ENGINE_START.replace(hour=10, minute=0)

    def review(self, who: np.ndarray, which: np.ndarray, correct: np.ndarray, day: int) -> np.ndarray:
        """Apply today's answers; returns the next due day of each."""
        due = np.empty(who.size)
        for i, (n, p, right) in enumerate(zip(who.tolist(), which.tolist(), correct.tolist(), strict=True)):
            s = self.stability[n, p]
            key: tuple = (
                (self._prefix, None, right)
                if math.isnan(s)
                else (self._prefix, s, self.difficulty[n, p], day - int(self.last_day[n, p]), right)
            )
            result = self._cache.get(key)
            if result is None:
                if len(self._cache) >= self._CACHE_LIMIT:
                    self._cache.clear()
                result = self._cache[key] = self._compute(key)
            self.stability[n, p], self.difficulty[n, p], interval = result
            self.reps[n, p] += 1
            self.last_day[n, p] = day
            due[i] = day + interval
        if self._records is not None:
            at = self._base + dt.timedelta(days=day)
            self._records += [
                memory.ReviewRecord(
                    item_id=n * self.points + p, rating=memory.rating_for_answer(right), reviewed_at=at
                )
                for n, p, right in zip(who.tolist(), which.tolist(), correct.tolist(), strict=True)
            ]
        return due

    def refit(self) -> bool:
        """Fit FSRS-6 on the answers so far (from 1,000 long-term reviews on); True when it did."""
        if not self._records:
            return False
        fitted = memory.fit_parameters(self._records, version=self.parameters.version + 1)
        if fitted is None:
            return False
        self.parameters, self._prefix = fitted, fitted.weights
        return True

    def _compute(self, key: tuple) -> tuple[float, float, int]:
        if key[1] is None:
            state, at = self._new, self._base + dt.timedelta(days=self.first_due_day)
        else:
            _prefix, stability, difficulty, elapsed, _right = key
            state = memory.MemoryState(stability=stability, difficulty=difficulty, due=self._base,
                                       last_review=self._base, reps=1, lapses=0)  # fmt: skip
            at = self._base + dt.timedelta(days=elapsed)
        new, outcome = memory.review(state, correct=bool(key[-1]), at=at, parameters=self.parameters)
        assert new.stability is not None and new.difficulty is not None
        return new.stability, new.difficulty, outcome.interval_days

    def retrievability(self, day: int) -> np.ndarray:
        """FSRS R of every (person, point) today, as the product predicts it; NaN before a first review."""
        reviewed = ~np.isnan(self.stability)
        r = np.full(self.stability.shape, np.nan)
        elapsed = np.maximum(0, day - self.last_day[reviewed])
        r[reviewed] = memory.retrievability(elapsed, self.stability[reviewed], self.parameters.decay)
        return r


def _fixed_prompt_days(days: int, weekend: np.ndarray, wanted: tuple[int, ...]) -> set[int]:
    """The scheduled days, moved to the next working day when they fall in a weekend."""
    result = set()
    for day in wanted:
        while day <= days and weekend[day]:
            day += 1
        if day <= days:
            result.add(day)
    return result


def run_strategy(
    strategy: Strategy, population: Population, *, days: int, seed: int, model: LearnerModel,
    behaviour: Behaviour,
) -> StrategyRun:  # fmt: skip
    """Simulate ``days`` days after the training under one strategy."""
    people, points = population.offset.shape
    rng = np.random.default_rng([seed, 2, list(Strategy).index(strategy)])
    traces = Traces(model, alpha_person=population.alpha, offset=population.offset)
    everyone = np.repeat(np.arange(people), points)
    traces.present(0.0, everyone, np.tile(np.arange(points), people))  # the training itself
    log = DayLog.empty(people, days)
    due_day = np.full((people, points), np.inf)
    states: EngineStates | None = None
    if strategy is Strategy.FIXED:
        due_day[:] = FIXED_DAYS[0]
    elif strategy is Strategy.REFRESHER:
        due_day[:] = REFRESHER_DAY
    elif strategy in (Strategy.BEKLIJF, Strategy.COACHING, Strategy.REFIT):
        states = EngineStates(people, points, keep_log=strategy is Strategy.REFIT)
        due_day[:] = states.first_due_day
    _count_due(log, due_day, days)
    prompt_days = {
        Strategy.FIXED: _fixed_prompt_days(days, population.weekend, FIXED_DAYS),
        Strategy.REFRESHER: _fixed_prompt_days(days, population.weekend, (REFRESHER_DAY,)),
    }.get(strategy, set())
    nudging = states is not None
    coach = (
        coaching.Coach(population, behaviour, points=points, days=days, rng=rng)
        if strategy is Strategy.COACHING
        else None
    )

    ignored = np.zeros(people, dtype=np.int64)
    curve = np.empty(days + 1)
    curve_responders = np.empty(days + 1)
    responders = population.responders
    decline_from = np.zeros(people)  # the day the dropping-off decline (re)started
    dropping = population.engagement == Engagement.DROPPING_OFF
    for day in range(days + 1):
        if strategy is Strategy.REFIT and states is not None and day > 0 and day % REFIT_EVERY_DAYS == 0:
            states.refit()
        if day > 0:
            weekend = bool(population.weekend[day])
            away = population.away[:, day]
            has_due = (due_day <= day).any(axis=1)
            if nudging:
                recent = log.prompts[:, max(0, day - 6) : day].sum(axis=1)
                prompted = (
                    has_due & ~away & (ignored < IGNORED_LIMIT) & (recent < WEEKLY_NUDGE_CAP) & (not weekend)
                )
            else:
                prompted = np.full(people, day in prompt_days)
            response = population.response.copy()
            if coach is not None:
                response = coach.adjust_response(response, day)
                decline_from = np.where(coach.restored_today(day), day, decline_from)
            weeks = np.maximum(0.0, day - decline_from) / 7.0
            response = np.where(dropping, response * behaviour.weekly_decline**weeks, response)
            own = population.own_initiative * (behaviour.weekend_factor if weekend else 1.0)
            opens = (
                ~away & has_due & ((rng.random(people) < own) | (prompted & (rng.random(people) < response)))
            )
            if coach is not None:
                opens |= coach.forced_opens(day) & has_due & ~away
            log.prompts[:, day] = prompted
            ignored = np.where(opens, 0, ignored + (prompted & ~opens))
            if coach is not None:
                coach.after_prompts(day, ignored)
            cap = DAILY_QUESTION_CAP if nudging else points
            who, which = _todays_questions(due_day, opens, day, cap)
            now = day * DAY + _ANSWER_TIME
            correct = rng.random(who.size) < traces.recall(now, who, which)
            on_time = due_day[who, which] == day
            traces.present(now, who, which)
            np.add.at(log.answers[:, day], who, 1)
            np.add.at(log.correct[:, day], who, correct)
            np.add.at(log.on_time[:, day], who, on_time)
            np.add.at(log.prompted[:, day], who, prompted[who])
            if states is not None:  # the beklijf strategies
                due_day[who, which] = states.review(who, which, correct, day)
            elif strategy is Strategy.FIXED:
                later = [d for d in FIXED_DAYS if d > day]
                due_day[who, which] = later[0] if later else np.inf
            else:
                due_day[who, which] = np.inf
            _count_due(log, due_day[who, which], days, who)
            if coach is not None and states is not None:
                coach.end_of_day(day, traces=traces, log=log, states=states, now=now)
        measure = day * DAY + _MEASURE_TIME if day > 0 else 1 * HOUR
        recall = traces.recall(measure)
        curve[day] = recall.mean()
        curve_responders[day] = recall[responders].mean() if responders.any() else np.nan
    return StrategyRun(
        strategy=strategy,
        curve=curve,
        curve_responders=curve_responders,
        log=log,
        extra_minutes=coach.minutes if coach is not None else np.zeros(people),
        manager_minutes=coach.manager_minutes if coach is not None else 0.0,
        conversations=coach.conversations if coach is not None else 0,
        pairs=coach.pairs_made if coach is not None else 0,
    )


def _todays_questions(
    due_day: np.ndarray, opens: np.ndarray, day: int, cap: int
) -> tuple[np.ndarray, np.ndarray]:
    """(person, point) of today's answers: due points of those who opened, longest overdue first, capped.

    The product asks the lowest predicted R first; among points due today the longest overdue is the
    same order up to ties.
    """
    waiting = (due_day <= day) & opens[:, np.newaxis]
    order = np.argsort(np.where(waiting, due_day, np.inf), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(
        rank, order, np.arange(due_day.shape[1])[np.newaxis, :].repeat(due_day.shape[0], 0), axis=1
    )
    chosen = waiting & (rank < cap)
    return np.nonzero(chosen)


def _count_due(log: DayLog, due_day: np.ndarray, days: int, who: np.ndarray | None = None) -> None:
    """Register when each item next falls due (within the horizon)."""
    flat = due_day.reshape(-1) if who is None else due_day
    people = np.repeat(np.arange(due_day.shape[0]), due_day.shape[1]) if who is None else who
    inside = flat <= days
    np.add.at(log.due, (people[inside], flat[inside].astype(np.int64)), 1)
