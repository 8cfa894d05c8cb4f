"""How long do segments and pairing take for a large organisation?

- ``segments.classify_cohort`` on 10,000 synthetic learner activities (one organisation's period).
  Baseline, in the same run: the cohort percentile with numpy plus one on-time ratio per person,
  the least work any classifier must do.
- ``pairing.propose_pairs`` on 2,000 candidates in teams of 20 (``match_on="team"``) and in 10
  roles of about 200 (``match_on="role"``). Baseline, in the same run: building the cost matrices
  of every group (``pairing._problems``) without solving them.

``propose_pairs`` solves one assignment per group. That is exact, not a heuristic: pairs across
groups are forbidden and cost 0 (the same as no pair), so the optimum of the whole cohort is the
sum of the optima of its groups. The run checks this by solving the whole cohort as one
assignment too (``global_seconds``) and comparing the total gain. Because only eligible mentors
(columns) and mentees (rows) enter the matrix, even the whole cohort is about 700 × 700 here, not
2,000 × 4,000, and solves in tens of milliseconds; per group it is a few times faster still.

Budget: both calls must finish within 1 s on a 2-core machine, so the nightly segment snapshot
and a manager's "propose pairs" click never wait on the engine.

Usage: python bench/bench_engine_segments.py [--people 10000] [--candidates 2000] [--seed 2024] [--repeat 5]
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import date

import numpy as np
from scipy.optimize import linear_sum_assignment
from timing import median_seconds  # bench/timing.py

from beklijf.engine import pairing, segments

LIMIT_SECONDS = 1.0
PERIOD_START, PERIOD_END = date(2025, 3, 3), date(2025, 3, 30)
TEAM_SIZE = 20
ROLES = 10


def synthetic_activities(n: int, *, seed: int) -> list[segments.LearnerActivity]:
    """A seeded organisation of ``n`` people with a spread of habits: some keen, some fading, some silent."""
    rng = random.Random(seed)
    activities = []
    for employee_id in range(1, n + 1):
        due = rng.randint(0, 28)
        prompted = rng.randint(0, due)
        unprompted = rng.randint(0, 12)
        first = rng.randint(0, 40)
        engagement = rng.random()
        weekly = tuple(
            None if rng.random() < 0.1 else min(1.0, max(0.0, engagement - week * rng.uniform(-0.05, 0.15)))
            for week in range(8)
        )
        activities.append(
            segments.LearnerActivity(
                employee_id=employee_id,
                period_start=PERIOD_START,
                period_end=PERIOD_END,
                due_items=due,
                on_time=rng.randint(0, due),
                weekly_on_time=weekly,
                first_attempts=first,
                first_correct=rng.randint(first // 2, first),
                prompted_answers=prompted,
                unprompted_answers=unprompted,
                extra_answers=min(rng.choice((0, 0, 0, 0, 1, 2, 6)), prompted + unprompted),
                training_requests=int(rng.random() < 0.05),
                stability_growth=None if rng.random() < 0.1 else rng.gauss(0.4, 0.2),
                retrievabilities=tuple(rng.betavariate(8, 2) for _ in range(rng.randint(0, 12))),
                team_mean_r=rng.uniform(0.7, 0.9),
                ignored_prompts=rng.choice((0, 0, 0, 1, 2, 3, 4)),
                refusal_confirmed=rng.random() < 0.02,
                said_wont=rng.random() < 0.005,
            )
        )
    return activities


def classify_baseline(activities: list[segments.LearnerActivity]) -> float:
    """The baseline: the cohort percentile plus one on-time ratio per person."""
    segments.cohort_growth_percentile(activities)
    return sum(a.on_time / a.due_items for a in activities if a.due_items)


def synthetic_candidates(n: int, *, seed: int) -> tuple[list[pairing.Candidate], dict]:
    """``n`` people in teams of 20 (the first of each team manages it), spread over 10 roles and 3 sites."""
    rng = random.Random(seed)
    candidates = []
    for employee_id in range(1, n + 1):
        team = (employee_id - 1) // TEAM_SIZE
        manager = team * TEAM_SIZE + 1
        candidates.append(
            pairing.Candidate(
                employee_id=employee_id,
                team_id=team,
                role=f"role {rng.randrange(ROLES)}",
                location=f"site {rng.randrange(3)}",
                manager_id=None if employee_id == manager else manager,
                opted_in=rng.random() < 0.85,
                r=rng.betavariate(2, 1.2),  # about 30% mentors (R >= 0.85), 35% mentees (R <= 0.6)
                active_pairs=rng.choice((0, 0, 0, 1, 2)),
            )
        )
    context = {
        "active_mentees": frozenset(rng.sample(range(1, n + 1), n // 50)),
        "recent_pairs": frozenset((rng.randint(1, n), rng.randint(1, n)) for _ in range(n // 10)),
        "existing_load": {rng.randint(1, n): rng.randint(1, 2) for _ in range(n // 20)},
    }
    return candidates, context


def solve_whole_cohort(candidates, rules, context) -> float:
    """One assignment over the whole cohort, for comparison; returns the total gain."""
    total = 0.0
    for problem in pairing._problems(candidates, rules=rules, decompose=False, **context):
        rows, columns = linear_sum_assignment(problem.cost)
        keep = problem.allowed[rows, columns] & (problem.cost[rows, columns] < 0)
        total += float(problem.gain[rows, columns][keep].sum())
    return total


def bench_pairing(candidates, context, rules: pairing.PairingRules, repeat: int) -> dict:
    proposals = pairing.propose_pairs(candidates, rules=rules, **context)
    problems = pairing._problems(candidates, rules=rules, **context)
    seconds = median_seconds(lambda: pairing.propose_pairs(candidates, rules=rules, **context), repeat)
    baseline = median_seconds(lambda: pairing._problems(candidates, rules=rules, **context), repeat)
    started = time.perf_counter()
    whole = solve_whole_cohort(candidates, rules, context)
    global_seconds = time.perf_counter() - started
    total = sum(p.gain for p in proposals)
    (whole_problem,) = pairing._problems(candidates, rules=rules, decompose=False, **context)
    return {
        "match_on": rules.match_on,
        "groups": len(problems),
        "largest_group": list(max((p.cost.shape for p in problems), key=lambda shape: shape[0] * shape[1])),
        "whole_cohort_matrix": list(whole_problem.cost.shape),
        "proposals": len(proposals),
        "total_gain": round(total, 6),
        "seconds": round(seconds, 4),
        "baseline_seconds": round(baseline, 4),
        "baseline": "build every group's cost matrix without solving",
        "ratio": round(seconds / baseline, 2),
        "global_seconds": round(global_seconds, 4),
        "global_total_gain_equal": bool(np.isclose(whole, total, atol=1e-6)),
        "within_limit": seconds <= LIMIT_SECONDS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--candidates", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    activities = synthetic_activities(args.people, seed=args.seed)
    candidates, context = synthetic_candidates(args.candidates, seed=args.seed)
    generate_seconds = time.perf_counter() - started

    results = segments.classify_cohort(activities)
    counts = {segment.value: 0 for segment in segments.Segment}
    for signals in results.values():
        for signal in signals:
            counts[signal.segment.value] += 1
    classify = median_seconds(lambda: segments.classify_cohort(activities), args.repeat)
    baseline = median_seconds(lambda: classify_baseline(activities), args.repeat)

    print(
        json.dumps(
            {
                "seed": args.seed,
                "cpus": os.cpu_count(),
                "repeat": args.repeat,
                "limit_seconds": LIMIT_SECONDS,
                "classify_cohort": {
                    "people": len(activities),
                    "segments": counts,
                    "in_no_segment": sum(1 for signals in results.values() if not signals),
                    "seconds": round(classify, 4),
                    "baseline_seconds": round(baseline, 4),
                    "baseline": "cohort percentile with numpy plus one on-time ratio per person",
                    "ratio": round(classify / baseline, 2),
                    "within_limit": classify <= LIMIT_SECONDS,
                },
                "propose_pairs": [
                    bench_pairing(candidates, context, pairing.PairingRules(match_on="team"), args.repeat),
                    bench_pairing(candidates, context, pairing.PairingRules(match_on="role"), args.repeat),
                ],
                "candidates": len(candidates),
                "generate_seconds": round(generate_seconds, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
