"""Needs: who needs which training, from skill requirements, current levels and how often a skill is used.

The seed of beklijf: teach employees what they need when they need it. Offering a whole team an Excel
course while some barely use Excel and others already know it is useless. This module turns that into
numbers a manager can read back:

- a skill level is an integer 0..4 (0 none, 1 basic, 2 working, 3 proficient, 4 expert);
- a requirement says which level a job title or a team needs on a skill, and how often it is used;
- the gap is ``max(0, required − current)``; the priority is the gap times the weight of the use
  frequency (``FrequencyWeights``), so a gap on a skill used daily outranks the same gap on one used
  monthly, and a skill used rarely is no need at all;
- a training offer raises a skill to a level; it is recommended to the people it moves toward
  their required level, and for everyone else the reason it is not is kept.

Why frequency: opportunity to use is one of the work-environment factors that decide whether training
transfers at all (EVIDENCE.md 1.2, Baldwin & Ford 1988; Grossman & Salas 2011: opportunity to perform),
and without use what was learned is not maintained. The four frequencies are the answers of the T0
question "opportunity to use in the next 4 weeks: none/monthly/weekly/daily" (EVIDENCE.md, the
measurement moments), so the caller can fill them from what people said.

Every recommendation is a proposal with its reason (``Recommendation.reason`` and the numbers behind
it); the manager decides (GDPR art. 22, as for segments and pairing).

Two paths compute the same result: ``recommend`` is plain Python over dataclasses, easy to read and
fine for a team page; ``recommend_matrix`` is vectorised with numpy for a whole organisation (10,000
people × 50 skills × 40 trainings in well under a second, see ``bench/bench_needs.py``). The tests
check that both agree exactly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any, TypedDict

import numpy as np

__all__ = [
    "DEFAULT_WEIGHTS",
    "MAX_LEVEL",
    "MIN_LEVEL",
    "REASONS",
    "Frequency",
    "FrequencyWeights",
    "Level",
    "Need",
    "NeedReason",
    "Person",
    "Reason",
    "Recommendation",
    "RecommendationMatrix",
    "Requirement",
    "TrainingOffer",
    "by_employee",
    "current_level",
    "gap_matrix",
    "gap_priority",
    "level_matrix",
    "needs",
    "recommend",
    "recommend_matrix",
    "unknown_levels",
]

MIN_LEVEL = 0
MAX_LEVEL = 4

# How far quiz evidence may move an assessed level, in levels (see ``current_level``).
EVIDENCE_STEP = 1.0


def _is_int(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _level(value: object, name: str) -> int:
    """An integer skill level 0..4, or ValueError."""
    if not _is_int(value) or not MIN_LEVEL <= value <= MAX_LEVEL:  # type: ignore[operator]
        raise ValueError(f"{name} must be an integer level {MIN_LEVEL}..{MAX_LEVEL}, got {value!r}")
    return int(value)  # type: ignore[call-overload]


def _current(value: object, name: str) -> float:
    """A possibly fractional current level within 0..4 (a combined level may lie between two), or ValueError."""
    if not _is_number(value) or not MIN_LEVEL <= value <= MAX_LEVEL:  # type: ignore[operator]  # refuses NaN
        raise ValueError(f"{name} must be a number within [{MIN_LEVEL}, {MAX_LEVEL}], got {value!r}")
    return float(value)  # type: ignore[arg-type]


class Frequency(StrEnum):
    """How often a skill is used on the job; the values are stable and safe to store."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    RARELY = "rarely"


class NeedReason(StrEnum):
    """Why a person does or does not need a skill raised; exactly one applies, checked in this order.

    - ``NO_REQUIREMENT``: neither their job title nor their team requires the skill;
    - ``AT_LEVEL``: their current level is at or above the required level (gap 0);
    - ``RARELY_USED``: there is a gap, but they rarely use the skill, so it is no need (weight 0);
    - ``GAP``: there is a gap on a skill they use; priority > 0.
    """

    GAP = "gap"
    AT_LEVEL = "at_level"
    RARELY_USED = "rarely_used"
    NO_REQUIREMENT = "no_requirement"


class Reason(StrEnum):
    """Why a training is or is not recommended to a person.

    The four need reasons, plus ``ABOVE_TRAINING``: the person has a gap, but is already at or above
    the level the training raises to, so it teaches them nothing new (they need a more advanced one).
    ``GAP`` is the only reason that comes with ``recommended=True``.
    """

    GAP = "gap"
    ABOVE_TRAINING = "above_training"
    AT_LEVEL = "at_level"
    RARELY_USED = "rarely_used"
    NO_REQUIREMENT = "no_requirement"


# Codes for the matrix path; the order is also the display order of people not recommended.
REASONS: tuple[Reason, ...] = tuple(Reason)
_CODE = {reason: np.int8(code) for code, reason in enumerate(REASONS)}


class FrequencyWeightsDict(TypedDict):
    daily: float
    weekly: float
    monthly: float


@dataclass(frozen=True)
class FrequencyWeights:
    """How much a gap counts, by how often the skill is used (starting values to calibrate).

    The defaults are ordinal, not proportional to the number of uses: daily use is about 20 times a
    month and weekly about 4, but a skill used every week still matters much more than 4/20 of a
    daily one; a proportional scale would make monthly skills (0.05) vanish. So: daily 1.0 (the gap
    bites every day, and daily use also rehearses whatever the training teaches), weekly 0.7 (regular
    use, enough to keep it up), monthly 0.4 (a real but occasional need, where forgetting between
    uses is likely; EVIDENCE.md 1.3) and rarely 0.0, fixed: a skill that is rarely used is no need,
    because without an opportunity to use it a training does not transfer and is forgotten
    (EVIDENCE.md 1.2). That is the seed's point: do not send people who barely use Excel to an
    Excel course.

    Attributes:
        daily: weight of a skill used every day.
        weekly: weight of a skill used every week.
        monthly: weight of a skill used every month.

    Raises:
        ValueError: unless ``0 < monthly <= weekly <= daily <= 1``.
    """

    daily: float = 1.0
    weekly: float = 0.7
    monthly: float = 0.4

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly"):
            value = getattr(self, name)
            if not _is_number(value) or not 0.0 < value <= 1.0:  # also refuses NaN
                raise ValueError(f"{name} must lie within (0, 1], got {value!r}")
            object.__setattr__(self, name, float(value))
        if not self.monthly <= self.weekly <= self.daily:
            raise ValueError("weights must not fall with more use: monthly <= weekly <= daily")

    def weight(self, frequency: Frequency | str) -> float:
        """Args: frequency: how often the skill is used.

        Returns:
            Its weight in [0, 1]; 0 for ``RARELY``.

        Raises:
            ValueError: on an unknown frequency.
        """
        frequency = Frequency(frequency)
        return 0.0 if frequency is Frequency.RARELY else float(getattr(self, frequency.value))

    def to_dict(self) -> FrequencyWeightsDict:
        """Returns: a JSON-serialisable dict with the three weights (rarely is always 0)."""
        return FrequencyWeightsDict(**asdict(self))  # type: ignore[typeddict-item]

    @classmethod
    def from_dict(cls, source: Mapping[str, Any]) -> FrequencyWeights:
        """Rebuild weights from ``to_dict()`` output; a missing key takes its default.

        Args:
            source: a dict as made by ``to_dict``, possibly partial.

        Returns:
            The weights.

        Raises:
            ValueError: on an unknown key or an invalid value.
        """
        unknown = sorted(set(source) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"unknown frequency weight {', '.join(unknown)}")
        return cls(**source)


DEFAULT_WEIGHTS = FrequencyWeights()


def _weight(frequency: Frequency | str | float, weights: FrequencyWeights) -> float:
    if isinstance(frequency, str):
        return weights.weight(frequency)
    if not _is_number(frequency) or not 0.0 <= frequency <= 1.0:
        raise ValueError(f"frequency must be a Frequency or a weight within [0, 1], got {frequency!r}")
    return float(frequency)


# Levels.


def current_level(
    self_level: float | None, manager_level: float | None, evidence_level: float | None
) -> float | None:
    """Combine what is known about someone's level on a skill into one current level.

    The rule: start from the manager's assessment if there is one, else the self-assessment; quiz
    evidence then moves that by at most one level toward itself. With no assessment at all the
    evidence alone is the level; with nothing at all the level is unknown (None).

    Why: self-reports measured in the same source and context inflate (EVIDENCE.md 1.2, Blume et al.
    2010: "collect from a second source (manager)"), so the manager's view comes first. Quiz evidence
    (e.g. retention on the training's learning points mapped to 0..4) is objective but narrower than
    the skill on the job, so it corrects an assessment by one step rather than replacing it. The
    caller keeps both assessments visible; this is only the number gaps are computed from.

    Args:
        self_level: the person's own assessment, 0..4, or None.
        manager_level: the manager's assessment, 0..4, or None.
        evidence_level: the level the quiz evidence points to, 0..4 (may be fractional), or None.

    Returns:
        The current level within [0, 4], or None when nothing is known.

    Raises:
        ValueError: on a level outside 0..4 or that is not a number.
    """
    known = {
        name: _current(value, name)
        for name, value in (
            ("self_level", self_level),
            ("manager_level", manager_level),
            ("evidence_level", evidence_level),
        )
        if value is not None
    }
    base = known.get("manager_level", known.get("self_level"))
    evidence = known.get("evidence_level")
    if base is None:
        return evidence
    if evidence is None:
        return base
    return base + min(EVIDENCE_STEP, max(-EVIDENCE_STEP, evidence - base))


# Gaps.


def gap_priority(
    required: int,
    current: float | None,
    frequency: Frequency | str | float,
    *,
    weights: FrequencyWeights = DEFAULT_WEIGHTS,
) -> float:
    """The priority of one gap: ``max(0, required − current) × weight(frequency)``.

    An unknown current level (None) counts as 0, the largest possible gap: an unassessed person is
    not silently left out. ``Need.level_known`` flags it, so the page can ask for an assessment.

    Args:
        required: the required level, 0..4.
        current: the current level within [0, 4] (may be fractional), or None if unknown.
        frequency: how often the skill is used, or its weight within [0, 1] directly.
        weights: the weight of each frequency.

    Returns:
        The priority within [0, 4]; 0 at or above the required level or for a rarely used skill.

    Raises:
        ValueError: on a level out of range or an unknown frequency.
    """
    required = _level(required, "required")
    level = 0.0 if current is None else _current(current, "current")
    return max(0.0, required - level) * _weight(frequency, weights)


def unknown_levels(current: np.ndarray) -> np.ndarray:
    """Args: current: current levels, NaN where unknown.

    Returns:
        A new boolean array, True where the level is unknown (NaN), the mask ``gap_matrix`` fills with 0.
    """
    return np.isnan(np.asarray(current, dtype=np.float64))


def gap_matrix(required: np.ndarray, current: np.ndarray, frequency_weight: np.ndarray) -> np.ndarray:
    """The priority of every gap at once, e.g. people × skills: the vectorised ``gap_priority``.

    Args:
        required: required levels 0..4; NaN where nothing is required (priority 0).
        current: current levels within [0, 4]; NaN where unknown, counted as 0 (find those with
            ``unknown_levels``).
        frequency_weight: the weight of each use frequency, within [0, 1] (``FrequencyWeights.weight``).
            The three arrays broadcast against each other, e.g. ``(people, skills)`` with ``(skills,)``.

    Returns:
        A new float64 array of ``max(0, required − current) × weight``, in the broadcast shape.
        The inputs are not changed.

    Raises:
        ValueError: when the shapes do not broadcast or a value is out of range.
    """
    required = np.asarray(required, dtype=np.float64)
    current = np.asarray(current, dtype=np.float64)
    weight = np.asarray(frequency_weight, dtype=np.float64)
    try:
        np.broadcast_shapes(required.shape, current.shape, weight.shape)
    except ValueError as error:
        raise ValueError(f"shapes do not broadcast: {error}") from None
    finite_required = required[~np.isnan(required)]
    if ((finite_required < MIN_LEVEL) | (finite_required > MAX_LEVEL)).any():
        raise ValueError(f"required levels must lie within [{MIN_LEVEL}, {MAX_LEVEL}] or be NaN")
    known = current[~np.isnan(current)]
    if ((known < MIN_LEVEL) | (known > MAX_LEVEL)).any():
        raise ValueError(f"current levels must lie within [{MIN_LEVEL}, {MAX_LEVEL}] or be NaN")
    if not ((weight >= 0.0) & (weight <= 1.0)).all():  # also refuses NaN
        raise ValueError("frequency weights must lie within [0, 1]")
    gap = np.maximum(0.0, np.nan_to_num(required, nan=0.0) - np.nan_to_num(current, nan=0.0))
    return gap * weight


# Inputs.


@dataclass(frozen=True)
class Person:
    """An employee as far as needs go.

    Attributes:
        employee_id: the person.
        job_title: their job title; None matches no requirement by job title.
        team_id: their team; None matches no requirement by team. Requirements of a parent team
            apply only if the caller repeats them for the sub-teams.
    """

    employee_id: int
    job_title: str | None
    team_id: int | None


@dataclass(frozen=True)
class Requirement:
    """The level a job title or a team needs on a skill, and how often it is used.

    Attributes:
        skill_id: the skill.
        level: the required level, 0..4.
        frequency: how often people with this job title or in this team use the skill.
        job_title: the job title it applies to; or
        team_id: the team it applies to. Exactly one of the two is set.

    Raises:
        ValueError: on a level outside 0..4, an unknown frequency, or not exactly one of
            ``job_title`` and ``team_id``.
    """

    skill_id: int
    level: int
    frequency: Frequency
    job_title: str | None = None
    team_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", _level(self.level, "level"))
        object.__setattr__(self, "frequency", Frequency(self.frequency))
        if (self.job_title is None) == (self.team_id is None):
            raise ValueError("a requirement applies to exactly one of a job title or a team")

    @property
    def scope(self) -> tuple[str, str | int]:
        """``("job_title", title)`` or ``("team", team_id)``."""
        if self.job_title is not None:
            return ("job_title", self.job_title)
        return ("team", self.team_id)  # type: ignore[return-value]


@dataclass(frozen=True)
class Level:
    """Someone's current level on a skill, already combined (``current_level``).

    Attributes:
        employee_id: the person.
        skill_id: the skill.
        level: the current level within [0, 4]; may be fractional.

    Raises:
        ValueError: on a level outside [0, 4].
    """

    employee_id: int
    skill_id: int
    level: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", _current(self.level, "level"))


@dataclass(frozen=True)
class TrainingOffer:
    """A training and the level it raises a skill to.

    Attributes:
        training_id: the training.
        skill_id: the skill it teaches.
        raises_to: the level someone who follows it reaches, 1..4.

    Raises:
        ValueError: when ``raises_to`` is not an integer 1..4.
    """

    training_id: int
    skill_id: int
    raises_to: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "raises_to", _level(self.raises_to, "raises_to"))
        if self.raises_to < 1:
            raise ValueError("raises_to must be at least 1: a training to level 0 teaches nothing")


# Outputs.


class NeedDict(TypedDict):
    employee_id: int
    skill_id: int
    required: int | None
    current: float | None
    frequency: str | None
    gap: float
    priority: float
    reason: str


@dataclass(frozen=True)
class Need:
    """One person's need on one skill.

    Attributes:
        employee_id: the person.
        skill_id: the skill.
        required: the required level of the requirement that applies (the stricter one when both
            their job title and their team have one); None with no requirement.
        current: their current level; None when unknown (then counted as 0).
        frequency: how often they use the skill, from the same requirement; None with no requirement.
        gap: ``max(0, required − current)``; 0 with no requirement.
        priority: ``gap × weight(frequency)``.
        reason: see ``NeedReason``.
    """

    employee_id: int
    skill_id: int
    required: int | None
    current: float | None
    frequency: Frequency | None
    gap: float
    priority: float
    reason: NeedReason

    @property
    def level_known(self) -> bool:
        """False when the current level is unknown and the gap assumes level 0."""
        return self.current is not None

    def to_dict(self) -> NeedDict:
        """Returns: a JSON-serialisable dict; enums as their values."""
        return {
            "employee_id": self.employee_id,
            "skill_id": self.skill_id,
            "required": self.required,
            "current": self.current,
            "frequency": None if self.frequency is None else self.frequency.value,
            "gap": self.gap,
            "priority": self.priority,
            "reason": self.reason.value,
        }

    @classmethod
    def from_dict(cls, source: Mapping[str, Any]) -> Need:
        """Args: source: a dict as made by ``to_dict``.

        Returns:
            The need.

        Raises:
            ValueError: on an unknown frequency or reason.
        """
        frequency = source["frequency"]
        return cls(
            employee_id=source["employee_id"],
            skill_id=source["skill_id"],
            required=source["required"],
            current=source["current"],
            frequency=None if frequency is None else Frequency(frequency),
            gap=source["gap"],
            priority=source["priority"],
            reason=NeedReason(source["reason"]),
        )


class RecommendationDict(TypedDict):
    training_id: int
    employee_id: int
    recommended: bool
    priority: float
    skill_id: int
    reason: str
    required: int | None
    current: float | None


@dataclass(frozen=True)
class Recommendation:
    """Whether one training is recommended to one person, and why.

    Attributes:
        training_id: the training.
        employee_id: the person.
        recommended: True only with reason ``GAP``.
        priority: the part of the gap this training closes, weighted by use:
            ``(min(raises_to, required) − current) × weight``; 0 when not recommended. A training
            that does not reach the required level is still recommended for the part it closes.
        skill_id: the skill the training raises.
        reason: see ``Reason``.
        required: the required level that applied, None with no requirement.
        current: the current level, None when unknown (counted as 0: ask for an assessment).
    """

    training_id: int
    employee_id: int
    recommended: bool
    priority: float
    skill_id: int
    reason: Reason
    required: int | None = None
    current: float | None = None

    @property
    def level_known(self) -> bool:
        """False when the current level is unknown and counted as 0."""
        return self.current is not None

    def to_dict(self) -> RecommendationDict:
        """Returns: a JSON-serialisable dict; the reason as its value."""
        return {
            "training_id": self.training_id,
            "employee_id": self.employee_id,
            "recommended": self.recommended,
            "priority": self.priority,
            "skill_id": self.skill_id,
            "reason": self.reason.value,
            "required": self.required,
            "current": self.current,
        }

    @classmethod
    def from_dict(cls, source: Mapping[str, Any]) -> Recommendation:
        """Args: source: a dict as made by ``to_dict``.

        Returns:
            The recommendation.

        Raises:
            ValueError: on an unknown reason.
        """
        return cls(**{**source, "reason": Reason(source["reason"])})


# The plain-Python path.

# A requirement wins over another when its key is larger: the larger priority for this person
# (it asks more of them), then a skill that is used over one rarely used, then the higher level,
# then the more frequent use. Both requirements apply, so the person's need is what the stricter
# one leaves open; the key is what "the stricter of the two wins" means, person by person.
_Key = tuple[float, bool, int, float]


def _key(level: int, weight: float, current: float) -> _Key:
    return (max(0.0, level - current) * weight, weight > 0.0, level, weight)


def _index_requirements(
    requirements: Iterable[Requirement],
) -> dict[tuple[str, str | int], dict[int, Requirement]]:
    index: dict[tuple[str, str | int], dict[int, Requirement]] = defaultdict(dict)
    for requirement in requirements:
        by_skill = index[requirement.scope]
        if requirement.skill_id in by_skill:
            raise ValueError(
                f"skill {requirement.skill_id} is required twice for {requirement.scope[0]} "
                f"{requirement.scope[1]!r}"
            )
        by_skill[requirement.skill_id] = requirement
    return index


def _index_levels(levels: Iterable[Level]) -> dict[tuple[int, int], float]:
    index: dict[tuple[int, int], float] = {}
    for level in levels:
        key = (level.employee_id, level.skill_id)
        if key in index:
            raise ValueError(f"employee {level.employee_id} has two levels on skill {level.skill_id}")
        index[key] = level.level
    return index


def _check_people(employees: Iterable[Person]) -> list[Person]:
    people = list(employees)
    seen: set[int] = set()
    for person in people:
        if person.employee_id in seen:
            raise ValueError(f"employee {person.employee_id} appears twice")
        seen.add(person.employee_id)
    return people


def _need(
    person: Person,
    skill_id: int,
    index: Mapping[tuple[str, str | int], Mapping[int, Requirement]],
    current: float | None,
    weights: FrequencyWeights,
) -> Need:
    level = 0.0 if current is None else current
    applicable = [
        requirement
        for scope in (("job_title", person.job_title), ("team", person.team_id))
        if scope[1] is not None and (requirement := index.get(scope, {}).get(skill_id)) is not None
    ]
    if not applicable:
        return Need(person.employee_id, skill_id, None, current, None, 0.0, 0.0, NeedReason.NO_REQUIREMENT)
    winner = max(applicable, key=lambda r: _key(r.level, weights.weight(r.frequency), level))
    weight = weights.weight(winner.frequency)
    gap = max(0.0, winner.level - level)
    if gap == 0.0:
        reason = NeedReason.AT_LEVEL
    elif weight == 0.0:
        reason = NeedReason.RARELY_USED
    else:
        reason = NeedReason.GAP
    return Need(
        person.employee_id, skill_id, winner.level, current, winner.frequency, gap, gap * weight, reason
    )


def needs(
    *,
    employees: Iterable[Person],
    requirements: Iterable[Requirement],
    levels: Iterable[Level],
    skill_ids: Iterable[int] | None = None,
    weights: FrequencyWeights = DEFAULT_WEIGHTS,
) -> list[Need]:
    """Every person's need on every skill.

    Args:
        employees: the people, each once.
        requirements: by job title or by team; at most one per skill and job title or team.
        levels: current levels; a person without a level on a skill has an unknown level there.
        skill_ids: the skills to report on; defaults to every skill with a requirement, sorted.
        weights: the weight of each use frequency.

    Returns:
        One ``Need`` per person and skill, sorted by priority (largest first), then employee and
        skill id.

    Raises:
        ValueError: when an employee appears twice, a skill is required twice for the same job
            title or team, or a person has two levels on one skill.
    """
    requirements = list(requirements)
    people = _check_people(employees)
    index = _index_requirements(requirements)
    known = _index_levels(levels)
    skills = (
        sorted({r.skill_id for r in requirements}) if skill_ids is None else list(dict.fromkeys(skill_ids))
    )
    result = [
        _need(person, skill, index, known.get((person.employee_id, skill)), weights)
        for person in people
        for skill in skills
    ]
    result.sort(key=lambda n: (-n.priority, n.employee_id, n.skill_id))
    return result


def _recommendation(training: TrainingOffer, need: Need, weights: FrequencyWeights) -> Recommendation:
    common = {
        "training_id": training.training_id,
        "employee_id": need.employee_id,
        "skill_id": training.skill_id,
        "required": need.required,
        "current": need.current,
    }
    if need.reason is not NeedReason.GAP:
        return Recommendation(recommended=False, priority=0.0, reason=Reason(need.reason.value), **common)
    assert need.required is not None and need.frequency is not None
    level = 0.0 if need.current is None else need.current
    if level >= training.raises_to:
        return Recommendation(recommended=False, priority=0.0, reason=Reason.ABOVE_TRAINING, **common)
    closes = min(training.raises_to, need.required) - level
    priority = closes * weights.weight(need.frequency)
    return Recommendation(recommended=True, priority=priority, reason=Reason.GAP, **common)


_ORDER = {reason: position for position, reason in enumerate(REASONS)}


def _sort_key(r: Recommendation) -> tuple[int, float, int]:
    return (_ORDER[r.reason], -r.priority, r.employee_id)


def recommend(
    *,
    employees: Iterable[Person],
    requirements: Iterable[Requirement],
    levels: Iterable[Level],
    trainings: Iterable[TrainingOffer],
    weights: FrequencyWeights = DEFAULT_WEIGHTS,
) -> list[Recommendation]:
    """For each training, who should go (ranked) and who should not (with the reason).

    A person is recommended a training when, on the skill it raises, the requirement that applies
    to them (the stricter of their job title's and their team's) leaves a gap, they use the skill
    (not rarely), and the training takes them higher than they are now. A training that stops
    below their required level is still recommended: it closes part of the gap, and the priority
    counts only that part, so a training that closes more ranks higher for the same person.

    Args:
        employees: the people, each once.
        requirements: by job title or by team; at most one per skill and job title or team.
        levels: current levels (``current_level``); missing means unknown, counted as 0.
        trainings: the offers; a training that raises several skills is one offer per skill.
        weights: the weight of each use frequency.

    Returns:
        One recommendation per training and person: trainings in the order given; within a
        training the recommended people first, by priority (largest first), then the others by
        reason (above the training, at level, rarely used, no requirement), each by employee id.
        ``by_employee`` turns this into each person's trainings.

    Raises:
        ValueError: when an employee appears twice, a skill is required twice for the same job
            title or team, or a person has two levels on one skill.
    """
    people = _check_people(employees)
    index = _index_requirements(requirements)
    known = _index_levels(levels)
    result: list[Recommendation] = []
    for training in trainings:
        block = [
            _recommendation(
                training,
                _need(
                    person,
                    training.skill_id,
                    index,
                    known.get((person.employee_id, training.skill_id)),
                    weights,
                ),
                weights,
            )
            for person in people
        ]
        block.sort(key=_sort_key)
        result.extend(block)
    return result


def by_employee(recommendations: Iterable[Recommendation]) -> dict[int, list[Recommendation]]:
    """Each person's recommended trainings, the ones that close their largest gaps first.

    Args:
        recommendations: ``recommend`` or ``RecommendationMatrix.to_recommendations`` output.

    Returns:
        ``{employee_id: recommendations}`` with only ``recommended`` ones, sorted by priority
        (largest first), then training id. People with none are left out.
    """
    result: dict[int, list[Recommendation]] = defaultdict(list)
    for r in recommendations:
        if r.recommended:
            result[r.employee_id].append(r)
    for items in result.values():
        items.sort(key=lambda r: (-r.priority, r.training_id))
    return dict(result)


# The vectorised path.


def level_matrix(
    levels: Iterable[Level | tuple[int, int, float]], employee_ids: Sequence[int], skill_ids: Sequence[int]
) -> np.ndarray:
    """Put current levels in a people × skills matrix for ``recommend_matrix``.

    Args:
        levels: ``Level`` objects or plain ``(employee_id, skill_id, level)`` rows (as a database
            cursor returns them, without building 500,000 objects); rows for other people or skills
            are ignored.
        employee_ids: the rows, in order.
        skill_ids: the columns, in order.

    Returns:
        A new float64 matrix, NaN where the level is unknown.

    Raises:
        ValueError: on a level outside [0, 4], or two levels for one person and skill.
    """
    row = {employee: i for i, employee in enumerate(employee_ids)}
    column = {skill: j for j, skill in enumerate(skill_ids)}
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for item in levels:
        employee, skill, value = (
            (item.employee_id, item.skill_id, item.level) if isinstance(item, Level) else item
        )
        i, j = row.get(employee), column.get(skill)
        if i is not None and j is not None:
            rows.append(i)
            columns.append(j)
            values.append(value)
    matrix = np.full((len(row), len(column)), np.nan)
    if not values:
        return matrix
    flat = np.asarray(rows, dtype=np.int64) * len(column) + np.asarray(columns, dtype=np.int64)
    if np.unique(flat).size != flat.size:
        raise ValueError("a person has two levels on one skill")
    data = np.asarray(values, dtype=np.float64)
    if not ((data >= MIN_LEVEL) & (data <= MAX_LEVEL)).all():
        raise ValueError(f"levels must lie within [{MIN_LEVEL}, {MAX_LEVEL}]")
    matrix.flat[flat] = data
    return matrix


@dataclass(frozen=True, eq=False)
class RecommendationMatrix:
    """``recommend`` for a whole organisation, as people × trainings arrays (read-only).

    Attributes:
        employee_ids: the rows, in the order of ``employees``.
        training_ids: the columns, in the order of ``trainings``.
        skill_ids: the skill each training raises.
        recommended: bool, people × trainings.
        priority: float64, people × trainings; 0 where not recommended.
        reason: int8 codes into ``REASONS``, people × trainings.
        required: int8 required level, −1 with no requirement, people × trainings.
        current: float64 current level, NaN when unknown, people × trainings.
    """

    employee_ids: tuple[int, ...]
    training_ids: tuple[int, ...]
    skill_ids: tuple[int, ...]
    recommended: np.ndarray
    priority: np.ndarray
    reason: np.ndarray
    required: np.ndarray
    current: np.ndarray

    def __post_init__(self) -> None:
        for name in ("recommended", "priority", "reason", "required", "current"):
            getattr(self, name).flags.writeable = False

    def _item(self, i: int, t: int) -> Recommendation:
        required = int(self.required[i, t])
        current = float(self.current[i, t])
        return Recommendation(
            training_id=self.training_ids[t],
            employee_id=self.employee_ids[i],
            recommended=bool(self.recommended[i, t]),
            priority=float(self.priority[i, t]),
            skill_id=self.skill_ids[t],
            reason=REASONS[self.reason[i, t]],
            required=None if required < 0 else required,
            current=None if math.isnan(current) else current,
        )

    def _column(self, t: int) -> list[Recommendation]:
        # Same order as ``recommend``: reason (GAP first), priority (largest first), employee id.
        order = np.lexsort((np.asarray(self.employee_ids), -self.priority[:, t], self.reason[:, t]))
        return [self._item(int(i), t) for i in order]

    def for_training(self, training_id: int, *, recommended_only: bool = False) -> list[Recommendation]:
        """Args: training_id: a training; recommended_only: leave out those not recommended.

        Returns:
            The training's recommendations in ``recommend`` order.

        Raises:
            ValueError: on a training not in the matrix.
        """
        if training_id not in self.training_ids:
            raise ValueError(f"training {training_id} is not in the matrix")
        t = self.training_ids.index(training_id)
        if recommended_only:
            rows = np.flatnonzero(self.recommended[:, t])
            order = rows[np.lexsort((np.asarray(self.employee_ids)[rows], -self.priority[rows, t]))]
            return [self._item(int(i), t) for i in order]
        return self._column(t)

    def for_employee(self, employee_id: int) -> list[Recommendation]:
        """Args: employee_id: a person.

        Returns:
            The trainings recommended to them, as in ``by_employee``: priority (largest first),
            then training id.

        Raises:
            ValueError: on a person not in the matrix.
        """
        if employee_id not in self.employee_ids:
            raise ValueError(f"employee {employee_id} is not in the matrix")
        i = self.employee_ids.index(employee_id)
        columns = np.flatnonzero(self.recommended[i])
        items = [self._item(i, int(t)) for t in columns]
        items.sort(key=lambda r: (-r.priority, r.training_id))
        return items

    def to_recommendations(self) -> list[Recommendation]:
        """Returns: every recommendation, exactly as ``recommend`` returns them."""
        return [r for t in range(len(self.training_ids)) for r in self._column(t)]


def _requirement_tables(
    requirements: Iterable[Requirement],
    scope: str,
    keys: Mapping[Any, int],
    column: Mapping[int, int],
    weights: FrequencyWeights,
) -> tuple[np.ndarray, np.ndarray]:
    """Level (−1 for none) and weight tables, one row per key plus a last row for "none"."""
    level = np.full((len(keys) + 1, len(column)), -1, dtype=np.int8)
    weight = np.zeros((len(keys) + 1, len(column)))
    for requirement in requirements:
        kind, value = requirement.scope
        j = column.get(requirement.skill_id)
        if kind != scope or j is None or value not in keys:
            continue
        level[keys[value], j] = requirement.level
        weight[keys[value], j] = weights.weight(requirement.frequency)
    return level, weight


def recommend_matrix(
    *,
    employees: Sequence[Person],
    requirements: Iterable[Requirement],
    current: np.ndarray,
    skill_ids: Sequence[int],
    trainings: Sequence[TrainingOffer],
    weights: FrequencyWeights = DEFAULT_WEIGHTS,
) -> RecommendationMatrix:
    """``recommend`` vectorised over a whole organisation; the same rules, the same numbers.

    Use this for an organisation-wide view or a nightly snapshot, ``recommend`` for a team page.

    Args:
        employees: the people, each once; the rows of ``current``.
        requirements: by job title or by team; at most one per skill and job title or team.
            Requirements on skills not in ``skill_ids`` are ignored.
        current: people × skills current levels, NaN where unknown (``level_matrix``); not changed.
        skill_ids: the columns of ``current``; every training's skill must be among them.
        trainings: the offers.
        weights: the weight of each use frequency.

    Returns:
        A ``RecommendationMatrix``; ``to_recommendations()`` equals ``recommend`` output.

    Raises:
        ValueError: when an employee appears twice, a skill is required twice for the same job
            title or team, ``current`` does not have the shape people × skills or holds a level
            outside [0, 4], a skill appears twice in ``skill_ids``, or a training's skill is not
            among ``skill_ids``.
    """
    people = _check_people(employees)
    requirements = list(requirements)
    _index_requirements(requirements)  # refuses duplicates, as recommend does
    column = {skill: j for j, skill in enumerate(skill_ids)}
    if len(column) != len(skill_ids):
        raise ValueError("a skill appears twice in skill_ids")
    current = np.asarray(current, dtype=np.float64)
    if current.shape != (len(people), len(column)):
        raise ValueError(f"current must have shape {(len(people), len(column))}, got {current.shape}")
    known = current[~np.isnan(current)]
    if ((known < MIN_LEVEL) | (known > MAX_LEVEL)).any():
        raise ValueError(f"current levels must lie within [{MIN_LEVEL}, {MAX_LEVEL}] or be NaN")
    trainings = list(trainings)
    missing = [t.training_id for t in trainings if t.skill_id not in column]
    if missing:
        raise ValueError(f"the skill of training(s) {missing} is not among skill_ids")

    # Only the skills some training raises matter: gather those columns, one per training.
    skill_columns = np.asarray([column[t.skill_id] for t in trainings], dtype=np.int64)
    raises_to = np.asarray([t.raises_to for t in trainings], dtype=np.float64)

    titles = {
        title: k
        for k, title in enumerate(dict.fromkeys(p.job_title for p in people if p.job_title is not None))
    }
    teams = {
        team: k for k, team in enumerate(dict.fromkeys(p.team_id for p in people if p.team_id is not None))
    }
    title_row = np.asarray([titles.get(p.job_title, len(titles)) for p in people], dtype=np.int64)  # type: ignore[arg-type]
    team_row = np.asarray([teams.get(p.team_id, len(teams)) for p in people], dtype=np.int64)  # type: ignore[arg-type]
    title_level, title_weight = _requirement_tables(requirements, "job_title", titles, column, weights)
    team_level, team_weight = _requirement_tables(requirements, "team", teams, column, weights)

    cur = current[:, skill_columns]  # people × trainings, a copy
    level = np.nan_to_num(cur, nan=0.0)
    candidates = [
        (table_level[rows][:, skill_columns], table_weight[rows][:, skill_columns])
        for table_level, table_weight, rows in (
            (title_level, title_weight, title_row),
            (team_level, team_weight, team_row),
        )
    ]
    (l1, w1), (l2, w2) = candidates
    p1 = np.where(l1 >= 0, np.maximum(0.0, l1 - level) * w1, -1.0)
    p2 = np.where(l2 >= 0, np.maximum(0.0, l2 - level) * w2, -1.0)
    # The team's requirement wins when its key (priority, used, level, weight) is larger, as in _key.
    team_wins = _lexicographic_greater(
        (p2, w2 > 0.0, l2, w2),
        (p1, w1 > 0.0, l1, w1),
    )
    required = np.where(team_wins, l2, l1)
    weight = np.where(team_wins, w2, w1)
    has = required >= 0

    gap = np.where(has, np.maximum(0.0, required - level), 0.0)
    reason = np.full(cur.shape, _CODE[Reason.NO_REQUIREMENT], dtype=np.int8)
    reason[has & (gap == 0.0)] = _CODE[Reason.AT_LEVEL]
    reason[has & (gap > 0.0) & (weight == 0.0)] = _CODE[Reason.RARELY_USED]
    needed = has & (gap > 0.0) & (weight > 0.0)
    above = needed & (level >= raises_to)
    reason[above] = _CODE[Reason.ABOVE_TRAINING]
    recommended = needed & ~above
    reason[recommended] = _CODE[Reason.GAP]
    priority = np.where(recommended, (np.minimum(raises_to, required) - level) * weight, 0.0)
    return RecommendationMatrix(
        employee_ids=tuple(p.employee_id for p in people),
        training_ids=tuple(t.training_id for t in trainings),
        skill_ids=tuple(t.skill_id for t in trainings),
        recommended=recommended,
        priority=priority,
        reason=reason,
        required=required.astype(np.int8),
        current=cur,
    )


def _lexicographic_greater(left: Sequence[np.ndarray], right: Sequence[np.ndarray]) -> np.ndarray:
    """Elementwise: is the tuple ``left`` strictly greater than ``right``, compared in order?"""
    greater = np.zeros(np.broadcast_shapes(*(a.shape for a in left)), dtype=bool)
    equal = np.ones_like(greater)
    for a, b in zip(left, right, strict=True):
        greater |= equal & (a > b)
        equal &= a == b
    return greater
