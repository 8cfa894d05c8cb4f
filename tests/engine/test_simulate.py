"""The learner simulation: calibrated on published forgetting data only, reproducible, and run
through the product's own scheduler."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import numpy as np
import pytest

from beklijf.engine import memory
from beklijf.engine.simulate import (
    CALIBRATED,
    EBBINGHAUS_1885,
    Behaviour,
    Engagement,
    Strategy,
    calibrate,
    effect_sizes,
    simulate,
)
from beklijf.engine.simulate.learner import calibration_error
from beklijf.engine.simulate.strategies import _ENGINE_START, EngineStates


def test_without_practice_recall_is_within_5_points_of_ebbinghaus_at_every_published_delay() -> None:
    errors = calibration_error(CALIBRATED)
    assert len(errors) == len(EBBINGHAUS_1885) == 7
    assert np.all(np.abs(errors) <= 0.05), dict(
        zip([h for h, _ in EBBINGHAUS_1885], np.round(errors, 3), strict=True)
    )


def test_the_stored_calibration_is_what_fitting_on_ebbinghaus_gives() -> None:
    fitted = calibrate()
    assert fitted.tau == pytest.approx(CALIBRATED.tau, abs=0.01)
    assert fitted.noise == pytest.approx(CALIBRATED.noise, abs=0.01)
    # Only tau and s are fitted; the spacing and decay constants stay Pavlik & Anderson's.
    assert (fitted.alpha, fitted.c) == (0.177, 0.217)


def test_a_badly_calibrated_model_fails_the_band() -> None:
    assert np.abs(calibration_error(replace(CALIBRATED, tau=CALIBRATED.tau + 0.5))).max() > 0.05


def test_retrieval_practice_effects_fall_in_the_range_of_the_meta_analyses() -> None:
    g = effect_sizes()
    # Adesope et al. 2017: practice test vs no activity g = 0.93 (0.82 with a 1-6 day gap).
    assert 0.6 <= g["testing_vs_none"] <= 1.3
    # Latimier et al. 2021: spaced vs massed retrieval g = 0.74; the model gives less, never the wrong sign.
    assert 0.3 <= g["spaced_vs_massed"] <= 1.2
    # Latimier et al. 2021: expanding vs uniform g = 0.034 (n.s.): no large difference either way.
    assert abs(g["expanding_vs_uniform"]) <= 0.5


def _small(seed: int = 7) -> str:
    # As JSON text: NaN (12 weeks beyond a 5-week run) never equals itself in a dict comparison.
    return json.dumps(simulate(employees=60, weeks=5, seed=seed, seeds=2).to_dict(), sort_keys=True)


def test_same_seed_gives_the_same_numbers_and_another_seed_others() -> None:
    first, again, other = _small(), _small(), _small(seed=8)
    assert first == again
    assert (
        json.loads(first)["strategies"]["beklijf"]["curve"]
        != json.loads(other)["strategies"]["beklijf"]["curve"]
    )


def test_follow_up_keeps_more_than_none_and_beklijf_more_than_one_refresher() -> None:
    result = simulate(employees=120, weeks=5, seed=3, seeds=2).results
    none = result[Strategy.NONE]["recall_4w_responders"].mean
    refresher = result[Strategy.REFRESHER]["recall_4w_responders"].mean
    beklijf = result[Strategy.BEKLIJF]["recall_4w_responders"].mean
    assert none < refresher < beklijf
    assert result[Strategy.NONE]["minutes_per_week"].mean == 0


def test_nobody_practises_without_follow_up_and_refusers_barely_do_with_it() -> None:
    mix = {e: 0.0 for e in Engagement} | {Engagement.REFUSER: 1.0}
    result = simulate(employees=100, weeks=4, seed=1, seeds=1, behaviour=Behaviour(mix=mix),
                      strategies=(Strategy.NONE, Strategy.BEKLIJF)).results  # fmt: skip
    assert result[Strategy.BEKLIJF]["minutes_per_week"].mean < 0.1
    assert result[Strategy.BEKLIJF]["recall_4w_all"].mean == pytest.approx(
        result[Strategy.NONE]["recall_4w_all"].mean, abs=0.03
    )


def test_the_simulated_schedule_is_memory_review_answer_by_answer() -> None:
    rng = np.random.default_rng(5)
    engine = EngineStates(1, 1)
    state = memory.new_state(at=_ENGINE_START)
    day = engine.first_due_day
    for _ in range(12):
        right = bool(rng.random() < 0.7)
        due = engine.review(np.array([0]), np.array([0]), np.array([right]), day)[0]
        state, outcome = memory.review(
            state, correct=right, at=_ENGINE_START.replace(hour=10, minute=0) + dt.timedelta(days=day)
        )
        assert due == (outcome.due.date() - _ENGINE_START.date()).days
        assert engine.stability[0, 0] == state.stability
        day = int(due) + int(rng.integers(0, 4))  # sometimes answered late


def test_bad_settings_are_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="add up to 1"):
        Behaviour(mix={e: 0.1 for e in Engagement})
    with pytest.raises(ValueError, match="employees must be at least 1"):
        simulate(employees=0, weeks=1, seed=1)


def test_worker_processes_give_the_same_numbers_as_one_process() -> None:
    one = simulate(
        employees=700, weeks=2, seed=4, seeds=3, jobs=1, strategies=(Strategy.NONE, Strategy.BEKLIJF)
    )
    two = simulate(
        employees=700, weeks=2, seed=4, seeds=3, jobs=2, strategies=(Strategy.NONE, Strategy.BEKLIJF)
    )
    assert json.dumps(one.to_dict(), sort_keys=True) == json.dumps(two.to_dict(), sort_keys=True)


def test_the_refit_strategy_fits_fsrs_on_the_simulated_answers_like_fit_memory() -> None:
    rng = np.random.default_rng(2)
    engine = EngineStates(400, 3, keep_log=True)
    assert not engine.refit()  # nothing answered yet: the defaults stay
    due = np.full((400, 3), float(engine.first_due_day))
    for day in range(1, 40):
        who, which = np.nonzero(due <= day)
        due[who, which] = engine.review(who, which, rng.random(who.size) < 0.6, day)
    assert engine.refit()
    assert engine.parameters.version == 1 and engine.parameters != memory.Parameters.DEFAULT
    # Learners who are right 60% of the time forget faster than the defaults assume: shorter intervals.
    default = EngineStates(1, 1)
    fitted = EngineStates(1, 1)
    fitted.parameters, fitted._prefix = engine.parameters, engine.parameters.weights
    one = (np.array([0]), np.array([0]), np.array([True]))
    assert fitted.review(*one, 1)[0] <= default.review(*one, 1)[0]
