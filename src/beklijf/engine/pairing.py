"""Pairing: propose mentor → mentee pairs on one learning point, as an optimal assignment.

EVIDENCE.md 1.5: peer tutoring helps tutees (d = 0.40) and tutors (d = 0.33; Cohen, Kulik &
Kulik 1982), best when structured, but two large EEF trials found no effect, so implementation
decides and pairing is proposed, never imposed: the manager confirms every pair (GDPR art. 22).

The matching is a bipartite assignment solved with ``scipy.optimize.linear_sum_assignment``
(the Hungarian-type LAPJV algorithm): rows are mentees, columns are mentor slots (each mentor's
column repeated once per free place, capacity − existing load), the cost is ``−gain`` with
``gain = (R_mentor − R_mentee) · weight``, and the solver maximises the total gain. Ties are
broken towards people with fewer active pairs by a tiny cost per active pair.

Hard constraints (EVIDENCE.md 1.5), never broken by a proposal:

- same organisation: the caller's job, one call per organisation;
- same team, role or location, as the organisation chooses (``PairingRules.match_on``);
- no manager–report pairs, either way round (direct manager, ``manager_id``);
- both opted in (pairing is an extra with no detriment, so consent works; EVIDENCE.md 2.3);
- mentor R >= ``mentor_min_r`` (0.85) and mentee R <= ``mentee_max_r`` (0.6);
- a mentor holds at most ``capacity`` pairs, active ones included;
- a mentee already in an active pair on this learning point gets no second one;
- no pair that ended less than 3 months ago again (``recent_pairs``; the caller picks them by date);
- nobody with themselves.

Forbidden entries get cost 0, the same as leaving the mentee unmatched, and are dropped from the
solution. That is exact: every allowed pair has a negative cost (positive gain), so an optimal
complete assignment never does worse than the best matching of allowed pairs, and dropping its
zero-cost entries leaves an allowed matching with the same total.

The problem is solved per group (one team, role or location) because pairs across groups are
forbidden: with cost 0 for them, the cost matrix of the whole cohort is block-diagonal up to
zero entries, so the optimum of the whole is the sum of the optima of the blocks. Per group, a
cohort of 2,000 in teams of 20 is a hundred 10 × 20 problems instead of one 1,000 × 2,000.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypedDict, get_args

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = [
    "Candidate",
    "DEFAULT_RULES",
    "MatchOn",
    "PairingRules",
    "Proposal",
    "propose_pairs",
]

MatchOn = Literal["team", "role", "location"]
_GROUP_ATTRIBUTE: dict[str, str] = {"team": "team_id", "role": "role", "location": "location"}

# Cost per active pair, to prefer the less busy of two equally good choices. Gains are
# differences of R (at least mentor_min_r − mentee_max_r, 0.25 by default) times a weight, so
# this only decides between otherwise equal totals: the total gain stays within 1e-9 × the
# number of active pairs involved of the optimum.
_TIE_EPSILON = 1e-9


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class PairingRulesDict(TypedDict):
    match_on: str
    mentor_min_r: float
    mentee_max_r: float
    capacity: int
    weight: float


@dataclass(frozen=True)
class Candidate:
    """One person who could mentor or be mentored on the learning point.

    Attributes:
        employee_id: the person.
        team_id: their team; None never matches anyone on ``match_on="team"``.
        role: their role; None never matches on ``match_on="role"``.
        location: their site; None never matches on ``match_on="location"``.
        manager_id: their direct manager's employee id, or None.
        opted_in: whether they agreed to take part in pairing.
        r: predicted retrievability on the learning point now, 0..1.
        active_pairs: pairs they are in now, on any learning point (for breaking ties).

    Raises:
        ValueError: on an R outside 0..1 or a negative number of active pairs.
    """

    employee_id: int
    team_id: int | None
    role: str | None
    location: str | None
    manager_id: int | None
    opted_in: bool
    r: float
    active_pairs: int = 0

    def __post_init__(self) -> None:
        if not _is_number(self.r) or not 0.0 <= self.r <= 1.0:  # also refuses NaN
            raise ValueError(f"r must lie within [0, 1], got {self.r!r}")
        object.__setattr__(self, "r", float(self.r))
        if not _is_int(self.active_pairs) or self.active_pairs < 0:
            raise ValueError(f"active_pairs must be an integer >= 0, got {self.active_pairs!r}")
        if not isinstance(self.opted_in, bool):
            raise ValueError("opted_in must be a bool")


@dataclass(frozen=True)
class PairingRules:
    """How an organisation pairs people (EVIDENCE.md 1.5: starting values to calibrate).

    Attributes:
        match_on: pairs come from the same team, role or location.
        mentor_min_r: a mentor's R on the learning point, at least.
        mentee_max_r: a mentee's R on the learning point, at most; below ``mentor_min_r``.
        capacity: pairs a mentor holds at once, active ones included.
        weight: importance of the learning point; multiplies the gain.

    Raises:
        ValueError: on an unknown ``match_on``, R limits outside 0..1 or not
            ``mentee_max_r < mentor_min_r``, a capacity below 1, or a weight that is not > 0.
    """

    match_on: MatchOn = "team"
    mentor_min_r: float = 0.85
    mentee_max_r: float = 0.6
    capacity: int = 2
    weight: float = 1.0

    def __post_init__(self) -> None:
        if self.match_on not in get_args(MatchOn):
            raise ValueError(f"match_on must be one of {', '.join(get_args(MatchOn))}, got {self.match_on!r}")
        for name in ("mentor_min_r", "mentee_max_r"):
            value = getattr(self, name)
            if not _is_number(value) or not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie within [0, 1], got {value!r}")
            object.__setattr__(self, name, float(value))
        # A strict gap keeps mentors and mentees apart and every allowed gain positive.
        if not self.mentee_max_r < self.mentor_min_r:
            raise ValueError("mentee_max_r must be below mentor_min_r")
        if not _is_int(self.capacity) or self.capacity < 1:
            raise ValueError(f"capacity must be an integer >= 1, got {self.capacity!r}")
        if not _is_number(self.weight) or not (0.0 < self.weight < math.inf):
            raise ValueError(f"weight must be a finite number > 0, got {self.weight!r}")
        object.__setattr__(self, "weight", float(self.weight))

    def to_dict(self) -> PairingRulesDict:
        """Returns: a JSON-serialisable dict."""
        return PairingRulesDict(**asdict(self))  # type: ignore[typeddict-item]

    @classmethod
    def from_dict(cls, source: Mapping[str, Any]) -> PairingRules:
        """Rebuild rules from ``to_dict()`` output; a missing key takes its default.

        Args:
            source: a dict as made by ``to_dict``, possibly partial.

        Returns:
            The rules.

        Raises:
            ValueError: on an unknown key or an invalid value.
        """
        unknown = sorted(set(source) - set(PairingRulesDict.__annotations__))
        if unknown:
            raise ValueError(f"unknown pairing rule {', '.join(unknown)}")
        return cls(**source)


DEFAULT_RULES = PairingRules()


@dataclass(frozen=True)
class Proposal:
    """A proposed pair, for the manager to confirm.

    Attributes:
        mentor_id: the mentor.
        mentee_id: the mentee.
        gain: (R_mentor − R_mentee) · weight.
        reason: the numbers behind the proposal: both R values, the weight, the rule thresholds,
            what was matched on and the shared group value.
    """

    mentor_id: int
    mentee_id: int
    gain: float
    reason: dict[str, float | int | str] = field(hash=False)


@dataclass(frozen=True)
class _Problem:
    """One assignment problem: mentees × mentor slots, with forbidden entries marked."""

    mentees: list[Candidate]
    slots: list[Candidate]  # a mentor appears once per free place
    gain: np.ndarray  # mentees × slots
    cost: np.ndarray  # mentees × slots; 0 where forbidden
    allowed: np.ndarray  # mentees × slots, bool


def propose_pairs(
    candidates: Iterable[Candidate],
    *,
    rules: PairingRules = DEFAULT_RULES,
    active_mentees: Collection[int] = frozenset(),
    recent_pairs: Collection[tuple[int, int]] = frozenset(),
    existing_load: Mapping[int, int] | None = None,
) -> list[Proposal]:
    """Propose the mentor → mentee pairs with the largest total gain on one learning point.

    Args:
        candidates: everyone in one organisation who could take part; one call per organisation.
        rules: the organisation's pairing rules.
        active_mentees: people already mentored on this learning point in an active pair.
        recent_pairs: (mentor, mentee) pairs that ended less than 3 months ago; either order is
            refused, since the same two people just worked together.
        existing_load: active pairs each mentor already holds on this learning point; they count
            against ``rules.capacity``.

    Returns:
        Proposals sorted by gain (largest first), then mentor and mentee id. Each mentee appears
        at most once, each mentor at most ``capacity − existing load`` times, and no proposal
        breaks a hard constraint (see the module docstring).

    Raises:
        ValueError: when an employee id appears twice or an existing load is negative.
    """
    proposals: list[Proposal] = []
    for problem in _problems(
        candidates,
        rules=rules,
        active_mentees=active_mentees,
        recent_pairs=recent_pairs,
        existing_load=existing_load or {},
    ):
        proposals.extend(_solve(problem, rules))
    proposals.sort(key=lambda p: (-p.gain, p.mentor_id, p.mentee_id))
    return proposals


def _problems(
    candidates: Iterable[Candidate],
    *,
    rules: PairingRules,
    active_mentees: Collection[int],
    recent_pairs: Collection[tuple[int, int]],
    existing_load: Mapping[int, int],
    decompose: bool = True,
) -> list[_Problem]:
    """Split the cohort into assignment problems, one per group (or one for all if not ``decompose``)."""
    people = sorted(candidates, key=lambda c: c.employee_id)  # same proposals whatever the input order
    ids = [c.employee_id for c in people]
    if len(set(ids)) != len(ids):
        raise ValueError("an employee id appears twice among the candidates")
    for mentor_id, load in existing_load.items():
        if not _is_int(load) or load < 0:
            raise ValueError(f"existing load of {mentor_id} must be an integer >= 0, got {load!r}")

    attribute = _GROUP_ATTRIBUTE[rules.match_on]
    mentors: dict[Hashable, list[Candidate]] = defaultdict(list)
    mentees: dict[Hashable, list[Candidate]] = defaultdict(list)
    for person in people:
        group = getattr(person, attribute)
        if group is None or not person.opted_in:
            continue
        if person.r >= rules.mentor_min_r and rules.capacity - existing_load.get(person.employee_id, 0) > 0:
            mentors[group].append(person)
        elif person.r <= rules.mentee_max_r and person.employee_id not in active_mentees:
            mentees[group].append(person)

    partners: dict[int, set[int]] = defaultdict(set)
    for one, other in recent_pairs:
        partners[one].add(other)
        partners[other].add(one)

    groups = [g for g in mentees if g in mentors]
    if decompose:
        blocks = [(mentees[g], mentors[g]) for g in groups]
    else:
        blocks = [([m for g in groups for m in mentees[g]], [m for g in groups for m in mentors[g]])]
    problems = []
    for block_mentees, block_mentors in blocks:
        if block_mentees and block_mentors:
            problems.append(
                _build(
                    block_mentees,
                    block_mentors,
                    rules=rules,
                    attribute=attribute,
                    partners=partners,
                    existing_load=existing_load,
                )
            )
    return problems


def _build(
    mentees: list[Candidate],
    mentors: list[Candidate],
    *,
    rules: PairingRules,
    attribute: str,
    partners: Mapping[int, set[int]],
    existing_load: Mapping[int, int],
) -> _Problem:
    """The gain and cost matrices of one problem, with every pair-level constraint applied."""
    mentee_r = np.array([m.r for m in mentees])
    mentor_r = np.array([m.r for m in mentors])
    gain = (mentor_r[np.newaxis, :] - mentee_r[:, np.newaxis]) * rules.weight
    busy = np.array([m.active_pairs for m in mentees], dtype=np.float64)[:, np.newaxis] + np.array(
        [m.active_pairs for m in mentors], dtype=np.float64
    )
    cost = -gain + _TIE_EPSILON * busy

    # Same group: always true within a decomposed block, needed when one block holds all groups.
    group_codes: dict[Hashable, int] = {}
    mentee_group = np.array(
        [group_codes.setdefault(getattr(m, attribute), len(group_codes)) for m in mentees]
    )
    mentor_group = np.array(
        [group_codes.setdefault(getattr(m, attribute), len(group_codes)) for m in mentors]
    )
    allowed = mentee_group[:, np.newaxis] == mentor_group[np.newaxis, :]

    mentor_column = {m.employee_id: j for j, m in enumerate(mentors)}
    mentee_row = {m.employee_id: i for i, m in enumerate(mentees)}
    for i, mentee in enumerate(mentees):
        if mentee.manager_id in mentor_column:  # the mentor manages the mentee
            allowed[i, mentor_column[mentee.manager_id]] = False
        for partner in partners.get(mentee.employee_id, ()):
            if partner in mentor_column:
                allowed[i, mentor_column[partner]] = False
        if mentee.employee_id in mentor_column:  # cannot happen with mentee_max_r < mentor_min_r
            allowed[i, mentor_column[mentee.employee_id]] = False
    for j, mentor in enumerate(mentors):
        if mentor.manager_id in mentee_row:  # the mentee manages the mentor
            allowed[mentee_row[mentor.manager_id], j] = False
    cost = np.where(allowed & (cost < 0), cost, 0.0)

    free = np.array([rules.capacity - existing_load.get(m.employee_id, 0) for m in mentors])
    columns = np.repeat(np.arange(len(mentors)), free)
    return _Problem(
        mentees=mentees,
        slots=[mentors[j] for j in columns],
        gain=gain[:, columns],
        cost=cost[:, columns],
        allowed=allowed[:, columns],
    )


def _solve(problem: _Problem, rules: PairingRules) -> list[Proposal]:
    """Solve one problem and keep the allowed pairs of the optimal assignment."""
    rows, columns = linear_sum_assignment(problem.cost)
    attribute = _GROUP_ATTRIBUTE[rules.match_on]
    proposals = []
    for i, j in zip(rows, columns, strict=True):
        if not problem.allowed[i, j] or problem.cost[i, j] >= 0:
            continue
        mentee, mentor = problem.mentees[i], problem.slots[j]
        proposals.append(
            Proposal(
                mentor_id=mentor.employee_id,
                mentee_id=mentee.employee_id,
                gain=float(problem.gain[i, j]),
                reason={
                    "mentor_r": mentor.r,
                    "mentee_r": mentee.r,
                    "weight": rules.weight,
                    "mentor_min_r": rules.mentor_min_r,
                    "mentee_max_r": rules.mentee_max_r,
                    "match_on": rules.match_on,
                    rules.match_on: getattr(mentor, attribute),
                },
            )
        )
    return proposals
