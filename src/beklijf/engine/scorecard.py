"""Provider scorecard: which training providers' sessions are remembered and used, fairly compared.

EVIDENCE.md "What the product must compute" item 8: per provider, across its sessions,

- **retention**: 4-week first-attempt correct / first attempts (item 2);
- **application**: learning points with manager-confirmed use at 60–90 days / learning points
  checked (item 5, LTEM T7);
- **drop-off**: participants who stopped following up / participants;
- **cost per retained learning point**: ``cost / (participants × learning points × retention)``.

Three rules make the comparison fair and safe:

1. **Small samples are shrunk toward the mean** (empirical Bayes). A provider with one session of
   6 people and 100% retention is not better than one with 400 people and 85%. Each proportion is
   modelled as beta-binomial: provider i's true rate is drawn from Beta(α, β) and its count is
   binomial given that rate. The prior is estimated from all shown providers by the method of
   moments (Kleinman 1973, JASA 68:46, weights n_i, see ``beta_binomial_prior``), and each provider
   gets its posterior mean ``(x_i + α)/(n_i + α + β)`` (Efron & Morris 1975), which lies between
   its own rate and the pooled mean and moves less the more data it has.
2. **Reactions never rank.** Reaction–learning correlations average ≈ .10 (Alliger et al. 1997,
   Sitzmann et al. 2008; EVIDENCE.md 1.1): the reaction score is shown with weight 0
   (``REACTION_WEIGHT``) and never enters the composite.
3. **Nothing is ranked on little data**: a provider with fewer than ``MIN_RANKED_PARTICIPANTS`` (10)
   participants is shown with its (shrunk) figures but gets no rank. And the prior itself is capped at
   ``MAX_PRIOR_STRENGTH`` pseudo-observations: with two or three providers the method-of-moments
   estimate often finds "no more spread than noise" by chance, which would make the prior infinitely
   strong and give every provider the same figure (a tie that hides real differences).
4. **Groups under 5 participants are suppressed** (k-threshold, EVIDENCE.md 2.3 "pseudonymised
   analytics" and the guarantee "providers only aggregates with n ≥ 5"): every figure of such a
   provider is None and ``too_few`` is True. Their data also stays out of the prior, so that no
   figure can be recovered by subtracting the shown providers from a pooled total.

The rank is by a documented composite of the shrunk outcomes (``ScoreWeights``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "DEFAULT_WEIGHTS",
    "MAX_PRIOR_STRENGTH",
    "MIN_PARTICIPANTS",
    "MIN_RANKED_PARTICIPANTS",
    "REACTION_WEIGHT",
    "BetaPrior",
    "ProviderScore",
    "Rate",
    "ScoreWeights",
    "Scorecard",
    "SessionOutcome",
    "beta_binomial_prior",
    "cost_per_retained_point",
    "scorecard",
    "shrink",
]

# The k-threshold: no figure of a group with fewer people (EVIDENCE.md 2.3).
MIN_PARTICIPANTS = 5
# No rank below this many participants: a rank says "better than", which 5-9 people cannot carry.
MIN_RANKED_PARTICIPANTS = 10
# The most pseudo-observations the prior may weigh. Method-of-moments estimates of the spread between
# a handful of providers are noisy, and "no spread" (ρ ≤ 0, or every rate equal) would otherwise mean
# an infinitely strong prior that erases every difference. At 50, a provider with 50 answers is pulled
# halfway to the mean and one with 500 about 9%: small samples still shrink, large ones speak.
MAX_PRIOR_STRENGTH = 50.0
# Reactions are shown, never ranked on (EVIDENCE.md 1.1, smile-sheet critique).
REACTION_WEIGHT = 0.0
_CENT = Decimal("0.01")
# Composites that differ by less than this are a tie: float sums of the same numbers in another
# order must not decide a rank.
_TIE = 1e-12


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(value: object, name: str) -> int:
    if not _is_int(value) or value < 0:  # type: ignore[operator]
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    return value  # type: ignore[return-value]


def _part(part: int, whole: int, part_name: str, whole_name: str) -> None:
    if part > whole:
        raise ValueError(f"{part_name} ({part}) cannot exceed {whole_name} ({whole})")


@dataclass(frozen=True)
class SessionOutcome:
    """What one session of a provider achieved, as counts a SQL aggregation can produce.

    Attributes:
        provider_id: the provider (or trainer); a pseudonymous id, never a name of a person.
        participants: people in the session.
        learning_points: learning points the session taught, at least 1.
        cost: what the session cost (fully loaded where known), Decimal or int, >= 0.
        retention_correct: first attempts answered correctly 21–35 days after the session.
        retention_attempts: first attempts in that window.
        applied: people (or learning points × people) with manager-confirmed use at 60–90 days.
        application_checked: the same units asked about at 60–90 days.
        applied_30: manager-confirmed use at 30 days; shown beside the 60–90-day figure, not ranked.
        application_checked_30: asked about at 30 days.
        dropped_off: participants who stopped following up.
        reaction: the session's mean reaction score on any scale (shown only); None if not asked.

    Raises:
        ValueError: on a negative or non-integer count, a part larger than its whole, fewer than
            one learning point, a float or negative cost, or a non-finite reaction.
    """

    provider_id: Hashable
    participants: int
    learning_points: int
    cost: Decimal
    retention_correct: int = 0
    retention_attempts: int = 0
    applied: int = 0
    application_checked: int = 0
    dropped_off: int = 0
    reaction: float | None = None
    applied_30: int = 0
    application_checked_30: int = 0

    def __post_init__(self) -> None:
        for name in (
            "participants",
            "retention_correct",
            "retention_attempts",
            "applied",
            "application_checked",
            "dropped_off",
            "applied_30",
            "application_checked_30",
        ):
            _count(getattr(self, name), name)
        if not _is_int(self.learning_points) or self.learning_points < 1:
            raise ValueError(f"learning_points must be an integer >= 1, got {self.learning_points!r}")
        _part(self.retention_correct, self.retention_attempts, "retention_correct", "retention_attempts")
        _part(self.applied, self.application_checked, "applied", "application_checked")
        _part(self.applied_30, self.application_checked_30, "applied_30", "application_checked_30")
        _part(self.dropped_off, self.participants, "dropped_off", "participants")
        cost = self.cost
        if _is_int(cost):
            cost = Decimal(cost)
        if not isinstance(cost, Decimal) or not cost.is_finite() or cost < 0:
            raise ValueError(f"cost must be a finite Decimal >= 0, got {self.cost!r}")
        object.__setattr__(self, "cost", cost)
        if self.reaction is not None:
            reaction = self.reaction
            if (
                isinstance(reaction, bool)
                or not isinstance(reaction, int | float)
                or not math.isfinite(reaction)
            ):
                raise ValueError(f"reaction must be a finite number or None, got {reaction!r}")
            object.__setattr__(self, "reaction", float(reaction))


@dataclass(frozen=True)
class BetaPrior:
    """The Beta(α, β) prior of one proportion across providers, by method of moments.

    Attributes:
        mean: the pooled mean ``Σx/Σn`` = α/(α + β); None when no provider has data.
        strength: α + β, the prior's weight in pseudo-observations, at most the cap given to
            ``beta_binomial_prior`` (``MAX_PRIOR_STRENGTH``); the cap is reached when the providers
            vary no more than binomial noise would make them; 0 when it cannot be estimated (fewer
            than 2 providers with data), so nothing is shrunk. A hand-made prior may be
            ``math.inf`` (complete pooling: everyone gets the mean).
        providers: how many providers with data it was estimated from.
    """

    mean: float | None
    strength: float
    providers: int

    @property
    def alpha(self) -> float | None:
        """α = mean × strength; None without a mean."""
        return None if self.mean is None else self.mean * self.strength

    @property
    def beta(self) -> float | None:
        """β = (1 − mean) × strength; None without a mean."""
        return None if self.mean is None else (1.0 - self.mean) * self.strength


def beta_binomial_prior(
    counts: Iterable[tuple[int, int]], *, max_strength: float = MAX_PRIOR_STRENGTH
) -> BetaPrior:
    """Estimate a beta prior from (successes, trials) per provider by the method of moments.

    With ``p_i = x_i/n_i``, ``W = Σn_i``, pooled mean ``μ = Σx_i/W`` and the weighted spread
    ``S = Σ n_i (p_i − μ)²``, the beta-binomial model with intra-class correlation
    ``ρ = 1/(α + β + 1)`` has ``E[S] = μ(1 − μ)·[(k − 1) + ρ·(W − Σn_i²/W − (k − 1))]`` for k
    providers (Kleinman 1973, JASA 68:46). Solving for ρ:

        ρ = (S/(μ(1 − μ)) − (k − 1)) / (W − Σn_i²/W − (k − 1)),

    clipped to [0, 1], and ``α + β = 1/ρ − 1``, capped at ``max_strength``. ρ ≤ 0 (no more spread
    than binomial noise), or every provider at the same rate 0 or 1, gives the cap: uncapped that
    would be complete pooling, which with few providers is usually chance rather than evidence
    that they are all alike. ρ ≥ 1 or a zero denominator (e.g. one trial each) gives no pooling.
    Providers with 0 trials carry no information and are skipped.

    Args:
        counts: (successes, trials) per provider.
        max_strength: the most pseudo-observations the prior may weigh, > 0 (``math.inf`` allows
            complete pooling).

    Returns:
        The prior.

    Raises:
        ValueError: on a negative or non-integer count or successes above trials, or a
            ``max_strength`` that is not a positive number.
    """
    if isinstance(max_strength, bool) or not isinstance(max_strength, int | float) or not max_strength > 0:
        raise ValueError(f"max_strength must be a positive number, got {max_strength!r}")
    data = []
    for x, n in counts:
        _count(x, "successes")
        _count(n, "trials")
        _part(x, n, "successes", "trials")
        if n > 0:
            data.append((x, n))
    k = len(data)
    if k == 0:
        return BetaPrior(mean=None, strength=0.0, providers=0)
    total = sum(n for _, n in data)
    mean = sum(x for x, _ in data) / total
    if k < 2:
        return BetaPrior(mean=mean, strength=0.0, providers=k)
    if mean in (0.0, 1.0):  # every provider has the same rate: pooling changes nothing
        return BetaPrior(mean=mean, strength=float(max_strength), providers=k)
    spread = sum(n * (x / n - mean) ** 2 for x, n in data)
    denominator = total - sum(n * n for _, n in data) / total - (k - 1)
    if denominator <= 0:
        return BetaPrior(mean=mean, strength=0.0, providers=k)
    rho = (spread / (mean * (1.0 - mean)) - (k - 1)) / denominator
    if rho <= 0.0:
        return BetaPrior(mean=mean, strength=float(max_strength), providers=k)
    if rho >= 1.0:
        return BetaPrior(mean=mean, strength=0.0, providers=k)
    return BetaPrior(mean=mean, strength=min(1.0 / rho - 1.0, float(max_strength)), providers=k)


@dataclass(frozen=True)
class Rate:
    """One proportion of one provider, raw and shrunk.

    Attributes:
        successes: the count of successes.
        n: the count of trials.
        raw: successes/n; None when n is 0.
        shrunk: the posterior mean ``(x + α)/(n + α + β)``; the prior mean when n is 0.
        weight: how far it was pulled toward the prior mean, ``(α + β)/(n + α + β)`` in [0, 1]:
            ``shrunk = (1 − weight)·raw + weight·mean``.
    """

    successes: int
    n: int
    raw: float | None
    shrunk: float
    weight: float


def shrink(successes: int, trials: int, prior: BetaPrior) -> Rate | None:
    """The empirical-Bayes posterior mean of one provider's proportion.

    ``shrunk = (x + α)/(n + α + β) = (1 − B)·x/n + B·μ`` with ``B = (α + β)/(n + α + β)``, so it lies
    between the raw rate and the prior mean μ, and B falls as n grows (Efron & Morris 1975).

    Args:
        successes: x, 0 <= x <= n.
        trials: n, >= 0.
        prior: from ``beta_binomial_prior``.

    Returns:
        The rate, or None when the prior has no mean (no provider has data).

    Raises:
        ValueError: on a negative or non-integer count or successes above trials.
    """
    _count(successes, "successes")
    _count(trials, "trials")
    _part(successes, trials, "successes", "trials")
    if prior.mean is None:
        return None
    raw = successes / trials if trials else None
    if raw is None or math.isinf(prior.strength):
        weight = 1.0
    else:
        weight = prior.strength / (trials + prior.strength)
    shrunk = prior.mean if raw is None else (1.0 - weight) * raw + weight * prior.mean
    return Rate(successes=successes, n=trials, raw=raw, shrunk=shrunk, weight=weight)


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the shrunk outcomes in the composite that ranks providers.

    ``composite = (w_r·retention + w_a·application + w_c·(1 − drop-off)) / (w_r + w_a + w_c)``, each
    the shrunk rate; a measure no shown provider has data for is left out for everyone (and the
    weights of the rest renormalised). Defaults: retention 0.4 (level 2, measured by beklijf
    itself), application 0.4 (level 3, the transfer that matters, confirmed by a second source as
    Blume et al. 2010 advise), completion 0.2 (drop-off depends on the workplace as much as on the
    provider). Cost is shown, not ranked on, so a cheap but useless session cannot rank high; the
    reaction score has weight 0 and is not a field here at all.

    Raises:
        ValueError: on a negative or non-finite weight or when all are 0.
    """

    retention: float = 0.4
    application: float = 0.4
    completion: float = 0.2

    def __post_init__(self) -> None:
        for name in ("retention", "application", "completion"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value < math.inf:
                raise ValueError(f"weight {name} must be a finite number >= 0, got {value!r}")
            object.__setattr__(self, name, float(value))
        if self.retention + self.application + self.completion == 0.0:
            raise ValueError("at least one weight must be positive")


DEFAULT_WEIGHTS = ScoreWeights()


@dataclass(frozen=True)
class ProviderScore:
    """One provider's row on the scorecard. With ``too_few`` every figure is None.

    Attributes:
        provider_id: the provider.
        sessions: how many sessions it gave.
        too_few: fewer than ``MIN_PARTICIPANTS`` participants in all: nothing is shown.
        participants: people over all its sessions.
        retention: 4-week first-attempt retention, raw and shrunk.
        application: manager-confirmed application at 60–90 days, raw and shrunk.
        drop_off: share of participants who dropped off, raw and shrunk.
        cost: total cost of its sessions.
        cost_per_retained_point: ``cost / (Σ participants × learning points × shrunk retention)``,
            rounded to cents; None without retention or with a shrunk retention of 0.
        reaction: participant-weighted mean reaction score; shown with weight 0, never ranked on.
        composite: the ranking score (``ScoreWeights``), in [0, 1].
        rank: 1 is best; ties share a rank (1, 2, 2, 4); None when ``too_few`` or with fewer than
            ``MIN_RANKED_PARTICIPANTS`` participants.
        application_30: manager-confirmed application at 30 days, raw and shrunk; shown, not ranked.
        high_reviews_low_results: the reaction is above the mean reaction of the ranked providers
            while the composite is below their mean composite: a favourite whose people neither
            remember nor apply more (EVIDENCE.md 1.1, smile-sheet critique). False without a rank.
    """

    provider_id: Hashable
    sessions: int
    too_few: bool
    participants: int | None
    retention: Rate | None
    application: Rate | None
    drop_off: Rate | None
    cost: Decimal | None
    cost_per_retained_point: Decimal | None
    reaction: float | None
    composite: float | None
    rank: int | None
    application_30: Rate | None = None
    high_reviews_low_results: bool = False


@dataclass(frozen=True)
class Scorecard:
    """The scorecard: ranked providers first (best first), then the suppressed ones.

    Attributes:
        providers: one row per provider.
        retention_prior: the prior the retention rates were shrunk toward.
        application_prior: the same for application.
        application_30_prior: the same for application at 30 days.
        drop_off_prior: the same for drop-off.
        weights: the composite's weights.
    """

    providers: tuple[ProviderScore, ...]
    retention_prior: BetaPrior
    application_prior: BetaPrior
    drop_off_prior: BetaPrior
    weights: ScoreWeights
    application_30_prior: BetaPrior = BetaPrior(mean=None, strength=0.0, providers=0)


@dataclass
class _Totals:
    sessions: int = 0
    participants: int = 0
    point_people: int = 0  # Σ participants × learning points
    cost: Decimal = Decimal(0)
    retention_correct: int = 0
    retention_attempts: int = 0
    applied: int = 0
    application_checked: int = 0
    applied_30: int = 0
    application_checked_30: int = 0
    dropped_off: int = 0
    reaction_sum: float = 0.0
    reaction_people: int = 0


def _totals(sessions: Iterable[SessionOutcome]) -> dict[Hashable, _Totals]:
    totals: dict[Hashable, _Totals] = {}
    for index, s in enumerate(sessions):
        if not isinstance(s, SessionOutcome):
            raise ValueError(f"session {index} must be a SessionOutcome, got {s!r}")
        t = totals.setdefault(s.provider_id, _Totals())
        t.sessions += 1
        t.participants += s.participants
        t.point_people += s.participants * s.learning_points
        t.cost += s.cost
        t.retention_correct += s.retention_correct
        t.retention_attempts += s.retention_attempts
        t.applied += s.applied
        t.application_checked += s.application_checked
        t.applied_30 += s.applied_30
        t.application_checked_30 += s.application_checked_30
        t.dropped_off += s.dropped_off
        if s.reaction is not None:
            t.reaction_sum += s.reaction * s.participants
            t.reaction_people += s.participants
    return totals


def cost_per_retained_point(cost: Decimal, point_people: int, retention: float | None) -> Decimal | None:
    """What one learning point that stuck cost (EVIDENCE.md item 8).

    ``cost / (participants × learning points × retention)``, rounded to cents: €2,000 for 10 people
    and 4 points at 80% retention is €2,000 / 32 = €62.50.

    Args:
        cost: the (fully loaded) cost, a Decimal or int >= 0.
        point_people: Σ participants × learning points over the sessions.
        retention: the share of learning points remembered at 4 weeks, in [0, 1]; None if unknown.

    Returns:
        The cost, or None when nothing was retained (retention None or 0, or no points).

    Raises:
        ValueError: on a float or negative cost, a negative count, or a retention outside [0, 1].
    """
    if _is_int(cost):
        cost = Decimal(cost)
    if not isinstance(cost, Decimal) or not cost.is_finite() or cost < 0:
        raise ValueError(f"cost must be a finite Decimal >= 0, got {cost!r}")
    _count(point_people, "point_people")
    if retention is not None and (
        isinstance(retention, bool) or not isinstance(retention, int | float) or not 0.0 <= retention <= 1.0
    ):
        raise ValueError(f"retention must lie within [0, 1], got {retention!r}")
    if retention is None or retention <= 0.0 or point_people == 0:
        return None
    retained = point_people * Decimal(repr(float(retention)))
    return (cost / retained).quantize(_CENT, rounding=ROUND_HALF_UP)


def _cost_per_retained_point(t: _Totals, retention: Rate | None) -> Decimal | None:
    return cost_per_retained_point(t.cost, t.point_people, None if retention is None else retention.shrunk)


def _composite(
    retention: Rate | None, application: Rate | None, drop_off: Rate | None, weights: ScoreWeights
) -> float | None:
    parts = [
        (weights.retention, None if retention is None else retention.shrunk),
        (weights.application, None if application is None else application.shrunk),
        (weights.completion, None if drop_off is None else 1.0 - drop_off.shrunk),
    ]
    used = [(w, v) for w, v in parts if v is not None and w > 0.0]
    if not used:
        return None
    return sum(w * v for w, v in used) / sum(w for w, _ in used)


def _ranks(composites: Sequence[float | None]) -> list[int | None]:
    """Competition ranks, best (highest) first; ties (within ``_TIE``) share the better rank."""
    order = sorted((i for i, c in enumerate(composites) if c is not None), key=lambda i: -composites[i])  # type: ignore[operator]
    ranks: list[int | None] = [None] * len(composites)
    for position, i in enumerate(order):
        previous = order[position - 1] if position else None
        if previous is not None and composites[previous] - composites[i] <= _TIE:  # type: ignore[operator]
            ranks[i] = ranks[previous]
        else:
            ranks[i] = position + 1
    return ranks


def _flag_high_reviews_low_results(rows: list[ProviderScore]) -> list[ProviderScore]:
    ranked = [r for r in rows if r.rank is not None and r.composite is not None]
    reactions = [r.reaction for r in ranked if r.reaction is not None]
    if len(ranked) < 2 or len(reactions) < 2:
        return rows
    mean_reaction = sum(reactions) / len(reactions)
    mean_composite = sum(r.composite for r in ranked) / len(ranked)  # type: ignore[misc]
    return [
        replace(
            r,
            high_reviews_low_results=r.rank is not None
            and r.reaction is not None
            and r.composite is not None
            and r.reaction > mean_reaction
            and r.composite < mean_composite,
        )
        for r in rows
    ]


def scorecard(
    sessions: Iterable[SessionOutcome],
    *,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
    max_prior_strength: float = MAX_PRIOR_STRENGTH,
) -> Scorecard:
    """Score and rank providers over their sessions (EVIDENCE.md item 8).

    Per provider the session counts are summed. Providers with fewer than ``MIN_PARTICIPANTS``
    participants in all get a row with ``too_few`` and nothing else. For the others, each
    proportion gets a beta prior estimated from all of them (``beta_binomial_prior``, capped at
    ``max_prior_strength``) and is shrunk toward it (``shrink``); the composite of the shrunk
    outcomes (``ScoreWeights``) ranks those with at least ``MIN_RANKED_PARTICIPANTS``. The
    reaction score is carried along and never used for the rank (``REACTION_WEIGHT`` = 0); it
    only raises the "high reviews, low results" flag.

    Args:
        sessions: the sessions, of any number of providers, in any order.
        weights: the composite's weights.
        max_prior_strength: the cap on each prior's strength (pseudo-observations).

    Returns:
        The scorecard; ranked providers best first (ties in order of first appearance), then the
        unranked shown ones, then the suppressed ones, each in order of first appearance.

    Raises:
        ValueError: when an entry is not a ``SessionOutcome``.
    """
    totals = _totals(sessions)
    shown = {p: t for p, t in totals.items() if t.participants >= MIN_PARTICIPANTS}

    def prior(counts: Iterable[tuple[int, int]]) -> BetaPrior:
        return beta_binomial_prior(counts, max_strength=max_prior_strength)

    retention_prior = prior((t.retention_correct, t.retention_attempts) for t in shown.values())
    application_prior = prior((t.applied, t.application_checked) for t in shown.values())
    application_30_prior = prior((t.applied_30, t.application_checked_30) for t in shown.values())
    drop_off_prior = prior((t.dropped_off, t.participants) for t in shown.values())

    rows: list[ProviderScore] = []
    for provider_id, t in totals.items():
        if provider_id not in shown:
            rows.append(
                ProviderScore(
                    provider_id=provider_id,
                    sessions=t.sessions,
                    too_few=True,
                    participants=None,
                    retention=None,
                    application=None,
                    drop_off=None,
                    cost=None,
                    cost_per_retained_point=None,
                    reaction=None,
                    composite=None,
                    rank=None,
                )
            )
            continue
        retention = shrink(t.retention_correct, t.retention_attempts, retention_prior)
        application = shrink(t.applied, t.application_checked, application_prior)
        drop_off = shrink(t.dropped_off, t.participants, drop_off_prior)
        rows.append(
            ProviderScore(
                provider_id=provider_id,
                sessions=t.sessions,
                too_few=False,
                participants=t.participants,
                retention=retention,
                application=application,
                drop_off=drop_off,
                cost=t.cost,
                cost_per_retained_point=_cost_per_retained_point(t, retention),
                reaction=t.reaction_sum / t.reaction_people if t.reaction_people else None,
                composite=_composite(retention, application, drop_off, weights),
                rank=None,
                application_30=shrink(t.applied_30, t.application_checked_30, application_30_prior),
            )
        )
    rankable = [
        r.composite if r.participants is not None and r.participants >= MIN_RANKED_PARTICIPANTS else None
        for r in rows
    ]
    ranks = _ranks(rankable)
    ranked = [replace(r, rank=rank) for r, rank in zip(rows, ranks, strict=True)]
    ranked = _flag_high_reviews_low_results(ranked)
    # Stable: ties keep input order; then shown but unranked; then suppressed.
    ranked.sort(key=lambda r: (r.rank is None, r.too_few, r.rank or 0))
    return Scorecard(
        providers=tuple(ranked),
        retention_prior=retention_prior,
        application_prior=application_prior,
        drop_off_prior=drop_off_prior,
        weights=weights,
        application_30_prior=application_30_prior,
    )
