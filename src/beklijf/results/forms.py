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


MAX_IMPORT_LINES = 5000


def _percent(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    value = Decimal(text)  # raises InvalidOperation on anything else
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise ValueError
    return value.quantize(Decimal("0.01"))


class KnowledgeImportForm(forms.Form):
    """Pasted rows "employee number; pre; post" (comma, semicolon or tab), from a spreadsheet or a test tool.

    All or nothing: one bad line refuses the whole paste, with every bad line named."""

    lines = forms.CharField(
        label=_("Paste scores"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=200_000,
        help_text=_("One participant per line: employee number; pre-test %; post-test %."),
    )

    def __init__(self, *args, by_number: dict[str, int], **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.by_number = by_number

    def clean_lines(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        lines = [line for line in self.cleaned_data["lines"].splitlines() if line.strip()]
        if len(lines) > MAX_IMPORT_LINES:
            raise forms.ValidationError(_("At most %(n)s lines at once.") % {"n": MAX_IMPORT_LINES})
        scores: dict[int, tuple[Decimal | None, Decimal | None]] = {}
        errors = []
        for number, line in enumerate(lines, start=1):
            parts = [p.strip() for p in line.replace("\t", ";").replace(",", ";").split(";")]
            if len(parts) != 3:
                errors.append(_("Line %(n)s: give employee number, pre-test and post-test.") % {"n": number})
                continue
            enrollment = self.by_number.get(parts[0])
            if enrollment is None:
                errors.append(_("Line %(n)s: no participant with this employee number.") % {"n": number})
                continue
            try:
                scores[enrollment] = (_percent(parts[1]), _percent(parts[2]))
            except (ArithmeticError, ValueError):
                errors.append(_("Line %(n)s: scores are percentages from 0 to 100.") % {"n": number})
        if errors:
            raise forms.ValidationError(errors)
        return scores
