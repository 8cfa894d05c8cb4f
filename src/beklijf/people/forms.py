from __future__ import annotations

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
        fields = ["name", "target_retention", "daily_question_cap"]

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
