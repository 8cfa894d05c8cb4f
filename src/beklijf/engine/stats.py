"""Small statistics for figures shown to people: every proportion comes with n and an interval."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Below this many answers a proportion is "too few answers", not a number: one person's
# bad day would otherwise read as a team's failure.
MIN_ANSWERS = 5


@dataclass(frozen=True)
class Proportion:
    successes: int
    n: int
    low: float | None
    high: float | None

    @property
    def value(self) -> float | None:
        return self.successes / self.n if self.n else None

    @property
    def too_few(self) -> bool:
        return self.n < MIN_ANSWERS


def wilson_interval(
    successes: int, n: int, *, z: float = 1.959964
) -> tuple[float, float] | tuple[None, None]:
    """The Wilson score interval for a binomial proportion (Wilson 1927; 95% for z = 1.96).

    Args:
        successes: number of successes, 0 <= successes <= n.
        n: number of trials.
        z: the normal quantile; 1.959964 gives a 95% interval.

    Returns:
        (low, high), or (None, None) when n is 0.

    Raises:
        ValueError: when successes is outside 0..n.
    """
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    if n == 0:
        return None, None
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion(successes: int, n: int) -> Proportion:
    low, high = wilson_interval(successes, n)
    return Proportion(successes=successes, n=n, low=low, high=high)
