"""The memory model: properties with hypothesis, golden sequences against py-fsrs itself."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from fsrs import Card, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS
from hypothesis import given, settings
from hypothesis import strategies as st

from beklijf.engine import memory
from beklijf.engine.memory import MemoryState, Parameters, Rating, ReviewRecord

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC
# Weights that are not the defaults but stay within py-fsrs's bounds, as a fit would give.
FITTED_LIKE = Parameters(
    weights=(
        0.19,
        0.9,
        2.54,
        6.19,
        6.6,
        0.49,
        3.21,
        0.046,
        1.62,
        0.23,
        0.57,
        1.59,
        0.032,
        0.37,
        1.83,
        0.6,
        1.87,
        0.76,
        0.093,
        0.15,
        0.23,
    ),  # fmt: skip
    version=3,
)

# One answer: (whole days after the due day, hour of the day, correct?).
answers = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 23), st.booleans()), min_size=1, max_size=12)
parameter_sets = st.sampled_from([Parameters.DEFAULT, FITTED_LIKE])
retentions = st.floats(memory.MIN_DESIRED_RETENTION, memory.MAX_DESIRED_RETENTION)


def run(answer_list, *, parameters=None, desired_retention=0.9, start=START):
    """Apply answers on (due day + late days) at the given hour; return every state and outcome."""
    state = memory.new_state(at=start)
    states, outcomes = [state], []
    for late_days, hour, correct in answer_list:
        due_day = state.due.astimezone(start.tzinfo).date() + timedelta(days=late_days)
        at = datetime(due_day.year, due_day.month, due_day.day, hour, tzinfo=start.tzinfo)
        state, outcome = memory.review(
            state, correct=correct, at=at, parameters=parameters, desired_retention=desired_retention
        )
        states.append(state)
        outcomes.append(outcome)
    return states, outcomes


# Parameters


def test_default_parameters_are_the_fsrs6_defaults():
    assert Parameters.DEFAULT.weights == tuple(DEFAULT_PARAMETERS)
    assert Parameters.DEFAULT.version == 0
    assert Parameters.DEFAULT.decay == DEFAULT_PARAMETERS[20]


def test_parameters_round_trip_through_json():
    assert Parameters.from_dict(json.loads(json.dumps(FITTED_LIKE.to_dict()))) == FITTED_LIKE


@pytest.mark.parametrize("weights", [DEFAULT_PARAMETERS[:20], (*DEFAULT_PARAMETERS, 0.1), ()])
def test_parameters_refuse_the_wrong_number_of_weights(weights):
    with pytest.raises(ValueError, match="21 weights"):
        Parameters(weights=weights)


@pytest.mark.parametrize("index, value", [(0, -1.0), (20, 0.9), (4, math.nan)])
def test_parameters_refuse_weights_out_of_bounds(index, value):
    weights = list(DEFAULT_PARAMETERS)
    weights[index] = value
    with pytest.raises(ValueError, match=f"w{index}"):
        Parameters(weights=weights)


@pytest.mark.parametrize("version", [-1, 1.5, True])
def test_parameters_refuse_a_bad_version(version):
    with pytest.raises(ValueError, match="version"):
        Parameters(weights=DEFAULT_PARAMETERS, version=version)


def test_parameters_from_dict_refuses_a_missing_key():
    with pytest.raises(ValueError, match="not a parameters dict"):
        Parameters.from_dict({"weights": list(DEFAULT_PARAMETERS)})


# Ratings and the start of the follow-up


def test_a_correct_answer_is_good_and_a_wrong_one_is_again():
    assert memory.rating_for_answer(True) is Rating.Good
    assert memory.rating_for_answer(False) is Rating.Again


def test_rating_for_answer_refuses_anything_but_a_bool():
    with pytest.raises(TypeError):
        memory.rating_for_answer(1)  # type: ignore[arg-type]


def test_the_first_review_is_due_at_the_start_of_the_next_day():
    state = memory.new_state(at=datetime(2025, 3, 3, 16, 45, tzinfo=UTC))
    assert state.due == datetime(2025, 3, 4, tzinfo=UTC)
    assert state.is_new and state.reps == 0 and state.last_review is None


def test_the_first_review_day_is_the_employees_local_day():
    amsterdam = ZoneInfo("Europe/Amsterdam")
    state = memory.new_state(at=datetime(2025, 3, 3, 23, 30, tzinfo=amsterdam))
    assert state.due == datetime(2025, 3, 4, tzinfo=amsterdam)


def test_new_state_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        memory.new_state(at=datetime(2025, 3, 3, 9))


def test_new_state_refuses_a_negative_delay():
    with pytest.raises(ValueError, match="negative"):
        memory.new_state(at=START, first_review_after=timedelta(days=-1))


# Reviews: input checks


def test_review_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        memory.review(memory.new_state(at=START), correct=True, at=datetime(2025, 3, 4, 9))


@pytest.mark.parametrize("retention", [0.69, 0.98, 1.0, 0.0, math.nan])
def test_review_refuses_a_target_retention_outside_70_to_97_percent(retention):
    with pytest.raises(ValueError, match="desired_retention"):
        memory.review(memory.new_state(at=START), correct=True, at=START, desired_retention=retention)


@pytest.mark.parametrize("retention", [0.70, 0.97])
def test_review_accepts_the_ends_of_the_retention_range(retention):
    memory.review(memory.new_state(at=START), correct=True, at=START, desired_retention=retention)


def test_review_refuses_an_answer_before_the_last_review():
    state, _ = memory.review(memory.new_state(at=START), correct=True, at=START + timedelta(days=1))
    with pytest.raises(ValueError, match="time order"):
        memory.review(state, correct=True, at=START)


def test_the_first_review_has_no_prediction():
    _, outcome = memory.review(memory.new_state(at=START), correct=True, at=START + timedelta(days=1))
    assert outcome.retrievability_before is None
    assert outcome.elapsed_days is None
    assert outcome.review_number == 1


def test_a_wrong_answer_after_days_is_a_lapse_but_a_first_wrong_answer_is_not():
    states, _ = run([(0, 9, False), (0, 9, True), (0, 9, False), (0, 9, False)])
    assert [s.lapses for s in states] == [0, 0, 0, 1, 2]
    assert [s.reps for s in states] == [0, 1, 2, 3, 4]


# Properties


@given(
    stability=st.floats(0.01, 36500),
    decay=st.floats(0.1, 0.8),
    t1=st.floats(0, 3650),
    dt=st.floats(0.01, 3650),
)
def test_retrievability_falls_with_time(stability, decay, t1, dt):
    earlier, later = memory.retrievability(np.array([t1, t1 + dt]), stability, decay)
    assert 0 < later < earlier <= 1


@given(decay=st.floats(0.1, 0.8), stability=st.floats(0.01, 36500))
def test_retrievability_is_90_percent_after_one_stability(decay, stability):
    # FSRS-6 defines S as the time for R to fall to 0.9.
    assert float(memory.retrievability(stability, stability, decay)) == pytest.approx(0.9)


def test_retrievability_is_vectorised():
    r = memory.retrievability(np.array([[0, 1], [10, 100]]), np.array([1.0, 10.0]), 0.2)
    assert r.shape == (2, 2)
    assert r[0, 0] == 1.0


@pytest.mark.parametrize(
    "elapsed, stability, decay", [(-1, 1, 0.2), (1, 0, 0.2), (1, -1, 0.2), (1, 1, 0), (math.inf, 1, 0.2)]
)
def test_retrievability_refuses_impossible_input(elapsed, stability, decay):
    with pytest.raises(ValueError):
        memory.retrievability(elapsed, stability, decay)


@settings(deadline=None)
@given(answer_list=answers, days=st.integers(0, 400), parameters=parameter_sets)
def test_state_retrievability_never_rises_while_time_passes(answer_list, days, parameters):
    state = run(answer_list, parameters=parameters)[0][-1]
    at = state.last_review
    now = memory.state_retrievability(state, at=at + timedelta(days=days), parameters=parameters)
    later = memory.state_retrievability(state, at=at + timedelta(days=days + 1), parameters=parameters)
    assert 0 < later < now <= 1


@settings(deadline=None)
@given(answer_list=answers, late_days=st.integers(0, 30), parameters=parameter_sets)
def test_a_correct_answer_on_a_later_day_raises_stability_and_future_recall(
    answer_list, late_days, parameters
):
    before = run(answer_list, parameters=parameters)[0][-1]
    at = max(before.due, before.last_review + timedelta(days=1)) + timedelta(days=late_days)
    after, outcome = memory.review(before, correct=True, at=at, parameters=parameters)
    assert outcome.elapsed_days >= 1
    assert after.stability > before.stability
    week_later = at + timedelta(days=7)
    assert memory.state_retrievability(after, at=week_later, parameters=parameters) > (
        memory.state_retrievability(before, at=week_later, parameters=parameters)
    )


@settings(deadline=None)
@given(answer_list=answers, parameters=parameter_sets, desired_retention=retentions)
def test_the_due_day_is_where_recall_falls_to_the_target(answer_list, parameters, desired_retention):
    states, outcomes = run(answer_list, parameters=parameters, desired_retention=desired_retention)
    state, outcome = states[-1], outcomes[-1]
    # FSRS-6: t = S / F · (r^(−1/d) − 1); the interval is that rounded to whole days, at least one.
    d = parameters.decay
    exact = state.stability / (0.9 ** (-1 / d) - 1) * (desired_retention ** (-1 / d) - 1)
    assert outcome.interval_days == min(max(1, round(exact)), 36500)
    assert (
        outcome.due
        == state.due
        == datetime.combine(
            state.last_review.date() + timedelta(days=outcome.interval_days), datetime.min.time(), UTC
        )
    )
    at_due = memory.state_retrievability(state, at=state.due, parameters=parameters)
    assert at_due == pytest.approx(float(memory.retrievability(outcome.interval_days, state.stability, d)))
    if 10 <= exact <= 36500:  # rounding to a whole day moves R by less than 1 point; 36,500 is the cap
        assert at_due == pytest.approx(desired_retention, abs=0.01)


@settings(deadline=None)
@given(answer_list=answers, correct=st.booleans(), parameters=parameter_sets)
def test_review_never_mutates_its_input(answer_list, correct, parameters):
    state = run(answer_list)[0][-1]
    state_before, weights_before = state.to_dict(), parameters.to_dict()
    at = state.due + timedelta(hours=10)
    new, _ = memory.review(state, correct=correct, at=at, parameters=parameters)
    assert new is not state
    assert state.to_dict() == state_before
    assert parameters.to_dict() == weights_before
    with pytest.raises(AttributeError):
        state.stability = 1.0  # type: ignore[misc]


@settings(deadline=None)
@given(answer_list=answers)
def test_states_and_outcomes_round_trip_through_json(answer_list):
    states, outcomes = run(answer_list, start=datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("Europe/Amsterdam")))
    for state in states:
        assert MemoryState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    for outcome in outcomes:
        assert memory.ReviewOutcome.from_dict(json.loads(json.dumps(outcome.to_dict()))) == outcome


def test_memory_state_from_dict_refuses_a_naive_datetime():
    data = memory.new_state(at=START).to_dict()
    data["due"] = "2025-03-04T00:00:00"
    with pytest.raises(ValueError, match="timezone-aware"):
        MemoryState.from_dict(data)


def test_memory_state_refuses_half_a_memory():
    with pytest.raises(ValueError, match="all set or all None"):
        MemoryState(stability=1.0, difficulty=None, due=START)


# Golden sequences: the same answers through fsrs.Scheduler directly must give the same schedule.


def py_fsrs_sequence(answer_list, weights, desired_retention):
    """(stability, difficulty, interval days, R before) per answer, straight from py-fsrs."""
    scheduler = Scheduler(
        parameters=weights,
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )
    card = Card(card_id=1, due=START)
    at = START + timedelta(days=1)
    rows = []
    for gap_days, correct in answer_list:
        r_before = scheduler.get_card_retrievability(card, at) if card.last_review else None
        card, _ = scheduler.review_card(card, Rating.Good if correct else Rating.Again, review_datetime=at)
        rows.append((card.stability, card.difficulty, (card.due - at).days, r_before))
        at = card.due + timedelta(days=gap_days)
    return rows


def engine_sequence(answer_list, parameters, desired_retention):
    state = memory.new_state(at=START)
    at = START + timedelta(days=1)
    rows = []
    for gap_days, correct in answer_list:
        state, outcome = memory.review(
            state, correct=correct, at=at, parameters=parameters, desired_retention=desired_retention
        )
        rows.append((state.stability, state.difficulty, outcome.interval_days, outcome.retrievability_before))
        at = state.due + timedelta(days=gap_days, hours=9)  # py-fsrs's 09:00, same calendar day
    return rows


def assert_same_schedule(ours, theirs):
    assert len(ours) == len(theirs)
    for (s1, d1, i1, r1), (s2, d2, i2, r2) in zip(ours, theirs, strict=True):
        assert i1 == i2
        assert (s1, d1) == pytest.approx((s2, d2), rel=1e-12)
        assert r1 == r2 == None or r1 == pytest.approx(r2, rel=1e-12)  # noqa: E711


GOLDEN = [(0, True)] * 6 + [(0, False), (0, False)] + [(0, True)] * 5


def test_golden_intervals_with_default_parameters():
    # Pinned like py-fsrs's own tests: a change here means FSRS or py-fsrs changed behaviour.
    rows = engine_sequence(GOLDEN, Parameters.DEFAULT, 0.9)
    assert [interval for _, _, interval, _ in rows] == [2, 11, 46, 163, 497, 1346, 9, 1, 2, 4, 7, 13, 22]


@pytest.mark.parametrize("parameters", [Parameters.DEFAULT, FITTED_LIKE], ids=["default", "fitted"])
@pytest.mark.parametrize("desired_retention", [0.8, 0.9, 0.95])
def test_golden_sequence_matches_py_fsrs(parameters, desired_retention):
    ours = engine_sequence(GOLDEN, parameters, desired_retention)
    assert_same_schedule(ours, py_fsrs_sequence(GOLDEN, parameters.weights, desired_retention))


@settings(deadline=None)
@given(
    answer_list=st.lists(st.tuples(st.integers(0, 60), st.booleans()), min_size=1, max_size=15),
    parameters=parameter_sets,
    desired_retention=retentions,
)
def test_any_answer_sequence_matches_py_fsrs(answer_list, parameters, desired_retention):
    ours = engine_sequence(answer_list, parameters, desired_retention)
    assert_same_schedule(ours, py_fsrs_sequence(answer_list, parameters.weights, desired_retention))


def test_days_are_calendar_days_not_24_hour_periods():
    # py-fsrs would count 23.5 hours as 0 days and use the same-day formula; an employee
    # answering yesterday's follow-up question this morning has waited a day.
    state, _ = memory.review(memory.new_state(at=START), correct=True, at=START + timedelta(days=1))
    _, outcome = memory.review(state, correct=True, at=START + timedelta(days=2, minutes=-30))
    assert outcome.elapsed_days == 1


def test_days_follow_the_time_zone_of_the_answer():
    amsterdam = ZoneInfo("Europe/Amsterdam")
    first = datetime(2025, 3, 4, 23, 30, tzinfo=amsterdam)  # 22:30 UTC
    state, _ = memory.review(memory.new_state(at=first - timedelta(days=1)), correct=True, at=first)
    _, outcome = memory.review(state, correct=True, at=datetime(2025, 3, 5, 0, 30, tzinfo=amsterdam))
    assert outcome.elapsed_days == 1  # the next day in Amsterdam, the same day in UTC


def test_the_due_day_starts_at_local_midnight_across_summer_time():
    amsterdam = ZoneInfo("Europe/Amsterdam")
    state, outcome = memory.review(
        memory.new_state(at=datetime(2025, 3, 27, 9, tzinfo=amsterdam)),
        correct=True,
        at=datetime(2025, 3, 28, 9, tzinfo=amsterdam),
    )
    assert outcome.interval_days == 2
    assert state.due == datetime(2025, 3, 30, tzinfo=amsterdam)  # clocks go forward that night
    assert state.due.utcoffset() == timedelta(hours=1)


# Review records, fitting and replay


def simulated_log(n_items: int, *, seed: int) -> list[ReviewRecord]:
    """A small organisation's log: answers drawn with the chance the engine predicts."""
    rng = random.Random(seed)
    records = []
    for item in range(n_items):
        at = START + timedelta(days=rng.randrange(30), hours=rng.randrange(8))
        state = memory.new_state(at=at)
        for _ in range(rng.randrange(2, 12)):
            at = state.due + timedelta(days=rng.choice((0, 0, 1, 3)), hours=rng.randrange(8, 18))
            r = memory.state_retrievability(state, at=at)
            correct = rng.random() < (0.75 if r is None else r)
            state, _ = memory.review(state, correct=correct, at=at)
            records.append(
                ReviewRecord(item_id=f"e{item % 7}:lp{item}", rating=Rating(1 + 2 * correct), reviewed_at=at)
            )
            if rng.random() < 0.1:  # extra practice the same day
                at += timedelta(minutes=20)
                state, _ = memory.review(state, correct=True, at=at)
                records.append(
                    ReviewRecord(item_id=f"e{item % 7}:lp{item}", rating=Rating.Good, reviewed_at=at)
                )
    rng.shuffle(records)  # the order of the log must not matter
    return records


@pytest.mark.parametrize("rating", [0, 5, 1.5, True, "3"])
def test_review_record_refuses_a_rating_outside_1_to_4(rating):
    with pytest.raises(ValueError, match="rating"):
        ReviewRecord(item_id=1, rating=rating, reviewed_at=START)  # type: ignore[arg-type]


def test_review_record_turns_an_int_rating_into_a_rating():
    assert ReviewRecord(item_id="x", rating=3, reviewed_at=START).rating is Rating.Good  # type: ignore[arg-type]


def test_review_record_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        ReviewRecord(item_id=1, rating=Rating.Good, reviewed_at=datetime(2025, 3, 3))


def test_fit_parameters_returns_none_below_the_minimum():
    log = simulated_log(40, seed=1)
    assert memory.fit_parameters(log) is None  # far below MIN_FIT_REVIEWS
    assert memory.fit_parameters(log, min_reviews=10**6) is None


def test_fit_parameters_refuses_a_minimum_below_one():
    with pytest.raises(ValueError, match="min_reviews"):
        memory.fit_parameters([], min_reviews=0)


def test_fit_parameters_fits_valid_parameters_deterministically_without_touching_the_log():
    log = simulated_log(300, seed=2)
    copy = list(log)
    fitted = memory.fit_parameters(log, min_reviews=500, version=4)
    assert fitted is not None
    assert fitted.version == 4
    assert fitted.weights != Parameters.DEFAULT.weights
    assert memory.fit_parameters(log, min_reviews=500, version=4) == fitted
    assert log == copy
    # Usable for scheduling straight away (py-fsrs validates the bounds).
    memory.review(memory.new_state(at=START), correct=True, at=START, parameters=fitted)


def test_replay_states_equals_reviewing_one_answer_at_a_time():
    rng = random.Random(3)
    records, expected = [], {}
    for item in range(200):
        state = memory.new_state(at=START + timedelta(days=rng.randrange(20)))
        for _ in range(rng.randrange(1, 10)):
            at = state.due + timedelta(days=rng.choice((0, 1, 4)), hours=rng.randrange(24))
            correct = rng.random() < 0.8
            state, _ = memory.review(state, correct=correct, at=at, parameters=FITTED_LIKE)
            records.append(
                ReviewRecord(item_id=item, rating=memory.rating_for_answer(correct), reviewed_at=at)
            )
        expected[item] = state
    replayed = memory.replay_states(list(reversed(records)), parameters=FITTED_LIKE)
    assert replayed.keys() == expected.keys()
    for item, state in expected.items():
        again = replayed[item]
        # fsrs-rs computes in float32.
        assert again.stability == pytest.approx(state.stability, rel=1e-4)
        assert again.difficulty == pytest.approx(state.difficulty, rel=1e-4)
        assert abs(again.due - state.due) <= timedelta(days=1)
        assert (again.last_review, again.reps, again.lapses) == (state.last_review, state.reps, state.lapses)


def test_replay_states_of_an_empty_log_is_empty():
    assert memory.replay_states([]) == {}


def test_fitting_counts_days_in_the_time_zone_of_each_review():
    # Two answers 2 hours apart but on different local days form one long-term review.
    zone = timezone(timedelta(hours=-10))
    records = [
        ReviewRecord(item_id=1, rating=Rating.Good, reviewed_at=datetime(2025, 3, 3, 23, tzinfo=zone)),
        ReviewRecord(item_id=1, rating=Rating.Good, reviewed_at=datetime(2025, 3, 4, 1, tzinfo=zone)),
    ]
    assert memory.fit_parameters(records, min_reviews=1) is not None
    assert memory.fit_parameters(records, min_reviews=2) is None


def test_an_answer_at_a_wall_clock_time_inside_the_dst_gap_survives_a_round_trip():
    amsterdam = ZoneInfo("Europe/Amsterdam")
    state = memory.new_state(
        at=datetime(2025, 3, 28, 17, tzinfo=amsterdam), first_review_after=timedelta(days=2)
    )
    gap = datetime(2025, 3, 30, 2, 30, tzinfo=amsterdam)  # clocks jump from 02:00 to 03:00
    new, _ = memory.review(state, correct=True, at=gap)
    assert MemoryState.from_dict(json.loads(json.dumps(new.to_dict()))) == new
    assert new.last_review.utcoffset() == timedelta(hours=2)
