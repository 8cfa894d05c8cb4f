"""What managers do with the coaching signals, in the simulation (docs/coaching.md "Interventions").

- Ignored reminders: after ``IGNORED_LIMIT`` in a row the person is on the manager's agenda; the
  manager holds a conversation that week with chance ``manager_acts``; it works with the person's
  ``conversation_effect`` (they practise that day and answer reminders again), otherwise the refusal
  is confirmed and nobody insists.
- Slowly dropping off (``segments`` signal): one step a week: a practice slot in the calendar, then
  another, then the manager's agenda; closed after 3 on-time answers in a week.
- Learning together: each Monday ``pairing.propose_pairs`` on the training's mean R (FSRS, as the
  product computes it); the manager approves with chance ``pair_accepted``; a pair meets once a week
  for 15 minutes for 3 weeks, and each meeting is one presentation of every learning point for both.
  While paired, the mentee answers reminders more often (+0.2, an assumption).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import numpy as np

from beklijf.engine import pairing, segments
from beklijf.engine.simulate.learner import Traces

if TYPE_CHECKING:
    from beklijf.engine.simulate.strategies import DayLog, EngineStates
from beklijf.engine.simulate.population import Behaviour, Engagement, Population

MEETING_MINUTES = 15.0
PAIR_DAYS = 21
PAIR_RESPONSE_BOOST = 0.2
WINDOW_DAYS = 28
_EPOCH = dt.date(2026, 1, 6)  # day 0, for the period dates the signals carry


class Coach:
    """The managers of one simulated organisation under the coaching strategy."""

    def __init__(self, population: Population, behaviour: Behaviour, *, points: int, days: int,
                 rng: np.random.Generator) -> None:  # fmt: skip
        people = population.people
        self.population, self.behaviour, self.rng, self.points, self.days = (
            population,
            behaviour,
            rng,
            points,
            days,
        )
        self.minutes = np.zeros(people)
        self.manager_minutes = 0.0
        self.conversations = 0
        self.pairs_made = 0
        self.on_agenda = np.zeros(people, dtype=bool)
        self.conversation_day = np.full(people, -1)
        self.refusal_confirmed = np.zeros(people, dtype=bool)
        self.restored = np.zeros(people, dtype=bool)
        self.restored_on = np.full(people, -1)
        self.slot_day = np.full(people, -1)
        self.escalation = np.zeros(people, dtype=np.int64)
        self.pairs: list[tuple[int, int, int]] = []  # (mentor, mentee, start day)
        # The first member of each team (teams are consecutive numbers) manages the others.
        leaders = np.searchsorted(population.team, population.team)
        self.manager = np.where(leaders == np.arange(people), -1, leaders)

    # Daily hooks, in the order the strategy calls them.

    def adjust_response(self, response: np.ndarray, day: int) -> np.ndarray:
        responsive = self.behaviour.response[Engagement.RESPONSIVE]
        response = np.where(self.restored, np.maximum(response, responsive), response)
        for _mentor, mentee, start in self.pairs:
            if start <= day < start + PAIR_DAYS:
                response[mentee] = min(1.0, response[mentee] + PAIR_RESPONSE_BOOST)
        return response

    def restored_today(self, day: int) -> np.ndarray:
        return self.restored_on == day

    def forced_opens(self, day: int) -> np.ndarray:
        """People who practise today because of a conversation that worked or a slot they kept."""
        return (self.restored_on == day) | (self.slot_day == day)

    def after_prompts(self, day: int, ignored: np.ndarray) -> None:
        from beklijf.engine.simulate.strategies import IGNORED_LIMIT

        self.on_agenda &= ignored > 0  # answered: the agenda item is done
        new = (ignored >= IGNORED_LIMIT) & ~self.on_agenda & ~self.refusal_confirmed
        self._to_agenda(np.nonzero(new)[0], day)

    def end_of_day(self, day: int, *, traces: Traces, log: DayLog, states: EngineStates,
                   now: float) -> None:  # fmt: skip
        self._hold_conversations(day)
        self._meet_pairs(day, traces, now)
        if (day + 1) % 7 == 0:  # a Monday (day 0 is a Tuesday)
            self._weekly(day, log, states)

    # Interventions.

    def _to_agenda(self, people: np.ndarray, day: int) -> None:
        self.on_agenda[people] = True
        acts = people[self.rng.random(people.size) < self.behaviour.manager_acts]
        self.conversation_day[acts] = day + self.rng.integers(1, 6, size=acts.size)

    def _hold_conversations(self, day: int) -> None:
        today = np.nonzero(self.conversation_day == day)[0]
        if today.size == 0:
            return
        self.conversation_day[today] = -1
        self.conversations += today.size
        self.minutes[today] += MEETING_MINUTES
        self.manager_minutes += MEETING_MINUTES * today.size
        effect = np.array(
            [self.behaviour.conversation_effect[Engagement(e)] for e in self.population.engagement[today]]
        )
        works = self.population.conversation_draw[today] < effect
        self.restored[today[works]] = True
        self.restored_on[today[works]] = day + 1
        self.refusal_confirmed[today[~works]] = True

    def _meet_pairs(self, day: int, traces: Traces, now: float) -> None:
        meeting = [
            (m, e)
            for m, e, start in self.pairs
            if start <= day < start + PAIR_DAYS and (day - start) % 7 == 0
        ]
        away = self.population.away[:, day]
        meeting = [(m, e) for m, e in meeting if not away[m] and not away[e]]
        if not meeting:
            return
        people = np.array([p for pair in meeting for p in pair])
        self.minutes[people] += MEETING_MINUTES
        who = np.repeat(people, self.points)
        traces.present(now + 3600.0, who, np.tile(np.arange(self.points), people.size))

    def _weekly(self, day: int, log: DayLog, states: EngineStates) -> None:
        r_points, growth = _engine_numbers(states, day)
        signals = segments.classify_cohort(self._activities(day, log, r_points, growth))
        dropping = np.array([any(s.segment is segments.Segment.DROPPING_OFF for s in signals[n])
                             for n in range(self.population.people)])  # fmt: skip
        self._escalate(day, dropping, log)
        self._pair(day, r_points)

    def _activities(
        self, day: int, log: DayLog, r_points: np.ndarray, growth: np.ndarray
    ) -> list[segments.LearnerActivity]:
        start = max(1, day - WINDOW_DAYS + 1)
        window = slice(start, day + 1)
        due, on_time = log.due[:, window].sum(1), log.on_time[:, window].sum(1)
        answers, correct = log.answers[:, window].sum(1), log.correct[:, window].sum(1)
        prompted = log.prompted[:, window].sum(1)
        weekly = _weekly_rates(log, day)
        team_r = _team_means(self.population.team, r_points)
        activities = []
        for n in range(self.population.people):
            rs = tuple(float(r) for r in r_points[n] if not math.isnan(r))
            activities.append(
                segments.LearnerActivity(
                    employee_id=n, period_start=_EPOCH + dt.timedelta(days=start), period_end=_EPOCH + dt.timedelta(days=day),
                    due_items=int(due[n]), on_time=int(min(on_time[n], due[n])), weekly_on_time=weekly[n],
                    first_attempts=int(answers[n]), first_correct=int(correct[n]), prompted_answers=int(prompted[n]),
                    unprompted_answers=int(answers[n] - prompted[n]),
                    stability_growth=None if math.isnan(growth[n]) else float(growth[n]), retrievabilities=rs,
                    team_mean_r=None if math.isnan(team_r[n]) else float(team_r[n]),
                    refusal_confirmed=bool(self.refusal_confirmed[n]),
                )
            )  # fmt: skip
        return activities

    def _escalate(self, day: int, dropping: np.ndarray, log: DayLog) -> None:
        week = slice(max(1, day - 6), day + 1)
        recovered = log.on_time[:, week].sum(1) >= 3
        self.escalation[recovered] = 0
        step = dropping & ~recovered & ~self.refusal_confirmed
        self.escalation[step] += 1
        slot = step & (self.escalation <= 2)
        keeps = self.rng.random(slot.size) < 0.5  # a calendar slot is kept half the time (assumption)
        self.slot_day[slot & keeps] = day + 1
        self._to_agenda(np.nonzero(step & (self.escalation == 3) & ~self.on_agenda)[0], day)

    def _pair(self, day: int, r_points: np.ndarray) -> None:
        self.pairs = [p for p in self.pairs if day < p[2] + PAIR_DAYS]
        load: dict[int, int] = {}
        for mentor, _mentee, _start in self.pairs:
            load[mentor] = load.get(mentor, 0) + 1
        r_training = _nanmean_rows(r_points)
        candidates = [
            pairing.Candidate(employee_id=n, team_id=int(self.population.team[n]), role=None, location=None,
                              manager_id=int(self.manager[n]) if self.manager[n] >= 0 else None,
                              opted_in=bool(self.population.opted_in[n]), r=float(r_training[n]),
                              active_pairs=load.get(n, 0))
            for n in range(self.population.people) if not math.isnan(r_training[n])
        ]  # fmt: skip
        proposals = pairing.propose_pairs(
            candidates, active_mentees={e for _m, e, _s in self.pairs}, existing_load=load
        )
        for proposal in proposals:
            if self.rng.random() < self.behaviour.pair_accepted:
                self.pairs.append((proposal.mentor_id, proposal.mentee_id, day + 1))
                self.pairs_made += 1


def _engine_numbers(states: EngineStates, day: int) -> tuple[np.ndarray, np.ndarray]:
    """FSRS R per person and point today (NaN before a first review) and log-stability per review."""
    reps = states.reps.sum(axis=1)
    with np.errstate(all="ignore"):
        growth = np.where(reps > 0, np.nansum(np.log(states.stability), axis=1) / np.maximum(reps, 1), np.nan)
    return states.retrievability(day), growth


def _weekly_rates(log: DayLog, day: int) -> list[tuple[float | None, ...]]:
    """On-time rate per week over the last 8 weeks, oldest first; None for a week without due items."""
    weeks = []
    for end in range(day, max(0, day - 56), -7):
        window = slice(max(1, end - 6), end + 1)
        due, on_time = log.due[:, window].sum(1), log.on_time[:, window].sum(1)
        weeks.append(np.where(due > 0, np.minimum(on_time, due) / np.maximum(due, 1), np.nan))
    matrix = np.array(weeks[::-1]).T
    return [tuple(None if math.isnan(x) else float(x) for x in row) for row in matrix]


def _team_means(team: np.ndarray, r_points: np.ndarray) -> np.ndarray:
    person = _nanmean_rows(r_points)
    with np.errstate(all="ignore"):
        sums = np.bincount(team, weights=np.nan_to_num(person))
        counts = np.bincount(team, weights=~np.isnan(person))
        return np.where(counts[team] > 0, sums[team] / np.maximum(counts[team], 1), np.nan)


def _nanmean_rows(values: np.ndarray) -> np.ndarray:
    """Mean of each row over its non-NaN entries; NaN for a row without any (no warning)."""
    known = ~np.isnan(values)
    counts = known.sum(axis=1)
    sums = np.where(known, values, 0.0).sum(axis=1)
    return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
