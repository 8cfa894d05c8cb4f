"""The simulated workforce: who opens the quiz when, and how people react to reminders and managers.

All numbers here are assumptions, stated once and configurable (``Behaviour``). The default mix takes
the "23% self-driven" of the article as a starting value (EVIDENCE.md 1.4: no primary source; Gallup
counts 23% engaged worldwide); the rest need an impulse, respond to it at different rates, and a few
never take part. Response rates are not fitted to anything: the point of the simulation is to compare
strategies on the same people, not to predict one organisation's figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from beklijf.engine.simulate.learner import LearnerModel, draw_population

__all__ = ["Behaviour", "Engagement", "Population", "draw"]


class Engagement(IntEnum):
    SELF_DRIVEN = 0
    RESPONSIVE = 1  # answers most reminders
    RELUCTANT = 2  # answers some reminders
    DROPPING_OFF = 3  # starts like the responsive, answers fewer reminders week by week
    REFUSER = 4  # hardly ever answers


@dataclass(frozen=True)
class Behaviour:
    """How people behave; every field is an assumption to vary (``beklijf simulate`` takes ``--mix``).

    Attributes:
        mix: share of each engagement type (sums to 1).
        own_initiative: chance to open the quiz unprompted on a working day with questions waiting.
        response: chance to open it on a day with a reminder (given not already on own initiative).
        weekly_decline: factor per week on the response of the dropping-off type.
        conversation_effect: chance a manager's conversation restores someone's response
            (to the responsive rate; a refuser who is won over answers like the reluctant).
        manager_acts: chance a manager holds the conversation in the week an item appears on the agenda.
        pairing_opt_in: share of people who opt in to learning together.
        pair_accepted: chance a manager approves a proposed pair.
        leave_share: share of people with a two-week holiday in the period.
        sick_rate: chance per working day to fall ill (for 1-5 working days).
        weekend_factor: own initiative at the weekend, as a fraction of the working-day chance.
    """

    mix: dict[Engagement, float] = field(
        default_factory=lambda: {
            Engagement.SELF_DRIVEN: 0.23,
            Engagement.RESPONSIVE: 0.40,
            Engagement.RELUCTANT: 0.20,
            Engagement.DROPPING_OFF: 0.12,
            Engagement.REFUSER: 0.05,
        }
    )
    own_initiative: dict[Engagement, float] = field(
        default_factory=lambda: {
            Engagement.SELF_DRIVEN: 0.80,
            Engagement.RESPONSIVE: 0.05,
            Engagement.RELUCTANT: 0.02,
            Engagement.DROPPING_OFF: 0.05,
            Engagement.REFUSER: 0.0,
        }
    )
    response: dict[Engagement, float] = field(
        default_factory=lambda: {
            Engagement.SELF_DRIVEN: 0.90,
            Engagement.RESPONSIVE: 0.70,
            Engagement.RELUCTANT: 0.35,
            Engagement.DROPPING_OFF: 0.65,
            Engagement.REFUSER: 0.02,
        }
    )
    weekly_decline: float = 0.80
    conversation_effect: dict[Engagement, float] = field(
        default_factory=lambda: {
            Engagement.SELF_DRIVEN: 0.9,
            Engagement.RESPONSIVE: 0.8,
            Engagement.RELUCTANT: 0.5,
            Engagement.DROPPING_OFF: 0.6,
            Engagement.REFUSER: 0.2,
        }
    )
    manager_acts: float = 0.7
    pairing_opt_in: float = 0.5
    pair_accepted: float = 0.8
    leave_share: float = 0.3
    sick_rate: float = 0.01
    weekend_factor: float = 0.1

    def __post_init__(self) -> None:
        if set(self.mix) != set(Engagement) or any(v < 0 for v in self.mix.values()):
            raise ValueError("mix needs a share >= 0 for every engagement type")
        if abs(sum(self.mix.values()) - 1.0) > 1e-6:
            raise ValueError(f"the shares of the mix must add up to 1, got {sum(self.mix.values()):g}")
        for table in (self.own_initiative, self.response, self.conversation_effect):
            if set(table) != set(Engagement) or not all(0 <= v <= 1 for v in table.values()):
                raise ValueError("every engagement type needs a chance within 0..1")
        for name in ("weekly_decline", "manager_acts", "pairing_opt_in", "pair_accepted", "leave_share",
                     "sick_rate", "weekend_factor"):  # fmt: skip
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must lie within 0..1")


@dataclass(frozen=True)
class Population:
    """One drawn population; the same for every strategy of a run (same seed, same people)."""

    engagement: np.ndarray  # (people,) Engagement values
    own_initiative: np.ndarray  # (people,) chance per working day
    response: np.ndarray  # (people,) chance per reminder, before any decline
    team: np.ndarray  # (people,) team number; the first member of each team is its manager
    opted_in: np.ndarray  # (people,) bool, for pairing
    away: np.ndarray  # (people, days + 1) bool: on leave or ill
    weekend: np.ndarray  # (days + 1,) bool
    alpha: np.ndarray  # (people,) decay of the learner model
    offset: np.ndarray  # (people, points) activation offset of the learner model
    conversation_draw: np.ndarray  # (people,) uniform draw: does a conversation work for this person

    @property
    def people(self) -> int:
        return int(self.engagement.size)

    @property
    def responders(self) -> np.ndarray:
        """People who take part when asked: the self-driven and the responsive (a type, so the
        same people under every strategy)."""
        return np.isin(self.engagement, (Engagement.SELF_DRIVEN, Engagement.RESPONSIVE))


def draw(
    *, people: int, points: int, days: int, seed: int, model: LearnerModel, behaviour: Behaviour,
    team_size: int = 10, first_weekday: int = 1,
) -> Population:  # fmt: skip
    """Draw a population; day 0 is the training day, a Tuesday by default (0 = Monday)."""
    rng = np.random.default_rng([seed, 1])  # a stream of its own: strategies never shift the draw
    types = np.array(list(behaviour.mix), dtype=np.int64)
    shares = np.array([behaviour.mix[t] for t in behaviour.mix])
    engagement = rng.choice(types, size=people, p=shares / shares.sum())
    # People of one type differ too: each rate is scaled by a factor in 0.7-1.3.
    spread = rng.uniform(0.7, 1.3, size=(2, people))
    own = np.clip(np.array([behaviour.own_initiative[Engagement(e)] for e in engagement]) * spread[0], 0, 1)
    response = np.clip(np.array([behaviour.response[Engagement(e)] for e in engagement]) * spread[1], 0, 1)
    weekend = (first_weekday + np.arange(days + 1)) % 7 >= 5
    away = np.zeros((people, days + 1), dtype=bool)
    on_leave = rng.random(people) < behaviour.leave_share
    starts = rng.integers(1, max(2, days - 13), size=people)
    for offset in range(14):
        column = np.minimum(starts + offset, days)
        away[on_leave, column[on_leave]] = True
    ill = (rng.random((people, days + 1)) < behaviour.sick_rate) & ~weekend
    for person, day in zip(*np.nonzero(ill), strict=True):
        away[person, day : day + int(rng.integers(1, 6))] = True
    alpha, offset_matrix = draw_population(model, rng, people, points)
    return Population(
        engagement=engagement,
        own_initiative=own,
        response=response,
        team=np.arange(people) // team_size,
        opted_in=rng.random(people) < behaviour.pairing_opt_in,
        away=away,
        weekend=weekend,
        alpha=alpha,
        offset=offset_matrix,
        conversation_draw=rng.random(people),
    )
