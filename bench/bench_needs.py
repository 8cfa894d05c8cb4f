"""How long do skill-gap recommendations take for a large organisation?

10,000 synthetic employees (seeded) in 30 job titles and 500 teams, 50 skills, 40 trainings. Each job
title requires about 10 skills and each team about 2 more; about 10% of levels are unknown.

- ``needs.recommend_matrix``: the vectorised path, what the Django side should call for an
  organisation (a nightly snapshot, an L&D overview); ``level_matrix`` from 500,000 plain
  ``(employee_id, skill_id, level)`` rows is timed separately (``level_matrix_seconds``).
- ``needs.recommend``: the plain-Python path over dataclasses, for comparison (and for a team page).
- Baseline: the plain numpy gap matrix ``max(0, required − current) × weight`` for all people × 50
  skills, given dense required-level and weight matrices, the least work any recommender must do.

The run also checks that both paths return the same recommendations.

Goal: ``recommend_matrix`` under 2 s on a 2-core machine.

Usage: python bench/bench_needs.py [--people 10000] [--skills 50] [--titles 30] [--teams 500]
       [--trainings 40] [--seed 2024] [--repeat 5]
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
from timing import median_seconds  # bench/timing.py

from beklijf.engine import needs

LIMIT_SECONDS = 2.0
FREQUENCIES = list(needs.Frequency)


def synthetic(args: argparse.Namespace):
    """A seeded organisation: people, requirements, level rows and training offers."""
    rng = np.random.default_rng(args.seed)
    titles = [f"title {k}" for k in range(args.titles)]
    employees = [
        needs.Person(i + 1, titles[rng.integers(args.titles)], int(rng.integers(args.teams)))
        for i in range(args.people)
    ]
    skill_ids = list(range(1, args.skills + 1))
    frequency_p = [0.35, 0.3, 0.2, 0.15]  # daily, weekly, monthly, rarely
    requirements = []
    for title in titles:
        for skill in rng.choice(skill_ids, size=10, replace=False):
            requirements.append(
                needs.Requirement(
                    int(skill),
                    int(rng.integers(1, 5)),
                    FREQUENCIES[rng.choice(4, p=frequency_p)],
                    job_title=title,
                )
            )
    for team in range(args.teams):
        for skill in rng.choice(skill_ids, size=2, replace=False):
            requirements.append(
                needs.Requirement(
                    int(skill),
                    int(rng.integers(1, 5)),
                    FREQUENCIES[rng.choice(4, p=frequency_p)],
                    team_id=team,
                )
            )
    levels = rng.integers(0, 5, size=(args.people, args.skills)).astype(np.float64)
    unknown = rng.random(levels.shape) < 0.1
    rows = [
        (employees[i].employee_id, skill_ids[j], float(levels[i, j]))
        for i, j in zip(*np.nonzero(~unknown), strict=True)
    ]
    trainings = [
        needs.TrainingOffer(t + 1, int(rng.choice(skill_ids)), int(rng.integers(2, 5)))
        for t in range(args.trainings)
    ]
    return employees, requirements, rows, skill_ids, trainings


def dense_requirements(employees, requirements, skill_ids, weights=needs.DEFAULT_WEIGHTS):
    """Dense people × skills required levels (NaN none) and weights, for the baseline (job title only)."""
    column = {s: j for j, s in enumerate(skill_ids)}
    titles = sorted({p.job_title for p in employees})
    row = {t: k for k, t in enumerate(titles)}
    level = np.full((len(titles), len(skill_ids)), np.nan)
    weight = np.zeros((len(titles), len(skill_ids)))
    for r in requirements:
        if r.job_title is not None:
            level[row[r.job_title], column[r.skill_id]] = r.level
            weight[row[r.job_title], column[r.skill_id]] = weights.weight(r.frequency)
    person_rows = np.asarray([row[p.job_title] for p in employees])
    return level[person_rows], weight[person_rows]


def baseline(required: np.ndarray, current: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The plain numpy gap matrix, no validation, no requirement resolution."""
    return np.maximum(0.0, np.nan_to_num(required) - np.nan_to_num(current)) * weight


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--skills", type=int, default=50)
    parser.add_argument("--titles", type=int, default=30)
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--trainings", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    employees, requirements, rows, skill_ids, trainings = synthetic(args)
    generate_seconds = time.perf_counter() - started
    employee_ids = [p.employee_id for p in employees]

    current = needs.level_matrix(rows, employee_ids, skill_ids)
    required, weight = dense_requirements(employees, requirements, skill_ids)

    def matrix_path():
        return needs.recommend_matrix(
            employees=employees,
            requirements=requirements,
            current=current,
            skill_ids=skill_ids,
            trainings=trainings,
        )

    matrix = matrix_path()
    matrix_seconds = median_seconds(matrix_path, args.repeat)
    level_seconds = median_seconds(lambda: needs.level_matrix(rows, employee_ids, skill_ids), args.repeat)
    baseline_seconds = median_seconds(lambda: baseline(required, current, weight), args.repeat)

    levels = [needs.Level(e, s, v) for e, s, v in rows]
    started = time.perf_counter()
    plain = needs.recommend(
        employees=employees, requirements=requirements, levels=levels, trainings=trainings
    )
    plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    materialised = matrix.to_recommendations()
    materialise_seconds = time.perf_counter() - started

    reasons = {reason.value: int((matrix.reason == code).sum()) for code, reason in enumerate(needs.REASONS)}
    print(
        json.dumps(
            {
                "seed": args.seed,
                "cpus": os.cpu_count(),
                "repeat": args.repeat,
                "limit_seconds": LIMIT_SECONDS,
                "people": args.people,
                "skills": args.skills,
                "job_titles": args.titles,
                "teams": args.teams,
                "trainings": args.trainings,
                "requirements": len(requirements),
                "level_rows": len(rows),
                "recommended": int(matrix.recommended.sum()),
                "reasons": reasons,
                "seconds": round(matrix_seconds, 4),
                "what": "recommend_matrix (vectorised), median",
                "baseline_seconds": round(baseline_seconds, 4),
                "baseline": "plain numpy gap matrix, people x skills, dense inputs given",
                "ratio": round(matrix_seconds / baseline_seconds, 1),
                "within_limit": matrix_seconds <= LIMIT_SECONDS,
                "level_matrix_seconds": round(level_seconds, 4),
                "plain_recommend_seconds": round(plain_seconds, 3),
                "to_recommendations_seconds": round(materialise_seconds, 3),
                "paths_agree": materialised == plain,
                "generate_seconds": round(generate_seconds, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
