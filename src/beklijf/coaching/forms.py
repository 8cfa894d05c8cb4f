from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import LearningPoint
from beklijf.coaching.models import ActionPlan, Blocker, ConversationTask
from beklijf.people.models import Employee


class BlockerForm(forms.ModelForm):
    class Meta:
        model = Blocker
        fields = ["status", "owner", "due_on", "resolution"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "resolution": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Employee.objects.filter(
            organization_id=self.instance.organization_id, is_active=True
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == Blocker.Status.RESOLVED and not (data.get("resolution") or "").strip():
            self.add_error("resolution", _("Say how it was resolved."))
        return data


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["learning_point", "situation", "action", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "situation": _('A concrete moment, e.g. "a customer calls angry about a late delivery".'),
            "action": _('What you will do then, e.g. "first summarise what I heard".'),
        }

    def __init__(self, *args, training_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_point"].queryset = LearningPoint.objects.filter(training_id=training_id)
        self.fields["due_on"].required = False


class ActionPlanReportForm(forms.Form):
    use = forms.ChoiceField(
        label=_("How did it go?"), choices=ActionPlan.Use.choices, widget=forms.RadioSelect
    )


class ConversationForm(forms.ModelForm):
    class Meta:
        model = ConversationTask
        fields = ["outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
