"""The one place that talks to fsrs-rs-python: training items, fitting, batch memory states.

py-fsrs (``fsrs``) schedules single reviews in pure Python; fsrs-rs (Rust, no torch) is used where
speed matters: fitting parameters on a whole review log and replaying thousands of histories.
Both implement the same FSRS-6 formulas, so a state replayed here matches ``memory.review``
up to float32 rounding.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import fsrs_rs_python as fsrs_rs
import numpy as np

# A card's history as the model sees it: (rating 1-4, whole days since the previous review).
# The first review has delta 0; a later review on the same day also has delta 0 and updates the
# state with FSRS-6's short-term stability formula instead of the forgetting curve.
Step = tuple[int, int]

BATCH_SIZE = 512
MIN_EPOCHS = 5


@dataclass(frozen=True)
class TrainingSettings:
    """How fsrs-rs trains.

    Attributes:
        min_optimizer_steps: train at least this many steps of ``BATCH_SIZE`` items (0: fsrs-rs's 5 epochs).
        gamma: strength of fsrs-rs's L2 pull towards the default weights (fsrs-rs default 1.0).
    """

    min_optimizer_steps: int
    gamma: float


# fsrs-rs trains 5 epochs of 512 items: about 1,000 optimiser steps on a big Anki collection, but
# only 10 on the 1,000-review log of a small organisation, which leaves the weights close to where
# they started. Both numbers were chosen on the first half of the cards of
# shared/data/review-logs/anki-user-12k.csv; on the second half, which played no part in the
# choice, they beat fsrs-rs as shipped: LogLoss 0.4503 -> 0.4479, RMSE(bins) 0.0607 -> 0.0565
# (``beklijf memory-eval --compare-stock``; tests/engine/test_evaluation.py keeps that true).
ENGINE_TRAINING = TrainingSettings(min_optimizer_steps=100, gamma=0.5)
# fsrs-rs exactly as shipped, for comparison.
STOCK_TRAINING = TrainingSettings(min_optimizer_steps=0, gamma=1.0)


def training_items(histories: Iterable[tuple[Sequence[Step], Sequence[float]]]) -> list[fsrs_rs.FSRSItem]:
    """One training item per long-term review: the history up to and including that review.

    Same-day repeats stay inside later histories (delta 0) but get no item of their own,
    as fsrs-rs and the srs-benchmark do: only the first review of a later day says anything
    about forgetting.

    Args:
        histories: per item, its steps and the time (e.g. a POSIX timestamp) of each step.

    Returns:
        The items in time order of their last review. The order matters: fsrs-rs weights later
        items more (recency weighting) by their position in the list.
    """
    keyed: list[tuple[float, int, fsrs_rs.FSRSItem]] = []
    for history, times in histories:
        reviews = [fsrs_rs.FSRSReview(rating, delta) for rating, delta in history]
        keyed.extend(
            (times[index], len(keyed) + index, fsrs_rs.FSRSItem(reviews[: index + 1]))
            for index, (_, delta) in enumerate(history)
            if delta > 0
        )
    keyed.sort(key=lambda entry: entry[:2])
    return [item for _, _, item in keyed]


def training_config(n_items: int, settings: TrainingSettings) -> fsrs_rs.TrainingConfig:
    """Enough epochs for the minimum number of steps; big logs keep fsrs-rs's 5 epochs."""
    batches_per_epoch = max(1, math.ceil(n_items / BATCH_SIZE))
    epochs = max(MIN_EPOCHS, math.ceil(settings.min_optimizer_steps / batches_per_epoch))
    return fsrs_rs.TrainingConfig(num_epochs=epochs, batch_size=BATCH_SIZE, gamma=settings.gamma)


def compute_weights(
    items: Sequence[fsrs_rs.FSRSItem], *, start: Sequence[float], settings: TrainingSettings
) -> list[float]:
    """Fit FSRS-6 weights with fsrs-rs (same-day reviews on, so w17-w19 are fitted too)."""
    config = training_config(len(items), settings)
    weights = fsrs_rs.FSRS(list(start)).compute_parameters(
        list(items), enable_short_term=True, training_config=config
    )
    return [float(w) for w in weights]


def stabilities_and_difficulties(
    histories: Sequence[Sequence[Step]], weights: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """Memory state after each history, in one batch call.

    Args:
        histories: non-empty histories, each starting with the first review (delta 0).
        weights: the 21 FSRS-6 weights.

    Returns:
        (stability, difficulty) arrays aligned with ``histories``.

    Raises:
        ValueError: when a history is empty.
    """
    if any(len(history) == 0 for history in histories):
        raise ValueError("every history needs at least one review")
    model = fsrs_rs.FSRS(list(weights))
    items = [fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(r, d) for r, d in history]) for history in histories]
    states = model.memory_state_batch(items)
    stability = np.fromiter((s.stability for s in states), dtype=np.float64, count=len(states))
    difficulty = np.fromiter((s.difficulty for s in states), dtype=np.float64, count=len(states))
    return stability, difficulty
