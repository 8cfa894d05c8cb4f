"""Run every strategy on the same populations and summarise: ``beklijf simulate``."""

from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from scipy import stats

from beklijf.engine.simulate.learner import CALIBRATED, LearnerModel
from beklijf.engine.simulate.population import Behaviour, draw
from beklijf.engine.simulate.strategies import (
    DEFAULT_STRATEGIES,
    MINUTES_PER_QUESTION,
    Strategy,
    StrategyRun,
    run_strategy,
)

__all__ = ["METRICS", "Estimate", "SimulationReport", "simulate"]

# (key, label) of every figure per strategy, in the order they are printed.
METRICS = (
    ("recall_4w_responders", "recall at 4 weeks, responders"),
    ("recall_4w_all", "recall at 4 weeks, everyone"),
    ("recall_12w_responders", "recall at 12 weeks, responders"),
    ("recall_12w_all", "recall at 12 weeks, everyone"),
    ("minutes_per_week", "minutes per employee per week"),
    ("active_share", "still active (answered in the last 2 weeks)"),
)

_SHORT = {
    "recall_4w_responders": "4 wk, responders",
    "recall_4w_all": "4 wk, everyone",
    "recall_12w_responders": "12 wk, responders",
    "recall_12w_all": "12 wk, everyone",
    "minutes_per_week": "min/employee/wk",
    "active_share": "still active",
}


@dataclass(frozen=True)
class Estimate:
    """A mean over seeds with a 95% t-interval (no interval from one seed)."""

    mean: float
    low: float | None
    high: float | None

    @classmethod
    def of(cls, values: list[float], *, share: bool) -> Estimate:
        """The estimate of non-negative figures; a share's interval also stops at 1."""
        array = np.asarray(values, dtype=float)
        mean = float(array.mean())
        if array.size < 2 or math.isnan(mean):
            return cls(mean, None, None)
        half = float(stats.t.ppf(0.975, array.size - 1) * array.std(ddof=1) / math.sqrt(array.size))
        return cls(mean, max(0.0, mean - half), min(1.0, mean + half) if share else mean + half)

    def to_dict(self) -> dict[str, float | None]:
        return {"mean": self.mean, "ci95_low": self.low, "ci95_high": self.high}


@dataclass
class SimulationReport:
    employees: int
    weeks: int
    points: int
    seeds: list[int]
    results: dict[Strategy, dict[str, Estimate]] = field(default_factory=dict)
    curves: dict[Strategy, np.ndarray] = field(default_factory=dict)  # mean over seeds, per day
    curves_responders: dict[Strategy, np.ndarray] = field(default_factory=dict)
    counts: dict[Strategy, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "employees": self.employees,
            "weeks": self.weeks,
            "learning_points": self.points,
            "seeds": self.seeds,
            "model": "ACT-R base-level learning with Pavlik & Anderson (2005) spacing, calibrated on Ebbinghaus (1885)",
            "strategies": {
                strategy.value: {
                    **{key: estimate.to_dict() for key, estimate in self.results[strategy].items()},
                    "per_run": self.counts[strategy],
                    "curve": [round(float(x), 5) for x in self.curves[strategy]],
                }
                for strategy in self.results
            },
        }

    def format(self) -> str:
        lines = [
            f"beklijf simulate: {self.employees} employees, {self.points} learning points, {self.weeks} weeks, "
            f"seeds {self.seeds[0]}-{self.seeds[-1]} (mean and 95% interval over {len(self.seeds)} seeds)",
            "",
        ]
        width = max(len(s.value) for s in self.results)
        lines.append(" " * (width + 2) + "  ".join(f"{_SHORT[key]:>18}" for key, _label in METRICS))
        for strategy, figures in self.results.items():
            cells = []
            for key, _label in METRICS:
                estimate = figures[key]
                cells.append(f"{_cell(key, estimate):>18}")
            lines.append(f"{strategy.value:<{width}}  " + "  ".join(cells))
        lines += [
            "",
            *(
                f"{_SHORT[key]}: {label}"
                for key, label in METRICS
                if key in ("minutes_per_week", "active_share")
            ),
            "",
            "recall: the simulated learners' mean chance to recall a learning point; responders: the self-driven",
            "and those who answer most reminders (the same people under every strategy).",
        ]
        return "\n".join(lines)


def _cell(key: str, estimate: Estimate) -> str:
    if math.isnan(estimate.mean):
        return "n/a"
    if key == "minutes_per_week":
        spread = "" if estimate.low is None else f" ({estimate.low:.2f}-{estimate.high:.2f})"
        return f"{estimate.mean:.2f}{spread}"
    spread = "" if estimate.low is None else f" ({100 * estimate.low:.0f}-{100 * estimate.high:.0f})"
    return f"{100 * estimate.mean:.1f}%{spread}"


def simulate(
    *, employees: int, weeks: int, seed: int, seeds: int = 3, points: int = 5,
    strategies: tuple[Strategy, ...] = DEFAULT_STRATEGIES, model: LearnerModel = CALIBRATED,
    behaviour: Behaviour | None = None, jobs: int = 1,
) -> SimulationReport:  # fmt: skip
    """Run every strategy on ``seeds`` populations (seed, seed + 1, ...) and summarise.

    Args:
        employees: people in each population.
        weeks: how long after the training to simulate.
        seed: the first seed; the same seed gives the same numbers, whatever ``jobs``.
        seeds: how many populations (the intervals are over these).
        points: learning points of the training.
        strategies: which strategies to run.
        model: the learner model.
        behaviour: the behaviour assumptions.
        jobs: processes to run seeds in parallel; runs under 2,000 employee-seeds stay in this
            process, because starting a worker (numpy, scipy, fsrs) costs more than they take.

    Returns:
        The report.

    Raises:
        ValueError: on fewer than 1 employee, week, seed, learning point or job.
    """
    for name, value in (("employees", employees), ("weeks", weeks), ("seeds", seeds), ("points", points),
                        ("jobs", jobs)):  # fmt: skip
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    behaviour = behaviour or Behaviour()
    report = SimulationReport(
        employees=employees, weeks=weeks, points=points, seeds=[seed + i for i in range(seeds)]
    )
    task = partial(_run_seed, employees=employees, weeks=weeks, points=points, model=model,
                   behaviour=behaviour)  # fmt: skip
    if jobs == 1 or employees * seeds < 2000:
        outcomes = [task(run_seed, strategies=strategies) for run_seed in report.seeds]
    else:
        # One task per (seed, strategy), the costly beklijf ones first, so two workers finish together;
        # each task draws its population again from the seed (cheap, and identical).
        order = sorted(strategies, key=lambda s: s in (Strategy.NONE, Strategy.REFRESHER, Strategy.FIXED))
        pairs = [(run_seed, strategy) for strategy in order for run_seed in report.seeds]
        # spawn, not fork: forking a process that has threads (a test runner, a server) can deadlock.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            done = list(pool.map(partial(_run_pair, task=task), pairs))
        outcomes = [{s: result[s] for (run_seed, _), result in zip(pairs, done, strict=True)
                     if run_seed == wanted for s in result} for wanted in report.seeds]  # fmt: skip
    for strategy in strategies:
        per_seed = [outcome[strategy] for outcome in outcomes]
        report.results[strategy] = {
            key: Estimate.of([o.figures[key] for o in per_seed], share=key != "minutes_per_week")
            for key, _label in METRICS
        }
        report.curves[strategy] = np.mean([o.curve for o in per_seed], axis=0)
        report.curves_responders[strategy] = np.mean([o.curve_responders for o in per_seed], axis=0)
        report.counts[strategy] = {
            key: float(np.mean([o.counts[key] for o in per_seed])) for key in per_seed[0].counts
        }
    return report


@dataclass(frozen=True)
class _Outcome:
    """What one strategy did on one seed, small enough to send back from a worker process."""

    figures: dict[str, float]
    curve: np.ndarray
    curve_responders: np.ndarray
    counts: dict[str, float]


def _run_pair(pair: tuple[int, Strategy], *, task: partial) -> dict[Strategy, _Outcome]:
    run_seed, strategy = pair
    return task(run_seed, strategies=(strategy,))


def _run_seed(
    run_seed: int, *, employees: int, weeks: int, points: int, strategies: tuple[Strategy, ...],
    model: LearnerModel, behaviour: Behaviour,
) -> dict[Strategy, _Outcome]:  # fmt: skip
    days = 7 * weeks
    population = draw(
        people=employees, points=points, days=days, seed=run_seed, model=model, behaviour=behaviour
    )
    outcomes = {}
    for strategy in strategies:
        run = run_strategy(strategy, population, days=days, seed=run_seed, model=model, behaviour=behaviour)
        outcomes[strategy] = _Outcome(
            figures=_figures(run, population.responders, days, weeks),
            curve=run.curve,
            curve_responders=run.curve_responders,
            counts={
                "questions_answered": float(run.log.answers.sum()),
                # FSRS schedules for 90% correct; how often the simulated learners were right says how
                # far the scheduler's model is from theirs.
                "share_correct": float(run.log.correct.sum() / max(1, run.log.answers.sum())),
                "reminders": float(run.log.prompts.sum()),
                "conversations": float(run.conversations),
                "pairs": float(run.pairs),
                "manager_minutes_per_employee_per_week": run.manager_minutes / employees / weeks,
            },
        )
    return outcomes


def _figures(run: StrategyRun, responders: np.ndarray, days: int, weeks: int) -> dict[str, float]:
    """The figures of one run; recall at a week beyond the horizon is NaN."""

    def at(day: int, curve: np.ndarray) -> float:
        return float(curve[day]) if day <= days else math.nan

    minutes = (run.log.answers.sum(axis=1) * MINUTES_PER_QUESTION + run.extra_minutes) / weeks
    recent = run.log.answers[:, max(1, days - 13) :].sum(axis=1) > 0
    return {
        "recall_4w_responders": at(28, run.curve_responders),
        "recall_4w_all": at(28, run.curve),
        "recall_12w_responders": at(84, run.curve_responders),
        "recall_12w_all": at(84, run.curve),
        "minutes_per_week": float(minutes.mean()),
        "active_share": float(recent.mean()),
    }
