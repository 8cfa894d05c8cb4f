"""Results: the inputs L&D enters beside what beklijf measures itself. Cost inputs per training (Phillips
fully loaded cost), KPIs with a baseline and later values (Kirkpatrick level 4), and pre/post knowledge test
scores per enrolment (level 2 learning gain)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import Enrollment, Training
from beklijf.people.models import Team

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _money(label: str) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=12, decimal_places=2, default=Decimal("0"), validators=NOT_NEGATIVE
    )


class TrainingCost(models.Model):
    """Every cost of a training (Phillips principle 10). Participants' time is not entered: it is their
    hours in the classroom plus their measured quiz time, times the loaded hourly wage."""

    training = models.OneToOneField(Training, on_delete=models.CASCADE, related_name="cost_inputs")
    design = _money(_("design and development (EUR)"))
    delivery = _money(_("delivery: trainer fees, venue, materials (EUR)"))
    licences = _money(_("licences (EUR)"))
    travel = _money(_("travel and accommodation (EUR)"))
    evaluation = _money(_("evaluation (EUR)"))
    overhead = _money(_("overhead share (EUR)"))
    loaded_hourly_wage = _money(_("loaded hourly wage (EUR per hour)"))
    intangibles = models.TextField(
        _("intangible benefits"), blank=True, help_text=_("One per line. Reported, never turned into money.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training cost")
        verbose_name_plural = _("training costs")

    def intangible_list(self) -> list[str]:
        return [line.strip() for line in self.intangibles.splitlines() if line.strip()]


class Kpi(models.Model):
    """A business measure a training should move (complaints per month, error rate, sales per week)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="kpis")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team"),
        help_text=_("Where it is measured; empty for all participants."),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: complaints per month"))
    higher_is_better = models.BooleanField(_("higher is better"), default=False)
    value_per_unit = models.DecimalField(
        _("value of one unit (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Optional: a standard value, such as the cost of one complaint."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class KpiValue(models.Model):
    class Group(models.TextChoices):
        TRAINED = "trained", _("Trained group")
        COMPARISON = "comparison", _("Comparison group")

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    group = models.CharField(_("group"), max_length=12, choices=Group.choices, default=Group.TRAINED)
    period_start = models.DateField(_("period starting"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["kpi", "group", "period_start"]
        constraints = [
            # Entering a period twice replaces it (services.kpi_value_set): one value per group and period.
            models.UniqueConstraint(
                fields=["kpi", "group", "period_start"], name="kpi_value_once_per_period"
            ),
        ]


class KnowledgeScore(models.Model):
    """A participant's pre- and post-test score, in percent of the maximum."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="knowledge_score")
    pre = models.DecimalField(_("pre-test (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
                              validators=PERCENT)  # fmt: skip
    post = models.DecimalField(_("post-test (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
                               validators=PERCENT)  # fmt: skip

    class Meta:
        verbose_name = _("knowledge test score")
        verbose_name_plural = _("knowledge test scores")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(pre__isnull=True) | models.Q(pre__gte=0, pre__lte=100))
                & (models.Q(post__isnull=True) | models.Q(post__gte=0, post__lte=100)),
                name="knowledge_score_is_a_percentage",
            ),
        ]
