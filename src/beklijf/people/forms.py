from __future__ import annotations

import json

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from beklijf.people.models import Organization


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class LocalizedPasswordResetForm(PasswordResetForm):
    """Sends the reset mail in the person's own language, whatever the browser asked for."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):  # noqa: ANN001,E501
        user = context.get("user")
        employee = getattr(user, "employee", None) if user is not None else None
        language = employee.language if employee is not None else translation.get_language()
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class OrganizationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "target_retention",
            "daily_question_cap",
            "nudge_from_hour",
            "nudge_until_hour",
            "nudge_holdout",
            "segmentation_enabled",
            "pairing_enabled",
            "pairing_match_on",
            "works_council_decided_on",
            "works_council_reference",
            "dpia_reference",
            "retention_reviews_months",
            "retention_segments_months",
            "retention_blockers_months",
            "retention_audit_months",
        ]
        widgets = {"works_council_decided_on": forms.DateInput(attrs={"type": "date"})}

    thresholds_text = forms.CharField(
        label=_("Signal thresholds"),
        help_text=_('Only the ones to change, as JSON, e.g. {"laggard_weak_r": 0.65}. Empty: the defaults.'),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    checkin_weeks_text = forms.CharField(
        label=_("Check-ins after (weeks)"),
        help_text=_("Weeks after a training at which to propose a check-in, e.g. 1, 4, 12."),
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["checkin_weeks_text"] = ", ".join(str(w) for w in self.instance.checkin_weeks or [])
        if self.instance.segment_thresholds:
            self.initial["thresholds_text"] = json.dumps(self.instance.segment_thresholds)

    def clean_thresholds_text(self) -> str:
        from beklijf.engine.segments import Thresholds

        text = (self.cleaned_data["thresholds_text"] or "").strip()
        try:
            overrides = json.loads(text) if text else {}
            if not isinstance(overrides, dict):
                raise ValueError("not an object")
            Thresholds.from_dict(overrides)
        except (ValueError, TypeError) as exc:
            raise forms.ValidationError(
                _("These thresholds cannot be used: %(reason)s") % {"reason": exc}
            ) from exc
        self.instance.segment_thresholds = overrides
        return text

    def clean_checkin_weeks_text(self) -> str:
        text = self.cleaned_data["checkin_weeks_text"]
        try:
            weeks = sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()})
        except ValueError as exc:
            raise forms.ValidationError(_("Give whole numbers of weeks, separated by commas.")) from exc
        if any(not 1 <= w <= 52 for w in weeks):
            raise forms.ValidationError(_("Each number of weeks lies between 1 and 52."))
        self.instance.checkin_weeks = weeks or [1, 4, 12]
        return text

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("nudge_from_hour"), data.get("nudge_until_hour")
        if start is not None and end is not None and not 0 <= start < end <= 24:
            self.add_error(
                "nudge_until_hour", _("Reminders need a window within the day: from before until.")
            )
        decided, reference = data.get("works_council_decided_on"), data.get("works_council_reference")
        if bool(decided) != bool(reference):
            self.add_error(
                "works_council_reference",
                _("Record both the date and the reference of the works council decision."),
            )
        share = data.get("nudge_holdout")
        if share is not None and not 0 <= share <= 0.5:
            self.add_error("nudge_holdout", _("Hold out between 0 and 0.5 of the reminders."))
        return data

    def _months(self, name: str, minimum: int) -> int | None:
        value = self.cleaned_data[name]
        if value is not None and not minimum <= value <= 120:
            raise forms.ValidationError(
                _("Choose between %(min)s and 120 months, or leave empty for the default.") % {"min": minimum}
            )
        return value

    def clean_retention_reviews_months(self) -> int | None:
        return self._months("retention_reviews_months", 1)

    def clean_retention_segments_months(self) -> int | None:
        return self._months("retention_segments_months", 1)

    def clean_retention_blockers_months(self) -> int | None:
        return self._months("retention_blockers_months", 1)

    def clean_retention_audit_months(self) -> int | None:
        # The database refuses deleting audit rows younger than a year (beklijf.privacy.triggers).
        return self._months("retention_audit_months", 12)

    def clean_target_retention(self) -> float:
        value = self.cleaned_data["target_retention"]
        if not 0.70 <= value <= 0.97:
            raise forms.ValidationError(_("Choose a target between 0.70 and 0.97."))
        return value

    def clean_daily_question_cap(self) -> int:
        value = self.cleaned_data["daily_question_cap"]
        if not 1 <= value <= 30:
            raise forms.ValidationError(_("Choose between 1 and 30 questions a day."))
        return value
