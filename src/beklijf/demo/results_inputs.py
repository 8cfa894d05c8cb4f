"""What the demo's L&D admin entered beside what beklijf measures: costs, KPIs and a knowledge test.

The results pages (results/report.py) then show the whole chain for the demo: reaction, learning gain,
retention, application, KPI effect against a comparison group, and ROI with every input.
Figures are realistic for a Dutch wholesaler of 60 people (euros, hours), deterministic from the seed.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from beklijf.catalog.models import Enrollment, Training
from beklijf.people.models import Organization, Team
from beklijf.results.models import Kpi, KpiValue, TrainingCost
from beklijf.results.services import knowledge_scores_set

_ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")
_BASELINE_MONTHS = 6

# Per training: design, delivery, licences, travel, evaluation, overhead (EUR), loaded hourly wage, intangibles.
_COSTS: dict[str, tuple[int, int, int, int, int, int, int, str]] = {
    "Excel voor gevorderden": (0, 9800, 450, 0, 300, 600, 48, "Minder frustratie bij de maandafsluiting"),
    "Feedback geven": (1200, 11500, 0, 350, 400, 700, 46, "Open sfeer in het werkoverleg"),
    "Veilig werken in het magazijn (VCA-basis)": (0, 3900, 0, 0, 250, 300, 42,
                                                  "Veiligheidsbewustzijn op de werkvloer\nVCA-diploma's"),
    "Klantgesprekken die werken": (1500, 4400, 0, 250, 350, 400, 44, "Klanttevredenheid"),
    "Timemanagement": (0, 3700, 0, 0, 200, 250, 50, "Minder werkdruk"),
    "Informatiebeveiliging en phishing": (0, 3500, 900, 0, 200, 300, 47, "Voldoen aan de eisen van de verzekeraar"),
    "Omgaan met agressie aan de telefoon": (800, 4100, 0, 200, 300, 300, 44, "Minder verzuim na incidenten"),
    "Leidinggeven aan teams": (2500, 6000, 0, 900, 500, 600, 62, "Betrokkenheid van teams\nDoorgroeimogelijkheden"),
}  # fmt: skip


@dataclass(frozen=True)
class _KpiSpec:
    training: str
    team: str  # team name where it is measured
    name: str
    unit: str
    higher_is_better: bool
    value_per_unit: Decimal | None
    baseline: float  # monthly level before the training (trained and comparison alike)
    trained_change: float  # change after the training, trained group
    comparison_change: float  # change over the same months, comparison group
    noise: float


# One KPI per two trainings. The comparison group is the colleagues not trained yet (the next session).
_KPIS = (
    _KpiSpec("Omgaan met agressie aan de telefoon", "Klantenservice", "Escalaties naar de teamleider",
             "escalaties per maand", False, Decimal("35.00"), 14.0, -2.5, -1.0, 1.0),
    _KpiSpec("Informatiebeveiliging en phishing", "ICT", "Klikken op de phishingtest",
             "procent van de ontvangers", False, None, 18.0, -9.0, -2.0, 1.5),
    _KpiSpec("Klantgesprekken die werken", "Klantenservice", "Klachten over de afhandeling",
             "klachten per maand", False, Decimal("120.00"), 22.0, -5.0, -1.0, 1.5),
    _KpiSpec("Veilig werken in het magazijn (VCA-basis)", "Magazijn & logistiek", "Gemelde bijna-ongevallen",
             "meldingen per maand", True, None, 3.0, 3.0, 0.5, 0.8),
)  # fmt: skip
_KNOWLEDGE_TEST = "Veilig werken in het magazijn (VCA-basis)"


def results_inputs_load(*, organization: Organization, now: dt.datetime, seed: int) -> dict[str, int]:
    """Costs for every training, four KPIs with monthly values, pre/post test scores for the VCA course."""
    rng = random.Random(f"{seed}:results")
    trainings = {t.title: t for t in Training.objects.filter(organization=organization).order_by("pk")}
    costs = [
        TrainingCost(training=trainings[title], design=Decimal(d), delivery=Decimal(dl), licences=Decimal(li),
                     travel=Decimal(tr), evaluation=Decimal(ev), overhead=Decimal(ov),
                     loaded_hourly_wage=Decimal(wage), intangibles=intangibles)
        for title, (d, dl, li, tr, ev, ov, wage, intangibles) in _COSTS.items() if title in trainings
    ]  # fmt: skip
    TrainingCost.objects.bulk_create(costs)
    teams = {t.name: t for t in Team.objects.filter(organization=organization)}
    values = 0
    for spec in _KPIS:
        training = trainings.get(spec.training)
        if training is None:
            continue
        values += _kpi(spec, training, teams.get(spec.team), now, rng)
    scores = _knowledge_scores(trainings.get(_KNOWLEDGE_TEST), rng)
    return {"training_costs": len(costs), "kpi_values": values, "knowledge_scores": scores}


def _month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _kpi(spec: _KpiSpec, training: Training, team: Team | None, now: dt.datetime, rng: random.Random) -> int:
    kpi = Kpi.objects.create(training=training, team=team, name=spec.name, unit=spec.unit,
                             higher_is_better=spec.higher_is_better, value_per_unit=spec.value_per_unit)  # fmt: skip
    session = training.sessions.filter(starts_at__lt=now).order_by("starts_at").first()
    if session is None:
        return 0
    cut = session.starts_at.astimezone(_ZONE).date()
    first = _month(cut, -_BASELINE_MONTHS)
    last = _month(now.astimezone(_ZONE).date(), -1)  # the last complete month
    rows = []
    month = first
    while month <= last:
        # The effect builds up over the first months after the training, as use grows.
        after = max(0, (month.year - cut.year) * 12 + month.month - cut.month + (month >= cut))
        share = min(1.0, after / 2)
        for group, change in ((KpiValue.Group.TRAINED, spec.trained_change),
                              (KpiValue.Group.COMPARISON, spec.comparison_change)):  # fmt: skip
            value = max(0.0, spec.baseline + change * share + rng.gauss(0, spec.noise))
            rows.append(KpiValue(kpi=kpi, group=group, period_start=month, value=Decimal(f"{value:.1f}")))
        month = _month(month, 1)
    KpiValue.objects.bulk_create(rows)
    return len(rows)


def _knowledge_scores(training: Training | None, rng: random.Random) -> int:
    """The VCA exam's practice test before and the exam score after: a clear learning gain."""
    if training is None:
        return 0
    enrollments = Enrollment.objects.filter(
        session__training=training, status=Enrollment.Status.COMPLETED
    ).order_by("pk")
    scores = {}
    for enrollment in enrollments:
        pre = min(95.0, max(20.0, rng.gauss(52, 11)))
        post = min(100.0, max(pre, pre + rng.gauss(28, 9)))
        scores[enrollment.pk] = (Decimal(f"{pre:.0f}"), Decimal(f"{post:.0f}"))
    return knowledge_scores_set(scores=scores)
