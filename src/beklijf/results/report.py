"""One report per training, from reaction to ROI (Kirkpatrick 1-4 and Phillips 5), every figure with its n.

The page, the PDF and the XLSX all render the dict built here, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from beklijf.catalog.models import Training
from beklijf.engine import roi as engine
from beklijf.engine.stats import MIN_ANSWERS, Proportion, proportion
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.practice.models import Review
from beklijf.practice.selectors import retention
from beklijf.results import charts, outcomes
from beklijf.results.models import KnowledgeScore, Kpi, KpiValue, TrainingCost
from beklijf.results.outcomes import PARTICIPANT_STATUSES, Counts
from beklijf.surveys.items import Audience, Kind
from beklijf.surveys.models import SurveyAnswer

SEGMENT_WINDOW_DAYS = 35


@dataclass
class Gain:
    n: int
    pre: float | None = None
    post: float | None = None
    g: float | None = None
    d: float | None = None
    hedges: float | None = None

    @property
    def too_few(self) -> bool:
        return self.n < MIN_ANSWERS


def learning_gain(scores: list[tuple[Decimal, Decimal]]) -> Gain:
    """Pairs of (pre, post) in percent: Hake's class gain of the means, Cohen's d and Hedges' g of post vs pre."""
    pre = [float(a) / 100 for a, _ in scores]
    post = [float(b) / 100 for _, b in scores]
    gain = Gain(n=len(scores))
    if gain.n:
        gain.pre, gain.post = statistics.fmean(pre), statistics.fmean(post)
        gain.g = engine.normalised_gain(gain.pre, gain.post)
    if gain.n >= 2:
        gain.d = engine.cohens_d(post, pre)
        gain.hedges = engine.hedges_g(post, pre)
    return gain


@dataclass
class KpiView:
    kpi: Kpi
    baseline: float | None = None
    baseline_n: int = 0
    latest: float | None = None
    after_n: int = 0
    trend: engine.TrendLineEffect | None = None
    did: float | None = None
    chart: str = ""
    values: list[KpiValue] = field(default_factory=list)

    @property
    def effect(self) -> float | None:
        """The isolated effect, control group first (the stronger design), else the trend line."""
        if self.did is not None:
            return self.did
        return self.trend.effect if self.trend else None

    @property
    def money_per_period(self) -> Decimal | None:
        """effect × value per unit, signed so that an improvement is positive."""
        if self.effect is None or self.kpi.value_per_unit is None:
            return None
        sign = 1 if self.kpi.higher_is_better else -1
        return (Decimal(repr(self.effect)) * self.kpi.value_per_unit * sign).quantize(Decimal("0.01"))


def _kpi_view(kpi: Kpi, cut: dt.date | None) -> KpiView:
    values = list(kpi.values.all())
    view = KpiView(kpi=kpi, values=values)
    trained = [(v.period_start, float(v.value)) for v in values if v.group == KpiValue.Group.TRAINED]
    comparison = [(v.period_start, float(v.value)) for v in values if v.group == KpiValue.Group.COMPARISON]
    periods = sorted({p for p, _ in trained} | {p for p, _ in comparison})
    index = {p: i for i, p in enumerate(periods)}
    pre = [v for p, v in trained if cut is None or p < cut]
    post = [v for p, v in trained if cut is not None and p >= cut]
    view.baseline_n, view.after_n = len(pre), len(post)
    view.baseline = statistics.fmean(pre) if pre else None
    view.latest = post[-1] if post else None
    projected = None
    if len(pre) >= 2 and post:
        view.trend = engine.trend_line_effect(pre, post[-1], len(post))
        projected = (index[[p for p, _ in trained][-1]], view.trend.projected)
    c_pre = [v for p, v in comparison if cut is not None and p < cut]
    c_post = [v for p, v in comparison if cut is not None and p >= cut]
    if pre and post and c_pre and c_post:
        view.did = engine.control_group_effect(
            statistics.fmean(pre), statistics.fmean(post), statistics.fmean(c_pre), statistics.fmean(c_post)
        )
    cut_x = None
    if cut is not None and periods:
        before = [index[p] for p in periods if p < cut]
        cut_x = (before[-1] + 0.5) if before else -0.5
    view.chart = charts.kpi_line(
        kpi.name,
        [(index[p], v) for p, v in trained],
        [(index[p], v) for p, v in comparison],
        cut=cut_x,
        projected=projected,
    )
    return view


def _claims(enrollment_ids: list[int]) -> list[engine.BenefitClaim | None]:
    """One claim per participant from the results survey: the lower of their own and their manager's
    estimate where both exist (the most conservative alternative, Phillips principle 4); none = 0."""
    fields: dict[tuple[int, str], dict[str, Decimal]] = {}
    answers = SurveyAnswer.objects.filter(
        invitation__enrollment_id__in=enrollment_ids,
        invitation__kind=Kind.RESULTS,
        invitation__answered_at__isnull=False,
        field__in=("monthly_value", "attribution", "estimate_confidence"),
        number__isnull=False,
    ).values_list("invitation__enrollment_id", "invitation__audience", "field", "number")
    for enrollment_id, audience, name, number in answers:
        fields.setdefault((enrollment_id, audience), {})[name] = number
    claims: list[engine.BenefitClaim | None] = []
    for enrollment_id in enrollment_ids:
        found = []
        for audience in (Audience.EMPLOYEE, Audience.MANAGER):
            f = fields.get((enrollment_id, audience), {})
            if {"monthly_value", "attribution", "estimate_confidence"} <= f.keys():
                found.append(
                    engine.BenefitClaim(
                        unit_change=f["monthly_value"] * engine.FIRST_YEAR_MONTHS,
                        value_per_unit=Decimal(1),
                        attribution=min(max(float(f["attribution"]) / 100, 0.0), 1.0),
                        confidence=min(max(float(f["estimate_confidence"]) / 100, 0.0), 1.0),
                    )
                )
        claims.append(min(found, key=lambda c: c.value) if found else None)
    return claims


@dataclass
class RoiView:
    participants: int
    classroom_hours: Decimal
    quiz_hours: Decimal
    timed_answers: int
    cost: engine.FullyLoadedCost | None
    inputs: TrainingCost | None
    breakdown: engine.BenefitBreakdown
    result: engine.RoiResult | None
    intangibles: list[str]

    @property
    def participant_hours(self) -> Decimal:
        return self.classroom_hours + self.quiz_hours


def _roi_view(training: Training, enrollments: list[tuple[int, int]]) -> RoiView:
    inputs = TrainingCost.objects.filter(training=training).first()
    employees = [e for _, e in enrollments]
    classroom = training.hours * len(enrollments)
    quiz, timed = outcomes.quiz_hours(training_id=training.pk, employee_ids=employees)
    breakdown = engine.benefit_breakdown(_claims([pk for pk, _ in enrollments]))
    cost = result = None
    intangibles = inputs.intangible_list() if inputs else []
    if inputs is not None:
        cost = engine.FullyLoadedCost(
            design=inputs.design,
            delivery=inputs.delivery,
            licences=inputs.licences,
            participant_hours=classroom + quiz,
            loaded_hourly_wage=inputs.loaded_hourly_wage,
            travel=inputs.travel,
            evaluation=inputs.evaluation,
            overhead=inputs.overhead,
        )
        # Missing estimates count as 0 (Phillips' principle 6), but with no estimate at all the benefit is
        # not measured yet (the results survey comes 60-90 days after the training): no ROI, not -100%.
        if cost.total > 0 and breakdown.included:
            result = engine.roi(breakdown.total, cost, intangibles=intangibles)
    return RoiView(len(enrollments), classroom, quiz, timed, cost, inputs, breakdown, result, intangibles)


def _segments(
    employee_ids: list[int], training: Training, at: dt.datetime
) -> tuple[list[tuple[str, int]], int]:
    from beklijf.coaching.models import SegmentSnapshot
    from beklijf.coaching.signals import LABELS

    rows = (
        SegmentSnapshot.objects.filter(
            employee_id__in=employee_ids, computed_at__gte=at - dt.timedelta(days=SEGMENT_WINDOW_DAYS)
        )
        .filter(Q(training=training) | Q(training__isnull=True))
        .values_list("employee_id", "segment")
        .distinct()
    )
    counter = Counter(segment for _, segment in rows)
    return [(str(LABELS.get(s, s)), counter[s]) for s in LABELS if counter[s]], len(employee_ids)


def training_report(*, actor: Actor, training: Training, at: dt.datetime) -> dict:
    sessions = access.sessions_visible_to(actor).filter(training=training)
    enrollments = list(
        access.enrollments_visible_to(actor)
        .filter(session__training=training, status__in=PARTICIPANT_STATUSES)
        .values_list("pk", "employee_id")
    )
    employee_ids = [e for _, e in enrollments]
    totals = Counts()
    for fact in outcomes.session_facts(sessions=sessions, at=at):
        totals.add(fact.counts)
    measured = retention(
        reviews=Review.objects.filter(employee_id__in=employee_ids, learning_point__training=training)
    )
    application = {
        "30": {"self": proportion(totals.self_applied_30, totals.self_checked_30),
               "manager": proportion(totals.applied_30, totals.checked_30)},
        "60-90": {"self": proportion(totals.self_applied, totals.self_checked),
                  "manager": proportion(totals.applied, totals.checked)},
    }  # fmt: skip
    scores = list(
        KnowledgeScore.objects.filter(
            enrollment_id__in=[pk for pk, _ in enrollments], pre__isnull=False, post__isnull=False
        ).values_list("pre", "post")
    )
    first = sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    kpis = [_kpi_view(k, first.date() if first else None) for k in training.kpis.prefetch_related("values")]
    segments, segment_total = _segments(employee_ids, training, at)
    self_label, manager_label = _("participant"), _("manager")
    return {
        "training": training,
        "sessions": sessions.count(),
        "participants": len(enrollments),
        "totals": totals,
        "drop_off": proportion(totals.dropped_off, totals.participants),
        "retention": measured,
        "application": application,
        "gain": learning_gain(scores),
        "kpis": kpis,
        "segments": segments,
        "segment_total": segment_total,
        "roi": _roi_view(training, enrollments),
        "min_answers": MIN_ANSWERS,
        "at": at,
        "charts": {
            "retention": charts.retention_curve(
                _("Retention: first answers right, by days since last practice"),
                sorted(measured.items()),
                "n",
            ),
            "application": charts.grouped_bars(
                _("Applied with or without help, by who answered"),
                [
                    (
                        _("30 days"),
                        [
                            charts.Bar(self_label, application["30"]["self"], charts.SECOND),
                            charts.Bar(manager_label, application["30"]["manager"]),
                        ],
                    ),
                    (
                        _("60-90 days"),
                        [
                            charts.Bar(self_label, application["60-90"]["self"], charts.SECOND),
                            charts.Bar(manager_label, application["60-90"]["manager"]),
                        ],
                    ),
                ],
            ),  # fmt: skip
            "segments": charts.counts_bars(
                _("Coaching signals of the participants"), segments, segment_total
            ),
        },
    }


def shown(p: Proportion) -> bool:
    return p.n >= MIN_ANSWERS
