"""Segments: every rule just above and just below its thresholds, too little data, and properties."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from beklijf.engine import segments
from beklijf.engine.segments import LearnerActivity, Segment, SegmentResult, Thresholds

START = date(2025, 3, 3)
END = date(2025, 3, 30)  # 28 days, EVIDENCE.md item 9


def activity(**overrides) -> LearnerActivity:
    """A person with no data at all; each test adds what its rule needs."""
    return LearnerActivity(**{"employee_id": 1, "period_start": START, "period_end": END, **overrides})


def fired(
    a: LearnerActivity, *, p75: float | None = None, thresholds: Thresholds | None = None
) -> set[Segment]:
    return {
        r.segment for r in segments.classify(a, cohort_p75_growth=p75, thresholds=thresholds or Thresholds())
    }


def result_for(a: LearnerActivity, segment: Segment, *, p75: float | None = None) -> SegmentResult:
    (result,) = [r for r in segments.classify(a, cohort_p75_growth=p75) if r.segment is segment]
    return result


# Nobody.


def test_a_person_without_data_is_in_no_segment():
    assert segments.classify(activity(), cohort_p75_growth=0.1) == []


def test_a_steady_person_with_plenty_of_data_is_in_no_segment():
    steady = activity(
        due_items=20,
        on_time=14,
        weekly_on_time=(0.7, 0.7, 0.75, 0.7),
        first_attempts=20,
        first_correct=15,
        prompted_answers=20,
        unprompted_answers=2,
        extra_answers=2,
        stability_growth=0.3,
        retrievabilities=(0.8, 0.9, 0.75, 0.85),
        team_mean_r=0.85,
        ignored_prompts=1,
    )
    assert segments.classify(steady, cohort_p75_growth=0.5) == []


# Self-driven: unprompted share >= 0.25 of >= 10 answers and on-time rate >= 0.8 of >= 5 due items.


def self_driven(
    unprompted: int = 25, prompted: int = 75, on_time: int = 80, due: int = 100
) -> LearnerActivity:
    return activity(unprompted_answers=unprompted, prompted_answers=prompted, on_time=on_time, due_items=due)


def test_self_driven_fires_exactly_at_both_thresholds():
    result = result_for(self_driven(), Segment.SELF_DRIVEN)
    assert result.numbers == {
        "unprompted_answers": 25,
        "answers": 100,
        "unprompted_share": 0.25,
        "on_time": 80,
        "due_items": 100,
        "on_time_rate": 0.8,
    }
    assert "0.25" in result.rule and "0.8" in result.rule
    assert (result.period_start, result.period_end) == (START, END)


@pytest.mark.parametrize(
    "case",
    [
        {"unprompted": 24, "prompted": 76},  # share 0.24
        {"on_time": 79},  # on-time 0.79
    ],
)
def test_self_driven_does_not_fire_just_below_a_threshold(case):
    assert Segment.SELF_DRIVEN not in fired(self_driven(**case))


def test_self_driven_needs_ten_answers_and_five_due_items():
    assert Segment.SELF_DRIVEN in fired(self_driven(unprompted=10, prompted=0, on_time=5, due=5))
    assert Segment.SELF_DRIVEN not in fired(self_driven(unprompted=9, prompted=0, on_time=5, due=5))
    assert Segment.SELF_DRIVEN not in fired(self_driven(unprompted=10, prompted=0, on_time=4, due=4))


# Fast learner: stability growth >= cohort P75 and first-attempt accuracy >= 0.8 of >= 10.


def fast(growth: float | None = 0.6, correct: int = 80, attempts: int = 100, eid: int = 1) -> LearnerActivity:
    return activity(employee_id=eid, stability_growth=growth, first_correct=correct, first_attempts=attempts)


def test_fast_learner_fires_exactly_at_the_cohort_percentile_and_accuracy():
    result = result_for(fast(), Segment.FAST_LEARNER, p75=0.6)
    assert result.numbers == {
        "stability_growth": 0.6,
        "cohort_percentile_growth": 0.6,
        "first_correct": 80,
        "first_attempts": 100,
        "first_accuracy": 0.8,
    }


@pytest.mark.parametrize(
    "case",
    [
        {"growth": 0.6 - 1e-6},  # just below the cohort's P75
        {"correct": 79},  # accuracy 0.79
        {"correct": 9, "attempts": 9},  # perfect, but only 9 first attempts
        {"growth": None},  # too few reviews for a growth
    ],
)
def test_fast_learner_does_not_fire_just_below_a_threshold_or_without_data(case):
    assert Segment.FAST_LEARNER not in fired(fast(**case), p75=0.6)


def test_fast_learner_does_not_fire_without_a_cohort_percentile():
    assert Segment.FAST_LEARNER not in fired(fast(growth=5.0), p75=None)


def test_fast_learner_compares_against_the_cohorts_75th_percentile():
    # Growths 0.0 ... 0.8: numpy's linear P75 of nine values is the seventh, 0.6.
    cohort = [fast(growth=g / 10, eid=g) for g in range(9)]
    assert segments.cohort_growth_percentile(cohort) == pytest.approx(0.6)
    results = segments.classify_cohort(cohort)
    fast_ids = {
        eid for eid, signals in results.items() if Segment.FAST_LEARNER in {s.segment for s in signals}
    }
    assert fast_ids == {6, 7, 8}


def test_the_cohort_percentile_ignores_people_without_growth_and_needs_five():
    four = [fast(growth=g, eid=i) for i, g in enumerate((0.1, 0.2, 0.3, 0.4))]
    without = [fast(growth=None, eid=10 + i) for i in range(10)]
    assert segments.cohort_growth_percentile(four + without) is None
    assert all(
        Segment.FAST_LEARNER not in {s.segment for s in v} for v in segments.classify_cohort(four).values()
    )
    five = four + [fast(growth=0.5, eid=5)]
    assert segments.cohort_growth_percentile(five + without) == pytest.approx(
        np.percentile([0.1, 0.2, 0.3, 0.4, 0.5], 75)
    )


# Laggard: R < 0.7 on >= 30% of >= 3 points, or mean R more than 0.2 below the team mean.


def test_laggard_fires_at_thirty_percent_weak_points():
    a = activity(retrievabilities=(0.69, 0.5, 0.1) + (0.9,) * 7)
    result = result_for(a, Segment.LAGGARD)
    assert result.numbers["weak_points"] == 3
    assert result.numbers["points"] == 10
    assert result.numbers["weak_share"] == 0.3
    assert "team mean" not in result.rule


def test_laggard_does_not_fire_at_twenty_percent_or_when_r_is_exactly_the_threshold():
    assert Segment.LAGGARD not in fired(activity(retrievabilities=(0.69, 0.5) + (0.9,) * 8))
    assert Segment.LAGGARD not in fired(activity(retrievabilities=(0.7, 0.7, 0.7) + (0.9,) * 7))


def test_laggard_needs_three_learning_points():
    assert Segment.LAGGARD not in fired(activity(retrievabilities=(0.1, 0.1), team_mean_r=0.95))
    assert Segment.LAGGARD in fired(activity(retrievabilities=(0.1, 0.1, 0.1)))


def test_laggard_fires_when_more_than_point_two_below_the_team_mean():
    a = activity(retrievabilities=(0.75,) * 10, team_mean_r=0.9501)
    result = result_for(a, Segment.LAGGARD)
    assert result.numbers["weak_points"] == 0
    assert result.numbers["gap_to_team"] == pytest.approx(0.2001)
    assert "team mean" in result.rule and "R < 0.7" not in result.rule


def test_laggard_does_not_fire_exactly_point_two_below_the_team_mean():
    # 0.95 − 0.75 is 0.19999999999999996 or 0.2000000000000001 in floats; exactly 0.2 is not "more than".
    assert Segment.LAGGARD not in fired(activity(retrievabilities=(0.75,) * 10, team_mean_r=0.95))
    assert Segment.LAGGARD not in fired(activity(retrievabilities=(0.8,) * 10, team_mean_r=1.0))


def test_laggard_names_both_rules_when_both_fire():
    result = result_for(activity(retrievabilities=(0.1,) * 5, team_mean_r=0.9), Segment.LAGGARD)
    assert "R < 0.7" in result.rule and "team mean" in result.rule


# Eager: >= 5 answers beyond the daily cap, or >= 1 training request.


def test_eager_fires_at_five_extra_answers_and_not_at_four():
    result = result_for(activity(prompted_answers=5, extra_answers=5), Segment.EAGER)
    assert result.numbers == {"extra_answers": 5, "training_requests": 0}
    assert Segment.EAGER not in fired(activity(prompted_answers=5, extra_answers=4))


def test_eager_fires_on_one_training_request():
    result = result_for(activity(training_requests=1), Segment.EAGER)
    assert "training requests" in result.rule and "daily cap" not in result.rule


# Dropping off: least-squares slope of weekly on-time <= -0.1 over >= 3 weeks, last below first.


def test_dropping_off_fires_at_a_slope_of_exactly_minus_point_one():
    result = result_for(activity(weekly_on_time=(1.0, 0.9, 0.8)), Segment.DROPPING_OFF)
    assert result.numbers["slope_per_week"] == pytest.approx(-0.1)
    assert result.numbers["weeks_with_data"] == 3
    assert (result.numbers["first_week_rate"], result.numbers["last_week_rate"]) == (1.0, 0.8)


def test_dropping_off_does_not_fire_at_a_gentler_slope():
    assert Segment.DROPPING_OFF not in fired(activity(weekly_on_time=(1.0, 0.91, 0.82)))


def test_dropping_off_needs_three_weeks_with_due_items():
    assert Segment.DROPPING_OFF not in fired(activity(weekly_on_time=(1.0, None, 0.0)))
    assert Segment.DROPPING_OFF not in fired(activity(weekly_on_time=(1.0, 0.0)))


def test_dropping_off_keeps_gap_weeks_in_their_place():
    # Weeks 0, 3 and 5 have due items: the slope is per calendar week, not per data point.
    result = result_for(activity(weekly_on_time=(1.0, None, None, 0.6, None, 0.4)), Segment.DROPPING_OFF)
    per_week = np.polyfit([0, 3, 5], [1.0, 0.6, 0.4], 1)[0]
    assert result.numbers["slope_per_week"] == pytest.approx(per_week)
    assert per_week == pytest.approx(-0.121, abs=0.001)  # closed up it would be −0.3


def test_dropping_off_needs_the_last_week_below_the_first():
    # Slope −0.114 per week, but the person is back where they started.
    assert Segment.DROPPING_OFF not in fired(activity(weekly_on_time=(0.5, 1.0, 1.0, 0.0, 0.0, 0.5)))


def test_dropping_off_looks_only_at_the_last_eight_weeks():
    old_decline = (1.0, 0.5, 0.0) + (None,) * 8
    assert Segment.DROPPING_OFF not in fired(activity(weekly_on_time=old_decline))
    assert Segment.DROPPING_OFF in fired(
        activity(weekly_on_time=old_decline), thresholds=Thresholds(dropping_trend_weeks=11)
    )


# Refuser: >= 3 ignored prompts and confirmed by the manager, or an explicit "I won't".


def test_refuser_fires_on_three_ignored_prompts_confirmed_by_the_manager():
    result = result_for(activity(ignored_prompts=3, refusal_confirmed=True), Segment.REFUSER)
    assert result.numbers == {"ignored_prompts": 3, "refusal_confirmed": 1, "said_wont": 0}
    assert "confirmed by the manager" in result.rule


@pytest.mark.parametrize(
    "case",
    [
        {"ignored_prompts": 2, "refusal_confirmed": True},
        {"ignored_prompts": 30, "refusal_confirmed": False},  # silence alone is never refusal
    ],
)
def test_refuser_does_not_fire_on_fewer_prompts_or_without_the_manager(case):
    assert Segment.REFUSER not in fired(activity(**case))


def test_refuser_fires_when_the_person_says_so():
    result = result_for(activity(said_wont=True), Segment.REFUSER)
    assert "confirmed" not in result.rule


# Several segments, cohorts, the self-driven share.


def test_a_person_can_be_in_several_segments_in_segment_order():
    keen = activity(
        unprompted_answers=20,
        prompted_answers=10,
        extra_answers=8,
        due_items=10,
        on_time=10,
        training_requests=2,
    )
    assert [r.segment for r in segments.classify(keen, cohort_p75_growth=None)] == [
        Segment.SELF_DRIVEN,
        Segment.EAGER,
    ]


def test_classify_cohort_lists_everyone_and_refuses_duplicates():
    cohort = [activity(employee_id=1), activity(employee_id=2, said_wont=True)]
    results = segments.classify_cohort(cohort)
    assert results[1] == []
    assert [r.segment for r in results[2]] == [Segment.REFUSER]
    with pytest.raises(ValueError, match="twice"):
        segments.classify_cohort([activity(employee_id=1), activity(employee_id=1)])


def test_self_driven_share():
    cohort = [dataclasses.replace(self_driven(), employee_id=i) for i in range(2)]
    cohort += [activity(employee_id=i) for i in range(2, 5)]
    results = segments.classify_cohort(cohort)
    assert segments.self_driven_share(results) == (0.4, 5)
    assert segments.self_driven_share(results, 8) == (0.25, 8)
    assert segments.self_driven_share({}, 0) == (None, 0)
    with pytest.raises(ValueError):
        segments.self_driven_share(results, 1)


# Thresholds, inputs, results.


def test_thresholds_round_trip_through_json_and_a_missing_key_takes_its_default():
    custom = Thresholds(self_driven_unprompted_share=0.4, laggard_min_points=5, dropping_slope=-0.05)
    assert Thresholds.from_dict(json.loads(json.dumps(custom.to_dict()))) == custom
    assert Thresholds.from_dict({"min_answers": 20}) == Thresholds(min_answers=20)
    with pytest.raises(ValueError, match="unknown"):
        Thresholds.from_dict({"min_answerz": 20})


def test_default_thresholds_are_the_documented_starting_values():
    t = Thresholds()
    assert (t.self_driven_unprompted_share, t.self_driven_on_time_rate) == (0.25, 0.8)
    assert (t.fast_growth_percentile, t.fast_first_accuracy, t.fast_min_first_attempts) == (75.0, 0.8, 10)
    assert (t.laggard_weak_r, t.laggard_weak_share, t.laggard_min_points, t.laggard_gap_to_team) == (
        0.7,
        0.3,
        3,
        0.2,
    )
    assert (t.eager_extra_answers, t.eager_training_requests) == (5, 1)
    assert (t.dropping_min_weeks, t.dropping_slope, t.dropping_trend_weeks) == (3, -0.1, 8)
    assert t.refuser_ignored_prompts == 3


@pytest.mark.parametrize(
    "bad",
    [
        {"min_answers": 0},
        {"min_answers": 2.5},
        {"min_due_items": True},
        {"fast_min_cohort": 1},
        {"self_driven_unprompted_share": 1.5},
        {"self_driven_on_time_rate": math.nan},
        {"laggard_weak_r": -0.1},
        {"fast_growth_percentile": 100},
        {"fast_growth_percentile": 0},
        {"dropping_slope": 0.0},
        {"dropping_slope": 0.1},
        {"dropping_slope": -1.5},
        {"dropping_min_weeks": 1},
        {"dropping_min_weeks": 9},
        {"laggard_gap_to_team": "0.2"},
    ],
)
def test_thresholds_refuse_values_out_of_range(bad):
    with pytest.raises(ValueError):
        Thresholds(**bad)


def test_custom_thresholds_change_the_outcome():
    a = self_driven()
    assert Segment.SELF_DRIVEN not in fired(a, thresholds=Thresholds(self_driven_unprompted_share=0.3))


@pytest.mark.parametrize(
    "bad",
    [
        {"due_items": -1},
        {"due_items": 3, "on_time": 4},
        {"first_attempts": 3, "first_correct": 4},
        {"prompted_answers": 2, "unprompted_answers": 2, "extra_answers": 5},
        {"weekly_on_time": (0.5, 1.2)},
        {"retrievabilities": (0.5, math.nan)},
        {"team_mean_r": 1.1},
        {"stability_growth": math.inf},
        {"period_end": date(2025, 3, 2)},
        {"ignored_prompts": 1.0},
        {"said_wont": 1},
    ],
)
def test_learner_activity_refuses_impossible_numbers(bad):
    with pytest.raises(ValueError):
        activity(**bad)


def test_learner_activity_stores_sequences_as_tuples():
    source = [0.5, 0.9, 0.1]
    a = activity(retrievabilities=source, weekly_on_time=[1, None, 0.5])
    source.append(0.0)
    assert a.retrievabilities == (0.5, 0.9, 0.1)
    assert a.weekly_on_time == (1.0, None, 0.5)


def test_segment_results_round_trip_through_json_and_own_their_numbers():
    numbers = {"extra_answers": 6, "training_requests": 0}
    result = SegmentResult(Segment.EAGER, "rule", numbers, START, END)
    numbers["extra_answers"] = 99
    assert result.numbers["extra_answers"] == 6
    assert SegmentResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    with pytest.raises(ValueError):
        SegmentResult.from_dict({"segment": "eager"})  # type: ignore[typeddict-item]


# Properties.

rates = st.floats(0, 1)


@st.composite
def activities(draw, employee_id: int = 1) -> LearnerActivity:
    due = draw(st.integers(0, 60))
    first = draw(st.integers(0, 60))
    prompted = draw(st.integers(0, 60))
    unprompted = draw(st.integers(0, 60))
    return LearnerActivity(
        employee_id=employee_id,
        period_start=START,
        period_end=END,
        due_items=due,
        on_time=draw(st.integers(0, due)),
        weekly_on_time=tuple(draw(st.lists(st.one_of(st.none(), rates), max_size=10))),
        first_attempts=first,
        first_correct=draw(st.integers(0, first)),
        prompted_answers=prompted,
        unprompted_answers=unprompted,
        extra_answers=draw(st.integers(0, prompted + unprompted)),
        training_requests=draw(st.integers(0, 2)),
        stability_growth=draw(st.one_of(st.none(), st.floats(-1, 3))),
        retrievabilities=tuple(draw(st.lists(rates, max_size=12))),
        team_mean_r=draw(st.one_of(st.none(), rates)),
        ignored_prompts=draw(st.integers(0, 6)),
        refusal_confirmed=draw(st.booleans()),
        said_wont=draw(st.booleans()),
    )


p75s = st.one_of(st.none(), st.floats(-1, 3))


@given(a=activities(), p75=p75s)
def test_every_signal_carries_its_period_a_rule_and_finite_numbers(a, p75):
    results = segments.classify(a, cohort_p75_growth=p75)
    order = list(Segment)
    assert [order.index(r.segment) for r in results] == sorted({order.index(r.segment) for r in results})
    for result in results:
        assert (result.period_start, result.period_end) == (a.period_start, a.period_end)
        assert result.rule
        assert all(math.isfinite(v) for v in result.numbers.values())
        assert SegmentResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result


@given(a=activities(), p75=p75s)
def test_classify_is_deterministic_and_leaves_its_input_alone(a, p75):
    before = dataclasses.asdict(a)
    assert segments.classify(a, cohort_p75_growth=p75) == segments.classify(a, cohort_p75_growth=p75)
    assert dataclasses.asdict(a) == before


@st.composite
def self_driven_people(draw) -> LearnerActivity:
    """Activities that meet the self-driven rule, with the numbers anywhere from the threshold up."""
    a = draw(activities())
    answers = draw(st.integers(10, 80))
    unprompted = draw(st.integers(math.ceil(answers / 4), answers))
    due = draw(st.integers(5, 60))
    return dataclasses.replace(
        a,
        unprompted_answers=unprompted,
        prompted_answers=answers - unprompted,
        extra_answers=min(a.extra_answers, answers),
        due_items=due,
        on_time=draw(st.integers(math.ceil(due * 0.8), due)),
    )


@st.composite
def fast_learners(draw) -> tuple[LearnerActivity, float]:
    """Activities that meet the fast-learner rule, with the cohort percentile they met."""
    a = draw(activities())
    growth = draw(st.floats(-1, 3))
    attempts = draw(st.integers(10, 80))
    correct = draw(st.integers(math.ceil(attempts * 0.8), attempts))
    p75 = draw(st.floats(-1, growth))
    return dataclasses.replace(
        a, stability_growth=growth, first_attempts=attempts, first_correct=correct
    ), p75


@given(a=self_driven_people(), p75=p75s, more=st.integers(1, 50))
def test_more_unprompted_answers_never_remove_self_driven(a, p75, more):
    assert Segment.SELF_DRIVEN in fired(a, p75=p75)
    keener = dataclasses.replace(a, unprompted_answers=a.unprompted_answers + more)
    assert Segment.SELF_DRIVEN in fired(keener, p75=p75)


@given(a=self_driven_people(), p75=p75s, more=st.integers(1, 50))
def test_more_items_on_time_never_remove_self_driven(a, p75, more):
    assert Segment.SELF_DRIVEN in fired(a, p75=p75)
    better = dataclasses.replace(a, on_time=min(a.due_items, a.on_time + more))
    assert Segment.SELF_DRIVEN in fired(better, p75=p75)


@given(a=activities(), p75=p75s, extra=st.integers(0, 20), requests=st.integers(0, 3))
def test_more_extra_answers_or_requests_never_remove_eager(a, p75, extra, requests):
    assume(Segment.EAGER in fired(a, p75=p75))
    keener = dataclasses.replace(
        a,
        prompted_answers=a.prompted_answers + extra,
        extra_answers=a.extra_answers + extra,
        training_requests=a.training_requests + requests,
    )
    assert Segment.EAGER in fired(keener, p75=p75)


@given(a=activities(), p75=p75s, index=st.integers(0, 11), drop=rates)
def test_a_lower_r_never_removes_laggard(a, p75, index, drop):
    assume(a.retrievabilities and Segment.LAGGARD in fired(a, p75=p75))
    rs = list(a.retrievabilities)
    i = index % len(rs)
    rs[i] = rs[i] * drop
    assert Segment.LAGGARD in fired(dataclasses.replace(a, retrievabilities=tuple(rs)), p75=p75)


@given(person=fast_learners(), more=st.integers(1, 20))
def test_more_correct_first_attempts_never_remove_fast_learner(person, more):
    a, p75 = person
    assert Segment.FAST_LEARNER in fired(a, p75=p75)
    better = dataclasses.replace(
        a, first_attempts=a.first_attempts + more, first_correct=a.first_correct + more
    )
    assert Segment.FAST_LEARNER in fired(better, p75=p75)


@given(a=activities(), p75=p75s)
def test_saying_i_wont_always_makes_a_refuser(a, p75):
    assert Segment.REFUSER in fired(dataclasses.replace(a, said_wont=True), p75=p75)


@given(a=activities(), p75=p75s)
def test_too_little_data_fires_nothing_but_the_explicit_signals(a, p75):
    t = Thresholds()
    scarce = dataclasses.replace(
        a,
        due_items=min(a.due_items, t.min_due_items - 1),
        on_time=min(a.on_time, t.min_due_items - 1),
        first_attempts=min(a.first_attempts, t.fast_min_first_attempts - 1),
        first_correct=min(a.first_correct, t.fast_min_first_attempts - 1),
        prompted_answers=0,
        unprompted_answers=min(a.unprompted_answers, t.min_answers - 1),
        extra_answers=0,
        retrievabilities=a.retrievabilities[: t.laggard_min_points - 1],
        weekly_on_time=(None,) * 6 + a.weekly_on_time[:2],
    )
    assert fired(scarce, p75=p75) <= {Segment.EAGER, Segment.REFUSER}
    assert Segment.EAGER not in fired(dataclasses.replace(scarce, training_requests=0), p75=p75)


@settings(deadline=None)
@given(cohort=st.lists(activities(), max_size=30))
def test_classify_cohort_is_classify_with_the_cohorts_percentile(cohort):
    cohort = [dataclasses.replace(a, employee_id=i) for i, a in enumerate(cohort)]
    p75 = segments.cohort_growth_percentile(cohort)
    growths = [a.stability_growth for a in cohort if a.stability_growth is not None]
    if len(growths) >= 5:
        assert p75 == pytest.approx(float(np.percentile(growths, 75)))
    else:
        assert p75 is None
    results = segments.classify_cohort(cohort)
    assert list(results) == [a.employee_id for a in cohort]
    for a in cohort:
        assert results[a.employee_id] == segments.classify(a, cohort_p75_growth=p75)


@given(
    t=st.builds(
        Thresholds,
        min_answers=st.integers(1, 50),
        self_driven_unprompted_share=rates,
        fast_growth_percentile=st.floats(1, 99),
        laggard_gap_to_team=rates,
        dropping_slope=st.floats(-1, -0.001),
    )
)
def test_any_valid_thresholds_round_trip(t):
    assert Thresholds.from_dict(json.loads(json.dumps(t.to_dict()))) == t
