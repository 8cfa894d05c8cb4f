"""Provider scorecard: hand-computed shrinkage and costs, the k-threshold, and properties."""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beklijf.engine import scorecard as sc
from beklijf.engine.scorecard import BetaPrior, ScoreWeights, SessionOutcome

D = Decimal


def session(provider, participants=10, *, retention=(0, 0), applied=(0, 0), dropped=0, **kwargs):
    return SessionOutcome(
        provider_id=provider,
        participants=participants,
        learning_points=kwargs.pop("learning_points", 4),
        cost=kwargs.pop("cost", D(1000)),
        retention_correct=retention[0],
        retention_attempts=retention[1],
        applied=applied[0],
        application_checked=applied[1],
        dropped_off=dropped,
        **kwargs,
    )


def row(card, provider):
    return next(p for p in card.providers if p.provider_id == provider)


# The prior, by hand (Kleinman's method of moments).


def test_prior_by_hand():
    # (8, 10) and (2, 10): μ = 0.5; S = 10·0.3² + 10·0.3² = 1.8; S/μ(1−μ) = 7.2; k − 1 = 1;
    # denominator 20 − 200/20 − 1 = 9; ρ = 6.2/9; α + β = 1/ρ − 1 = 2.8/6.2 = 14/31.
    prior = sc.beta_binomial_prior([(8, 10), (2, 10)])
    assert prior.mean == 0.5
    assert prior.strength == pytest.approx(14 / 31)
    assert (prior.alpha, prior.beta) == pytest.approx((7 / 31, 7 / 31))
    assert prior.providers == 2
    # Posterior (8 + 7/31)/(10 + 14/31) = 255/324.
    rate = sc.shrink(8, 10, prior)
    assert rate.raw == 0.8
    assert rate.shrunk == pytest.approx(255 / 324)
    assert rate.weight == pytest.approx((14 / 31) / (10 + 14 / 31))


def test_no_more_spread_than_noise_gives_the_capped_prior():
    prior = sc.beta_binomial_prior([(5, 10), (5, 10)])  # ρ = (0 − 1)/9 < 0
    assert prior.strength == sc.MAX_PRIOR_STRENGTH == 50.0
    # (9 + 0.5·50)/(10 + 50) = 34/60: pulled hard toward 0.5, but not erased.
    assert sc.shrink(9, 10, prior).shrunk == pytest.approx(34 / 60)
    # Uncapped, it is complete pooling: everyone gets the mean.
    uncapped = sc.beta_binomial_prior([(5, 10), (5, 10)], max_strength=math.inf)
    assert uncapped.strength == math.inf
    assert sc.shrink(9, 10, uncapped).shrunk == 0.5


def test_the_cap_keeps_a_tie_between_few_providers_from_erasing_differences():
    # Two providers of 10 people who happen to look alike: 50/100 and 54/100 first attempts right.
    # μ = 0.52; S = 100·0.02² · 2 = 0.08; S/μ(1−μ) = 0.08/0.2496 < k − 1 = 1, so ρ < 0: no
    # spread beyond noise. Uncapped both would get 0.52 and tie; capped (α + β = 50) they keep
    # their order: (50 + 26)/150 = 0.50667 and (54 + 26)/150 = 0.53333.
    sessions = [session("A", retention=(50, 100)), session("B", retention=(54, 100))]
    card = sc.scorecard(sessions)
    a, b = row(card, "A"), row(card, "B")
    assert card.retention_prior.strength == 50.0
    assert a.retention.shrunk == pytest.approx(76 / 150)
    assert b.retention.shrunk == pytest.approx(80 / 150)
    assert (b.rank, a.rank) == (1, 2)
    tied = sc.scorecard(sessions, max_prior_strength=math.inf)
    assert row(tied, "A").rank == row(tied, "B").rank == 1


def test_an_estimated_strength_above_the_cap_is_capped():
    # (8, 10) and (2, 10) estimate 14/31 ≈ 0.45 pseudo-observations; a cap of 0.25 wins.
    assert sc.beta_binomial_prior([(8, 10), (2, 10)], max_strength=0.25).strength == 0.25


@pytest.mark.parametrize("cap", [0, -1, True, "50", math.nan])
def test_the_cap_must_be_positive(cap):
    with pytest.raises(ValueError):
        sc.beta_binomial_prior([(1, 2)], max_strength=cap)


def test_prior_edge_cases():
    assert sc.beta_binomial_prior([]) == BetaPrior(mean=None, strength=0.0, providers=0)
    assert sc.beta_binomial_prior([(0, 0)]).mean is None  # no trials: no data
    one = sc.beta_binomial_prior([(3, 4)])
    assert (one.mean, one.strength) == (0.75, 0.0)  # nothing to pool with
    assert sc.beta_binomial_prior([(1, 1), (0, 1)]).strength == 0.0  # one trial each: no estimate
    assert sc.beta_binomial_prior([(0, 5), (0, 9)]).strength == sc.MAX_PRIOR_STRENGTH  # all equal
    assert sc.beta_binomial_prior([(10, 10), (0, 10)]).strength == 0.0  # ρ ≥ 1


def test_shrink_without_data_gives_the_prior_mean_and_without_prior_nothing():
    prior = sc.beta_binomial_prior([(8, 10), (2, 10)])
    empty = sc.shrink(0, 0, prior)
    assert (empty.raw, empty.shrunk, empty.weight) == (None, 0.5, 1.0)
    assert sc.shrink(1, 2, BetaPrior(mean=None, strength=0.0, providers=0)) is None


@pytest.mark.parametrize(("x", "n"), [(-1, 3), (4, 3), (1.0, 3), (True, 3)])
def test_counts_are_checked(x, n):
    with pytest.raises(ValueError):
        sc.beta_binomial_prior([(x, n)])
    with pytest.raises(ValueError):
        sc.shrink(x, n, BetaPrior(mean=0.5, strength=1.0, providers=2))


# The scorecard, by hand.


def test_scorecard_by_hand():
    sessions = [
        session("A", retention=(8, 10), cost=D(2000)),
        session("B", retention=(2, 10), cost=D(2000), reaction=4.9),
    ]
    card = sc.scorecard(sessions)
    a, b = card.providers
    assert (a.provider_id, a.rank, b.provider_id, b.rank) == ("A", 1, "B", 2)
    assert a.retention.shrunk == pytest.approx(255 / 324)
    assert b.retention.shrunk == pytest.approx(69 / 324)  # (2 + 7/31)/(10 + 14/31)
    # Nobody dropped off: μ = 0 gets the capped prior, completion 1. No application data: left out.
    assert card.drop_off_prior.strength == sc.MAX_PRIOR_STRENGTH
    assert a.application is None and card.application_prior.mean is None
    assert a.composite == pytest.approx((0.4 * 255 / 324 + 0.2 * 1) / 0.6)
    assert b.composite == pytest.approx((0.4 * 69 / 324 + 0.2 * 1) / 0.6)
    # €2,000 / (10 participants × 4 points × 255/324) = €63.53.
    assert a.cost_per_retained_point == D("63.53")
    assert (a.cost, a.participants, a.sessions) == (D(2000), 10, 1)
    assert b.reaction == 4.9 and a.reaction is None


def test_cost_per_retained_point_of_a_single_provider():
    # One provider: no prior to shrink toward, so retention stays 0.8:
    # €2,000 / (10 × 4 × 0.8) = €62.50.
    card = sc.scorecard([session("A", retention=(80, 100), cost=D(2000))])
    (a,) = card.providers
    assert a.retention.shrunk == 0.8
    assert a.cost_per_retained_point == D("62.50")


def test_cost_per_retained_point_sums_sessions():
    sessions = [
        session("A", 10, learning_points=4, retention=(40, 50), cost=D(1000)),
        session("A", 5, learning_points=2, retention=(40, 50), cost=D(1000)),
    ]
    (a,) = sc.scorecard(sessions).providers
    # €2,000 / ((10·4 + 5·2) × 0.8) = €50.00.
    assert a.cost_per_retained_point == D("50.00")
    assert (a.participants, a.sessions) == (15, 2)


def test_zero_retention_has_no_cost_per_point():
    (a,) = sc.scorecard([session("A", retention=(0, 10))]).providers
    assert a.cost_per_retained_point is None


def test_ties_share_a_rank():
    sessions = [
        session("A", retention=(9, 10)),
        session("B", retention=(5, 10)),
        session("C", retention=(5, 10)),
        session("D", retention=(1, 10)),
    ]
    ranks = [(p.provider_id, p.rank) for p in sc.scorecard(sessions).providers]
    assert ranks == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]


def test_weights_change_the_composite():
    sessions = [
        session("A", retention=(9, 10), applied=(1, 10)),
        session("B", retention=(1, 10), applied=(9, 10)),
    ]
    retention_first = sc.scorecard(sessions, weights=ScoreWeights(1, 0, 0))
    application_first = sc.scorecard(sessions, weights=ScoreWeights(0, 1, 0))
    assert retention_first.providers[0].provider_id == "A"
    assert application_first.providers[0].provider_id == "B"


@pytest.mark.parametrize("weights", [(0, 0, 0), (-1, 1, 1), (math.inf, 1, 1), (math.nan, 1, 1), (True, 1, 1)])
def test_bad_weights(weights):
    with pytest.raises(ValueError):
        ScoreWeights(*weights)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"participants": -1},
        {"dropped": 11},
        {"retention": (3, 2)},
        {"applied": (3, 2)},
        {"cost": 10.0},
        {"cost": D(-1)},
        {"cost": D("NaN")},
        {"learning_points": 0},
        {"reaction": math.inf},
        {"reaction": "good"},
    ],
)
def test_session_refuses_bad_input(kwargs):
    with pytest.raises(ValueError):
        session("A", **kwargs)


def test_scorecard_refuses_what_is_not_a_session():
    with pytest.raises(ValueError):
        sc.scorecard([session("A"), {"provider_id": "B"}])


# The k-threshold (EVIDENCE.md 2.3): 4 participants ⇒ too few, 5 ⇒ figures.


def test_four_participants_are_too_few():
    card = sc.scorecard([session("A", 4, retention=(8, 10), dropped=1, reaction=4.0)])
    (a,) = card.providers
    assert a.too_few
    figures = (a.participants, a.retention, a.application, a.drop_off, a.cost)
    assert figures == (None,) * 5
    assert (a.cost_per_retained_point, a.reaction, a.composite, a.rank) == (None,) * 4


def test_five_participants_are_shown_but_not_ranked():
    (a,) = sc.scorecard([session("A", 5, retention=(8, 10), dropped=1, reaction=4.0)]).providers
    assert not a.too_few
    assert a.participants == 5
    assert a.retention.raw == 0.8 and a.drop_off.raw == 0.2
    assert a.rank is None and a.composite is not None and a.reaction == 4.0


def test_nothing_is_ranked_below_ten_participants():
    card = sc.scorecard(
        [session("A", 9, retention=(10, 10)), session("B", 10, retention=(5, 10)), session("C", 4)]
    )
    assert [(p.provider_id, p.rank) for p in card.providers] == [("B", 1), ("A", None), ("C", None)]
    assert not row(card, "A").too_few and row(card, "C").too_few


def test_cost_per_retained_point_by_hand():
    # €2,000 / (10 people × 4 points × 0.8) = €2,000 / 32 = €62.50; €1,000 / (3 × 0.7) = €476.19.
    assert sc.cost_per_retained_point(D(2000), 40, 0.8) == D("62.50")
    assert sc.cost_per_retained_point(1000, 3, 0.7) == D("476.19")
    assert sc.cost_per_retained_point(D(2000), 40, 0.0) is None
    assert sc.cost_per_retained_point(D(2000), 0, 0.8) is None
    assert sc.cost_per_retained_point(D(2000), 40, None) is None
    for bad in [(2000.0, 40, 0.8), (D(-1), 40, 0.8), (D(1), -1, 0.8), (D(1), 4, 1.2)]:
        with pytest.raises(ValueError):
            sc.cost_per_retained_point(*bad)


def test_high_reviews_low_results_is_flagged():
    # A: best reviews (4.8), worst retention and application; B and C: modest reviews, better results.
    sessions = [
        session("A", 12, retention=(30, 60), applied=(3, 12), reaction=4.8),
        session("B", 12, retention=(50, 60), applied=(10, 12), reaction=3.9),
        session("C", 12, retention=(48, 60), applied=(9, 12), reaction=4.0),
    ]
    card = sc.scorecard(sessions)
    assert [p.provider_id for p in card.providers] == ["B", "C", "A"]
    assert [p.high_reviews_low_results for p in card.providers] == [False, False, True]


def test_application_at_30_days_is_shown_and_not_ranked():
    base = [
        session("A", applied=(6, 10), retention=(8, 10)),
        session("B", applied=(6, 10), retention=(8, 10)),
    ]
    early = [
        replace(base[0], applied_30=(1), application_checked_30=10),
        replace(base[1], applied_30=9, application_checked_30=10),
    ]
    card = sc.scorecard(early)
    assert row(card, "A").application_30.raw == 0.1 and row(card, "B").application_30.raw == 0.9
    assert row(card, "A").composite == row(card, "B").composite


def test_sessions_add_up_to_the_threshold():
    (a,) = sc.scorecard([session("A", 2, retention=(1, 2)), session("A", 3, retention=(2, 3))]).providers
    assert not a.too_few and a.participants == 5


def test_suppressed_providers_come_last_and_do_not_move_the_others():
    shown = [session("A", retention=(8, 10)), session("B", retention=(2, 10))]
    hidden = session("C", 4, retention=(0, 40))
    with_hidden = sc.scorecard([hidden, *shown])
    without = sc.scorecard(shown)
    assert [p.provider_id for p in with_hidden.providers] == ["A", "B", "C"]
    assert with_hidden.providers[:2] == without.providers
    assert with_hidden.retention_prior == without.retention_prior


# Properties.


@st.composite
def sessions_strategy(draw):
    result = []
    for _ in range(draw(st.integers(1, 12))):
        participants = draw(st.integers(0, 30))
        attempts = draw(st.integers(0, 60))
        checked = draw(st.integers(0, 40))
        result.append(
            SessionOutcome(
                provider_id=draw(st.sampled_from("ABCDE")),
                participants=participants,
                learning_points=draw(st.integers(1, 6)),
                cost=D(draw(st.integers(0, 10_000))),
                retention_correct=draw(st.integers(0, attempts)),
                retention_attempts=attempts,
                applied=draw(st.integers(0, checked)),
                application_checked=checked,
                dropped_off=draw(st.integers(0, participants)),
                reaction=draw(st.none() | st.floats(1, 5)),
            )
        )
    return result


def _between(value, a, b):
    low, high = min(a, b), max(a, b)
    return low - 1e-12 <= value <= high + 1e-12


@settings(deadline=None)  # 2 shared cores: timing is not what these test
@given(sessions_strategy())
def test_shrinkage_moves_toward_the_pooled_mean_and_never_past_it(sessions):
    card = sc.scorecard(sessions)
    priors = {"retention": card.retention_prior, "application": card.application_prior}
    priors["drop_off"] = card.drop_off_prior
    for provider in card.providers:
        for name, prior in priors.items():
            rate = getattr(provider, name)
            if rate is None or rate.raw is None:
                continue
            assert _between(rate.shrunk, rate.raw, prior.mean)
            assert abs(rate.shrunk - prior.mean) <= abs(rate.raw - prior.mean) + 1e-12


@settings(deadline=None)  # 2 shared cores: timing is not what these test
@given(
    st.floats(0.001, 0.999),
    st.floats(0.01, 1000),
    st.floats(0, 1),
    st.integers(1, 500),
    st.integers(1, 500),
)
def test_more_trials_less_shrinkage(mean, strength, rate, n1, n2):
    prior = BetaPrior(mean=mean, strength=strength, providers=5)
    small, large = sorted((n1, n2))
    a = sc.shrink(round(rate * small), small, prior)
    b = sc.shrink(round(rate * large), large, prior)
    assert b.weight <= a.weight
    if small < large:
        assert b.weight < a.weight


@settings(deadline=None)  # 2 shared cores: timing is not what these test
@given(sessions_strategy(), st.integers(1, 8))
def test_in_a_scorecard_the_bigger_of_two_equal_rates_is_shrunk_less(sessions, factor):
    # Two providers with the same raw retention, one with `factor` times the data.
    base = [replace(s, provider_id="P") for s in sessions[:1]]
    base[0] = replace(base[0], participants=10, dropped_off=0, retention_correct=3, retention_attempts=5)
    big = replace(base[0], provider_id="Q", retention_correct=3 * factor, retention_attempts=5 * factor)
    card = sc.scorecard([*sessions, *base, big])
    p, q = row(card, "P").retention, row(card, "Q").retention
    assert abs(q.shrunk - q.raw) <= abs(p.shrunk - p.raw) + 1e-12


@settings(deadline=None)  # 2 shared cores: timing is not what these test
@given(sessions_strategy(), st.data())
def test_reaction_never_changes_the_rank(sessions, data):
    reactions = data.draw(
        st.lists(st.none() | st.floats(-100, 100), min_size=len(sessions), max_size=len(sessions))
    )
    changed = [replace(s, reaction=x) for s, x in zip(sessions, reactions, strict=True)]
    before = {p.provider_id: (p.rank, p.composite) for p in sc.scorecard(sessions).providers}
    after = {p.provider_id: (p.rank, p.composite) for p in sc.scorecard(changed).providers}
    assert before == after


@settings(deadline=None)  # 2 shared cores: timing is not what these test
@given(sessions_strategy())
def test_k_threshold_and_ranks_hold(sessions):
    card = sc.scorecard(sessions)
    participants = {}
    for s in sessions:
        participants[s.provider_id] = participants.get(s.provider_id, 0) + s.participants
    assert {p.provider_id for p in card.providers} == set(participants)
    for p in card.providers:
        assert p.too_few == (participants[p.provider_id] < sc.MIN_PARTICIPANTS)
        if p.too_few:
            assert p.rank is None and p.composite is None and p.retention is None
        else:
            assert 0.0 <= p.composite <= 1.0
            assert (p.rank is not None) == (participants[p.provider_id] >= sc.MIN_RANKED_PARTICIPANTS)
    ranked = [p for p in card.providers if p.rank is not None]
    assert [p.rank for p in ranked] == sorted(p.rank for p in ranked)
    assert all(a.composite >= b.composite for a, b in zip(ranked, ranked[1:], strict=False))


@settings(deadline=None)  # 2 shared cores: timing is not what these test
@given(sessions_strategy())
def test_scorecard_does_not_mutate_its_input(sessions):
    copy = list(sessions)
    sc.scorecard(sessions)
    assert sessions == copy
