"""Results forms. Fields are listed explicitly: never `__all__` (no mass assignment, ASVS 15.3.3)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.results.models import Kpi, KpiValue, TrainingCost


class TrainingCostForm(forms.ModelForm):
    class Meta:
        model = TrainingCost
        fields = [
            "design", "delivery", "licences", "travel", "evaluation", "overhead", "loaded_hourly_wage",
            "intangibles",
        ]  # fmt: skip


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = ["name", "unit", "team", "higher_is_better", "value_per_unit"]


class KpiValueForm(forms.ModelForm):
    class Meta:
        model = KpiValue
        fields = ["group", "period_start", "value"]
        widgets = {"period_start": forms.DateInput(attrs={"type": "date"})}


class KnowledgeScoresForm(forms.Form):
    """One pre and one post field per participant, in percent; empty means "not tested"."""

    def __init__(self, *args, rows: list, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            for part in ("pre", "post"):
                self.fields[f"{part}_{row.pk}"] = forms.DecimalField(
                    label=_("pre-test (%)") if part == "pre" else _("post-test (%)"),
                    required=False,
                    min_value=Decimal("0"),
                    max_value=Decimal("100"),
                    decimal_places=2,
                    max_digits=5,
                    initial=getattr(getattr(row, "score", None), part, None),
                )

    def pairs(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {
            row.pk: (self.cleaned_data.get(f"pre_{row.pk}"), self.cleaned_data.get(f"post_{row.pk}"))
            for row in self.rows
        }
