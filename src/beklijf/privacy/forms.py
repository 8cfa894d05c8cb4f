from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.privacy.models import AuditAction


class AuditFilterForm(forms.Form):
    """Every filter is an allowlisted choice or a date: nothing from the request reaches the ORM as a name."""

    action = forms.ChoiceField(
        label=_("What"), choices=[("", _("Everything"))] + AuditAction.choices, required=False
    )
    person = forms.ChoiceField(label=_("About or by"), choices=[("", _("Anyone"))], required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, people=(), **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Anyone"))] + [(p.code.hex, p.full_name) for p in people]


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
