"""How long does fitting FSRS-6 parameters take on 100,000 reviews?

Budget: ``memory.fit_parameters`` must finish within 2 s for 100,000 reviews on a 2-core machine,
so an organisation's nightly refit never holds up the worker.

The reviews are synthetic, generated from a seed: employees answer once-a-day quiz questions
scheduled by the engine itself, right with the chance FSRS-6 predicts under "true" weights that
differ from the defaults (so the fit has something to find), sometimes a day or two late, and
now and then twice on one day (extra practice).

The baseline, measured in the same run on the same reviews, is only grouping the log and
building the fsrs-rs training items: the part of the fit that is plain Python. The ratio says how
much the training itself adds.

Usage: python bench/bench_fit.py [--reviews 100000] [--seed 2024] [--repeat 3]
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import UTC, datetime, timedelta

from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from timing import median_seconds  # bench/timing.py

from beklijf.engine import _fsrs_rs, memory

LIMIT_SECONDS = 2.0
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def synthetic_reviews(n_reviews: int, *, seed: int) -> list[memory.ReviewRecord]:
    """The first ``n_reviews`` reviews, in time order, of a simulated organisation.

    Args:
        n_reviews: how many reviews to return.
        seed: seed for the random generator; the same seed gives the same reviews.

    Returns:
        Review records with ratings 1 (wrong) and 3 (right).
    """
    rng = random.Random(seed)
    defaults = memory.Parameters.DEFAULT.weights
    # "True" memory: the default weights, each moved by up to ±20% within py-fsrs's bounds.
    true = memory.Parameters(
        weights=tuple(
            min(max(w * rng.uniform(0.8, 1.2), low), high)
            for w, low, high in zip(defaults, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        )
    )
    reviews: list[memory.ReviewRecord] = []
    item = 0
    while len(reviews) < n_reviews:
        item += 1
        at = START + timedelta(days=rng.randrange(180), minutes=rng.randrange(8 * 60))
        state = memory.new_state(at=at)
        while state.due < START + timedelta(days=365):
            at = state.due + timedelta(
                days=rng.choice((0, 0, 0, 1, 2)), minutes=rng.randrange(9 * 60, 17 * 60)
            )
            predicted = memory.state_retrievability(state, at=at, parameters=true)
            correct = rng.random() < (0.7 if predicted is None else predicted)
            state, _ = memory.review(state, correct=correct, at=at, parameters=true)
            reviews.append(memory.ReviewRecord(item, memory.rating_for_answer(correct), at))
            if rng.random() < 0.05:  # extra practice later the same day
                at += timedelta(minutes=30)
                again = rng.random() < 0.95
                state, _ = memory.review(state, correct=again, at=at, parameters=true)
                reviews.append(memory.ReviewRecord(item, memory.rating_for_answer(again), at))
    reviews.sort(key=lambda r: r.reviewed_at)
    return reviews[:n_reviews]


def build_items(reviews: list[memory.ReviewRecord]) -> int:
    """The baseline: group the log and build the fsrs-rs training items, as fit_parameters does."""
    histories = memory._histories(reviews)
    return len(_fsrs_rs.training_items((h.steps, h.times) for h in histories.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    reviews = synthetic_reviews(args.reviews, seed=args.seed)
    generate_seconds = time.perf_counter() - started

    long_term = build_items(reviews)
    fitted = memory.fit_parameters(reviews)
    if fitted is None:
        raise RuntimeError("too few long-term reviews to fit")
    baseline = median_seconds(lambda: build_items(reviews), args.repeat)
    fit = median_seconds(lambda: memory.fit_parameters(reviews), args.repeat)
    print(
        json.dumps(
            {
                "n_reviews": len(reviews),
                "n_long_term_reviews": long_term,
                "n_items": len({r.item_id for r in reviews}),
                "seed": args.seed,
                "cpus": os.cpu_count(),
                "repeat": args.repeat,
                "fit_seconds": round(fit, 4),
                "baseline_seconds": round(baseline, 4),
                "baseline": "group the log and build the fsrs-rs training items",
                "ratio": round(fit / baseline, 2),
                "limit_seconds": LIMIT_SECONDS,
                "within_limit": fit <= LIMIT_SECONDS,
                "generate_seconds": round(generate_seconds, 2),
                "fitted_decay": round(fitted.decay, 4),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
