"""The answer form, built from the catalogue (items.py), and the schedule form of a training."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.surveys import schedule
from beklijf.surveys.items import Anchor, Field, Kind, SurveyDefinition

TEXT_MAX = 1000


def _form_field(item: Field) -> forms.Field:
    if item.kind == "choice":
        return forms.TypedChoiceField(
            label=item.label, choices=[(v, label) for v, label in item.options], coerce=int,
            widget=forms.RadioSelect, required=item.required,
            error_messages={"required": _("Choose one of the answers."),
                            "invalid_choice": _("Choose one of the answers.")},
        )  # fmt: skip
    if item.kind == "money":
        return forms.DecimalField(label=item.label, required=item.required, min_value=0, max_value=10_000_000,
                                  max_digits=12, decimal_places=2, widget=forms.NumberInput(attrs={"step": "1"}))  # fmt: skip
    if item.kind == "percent":
        return forms.IntegerField(label=item.label, required=item.required, min_value=0, max_value=100)
    return forms.CharField(label=item.label, required=item.required, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class AnswerForm(forms.Form):
    """One field per answer field of the survey, grouped by question for the page."""

    def __init__(self, *args, definition: SurveyDefinition, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.definition = definition
        for question in definition.questions:
            for item in question.fields:
                self.fields[item.key] = _form_field(item)

    def questions(self) -> list[tuple[object, list[forms.BoundField]]]:
        return [(q.text, [self[item.key] for item in q.fields]) for q in self.definition.questions]


def _prefix(d: SurveyDefinition) -> str:
    return f"{d.kind}_{d.audience}"


class ScheduleForm(forms.Form):
    """Per survey and audience: send or not, the moment it counts from, and the days from that moment."""

    def __init__(self, *args, timings: list[schedule.Timing], **kwargs) -> None:  # noqa: ANN002,ANN003
        initial = {}
        for t in timings:
            p = _prefix(t.definition)
            initial.update({f"{p}_enabled": t.enabled, f"{p}_anchor": t.anchor, f"{p}_offset": t.offset_days})
        super().__init__(*args, initial=initial, **kwargs)
        self.rows = []
        for t in timings:
            d, p = t.definition, _prefix(t.definition)
            self.fields[f"{p}_enabled"] = forms.BooleanField(label=_("send"), required=False)
            self.fields[f"{p}_anchor"] = forms.ChoiceField(
                label=_("counted from"),
                choices=[(a, Anchor(a).label) for a in schedule.ANCHORS_ALLOWED[d.kind]],
            )
            low, high = schedule.OFFSET_RANGE[d.kind]
            # "Before" gets its own clearer message for a positive number (clean() below).
            self.fields[f"{p}_offset"] = forms.IntegerField(
                label=_("days"), min_value=low, max_value=None if d.kind == Kind.BEFORE else high
            )
            self.rows.append(d)

    def table(self) -> list[dict]:
        return [
            {
                "definition": d,
                "enabled": self[f"{_prefix(d)}_enabled"],
                "anchor": self[f"{_prefix(d)}_anchor"],
                "offset": self[f"{_prefix(d)}_offset"],
                "default_anchor": Anchor(d.anchor).label,
            }
            for d in self.rows
        ]

    def clean(self) -> dict:
        data = super().clean()
        for d in self.rows:
            offset = data.get(f"{_prefix(d)}_offset")
            if d.kind == Kind.BEFORE and offset is not None and offset > 0:
                self.add_error(f"{_prefix(d)}_offset", _("A survey before the training goes out before the session starts: 0 days or fewer."))  # fmt: skip
        return data

    def timings(self) -> list[schedule.Timing]:
        data = self.cleaned_data
        return [
            schedule.Timing(
                d, data[f"{_prefix(d)}_anchor"], data[f"{_prefix(d)}_offset"], data[f"{_prefix(d)}_enabled"]
            )  # fmt: skip
            for d in self.rows
        ]
