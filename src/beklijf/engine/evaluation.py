"""How well does the memory model predict real answers? ``beklijf memory-eval FILE.csv [--json]``.

The method is the one of the public srs-benchmark (open-spaced-repetition/srs-benchmark), so
figures can be set beside its tables:

- Only the first review of a card on a later day is predicted; earlier same-day reviews are part
  of the history (FSRS-6 short-term stability) but are never scored.
- The predicted reviews, in time order, are split like scikit-learn's ``TimeSeriesSplit(5)``:
  the first sixth is only trained on, and each later sixth is predicted with parameters fitted
  on everything before it.
- Scores: LogLoss, RMSE(bins) (predictions and outcomes averaged within bins of interval, review
  number and lapses, then a count-weighted RMSE), and AUC.

Predictors: ``baseline`` (the recall rate of the earlier folds), ``default`` (FSRS-6 default
weights) and ``engine`` (beklijf as configured: weights fitted on earlier folds by
``memory.fit_parameters``, the defaults while there are too few reviews).

A day needs a boundary. Anki starts the next day at 4 am local time; a CSV in UTC does not say
where the learner lives, so unless told, the day starts in the middle of the longest quiet
stretch of the learner's hours. That uses only the review times, never the answers.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import rankdata

from beklijf.engine import _fsrs_rs, memory

__all__ = [
    "REQUIRED_COLUMNS",
    "ReviewLogError",
    "auc",
    "evaluate_csv",
    "evaluate_records",
    "format_report",
    "log_loss",
    "main",
    "read_review_log",
    "rmse_bins",
]

REQUIRED_COLUMNS = ("card_id", "review_rating", "review_time")
OPTIONAL_COLUMNS = ("review_duration",)
N_SPLITS = 5
PREDICTORS = ("baseline", "default", "engine")
# sklearn's log_loss clips the same way; FSRS never predicts exactly 0 or 1, but a user-made
# file with an absurd interval could push R to 1.0 in float64.
_EPSILON = 1e-15


class ReviewLogError(ValueError):
    """A review log that cannot be evaluated; ``line`` is the 1-based line in the file (1 = header)."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


@dataclass(frozen=True)
class _Scored:
    """One predicted review: the first review of its card on a later day."""

    order: int  # position of the review in the time-ordered log
    card: str
    prefix: int  # the card's history before this review is steps[card][:prefix]
    elapsed_days: int
    review_number: int  # srs-benchmark "i": 1 + long-term reviews so far, this one included
    lapses: int  # earlier wrong answers on a later day than their predecessor
    recalled: bool


def read_review_log(path: str | Path) -> list[memory.ReviewRecord]:
    """Read and check a review log CSV (columns card_id, review_rating, review_time[, review_duration]).

    Args:
        path: the CSV file; review_time in ISO 8601 with an offset, review_duration in ms.

    Returns:
        One record per row, in file order, with ``reviewed_at`` in UTC.

    Raises:
        ReviewLogError: on a missing column or an invalid value, with the line number.
        OSError: when the file cannot be read.
    """
    records: list[memory.ReviewRecord] = []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        if not header:
            raise ReviewLogError("the file is empty; expected a header line", line=1)
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise ReviewLogError(
                f"missing column {', '.join(missing)}; expected "
                f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}",
                line=1,
            )
        reader.fieldnames = header
        for row in reader:
            records.append(_parse_row(row, line=reader.line_num))
    if not records:
        raise ReviewLogError("the file has a header but no reviews", line=2)
    return records


def evaluate_csv(path: str | Path, *, day_start_hour: int | None = None, compare_stock: bool = False) -> dict:
    """Evaluate the memory model on a review log file, srs-benchmark style.

    Args:
        path: the CSV file (see ``read_review_log``).
        day_start_hour: the UTC hour at which the learner's day starts; found from the data when None.
        compare_stock: also score FSRS-6 fitted with fsrs-rs's stock training as ``stock``.

    Returns:
        ``{"n": scored predictions, "reviews": rows, "day_start_utc_hour": int, "engine_fitted_folds":
        int, "baseline" | "default" | "engine": {"logloss", "rmse_bins", "auc"}}``.

    Raises:
        ReviewLogError: on bad input, or too few reviews to split into folds.
        OSError: when the file cannot be read.
    """
    records = read_review_log(path)
    return evaluate_records(records, day_start_hour=day_start_hour, compare_stock=compare_stock)


def evaluate_records(
    records: Sequence[memory.ReviewRecord],
    *,
    day_start_hour: int | None = None,
    compare_stock: bool = False,
) -> dict:
    """Evaluate the memory model on review records; see ``evaluate_csv``.

    Args:
        records: the review log; each record's ``reviewed_at`` must be aware.
        day_start_hour: the UTC hour at which the learner's day starts; found from the data when None.
        compare_stock: also score FSRS-6 fitted with fsrs-rs's stock training as ``stock``.

    Returns:
        The result dict described in ``evaluate_csv``.

    Raises:
        ReviewLogError: when there are too few predictable reviews for five folds.
        ValueError: when ``day_start_hour`` is not within 0-23.
    """
    hour = _quietest_hour(records) if day_start_hour is None else day_start_hour
    if not 0 <= hour <= 23:
        raise ValueError("day_start_hour must lie within 0-23")
    # A fixed offset whose midnight is hour:00 UTC turns the day boundary into a time zone,
    # which is how the engine counts days everywhere else.
    zone = timezone(-timedelta(hours=hour))
    ordered = sorted(
        (memory.ReviewRecord(r.item_id, r.rating, r.reviewed_at.astimezone(zone)) for r in records),
        key=lambda r: r.reviewed_at,
    )
    steps, scored = _scored_reviews(ordered)
    n = len(scored)
    test_size = n // (N_SPLITS + 1)
    if test_size == 0:
        raise ReviewLogError(
            f"too few reviews to evaluate: {n} first reviews of a later day, need at least {N_SPLITS + 1}"
        )

    names = PREDICTORS + (("stock",) if compare_stock else ())
    predictions: dict[str, list[np.ndarray]] = {name: [] for name in names}
    fitted_folds = 0
    for start in range(n - N_SPLITS * test_size, n, test_size):
        train, test = scored[:start], scored[start : start + test_size]
        # Everything the learner did before the first predicted review of this fold.
        history = ordered[: test[0].order]
        histories = [steps[s.card][: s.prefix] for s in test]
        elapsed = np.array([s.elapsed_days for s in test], dtype=np.float64)

        predictions["baseline"].append(np.full(len(test), np.mean([s.recalled for s in train])))
        predictions["default"].append(_predict(histories, elapsed, memory.Parameters.DEFAULT))
        fitted = memory.fit_parameters(history)
        fitted_folds += fitted is not None
        predictions["engine"].append(_predict(histories, elapsed, fitted or memory.Parameters.DEFAULT))
        if compare_stock:
            stock = memory.fit_parameters(history, training=memory.STOCK_TRAINING)
            predictions["stock"].append(_predict(histories, elapsed, stock or memory.Parameters.DEFAULT))

    tested = scored[n - N_SPLITS * test_size :]
    y = np.array([s.recalled for s in tested], dtype=np.float64)
    elapsed = np.array([s.elapsed_days for s in tested], dtype=np.float64)
    number = np.array([s.review_number for s in tested], dtype=np.float64)
    lapses = np.array([s.lapses for s in tested], dtype=np.float64)
    result: dict[str, Any] = {
        "n": len(tested),
        "reviews": len(records),
        "day_start_utc_hour": hour,
        "engine_fitted_folds": fitted_folds,
    }
    for name in names:
        p = np.concatenate(predictions[name])
        result[name] = {
            "logloss": log_loss(y, p),
            "rmse_bins": rmse_bins(y, p, elapsed_days=elapsed, review_number=number, lapses=lapses),
            "auc": auc(y, p),
        }
    return result


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    """Mean binary cross-entropy.

    Args:
        y: outcomes, 1 recalled and 0 forgotten.
        p: predicted recall probabilities.

    Returns:
        The LogLoss (lower is better).
    """
    p = np.clip(p, _EPSILON, 1 - _EPSILON)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def rmse_bins(
    y: np.ndarray, p: np.ndarray, *, elapsed_days: np.ndarray, review_number: np.ndarray, lapses: np.ndarray
) -> float:
    """RMSE(bins) as the srs-benchmark defines it.

    Reviews are binned by interval (2.48·3.62^⌊log₃.₆₂ t⌋), review number (1.99·1.89^⌊log₁.₈₉ i⌋) and
    lapses (1.65·1.73^⌊log₁.₇₃ l⌋, 0 stays 0); within each bin the mean prediction is compared
    with the mean outcome, and the squared errors are averaged weighted by bin size.

    Args:
        y: outcomes, 1 recalled and 0 forgotten.
        p: predicted recall probabilities.
        elapsed_days: days since the previous review (> 0).
        review_number: 1 + long-term reviews so far, this one included (>= 2 for a predicted review).
        lapses: earlier lapses of the card.

    Returns:
        The RMSE(bins) (lower is better).
    """
    interval_bin = np.round(
        2.48 * np.power(3.62, np.floor(np.log(np.maximum(elapsed_days, 1e-6)) / np.log(3.62))), 2
    )
    number_bin = np.round(1.99 * np.power(1.89, np.floor(np.log(review_number) / np.log(1.89))), 0)
    positive = np.where(lapses > 0, lapses, 1.0)
    lapse_bin = np.where(
        lapses > 0, np.round(1.65 * np.power(1.73, np.floor(np.log(positive) / np.log(1.73))), 0), 0.0
    )
    _, group = np.unique(np.stack([interval_bin, number_bin, lapse_bin], axis=1), axis=0, return_inverse=True)
    group = group.ravel()
    count = np.bincount(group)
    mean_p = np.bincount(group, weights=p) / count
    mean_y = np.bincount(group, weights=y) / count
    return float(math.sqrt(np.sum(count * (mean_p - mean_y) ** 2) / np.sum(count)))


def auc(y: np.ndarray, p: np.ndarray) -> float | None:
    """Area under the ROC curve (Mann-Whitney, ties counted half).

    Args:
        y: outcomes, 1 recalled and 0 forgotten.
        p: predicted recall probabilities.

    Returns:
        The AUC (0.5 is chance, higher is better), or None when all outcomes are the same.
    """
    positives = float(np.sum(y == 1))
    negatives = float(len(y) - positives)
    if positives == 0 or negatives == 0:
        return None
    ranks = rankdata(p)
    return float((np.sum(ranks[y == 1]) - positives * (positives + 1) / 2) / (positives * negatives))


def format_report(result: dict) -> str:
    """A plain-text table of an ``evaluate_csv`` result.

    Args:
        result: the dict returned by ``evaluate_csv``.

    Returns:
        The report, ending in a newline.
    """
    lines = [
        "Memory model evaluation (srs-benchmark method: first review of each later day, 5 time-series folds)"
    ]
    facts = [f"{result['n']:,} predictions scored"]
    if "reviews" in result:
        facts[0] += f" out of {result['reviews']:,} reviews"
    if "day_start_utc_hour" in result:
        facts.append(f"the day starts at {result['day_start_utc_hour']:02d}:00 UTC")
    if "engine_fitted_folds" in result:
        facts.append(
            f"engine fitted in {result['engine_fitted_folds']} of {N_SPLITS} folds, defaults otherwise"
        )
    lines.append("; ".join(facts))
    lines.append("")
    lines.append(f"{'predictor':<10} {'LogLoss':>8} {'RMSE(bins)':>11} {'AUC':>7}")
    labels = {
        "baseline": "the learner's average recall rate",
        "default": "FSRS-6, default parameters",
        "engine": "beklijf: FSRS-6 fitted on earlier folds",
        "stock": "FSRS-6 fitted with fsrs-rs's stock training",
    }
    for name in (*PREDICTORS, "stock"):
        if name not in result:
            continue
        scores = result[name]
        area = "-" if scores["auc"] is None else f"{scores['auc']:.4f}"
        lines.append(
            f"{name:<10} {scores['logloss']:>8.4f} {scores['rmse_bins']:>11.4f} {area:>7}  {labels[name]}"
        )
    lines.append("")
    lines.append("Lower LogLoss and RMSE(bins) are better; higher AUC is better (0.5 is chance).")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """The ``beklijf memory-eval`` command.

    Args:
        argv: the arguments after the command name; ``sys.argv[1:]`` when None.

    Returns:
        0 on success, 2 when the file cannot be read or evaluated (the reason goes to stderr).
    """
    parser = argparse.ArgumentParser(
        prog="beklijf memory-eval",
        description="Score the memory model on a review log the way the srs-benchmark does.",
    )
    parser.add_argument(
        "file", type=Path, help="CSV with card_id, review_rating, review_time, review_duration"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--day-start-hour",
        type=int,
        choices=range(24),
        metavar="HOUR",
        help="UTC hour at which the learner's day starts (default: found from the review times)",
    )
    parser.add_argument(
        "--compare-stock", action="store_true", help="also score FSRS-6 fitted with fsrs-rs's stock training"
    )
    args = parser.parse_args(argv)
    try:
        result = evaluate_csv(args.file, day_start_hour=args.day_start_hour, compare_stock=args.compare_stock)
    except ReviewLogError as error:
        print(f"beklijf memory-eval: {args.file}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"beklijf memory-eval: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else format_report(result), end="\n" if args.json else "")
    return 0


def _parse_row(row: dict[str | Any, str | Any], *, line: int) -> memory.ReviewRecord:
    card = _value(row, "card_id", line)
    if not card:
        raise ReviewLogError("card_id is empty", line=line)
    rating_text = _value(row, "review_rating", line)
    try:
        rating = int(rating_text)
    except ValueError:
        raise ReviewLogError(
            f"review_rating must be a whole number 1-4, got {rating_text!r}", line=line
        ) from None
    if not 1 <= rating <= 4:
        raise ReviewLogError(
            f"review_rating must be 1-4 (1 Again, 2 Hard, 3 Good, 4 Easy), got {rating}", line=line
        )
    time_text = _value(row, "review_time", line)
    try:
        reviewed_at = datetime.fromisoformat(time_text)
    except ValueError:
        raise ReviewLogError(
            f"review_time is not an ISO 8601 date and time: {time_text!r}", line=line
        ) from None
    if reviewed_at.tzinfo is None or reviewed_at.utcoffset() is None:
        raise ReviewLogError(
            f"review_time has no UTC offset: {time_text!r} (write e.g. 2024-03-29T20:32:32+00:00)", line=line
        )
    duration_text = (row.get("review_duration") or "").strip()
    if duration_text:
        try:
            duration = float(duration_text)
        except ValueError:
            duration = math.nan
        if not (math.isfinite(duration) and duration >= 0):
            raise ReviewLogError(
                f"review_duration must be a number of milliseconds >= 0, got {duration_text!r}", line=line
            )
    return memory.ReviewRecord(
        item_id=card, rating=memory.Rating(rating), reviewed_at=reviewed_at.astimezone(UTC)
    )


def _value(row: dict[str | Any, str | Any], column: str, line: int) -> str:
    value = row.get(column)
    if value is None:  # the row has fewer fields than the header
        raise ReviewLogError(f"{column} is missing (the row has too few fields)", line=line)
    return str(value).strip()


def _quietest_hour(records: Sequence[memory.ReviewRecord]) -> int:
    """The UTC hour in the middle of the longest run of least-busy hours (wrapping past midnight)."""
    counts = Counter(r.reviewed_at.astimezone(UTC).hour for r in records)
    per_hour = [counts.get(hour, 0) for hour in range(24)]
    quiet = min(per_hour)
    if all(count == quiet for count in per_hour):
        return 4  # no quiet time to find: Anki's default, 4 am (here in UTC)
    best_start, best_length = 0, 0
    for start in range(24):
        if per_hour[start] != quiet or per_hour[start - 1] == quiet:
            continue  # not the first hour of a quiet run
        length = 0
        while per_hour[(start + length) % 24] == quiet:
            length += 1
        if length > best_length:
            best_start, best_length = start, length
    return (best_start + (best_length - 1) // 2) % 24


def _scored_reviews(
    ordered: Sequence[memory.ReviewRecord],
) -> tuple[dict[str, list[_fsrs_rs.Step]], list[_Scored]]:
    """Each card's history as (rating, days) steps, and the reviews to predict, in time order."""
    steps: dict[str, list[_fsrs_rs.Step]] = defaultdict(list)
    last_day: dict[str, int] = {}
    long_term: Counter[str] = Counter()
    lapses: Counter[str] = Counter()
    scored: list[_Scored] = []
    for order, record in enumerate(ordered):
        card = str(record.item_id)
        day = record.reviewed_at.date().toordinal()  # reviewed_at is in the day-boundary zone
        delta = 0 if card not in last_day else day - last_day[card]
        if delta > 0:
            long_term[card] += 1
            recalled = record.rating != memory.Rating.Again
            scored.append(
                _Scored(
                    order=order,
                    card=card,
                    prefix=len(steps[card]),
                    elapsed_days=delta,
                    review_number=long_term[card] + 1,
                    lapses=lapses[card],
                    recalled=recalled,
                )
            )
            lapses[card] += not recalled
        steps[card].append((int(record.rating), delta))
        last_day[card] = day
    return steps, scored


def _predict(
    histories: list[list[_fsrs_rs.Step]], elapsed: np.ndarray, parameters: memory.Parameters
) -> np.ndarray:
    stability, _ = _fsrs_rs.stabilities_and_difficulties(histories, parameters.weights)
    return memory.retrievability(elapsed, stability, parameters.decay)


if __name__ == "__main__":
    raise SystemExit(main())
