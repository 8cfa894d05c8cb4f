"""ROI: hand-computed examples for every formula, the Phillips principles as tests, and properties."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from beklijf.engine import roi as r
from beklijf.engine.roi import BenefitClaim, FullyLoadedCost

D = Decimal


def claim_worth(value: int) -> BenefitClaim:
    """A claim whose adjusted value is exactly ``value`` (one unit, full attribution and confidence)."""
    return BenefitClaim(unit_change=D(1), value_per_unit=D(value), attribution=1.0, confidence=1.0)


# Learning gain.


def test_normalised_gain_by_hand():
    assert r.normalised_gain(0.4, 0.7) == pytest.approx(0.5)  # 0.3 / 0.6
    assert r.normalised_gain(0.5, 0.5) == 0.0
    assert r.normalised_gain(0.0, 1.0) == 1.0
    assert r.normalised_gain(0.5, 0.25) == pytest.approx(-0.5)  # a loss is negative


def test_normalised_gain_is_undefined_after_a_perfect_pretest():
    assert r.normalised_gain(1.0, 1.0) is None


@pytest.mark.parametrize(
    ("pre", "post"), [(1.2, 0.5), (0.5, -0.1), (math.nan, 0.5), (True, 0.5), ("0.5", 0.5)]
)
def test_normalised_gain_refuses_bad_scores(pre, post):
    with pytest.raises(ValueError):
        r.normalised_gain(pre, post)


def test_cohens_d_by_hand():
    # Means 4 and 2; sample variances 4 and 1; pooled (2·4 + 2·1)/4 = 2.5; d = 2/√2.5.
    assert r.cohens_d([2, 4, 6], [1, 2, 3]) == pytest.approx(2 / math.sqrt(2.5))
    assert r.cohens_d([1, 2, 3], [2, 4, 6]) == pytest.approx(-2 / math.sqrt(2.5))


def test_hedges_g_by_hand():
    # df = 4: J = Γ(2)/(√2·Γ(1.5)) = 1/(√2·√π/2) = 2/√(2π).
    j = 2 / math.sqrt(2 * math.pi)
    assert r.hedges_g([2, 4, 6], [1, 2, 3]) == pytest.approx(j * 2 / math.sqrt(2.5))
    # df = 2: J = Γ(1)/(1·Γ(0.5)) = 1/√π.
    assert r.hedges_g([1, 3], [0, 2]) == pytest.approx(r.cohens_d([1, 3], [0, 2]) / math.sqrt(math.pi))


@pytest.mark.parametrize("n", [4, 10, 50, 200])
def test_hedges_g_is_close_to_the_usual_approximation(n):
    rng = np.random.default_rng(n)
    a, b = rng.normal(1, 1, n).tolist(), rng.normal(0, 1, n).tolist()
    df = 2 * n - 2  # 6 and up: the exact J and 1 − 3/(4·df − 1) agree within 0.001
    assert r.hedges_g(a, b) / r.cohens_d(a, b) == pytest.approx(1 - 3 / (4 * df - 1), abs=1e-3)


def test_effect_sizes_without_spread_are_undefined():
    assert r.cohens_d([1, 1], [1, 1]) is None
    assert r.hedges_g([3, 3], [3, 3]) is None


@pytest.mark.parametrize(
    ("a", "b"), [([1], [1, 2]), ([1, 2], []), ([1, math.inf], [1, 2]), ([1, "2"], [1, 2])]
)
def test_effect_sizes_refuse_bad_groups(a, b):
    with pytest.raises(ValueError):
        r.cohens_d(a, b)


@given(
    st.lists(st.floats(-100, 100), min_size=2, max_size=30),
    st.lists(st.floats(-100, 100), min_size=2, max_size=30),
)
def test_hedges_g_shrinks_d_toward_zero(a, b):
    d, g = r.cohens_d(a, b), r.hedges_g(a, b)
    if d is None:
        assert g is None
    else:
        assert abs(g) <= abs(d)
        assert g * d >= 0


# Benefit: Σ Δunit × €/unit × attribution × confidence.


def test_claim_value_by_hand():
    # 120 fewer errors × €50 × 50% attributed × 80% confident = €2,400.
    claim = BenefitClaim(D(120), D(50), attribution=0.5, confidence=0.8)
    assert claim.value == D(2400)
    assert r.benefit([claim]) == D(2400)


def test_principle_9_months_beyond_12_are_ignored():
    two_years = BenefitClaim(D(240), D(50), attribution=0.5, confidence=0.8, months=24)
    assert two_years.counted_months == 12
    assert two_years.value == D(2400)  # the second year's 120 errors do not count
    half_year = BenefitClaim(D(60), D(50), attribution=0.5, confidence=0.8, months=6)
    assert half_year.value == D(1200)  # all of it falls within the first year


def test_principle_6_missing_claims_count_zero():
    assert r.benefit([]) == D(0)
    assert r.benefit([None, None]) == D(0)
    present = [claim_worth(1000), claim_worth(2000)]
    # Two of four people answered: the total is theirs, never scaled up to four people.
    assert r.benefit([present[0], None, present[1], None]) == D(3000)
    breakdown = r.benefit_breakdown([present[0], None, present[1], None])
    assert breakdown.missing == (1, 3)
    assert breakdown.values[1] is None


def test_principle_8_an_extreme_claim_is_excluded():
    claims = [claim_worth(v) for v in (1000, 1100, 50000, 1200, 1300)]
    # Sorted 1000 1100 1200 1300 50000: Q1 = 1100, Q3 = 1300, fence = 1300 + 1.5 × 200 = 1600.
    breakdown = r.benefit_breakdown(claims)
    assert breakdown.upper_fence == D(1600)
    assert breakdown.excluded == (2,)
    assert breakdown.included == (0, 1, 3, 4)
    assert breakdown.total == D(4600)
    assert r.benefit(claims, exclude_extremes=False) == D(54600)


def test_fewer_than_four_claims_have_no_fence():
    claims = [claim_worth(v) for v in (1000, 1100, 50000)]
    assert r.benefit(claims) == D(52100)
    assert r.benefit_breakdown(claims).upper_fence is None


def test_principle_4_a_low_extreme_is_kept():
    claims = [claim_worth(v) for v in (1000, 1100, 1200, 1300, -50000)]
    # Dropping the loss would raise the benefit: the conservative choice keeps it.
    breakdown = r.benefit_breakdown(claims)
    assert breakdown.excluded == ()
    assert breakdown.total == D(-45400)


def test_principle_4_a_smaller_loss_above_the_fence_is_kept():
    # Sorted −2 −2 −2 −1: fence −1.375, so −1 is "extreme", but dropping a loss raises the total.
    breakdown = r.benefit_breakdown([claim_worth(v) for v in (-1, -2, -2, -2)])
    assert breakdown.upper_fence == D("-1.375")
    assert breakdown.excluded == ()
    assert breakdown.total == D(-7)


def test_principles_5_and_7_attribution_and_confidence_scale_the_claim():
    assert BenefitClaim(D(10), D(100), attribution=0.0, confidence=1.0).value == 0
    assert BenefitClaim(D(10), D(100), attribution=1.0, confidence=0.0).value == 0
    assert BenefitClaim(D(10), D(100), attribution=0.25, confidence=0.5).value == D(125)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"unit_change": 1.5},  # money is never a binary float
        {"value_per_unit": D("NaN")},
        {"value_per_unit": D("Infinity")},
        {"attribution": 1.2},
        {"confidence": -0.1},
        {"confidence": math.nan},
        {"months": 0},
        {"months": 1.0},
        {"months": True},
    ],
)
def test_claim_refuses_bad_input(kwargs):
    base = {"unit_change": D(1), "value_per_unit": D(1), "attribution": 0.5, "confidence": 0.5}
    with pytest.raises(ValueError):
        BenefitClaim(**{**base, **kwargs})


def test_claim_accepts_int_money():
    assert BenefitClaim(3, 7, attribution=1, confidence=1).value == D(21)


def test_benefit_refuses_what_is_not_a_claim():
    with pytest.raises(ValueError):
        r.benefit([claim_worth(1), 5])


@given(st.lists(st.one_of(st.none(), st.integers(-10_000, 100_000)), max_size=25))
def test_fence_matches_numpy_and_never_raises_the_total(raw):
    claims = [None if v is None else claim_worth(v) for v in raw]
    breakdown = r.benefit_breakdown(claims)
    present = [v for v in raw if v is not None]
    assert breakdown.total <= r.benefit(claims, exclude_extremes=False)
    assert sorted(breakdown.included + breakdown.excluded + breakdown.missing) == list(range(len(raw)))
    if len(present) >= 4:
        q1, q3 = np.percentile(present, [25, 75])
        assert float(breakdown.upper_fence) == pytest.approx(q3 + 1.5 * (q3 - q1))
        assert all(raw[i] > max(breakdown.upper_fence, 0) for i in breakdown.excluded)
    else:
        assert breakdown.excluded == ()


# Cost and ROI.


def cost_of_10_000() -> FullyLoadedCost:
    return FullyLoadedCost(
        design=D(2000),
        delivery=D(3000),
        licences=D(500),
        participant_hours=D(40),
        loaded_hourly_wage=D(50),
        travel=D(1000),
        evaluation=D(1000),
        overhead=D(500),
    )


def test_fully_loaded_cost_by_hand():
    cost = cost_of_10_000()
    assert cost.participant_time == D(2000)  # 40 h × €50
    assert cost.total == D(10000)


def test_fully_loaded_cost_needs_every_component():
    with pytest.raises(TypeError):
        FullyLoadedCost(design=D(1))  # type: ignore[call-arg]


@pytest.mark.parametrize("bad", [D(-1), 1.0, D("NaN")])
def test_fully_loaded_cost_refuses_bad_components(bad):
    components = {f: D(0) for f in ("design", "delivery", "licences", "participant_hours")}
    components |= {f: D(0) for f in ("loaded_hourly_wage", "travel", "evaluation", "overhead")}
    with pytest.raises(ValueError):
        FullyLoadedCost(**{**components, "travel": bad})


def test_roi_150_percent():
    result = r.roi(D(25000), D(10000))
    assert result.roi_percent == D(150)
    assert result.bcr == D("2.5")
    assert (result.benefit, result.cost, result.intangibles) == (D(25000), D(10000), ())


def test_roi_from_claims_and_a_fully_loaded_cost():
    # 1,000 units × €50 × 50% × 100% = €25,000 against €10,000.
    claims = [BenefitClaim(D(1000), D(50), attribution=0.5, confidence=1.0), None]
    result = r.roi(r.benefit(claims), cost_of_10_000(), intangibles=["more confident at the counter"])
    assert (result.roi_percent, result.bcr) == (D(150), D("2.5"))
    assert result.intangibles == ("more confident at the counter",)


def test_roi_of_a_loss():
    result = r.roi(D(5000), D(10000))
    assert (result.roi_percent, result.bcr) == (D(-50), D("0.5"))


@pytest.mark.parametrize("cost", [D(0), D(-1), 0])
def test_roi_needs_a_positive_cost(cost):
    with pytest.raises(ValueError):
        r.roi(D(100), cost)


def test_roi_refuses_float_money_and_empty_intangibles():
    with pytest.raises(ValueError):
        r.roi(100.0, D(10))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        r.roi(D(100), D(10), intangibles=["  "])


@given(st.integers(-(10**6), 10**6), st.integers(1, 10**6))
def test_roi_and_bcr_agree(benefit, cost):
    result = r.roi(D(benefit), D(cost))
    assert abs(result.roi_percent - (result.bcr - 1) * 100) < D("1e-20")


# Isolation.


def test_control_group_effect_by_hand():
    # Trained 100 → 130, control 100 → 110: 20 of the 30 is the training's.
    assert r.control_group_effect(100, 130, 100, 110) == 20
    assert r.control_group_effect(50, 50, 50, 40) == 10  # held steady while the control fell


def test_control_group_effect_refuses_non_finite():
    with pytest.raises(ValueError):
        r.control_group_effect(1, 2, math.nan, 3)


def test_trend_line_effect_by_hand():
    # 10, 12, 14, 16: slope 2, intercept 10; two periods after the last, x = 5: 20 expected.
    result = r.trend_line_effect([10, 12, 14, 16], 25, periods=2)
    assert (result.slope, result.intercept, result.projected) == pytest.approx((2, 10, 20))
    assert result.effect == pytest.approx(5)
    # 1, 3, 2, 4: Σ(x−x̄)(y−ȳ) = 4, Σ(x−x̄)² = 5, slope 0.8, intercept 1.3; at x = 4: 4.5.
    noisy = r.trend_line_effect([1, 3, 2, 4], 4.5, periods=1)
    assert (noisy.slope, noisy.intercept, noisy.projected, noisy.effect) == pytest.approx((0.8, 1.3, 4.5, 0))


@given(
    st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=20),
    st.floats(-1e3, 1e3),
    st.integers(1, 12),
)
def test_trend_line_matches_polyfit(series, actual, periods):
    result = r.trend_line_effect(series, actual, periods)
    slope, intercept = np.polyfit(np.arange(len(series)), series, 1)
    assert result.slope == pytest.approx(slope, abs=1e-6)
    assert result.intercept == pytest.approx(intercept, abs=1e-6)
    assert result.effect == pytest.approx(actual - result.projected)


@pytest.mark.parametrize(
    ("series", "periods"), [([1], 1), ([1, 2], 0), ([1, 2], 1.0), ([1, math.inf], 1), ([1, 2], True)]
)
def test_trend_line_refuses_bad_input(series, periods):
    with pytest.raises(ValueError):
        r.trend_line_effect(series, 3, periods)


def test_inputs_are_not_mutated():
    series, claims = [10, 12, 14], [claim_worth(5), None]
    r.trend_line_effect(series, 20, 1)
    r.benefit_breakdown(claims)
    assert series == [10, 12, 14]
    assert claims == [claim_worth(5), None]
