from __future__ import annotations

import numpy as np
import pytest

from beklijf.engine.calibration import calibration


def test_a_calibrated_model_has_observed_close_to_predicted() -> None:
    rng = np.random.default_rng(3)
    p = rng.uniform(0.4, 1.0, 20_000)
    y = (rng.random(20_000) < p).astype(float)
    result = calibration(p, y)
    assert result.n == 20_000
    for b in result.bins:
        if b.n > 500:
            assert abs(b.predicted - b.observed) < 0.03
    overconfident = calibration(np.clip(p + 0.3, 0, 1), y)
    assert overconfident.logloss > result.logloss


def test_empty_input_has_no_logloss_and_empty_bins() -> None:
    result = calibration(np.array([]), np.array([]))
    assert result.n == 0 and result.logloss is None
    assert all(b.n == 0 and b.observed is None for b in result.bins)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        calibration(np.array([0.5, 1.2]), np.array([1, 0]))
    with pytest.raises(ValueError):
        calibration(np.array([0.5]), np.array([1, 0]))
