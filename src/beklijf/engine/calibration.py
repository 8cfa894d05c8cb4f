"""How well predicted recall matches what people actually answered: the model's calibration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beklijf.engine.evaluation import log_loss

# Bins of predicted R. Narrow at the top, where a well-tuned schedule puts most answers (target 0.90).
BIN_EDGES = (0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    n: int
    predicted: float | None  # mean predicted R in the bin
    observed: float | None  # share answered correctly


@dataclass(frozen=True)
class Calibration:
    n: int
    logloss: float | None
    bins: tuple[CalibrationBin, ...]


def calibration(predicted: np.ndarray, correct: np.ndarray) -> Calibration:
    """Predicted R against observed outcomes, in bins, with the overall LogLoss.

    Args:
        predicted: R predicted just before each answer, in [0, 1].
        correct: 1 where the answer was right, 0 where not; same length.

    Returns:
        The calibration: n, LogLoss (None when n is 0) and one entry per bin of BIN_EDGES.

    Raises:
        ValueError: when the arrays differ in length or predictions lie outside [0, 1].
    """
    p = np.asarray(predicted, dtype=np.float64)
    y = np.asarray(correct, dtype=np.float64)
    if p.shape != y.shape:
        raise ValueError("predicted and correct must have the same length")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("predictions must lie in [0, 1]")
    index = np.clip(np.searchsorted(BIN_EDGES, p, side="right") - 1, 0, len(BIN_EDGES) - 2)
    bins = []
    for b in range(len(BIN_EDGES) - 1):
        mask = index == b
        n = int(mask.sum())
        bins.append(
            CalibrationBin(
                low=BIN_EDGES[b],
                high=BIN_EDGES[b + 1],
                n=n,
                predicted=float(p[mask].mean()) if n else None,
                observed=float(y[mask].mean()) if n else None,
            )
        )
    return Calibration(n=len(p), logloss=log_loss(y, p) if len(p) else None, bins=tuple(bins))
