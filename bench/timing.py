"""Shared by the benchmark scripts (run as `python bench/<name>.py`, so this folder is on sys.path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` calls: robust against a noisy neighbour on a shared machine."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
