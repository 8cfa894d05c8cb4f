"""Needs: the seed example, crafted cases, the vectorised path against the plain one, and properties."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beklijf.engine import needs
from beklijf.engine.needs import (
    Frequency,
    FrequencyWeights,
    Level,
    Need,
    NeedReason,
    Person,
    Reason,
    Recommendation,
    Requirement,
    TrainingOffer,
)

EXCEL = 7
EXCEL_COURSE = 100


def by_person(recommendations) -> dict[int, Recommendation]:
    return {r.employee_id: r for r in recommendations}


# The seed: "offering the whole team an Excel course while some barely use Excel and others
# already know it is useless".


def seed_team():
    """A team of 8: 3 use Excel daily at level 1, 2 use it daily at level 3, 3 rarely use it."""
    employees = [Person(i, "controller", 1) for i in range(1, 6)] + [
        Person(i, "office manager", 1) for i in range(6, 9)
    ]
    requirements = [
        Requirement(EXCEL, 3, Frequency.DAILY, job_title="controller"),
        Requirement(EXCEL, 3, Frequency.RARELY, job_title="office manager"),
    ]
    levels = [Level(i, EXCEL, 1) for i in (1, 2, 3)] + [Level(i, EXCEL, 3) for i in (4, 5)]
    levels += [Level(6, EXCEL, 1), Level(7, EXCEL, 0)]  # 8 was never assessed
    trainings = [TrainingOffer(EXCEL_COURSE, EXCEL, raises_to=3)]
    return employees, requirements, levels, trainings


def test_the_seed_only_the_three_who_need_excel_go():
    employees, requirements, levels, trainings = seed_team()
    result = needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    )
    assert len(result) == 8
    assert [r.employee_id for r in result if r.recommended] == [1, 2, 3]
    reasons = {r.employee_id: r.reason for r in result}
    assert [reasons[i] for i in (4, 5)] == [Reason.AT_LEVEL] * 2
    assert [reasons[i] for i in (6, 7, 8)] == [Reason.RARELY_USED] * 3
    assert all(r.priority == 2.0 for r in result if r.recommended)  # (3 − 1) × daily 1.0
    assert all(r.priority == 0.0 for r in result if not r.recommended)
    # And the matrix path says the same.
    skills = [EXCEL]
    current = needs.level_matrix(levels, [p.employee_id for p in employees], skills)
    matrix = needs.recommend_matrix(
        employees=employees, requirements=requirements, current=current, skill_ids=skills, trainings=trainings
    )
    assert matrix.to_recommendations() == result
    assert [r.employee_id for r in matrix.for_training(EXCEL_COURSE, recommended_only=True)] == [1, 2, 3]


# Frequency weights and gap_priority.


def test_default_weights_and_rarely_is_no_need():
    w = needs.DEFAULT_WEIGHTS
    assert [w.weight(f) for f in Frequency] == [1.0, 0.7, 0.4, 0.0]
    assert needs.gap_priority(4, 0, Frequency.RARELY) == 0.0
    assert needs.gap_priority(3, 1, Frequency.WEEKLY) == pytest.approx(1.4)
    assert needs.gap_priority(3, 3.5, Frequency.DAILY) == 0.0
    assert needs.gap_priority(3, None, "daily") == 3.0  # unknown counts as 0
    assert needs.gap_priority(3, 1, 0.5) == 1.0  # a weight directly


@pytest.mark.parametrize(
    "kwargs", [{"daily": 0.5, "weekly": 0.7}, {"monthly": 0.0}, {"daily": 1.5}, {"weekly": math.nan}]
)
def test_weights_refuse_bad_values(kwargs):
    with pytest.raises(ValueError):
        FrequencyWeights(**kwargs)


def test_weights_round_trip_through_json():
    weights = FrequencyWeights(daily=1.0, weekly=0.8, monthly=0.3)
    assert FrequencyWeights.from_dict(json.loads(json.dumps(weights.to_dict()))) == weights
    assert FrequencyWeights.from_dict({}) == needs.DEFAULT_WEIGHTS
    with pytest.raises(ValueError, match="unknown"):
        FrequencyWeights.from_dict({"rarely": 0.1})


@pytest.mark.parametrize(
    ("required", "current", "frequency"),
    [
        (5, 1, "daily"),
        (-1, 1, "daily"),
        (2.5, 1, "daily"),
        (3, 4.5, "daily"),
        (3, math.nan, "daily"),
        (3, 1, "hourly"),
        (3, 1, 1.5),
        (True, 1, "daily"),
    ],
)
def test_gap_priority_refuses_bad_input(required, current, frequency):
    with pytest.raises(ValueError):
        needs.gap_priority(required, current, frequency)


# gap_matrix.


def test_gap_matrix_matches_the_scalar_and_flags_unknowns():
    required = np.array([[3, 3, np.nan], [2, 4, 1]])
    current = np.array([[1, np.nan, 0], [2.5, 1, np.nan]])
    weight = np.array([1.0, 0.4, 0.7])
    before = (required.copy(), current.copy(), weight.copy())
    result = needs.gap_matrix(required, current, weight)
    np.testing.assert_allclose(result, [[2.0, 1.2, 0.0], [0.0, 1.2, 0.7]])
    assert result[1, 1] == needs.gap_priority(4, 1, Frequency.MONTHLY)
    assert needs.unknown_levels(current).tolist() == [[False, True, False], [False, False, True]]
    for original, after in zip(before, (required, current, weight), strict=True):
        np.testing.assert_array_equal(original, after)  # inputs untouched


@pytest.mark.parametrize(
    ("required", "current", "weight"),
    [
        ([5.0], [1.0], [1.0]),
        ([3.0], [-1.0], [1.0]),
        ([3.0], [1.0], [1.2]),
        ([3.0], [1.0], [np.nan]),
        ([3.0, 3.0], [1.0, 1.0, 1.0], [1.0]),
    ],
)
def test_gap_matrix_refuses_bad_input(required, current, weight):
    with pytest.raises(ValueError):
        needs.gap_matrix(np.array(required), np.array(current), np.array(weight))


# current_level.


@pytest.mark.parametrize(
    ("self_level", "manager_level", "evidence", "expected"),
    [
        (None, None, None, None),
        (3, None, None, 3.0),
        (3, 1, None, 1.0),  # the manager's view first
        (None, None, 2.5, 2.5),  # evidence alone, when nothing else is known
        (None, 2, 4, 3.0),  # evidence raises by at most one level
        (None, 3, 0, 2.0),  # and lowers by at most one
        (4, 2, 2.5, 2.5),  # within one level it is taken as is
        (4, None, 3.4, 3.4),
    ],
)
def test_current_level(self_level, manager_level, evidence, expected):
    assert needs.current_level(self_level, manager_level, evidence) == expected


@pytest.mark.parametrize("bad", [5, -1, math.nan, "3", True])
def test_current_level_refuses_bad_levels(bad):
    for args in ((bad, None, None), (None, bad, None), (None, None, bad)):
        with pytest.raises(ValueError):
            needs.current_level(*args)


# Requirements by job title and by team.


def one(person, requirements, level=None, raises_to=4) -> Recommendation:
    levels = [] if level is None else [Level(person.employee_id, EXCEL, level)]
    (result,) = needs.recommend(
        employees=[person],
        requirements=requirements,
        levels=levels,
        trainings=[TrainingOffer(EXCEL_COURSE, EXCEL, raises_to)],
    )
    return result


def test_a_requirement_applies_by_job_title_or_by_team():
    by_title = [Requirement(EXCEL, 3, Frequency.DAILY, job_title="analyst")]
    by_team = [Requirement(EXCEL, 3, Frequency.DAILY, team_id=5)]
    assert one(Person(1, "analyst", 9), by_title, 1).recommended
    assert one(Person(1, "analyst", 5), by_team, 1).recommended
    assert one(Person(1, "sales", 9), by_title, 1).reason is Reason.NO_REQUIREMENT
    assert one(Person(1, "analyst", 9), by_team, 1).reason is Reason.NO_REQUIREMENT
    assert one(Person(1, None, None), by_title + by_team, 1).reason is Reason.NO_REQUIREMENT


def test_the_stricter_requirement_wins():
    person = Person(1, "analyst", 5)
    title = Requirement(EXCEL, 2, Frequency.DAILY, job_title="analyst")
    team = Requirement(EXCEL, 4, Frequency.DAILY, team_id=5)
    r = one(person, [title, team], 1)
    assert (r.required, r.priority) == (4, 3.0)
    # The higher level wins even when the other is used more often, if it asks more of this person.
    team_weekly = Requirement(EXCEL, 4, Frequency.WEEKLY, team_id=5)
    assert one(person, [title, team_weekly], 1).required == 4  # 3 × 0.7 = 2.1 > 1 × 1.0
    # A higher level that is rarely used does not cancel a need the job title states.
    team_rarely = Requirement(EXCEL, 4, Frequency.RARELY, team_id=5)
    r = one(person, [title, team_rarely], 1)
    assert (r.recommended, r.required, r.priority) == (True, 2, 1.0)
    # At level on what they use: at_level, not rarely_used.
    assert one(person, [title, team_rarely], 2).reason is Reason.AT_LEVEL


def test_the_stricter_requirement_depends_on_the_person():
    # Level 4 monthly against level 2 daily: at level 1 the monthly gap of 3 × 0.4 = 1.2 beats
    # 1 × 1.0; at level 0 the daily gap of 2 × 1.0 = 2.0 beats 4 × 0.4 = 1.6.
    title = Requirement(EXCEL, 4, Frequency.MONTHLY, job_title="analyst")
    team = Requirement(EXCEL, 2, Frequency.DAILY, team_id=5)
    person = Person(1, "analyst", 5)
    assert one(person, [title, team], 1).required == 4
    assert one(person, [title, team], 0).required == 2
    # At level 2 the daily one is met and the monthly one still leaves a gap.
    assert one(person, [title, team], 2).priority == pytest.approx(0.8)


def test_an_unknown_level_counts_as_zero_and_is_flagged():
    r = one(Person(1, "analyst", 5), [Requirement(EXCEL, 2, Frequency.WEEKLY, team_id=5)])
    assert r.recommended and r.current is None and not r.level_known
    assert r.priority == pytest.approx(1.4)


def test_a_training_that_stops_below_the_required_level_is_still_recommended_for_its_part():
    person = Person(1, "analyst", 5)
    requirement = [Requirement(EXCEL, 4, Frequency.DAILY, job_title="analyst")]
    short = one(person, requirement, 1, raises_to=2)
    full = one(person, requirement, 1, raises_to=4)
    assert short.recommended and full.recommended
    assert (short.priority, full.priority) == (1.0, 3.0)  # the one that closes more ranks higher
    # Already at or above what the training teaches: not this training.
    above = one(person, requirement, 2, raises_to=2)
    assert (above.recommended, above.reason) == (False, Reason.ABOVE_TRAINING)
    # Raises beyond the requirement: only the part up to the requirement counts.
    assert one(person, [Requirement(EXCEL, 2, Frequency.DAILY, job_title="analyst")], 1, 4).priority == 1.0


def test_a_fractional_level_between_two_steps():
    r = one(Person(1, "analyst", 5), [Requirement(EXCEL, 3, Frequency.DAILY, job_title="analyst")], 2.5, 3)
    assert r.recommended and r.priority == 0.5


def test_per_employee_the_largest_gaps_come_first():
    employees = [Person(1, "analyst", 5)]
    requirements = [
        Requirement(1, 3, Frequency.MONTHLY, job_title="analyst"),
        Requirement(2, 3, Frequency.DAILY, job_title="analyst"),
        Requirement(3, 2, Frequency.DAILY, team_id=5),
    ]
    levels = [Level(1, 1, 0), Level(1, 2, 1), Level(1, 3, 2)]
    trainings = [
        TrainingOffer(10, 1, 3),
        TrainingOffer(20, 2, 2),
        TrainingOffer(21, 2, 3),
        TrainingOffer(30, 3, 4),
    ]
    result = needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    )
    mine = needs.by_employee(result)[1]
    assert [(r.training_id, r.priority) for r in mine] == [(21, 2.0), (10, pytest.approx(1.2)), (20, 1.0)]
    assert 30 not in {r.training_id for r in mine}  # at level on skill 3


def test_needs_lists_every_person_and_skill_with_the_reason():
    employees, requirements, levels, _ = seed_team()
    result = needs.needs(employees=employees, requirements=requirements, levels=levels, skill_ids=[EXCEL, 8])
    assert len(result) == 16
    first = result[0]
    assert (first.employee_id, first.reason, first.gap, first.priority) == (1, NeedReason.GAP, 2.0, 2.0)
    reasons = {(n.employee_id, n.skill_id): n.reason for n in result}
    assert reasons[(4, EXCEL)] is NeedReason.AT_LEVEL
    assert reasons[(8, EXCEL)] is NeedReason.RARELY_USED
    assert reasons[(1, 8)] is NeedReason.NO_REQUIREMENT
    unknown = next(n for n in result if (n.employee_id, n.skill_id) == (8, EXCEL))
    assert not unknown.level_known and unknown.gap == 3.0 and unknown.priority == 0.0
    for need in result:
        assert Need.from_dict(json.loads(json.dumps(need.to_dict()))) == need


def test_recommendations_round_trip_through_json():
    employees, requirements, levels, trainings = seed_team()
    for r in needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    ):
        assert Recommendation.from_dict(json.loads(json.dumps(r.to_dict()))) == r


# Validation.


def test_inputs_are_validated():
    with pytest.raises(ValueError, match="exactly one"):
        Requirement(EXCEL, 3, Frequency.DAILY)
    with pytest.raises(ValueError, match="exactly one"):
        Requirement(EXCEL, 3, Frequency.DAILY, job_title="a", team_id=1)
    with pytest.raises(ValueError):
        Requirement(EXCEL, 5, Frequency.DAILY, team_id=1)
    with pytest.raises(ValueError):
        Requirement(EXCEL, 3, "hourly", team_id=1)
    with pytest.raises(ValueError):
        Level(1, EXCEL, 4.5)
    with pytest.raises(ValueError):
        TrainingOffer(1, EXCEL, 0)
    assert Requirement(EXCEL, 3, "weekly", team_id=1).frequency is Frequency.WEEKLY


def test_duplicates_are_refused():
    person = Person(1, "a", 1)
    requirement = Requirement(EXCEL, 3, Frequency.DAILY, team_id=1)
    training = [TrainingOffer(1, EXCEL, 3)]
    with pytest.raises(ValueError, match="twice"):
        needs.recommend(employees=[person, person], requirements=[], levels=[], trainings=training)
    with pytest.raises(ValueError, match="twice"):
        needs.recommend(employees=[person], requirements=[requirement] * 2, levels=[], trainings=training)
    with pytest.raises(ValueError, match="two levels"):
        needs.recommend(
            employees=[person], requirements=[], levels=[Level(1, EXCEL, 1)] * 2, trainings=training
        )
    with pytest.raises(ValueError, match="two levels"):
        needs.level_matrix([(1, EXCEL, 1.0), (1, EXCEL, 2.0)], [1], [EXCEL])


def test_recommend_matrix_validates_its_arrays():
    people = [Person(1, "a", 1)]
    training = [TrainingOffer(1, EXCEL, 3)]
    kwargs = {"employees": people, "requirements": [], "skill_ids": [EXCEL], "trainings": training}
    with pytest.raises(ValueError, match="shape"):
        needs.recommend_matrix(current=np.zeros((2, 1)), **kwargs)
    with pytest.raises(ValueError, match="within"):
        needs.recommend_matrix(current=np.full((1, 1), 5.0), **kwargs)
    with pytest.raises(ValueError, match="not among"):
        needs.recommend_matrix(**{**kwargs, "skill_ids": [8]}, current=np.zeros((1, 1)))
    matrix = needs.recommend_matrix(current=np.zeros((1, 1)), **kwargs)
    with pytest.raises(ValueError):
        matrix.recommended[0, 0] = True  # read-only
    with pytest.raises(ValueError):
        matrix.for_training(2)
    with pytest.raises(ValueError):
        matrix.for_employee(2)


def test_inputs_are_not_changed():
    employees, requirements, levels, trainings = seed_team()
    current = needs.level_matrix(levels, [p.employee_id for p in employees], [EXCEL])
    before = current.copy()
    snapshot = (list(employees), list(requirements), list(levels), list(trainings))
    needs.recommend(employees=employees, requirements=requirements, levels=levels, trainings=trainings)
    needs.recommend_matrix(
        employees=employees,
        requirements=requirements,
        current=current,
        skill_ids=[EXCEL],
        trainings=trainings,
    )
    np.testing.assert_array_equal(current, before)
    assert (employees, requirements, levels, trainings) == snapshot


# Properties.

levels_st = st.integers(needs.MIN_LEVEL, needs.MAX_LEVEL)
currents_st = st.one_of(st.none(), st.floats(0.0, 4.0), levels_st)
frequencies_st = st.sampled_from(list(Frequency))


@given(levels_st, currents_st, currents_st, frequencies_st)
def test_priority_grows_with_the_gap(required, a, b, frequency):
    low, high = (0.0 if a is None else a), (0.0 if b is None else b)
    if low > high:
        low, high = high, low
    # A lower current level is a larger gap: never a smaller priority.
    assert needs.gap_priority(required, low, frequency) >= needs.gap_priority(required, high, frequency)


@given(levels_st, currents_st, frequencies_st, frequencies_st)
def test_priority_grows_with_use(required, current, f1, f2):
    order = list(Frequency)  # daily, weekly, monthly, rarely
    more, less = sorted((f1, f2), key=order.index)
    assert needs.gap_priority(required, current, more) >= needs.gap_priority(required, current, less)


@given(levels_st, currents_st, frequencies_st)
def test_priority_is_zero_exactly_when_there_is_no_used_gap(required, current, frequency):
    priority = needs.gap_priority(required, current, frequency)
    level = 0.0 if current is None else current
    assert (priority > 0) == (required > level and frequency is not Frequency.RARELY)
    assert 0.0 <= priority <= 4.0


@st.composite
def organisations(draw):
    titles = ["a", "b", "c", None]
    teams = [1, 2, 3, None]
    skills = [1, 2, 3]
    n = draw(st.integers(1, 12))
    employees = [
        Person(i, draw(st.sampled_from(titles)), draw(st.sampled_from(teams))) for i in range(1, n + 1)
    ]
    requirements = []
    for skill in skills:
        for title in titles[:-1]:
            if draw(st.booleans()):
                requirements.append(
                    Requirement(skill, draw(levels_st), draw(frequencies_st), job_title=title)
                )
        for team in teams[:-1]:
            if draw(st.booleans()):
                requirements.append(Requirement(skill, draw(levels_st), draw(frequencies_st), team_id=team))
    levels = [
        Level(p.employee_id, skill, draw(st.one_of(levels_st, st.sampled_from([0.5, 1.5, 2.25, 3.75]))))
        for p in employees
        for skill in skills
        if draw(st.integers(0, 4))  # about one in five unknown
    ]
    trainings = [
        TrainingOffer(t, draw(st.sampled_from(skills)), draw(st.integers(1, 4)))
        for t in range(draw(st.integers(1, 5)))
    ]
    return employees, requirements, levels, trainings, skills


@settings(max_examples=200, deadline=None)
@given(organisations())
def test_recommendations_follow_the_rules(org):
    employees, requirements, levels, trainings, _ = org
    result = needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    )
    assert len(result) == len(employees) * len(trainings)
    level = {(lv.employee_id, lv.skill_id): lv.level for lv in levels}
    person = {p.employee_id: p for p in employees}
    raises = {t.training_id: t.raises_to for t in trainings}
    for r in result:
        current = level.get((r.employee_id, r.skill_id), 0.0)
        p = person[r.employee_id]
        applicable = [
            q
            for q in requirements
            if q.skill_id == r.skill_id
            and (
                (q.job_title is not None and q.job_title == p.job_title)
                or (q.team_id is not None and q.team_id == p.team_id)
            )
        ]
        if r.recommended:
            # Never someone at or above the required level, never a rarely used skill, always a step up.
            assert r.reason is Reason.GAP and r.priority > 0
            assert current < r.required and current < raises[r.training_id]
            assert any(q.level > current and q.frequency is not Frequency.RARELY for q in applicable)
        else:
            assert r.priority == 0.0 and r.reason is not Reason.GAP
        if not any(q.level > current and q.frequency is not Frequency.RARELY for q in applicable):
            assert not r.recommended  # every requirement met, or only rarely used ones left open
        if all(q.frequency is Frequency.RARELY for q in applicable):
            assert not r.recommended
        if not applicable:
            assert r.reason is Reason.NO_REQUIREMENT
    # Ranked: within a training, the recommended first, by priority.
    for t in trainings:
        block = [r for r in result if r.training_id == t.training_id]
        flags = [r.recommended for r in block]
        assert flags == sorted(flags, reverse=True)
        priorities = [r.priority for r in block if r.recommended]
        assert priorities == sorted(priorities, reverse=True)


@settings(max_examples=200, deadline=None)
@given(organisations())
def test_the_matrix_path_agrees_exactly_with_the_plain_one(org):
    employees, requirements, levels, trainings, skills = org
    plain = needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    )
    current = needs.level_matrix(levels, [p.employee_id for p in employees], skills)
    matrix = needs.recommend_matrix(
        employees=employees, requirements=requirements, current=current, skill_ids=skills, trainings=trainings
    )
    assert matrix.to_recommendations() == plain
    grouped = needs.by_employee(plain)
    for p in employees:
        assert matrix.for_employee(p.employee_id) == grouped.get(p.employee_id, [])


@settings(max_examples=100, deadline=None)
@given(organisations())
def test_the_need_behind_a_recommendation_agrees(org):
    employees, requirements, levels, trainings, skills = org
    listed = {
        (n.employee_id, n.skill_id): n
        for n in needs.needs(employees=employees, requirements=requirements, levels=levels, skill_ids=skills)
    }
    for r in needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    ):
        need = listed[(r.employee_id, r.skill_id)]
        if r.recommended:
            assert need.reason is NeedReason.GAP and r.priority <= need.priority
        elif r.reason is not Reason.ABOVE_TRAINING:
            assert r.reason.value == need.reason.value
