"""ROI: learning gain (Kirkpatrick level 2) and return on investment (Phillips level 5).

Everything here follows EVIDENCE.md 1.1 and "What the product must compute" items 4 and 7:

- learning gain: Hake's normalised gain ``g = (post − pre)/(1 − pre)``, Cohen's ``d`` with a pooled
  standard deviation, and Hedges' ``g`` for small samples;
- benefit: ``Σ Δunit × €/unit × attribution × confidence`` over participant or manager estimates
  (the Phillips isolation "participant/manager estimate adjusted by stated confidence");
- fully loaded cost: design + delivery + licences + participant hours × loaded hourly wage +
  travel + evaluation + overhead;
- ``ROI% = (benefit − cost)/cost × 100`` and ``BCR = benefit/cost``;
- two isolation helpers for when KPI data exist, which the evidence prefers over estimates:
  a control group (difference in differences) and a trend-line projection.

The ROI Institute's guiding principles the code encodes, by number
(http://roiinstitutecanada.com/roi-methodology/guiding-principles/):

- (4) the most conservative alternative: of two defensible choices, the one that gives the lower
  benefit (only high extremes are dropped, never low ones; the caller orients signs so that a
  positive product is a gain and a negative one a loss, and losses are kept);
- (5) at least one isolation method: every claim carries an attribution share;
- (6) no improvement data for a person or group ⇒ no improvement: a missing claim counts 0 and is
  never extrapolated from those who answered;
- (7) adjust estimates for estimation error: every claim is multiplied by its stated confidence;
- (8) extreme items are dropped: positive claims above Tukey's upper fence (``benefit_breakdown``);
- (9) only first-year benefits for short programmes: months beyond 12 are ignored;
- (10) fully loaded costs: ``FullyLoadedCost`` has no defaults, every component must be given;
- (11) intangibles are reported, never monetised: ``RoiResult.intangibles`` passes them through.

Money is ``Decimal`` throughout (binary floats are refused for money); shares are floats in [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

__all__ = [
    "FIRST_YEAR_MONTHS",
    "MIN_CLAIMS_FOR_FENCES",
    "TUKEY_K",
    "BenefitBreakdown",
    "BenefitClaim",
    "FullyLoadedCost",
    "RoiResult",
    "TrendLineEffect",
    "benefit",
    "benefit_breakdown",
    "cohens_d",
    "control_group_effect",
    "hedges_g",
    "normalised_gain",
    "roi",
    "trend_line_effect",
]

# Phillips principle 9: only the first year of benefit counts for a short programme.
FIRST_YEAR_MONTHS = 12
# Tukey (1977) fences: a value beyond Q3 + 1.5 × IQR is an outlier. With fewer than 4 claims the
# quartiles are too unstable for a fence to mean anything, so nothing is dropped.
TUKEY_K = Decimal("1.5")
MIN_CLAIMS_FOR_FENCES = 4


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _fraction(value: object, name: str) -> float:
    if not _is_number(value) or not 0.0 <= value <= 1.0:  # type: ignore[operator]  # refuses NaN
        raise ValueError(f"{name} must lie within [0, 1], got {value!r}")
    return float(value)  # type: ignore[arg-type]


def _finite(value: object, name: str) -> float:
    if not _is_number(value) or not math.isfinite(value):  # type: ignore[arg-type]
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)  # type: ignore[arg-type]


def _money(value: object, name: str, *, non_negative: bool = False) -> Decimal:
    """A finite Decimal (an int is converted exactly); a float is refused: money is never binary."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{name} must be a finite Decimal (or int), got {value!r}")
    if non_negative and value < 0:
        raise ValueError(f"{name} cannot be negative, got {value!r}")
    return value


def _scores(values: Iterable[object], name: str) -> np.ndarray:
    array = np.array([_finite(v, name) for v in values], dtype=float)
    if array.size < 2:
        raise ValueError(f"{name} needs at least 2 values, got {array.size}")
    return array


# Learning gain (Kirkpatrick level 2, EVIDENCE.md item 4).


def normalised_gain(pre: float, post: float) -> float | None:
    """Hake's normalised gain: the share of the possible improvement that was realised.

    ``g = (post − pre)/(1 − pre)`` (Hake 1998, Am. J. Phys. 66:64; EVIDENCE.md item 4). Passing a
    group's mean pre- and post-test scores gives Hake's class gain ⟨g⟩. A loss gives a negative g.

    Args:
        pre: score before the training as a share of the maximum, in [0, 1].
        post: score after, in [0, 1].

    Returns:
        g (at most 1), or None when ``pre`` is 1: with a perfect pre-test nothing was left to gain.

    Raises:
        ValueError: when a score is not a number in [0, 1].
    """
    pre = _fraction(pre, "pre")
    post = _fraction(post, "post")
    if pre == 1.0:
        return None
    return (post - pre) / (1.0 - pre)


def cohens_d(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Cohen's d of two independent groups: the mean difference in pooled standard deviations.

    ``d = (M_a − M_b)/SD_pooled`` with
    ``SD_pooled = √(((n_a − 1)·s_a² + (n_b − 1)·s_b²)/(n_a + n_b − 2))`` and ``s²`` the sample
    variance (Cohen 1988; EVIDENCE.md item 4). Pass the treated/post scores as ``a`` so that an
    improvement is positive. For small groups prefer ``hedges_g``.

    Args:
        a: scores of the first group (e.g. after the training, or the trained group), at least 2.
        b: scores of the second group (before, or the control group), at least 2.

    Returns:
        d, or None when both groups have no spread at all (the pooled SD is 0).

    Raises:
        ValueError: when a group has fewer than 2 scores or a score is not a finite number.
    """
    x = _scores(a, "a")
    y = _scores(b, "b")
    pooled_var = ((x.size - 1) * x.var(ddof=1) + (y.size - 1) * y.var(ddof=1)) / (x.size + y.size - 2)
    if pooled_var <= 0.0:
        return None
    return float((x.mean() - y.mean()) / math.sqrt(pooled_var))


def hedges_g(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Hedges' g: Cohen's d corrected for its small-sample bias.

    ``g = J(df)·d`` with ``df = n_a + n_b − 2`` and the exact factor
    ``J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2))`` (Hedges 1981, J. Educ. Stat. 6:107); the
    familiar approximation ``1 − 3/(4·df − 1)`` agrees within 0.001 from df = 6 on. J < 1, so |g| < |d|,
    which matters for the small groups of a single training session.

    Args:
        a: scores of the first group, at least 2.
        b: scores of the second group, at least 2.

    Returns:
        g, or None when the pooled SD is 0 (see ``cohens_d``).

    Raises:
        ValueError: as ``cohens_d``.
    """
    d = cohens_d(a, b)
    if d is None:
        return None
    df = len(a) + len(b) - 2
    j = math.exp(math.lgamma(df / 2) - math.lgamma((df - 1) / 2)) / math.sqrt(df / 2)
    return j * d


# Benefit (Phillips, EVIDENCE.md item 7).


@dataclass(frozen=True)
class BenefitClaim:
    """One participant's or manager's estimate of a monetary improvement (T+60–90 days survey).

    Attributes:
        unit_change: the change in the business unit over ``months`` months, assumed to be spread
            evenly over them (e.g. 120 fewer errors over 12 months). An int is accepted.
        value_per_unit: the money one unit is worth, a standard value, historical cost or expert
            estimate (e.g. €50 per error avoided). An int is accepted. Orient the signs so the
            product is positive for a gain; a negative product is a loss and is kept.
        attribution: the share of the change the person attributes to the training, in [0, 1]
            (the isolation step, principle 5).
        confidence: how sure they are of their estimate, in [0, 1] (principle 7).
        months: how many months the change covers, at least 1; only the first 12 count.

    Raises:
        ValueError: on a float or non-finite money value, a share outside [0, 1], or months that
            is not a positive integer.
    """

    unit_change: Decimal
    value_per_unit: Decimal
    attribution: float
    confidence: float
    months: int = FIRST_YEAR_MONTHS

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit_change", _money(self.unit_change, "unit_change"))
        object.__setattr__(self, "value_per_unit", _money(self.value_per_unit, "value_per_unit"))
        object.__setattr__(self, "attribution", _fraction(self.attribution, "attribution"))
        object.__setattr__(self, "confidence", _fraction(self.confidence, "confidence"))
        if not isinstance(self.months, int) or isinstance(self.months, bool) or self.months < 1:
            raise ValueError(f"months must be an integer >= 1, got {self.months!r}")

    @property
    def counted_months(self) -> int:
        """The months that count: at most the first year (principle 9)."""
        return min(self.months, FIRST_YEAR_MONTHS)

    @property
    def value(self) -> Decimal:
        """The claim's adjusted first-year value.

        ``Δunit × (counted months / months) × €/unit × attribution × confidence``; the shares are
        converted to Decimal through their shortest decimal form, so 0.8 is exactly 0.8.
        """
        gross = self.unit_change * self.value_per_unit * self.counted_months / self.months
        return gross * Decimal(repr(self.attribution)) * Decimal(repr(self.confidence))


@dataclass(frozen=True)
class BenefitBreakdown:
    """How a benefit total came about, so the ROI report can show what was left out and why.

    Attributes:
        total: the sum of the values of the included claims.
        values: the adjusted value of every claim in input order; None for a missing claim.
        included: indices (into the input) of the claims summed.
        excluded: indices of the claims dropped as extreme (principle 8).
        missing: indices of the missing claims, counted as 0 (principle 6).
        upper_fence: the Tukey upper fence used, or None when no fence applied.
    """

    total: Decimal
    values: tuple[Decimal | None, ...]
    included: tuple[int, ...]
    excluded: tuple[int, ...]
    missing: tuple[int, ...]
    upper_fence: Decimal | None


def _quantile(ordered: Sequence[Decimal], p: Decimal) -> Decimal:
    """Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default), exact."""
    h = (len(ordered) - 1) * p
    low = int(h)
    if low + 1 >= len(ordered):
        return ordered[-1]
    return ordered[low] + (h - low) * (ordered[low + 1] - ordered[low])


def benefit_breakdown(
    claims: Iterable[BenefitClaim | None], *, exclude_extremes: bool = True
) -> BenefitBreakdown:
    """Sum the claims the Phillips way and say which were left out.

    ``benefit = Σ Δunit × €/unit × attribution × confidence`` over the first year (EVIDENCE.md
    item 7). A None claim is a participant or group without improvement data and counts 0
    (principle 6): the total is never scaled up to those who did not answer.

    Extreme claims (principle 8): with at least ``MIN_CLAIMS_FOR_FENCES`` (4) present claims, a claim
    whose adjusted value lies above Tukey's upper fence ``Q3 + 1.5 × IQR`` of all present values
    (quartiles by linear interpolation) is dropped. Only positive values on the high side are
    fenced: dropping a low value, or any value of 0 or less, would raise the benefit, which the most
    conservative alternative (principle 4) forbids. So excluding never raises the total.

    Args:
        claims: one entry per participant or group; None when they gave no data.
        exclude_extremes: drop claims above the upper fence (default True).

    Returns:
        The breakdown; ``total`` is Decimal 0 when nothing is left.

    Raises:
        ValueError: when an entry is neither a ``BenefitClaim`` nor None.
    """
    values: list[Decimal | None] = []
    for index, claim in enumerate(claims):
        if claim is None:
            values.append(None)
        elif isinstance(claim, BenefitClaim):
            values.append(claim.value)
        else:
            raise ValueError(f"claim {index} must be a BenefitClaim or None, got {claim!r}")
    present = [i for i, v in enumerate(values) if v is not None]
    missing = tuple(i for i, v in enumerate(values) if v is None)
    fence: Decimal | None = None
    if exclude_extremes and len(present) >= MIN_CLAIMS_FOR_FENCES:
        ordered = sorted(values[i] for i in present)  # type: ignore[type-var]
        q1 = _quantile(ordered, Decimal("0.25"))  # type: ignore[arg-type]
        q3 = _quantile(ordered, Decimal("0.75"))  # type: ignore[arg-type]
        fence = q3 + TUKEY_K * (q3 - q1)
    included = tuple(
        i
        for i in present
        if fence is None or values[i] <= fence or values[i] <= 0  # type: ignore[operator]
    )
    kept = set(included)
    excluded = tuple(i for i in present if i not in kept)
    total = sum((values[i] for i in included), Decimal(0))  # type: ignore[misc]
    return BenefitBreakdown(
        total=total,
        values=tuple(values),
        included=included,
        excluded=excluded,
        missing=missing,
        upper_fence=fence,
    )


def benefit(claims: Iterable[BenefitClaim | None], *, exclude_extremes: bool = True) -> Decimal:
    """The conservative first-year benefit of the claims; see ``benefit_breakdown``.

    Args:
        claims: one entry per participant or group; None when they gave no data (counts 0).
        exclude_extremes: drop claims above Tukey's upper fence (default True).

    Returns:
        The benefit in money.

    Raises:
        ValueError: as ``benefit_breakdown``.
    """
    return benefit_breakdown(claims, exclude_extremes=exclude_extremes).total


# Cost and ROI.


@dataclass(frozen=True, kw_only=True)
class FullyLoadedCost:
    """Every cost of a programme (Phillips principle 10; EVIDENCE.md item 7).

    No component has a default: a forgotten cost would flatter the ROI, so each must be given,
    if only as 0.

    Attributes:
        design: needs analysis, design and development (share for this programme).
        delivery: trainer fees, venue, materials.
        licences: software and content licences, e.g. beklijf itself.
        participant_hours: hours participants spent away from work on the training.
        loaded_hourly_wage: salary plus employer costs per hour.
        travel: travel and accommodation.
        evaluation: the cost of evaluating, this ROI study included.
        overhead: the share of the training function's overhead.

    Raises:
        ValueError: when a component is a float, not finite, or negative.
    """

    design: Decimal
    delivery: Decimal
    licences: Decimal
    participant_hours: Decimal
    loaded_hourly_wage: Decimal
    travel: Decimal
    evaluation: Decimal
    overhead: Decimal

    def __post_init__(self) -> None:
        for name in (
            "design",
            "delivery",
            "licences",
            "participant_hours",
            "loaded_hourly_wage",
            "travel",
            "evaluation",
            "overhead",
        ):
            object.__setattr__(self, name, _money(getattr(self, name), name, non_negative=True))

    @property
    def participant_time(self) -> Decimal:
        """Participants' time in money: hours × loaded hourly wage."""
        return self.participant_hours * self.loaded_hourly_wage

    @property
    def total(self) -> Decimal:
        """design + delivery + licences + participant time + travel + evaluation + overhead."""
        return (
            self.design
            + self.delivery
            + self.licences
            + self.participant_time
            + self.travel
            + self.evaluation
            + self.overhead
        )


@dataclass(frozen=True)
class RoiResult:
    """Return on investment of a programme (Phillips level 5).

    Attributes:
        benefit: the monetary first-year benefit.
        cost: the fully loaded cost, > 0.
        roi_percent: ``(benefit − cost)/cost × 100``.
        bcr: benefit/cost ratio, ``benefit/cost``.
        intangibles: benefits that were not turned into money (principle 11), as given.
    """

    benefit: Decimal
    cost: Decimal
    roi_percent: Decimal
    bcr: Decimal
    intangibles: tuple[str, ...] = ()


def roi(benefit: Decimal, cost: Decimal | FullyLoadedCost, *, intangibles: Iterable[str] = ()) -> RoiResult:
    """ROI% and BCR (Phillips; EVIDENCE.md 1.1 and item 7).

    ``ROI% = (benefit − cost)/cost × 100``, ``BCR = benefit/cost``: benefit 25,000 and cost 10,000
    give ROI 150% and BCR 2.5. Both are exact Decimals; round for display only.

    Args:
        benefit: the monetary benefit, e.g. from ``benefit``; may be negative (a loss).
        cost: the fully loaded cost, a Decimal or a ``FullyLoadedCost``.
        intangibles: benefits reported but not monetised (principle 11), e.g. "better teamwork".

    Returns:
        The result.

    Raises:
        ValueError: when the cost is not positive (ROI is undefined for cost 0), a money value is
            a float or not finite, or an intangible is not a non-empty string.
    """
    benefit = _money(benefit, "benefit")
    total = cost.total if isinstance(cost, FullyLoadedCost) else _money(cost, "cost")
    if total <= 0:
        raise ValueError(f"cost must be positive to compute an ROI, got {total}")
    items = tuple(intangibles)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"an intangible must be a non-empty string, got {item!r}")
    return RoiResult(
        benefit=benefit,
        cost=total,
        roi_percent=(benefit - total) / total * 100,
        bcr=benefit / total,
        intangibles=items,
    )


# Isolation with KPI data (EVIDENCE.md 1.1: control group, trend-line projection).


def control_group_effect(
    treated_before: float, treated_after: float, control_before: float, control_after: float
) -> float:
    """The effect of the training on a KPI by difference in differences.

    ``effect = (treated_after − treated_before) − (control_after − control_before)``: the change
    of the trained group minus the change the comparable untrained group saw anyway (Phillips'
    control-group isolation; Card & Krueger 1994 for the estimator). It assumes both groups would
    have moved in parallel without the training. Multiply the effect by €/unit and pass it as a
    ``BenefitClaim`` with attribution 1 (isolation is already done) and the confidence you have.

    Args:
        treated_before: the KPI (mean or total per comparable unit) of the trained group before.
        treated_after: the same, after.
        control_before: the KPI of the control group before.
        control_after: the same, after.

    Returns:
        The effect, in KPI units.

    Raises:
        ValueError: when a value is not a finite number.
    """
    tb = _finite(treated_before, "treated_before")
    ta = _finite(treated_after, "treated_after")
    cb = _finite(control_before, "control_before")
    ca = _finite(control_after, "control_after")
    return (ta - tb) - (ca - cb)


@dataclass(frozen=True)
class TrendLineEffect:
    """The trend-line isolation of a KPI effect.

    Attributes:
        intercept: the least-squares line's value at the first pre-period (x = 0).
        slope: its change per period.
        projected: the line's value at the post-period measured, ``intercept + slope × x``.
        actual: the value actually measured then.
        effect: ``actual − projected``, in KPI units.
    """

    intercept: float
    slope: float
    projected: float
    actual: float
    effect: float


def trend_line_effect(series_before: Sequence[float], actual_after: float, periods: int) -> TrendLineEffect:
    """The effect of the training on a KPI by projecting its pre-training trend.

    An ordinary least-squares line is fitted to the pre-period values at x = 0, 1, …, n − 1 (one
    per period, oldest first) and projected to x = n − 1 + ``periods``, the period of the post
    measurement; the effect is what was measured minus that projection (Phillips' trend-line
    isolation). It is valid only when the pre-period trend would have continued and nothing else
    new influenced the KPI in between; say so next to the figure.

    Args:
        series_before: the KPI per period before the training, oldest first, at least 2 values.
        actual_after: the KPI measured after the training.
        periods: how many periods after the last pre-period value ``actual_after`` was measured,
            at least 1.

    Returns:
        The fitted line, the projection and the effect.

    Raises:
        ValueError: on fewer than 2 pre-period values, a non-finite value, or periods that is not
            a positive integer.
    """
    y = _scores(series_before, "series_before")
    actual = _finite(actual_after, "actual_after")
    if not isinstance(periods, int) or isinstance(periods, bool) or periods < 1:
        raise ValueError(f"periods must be an integer >= 1, got {periods!r}")
    x = np.arange(y.size, dtype=float)
    x_mean = x.mean()
    slope = float(((x - x_mean) * (y - y.mean())).sum() / ((x - x_mean) ** 2).sum())
    intercept = float(y.mean() - slope * x_mean)
    projected = intercept + slope * (y.size - 1 + periods)
    return TrendLineEffect(
        intercept=intercept, slope=slope, projected=projected, actual=actual, effect=actual - projected
    )
