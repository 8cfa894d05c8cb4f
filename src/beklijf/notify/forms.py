from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.notify.models import AgendaItem, CheckIn, Preference, TeamChannel

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday")),
            (5, _("Saturday")), (6, _("Sunday"))]  # fmt: skip


class PreferenceForm(forms.ModelForm):
    quiet_days = forms.TypedMultipleChoiceField(
        label=_("Quiet days"), choices=WEEKDAYS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("No reminders on these days."),
    )  # fmt: skip

    class Meta:
        model = Preference
        fields = ["channel", "quiet_days", "paused_until", "weekly_cap", "nonessential_off", "pairing_opt_in"]
        widgets = {"paused_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"paused_until": _("During leave: no reminders until and including this day.")}

    def clean_weekly_cap(self) -> int:
        value = self.cleaned_data["weekly_cap"]
        if not 1 <= value <= 7:
            raise forms.ValidationError(_("Choose between 1 and 7 reminders a week."))
        return value


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CheckInScheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=120, initial=20)

    def __init__(self, *args, time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(time_zone)

    def clean_starts_at(self) -> dt.datetime:
        # The manager types their own local time.
        value = self.cleaned_data["starts_at"]
        return (
            value.replace(tzinfo=None).replace(tzinfo=self.zone)
            if value.tzinfo
            else value.replace(tzinfo=self.zone)
        )


class CheckInRecordForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["notes", "outcome"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True


class TeamChannelForm(forms.ModelForm):
    class Meta:
        model = TeamChannel
        fields = ["kind", "url"]

    def clean_url(self) -> str:
        from django.conf import settings

        from beklijf.notify.webhook import validate_webhook_url

        url = self.cleaned_data["url"]
        if settings.BEKLIJF_WEBHOOK_ALLOW_PRIVATE:
            return url
        try:
            return validate_webhook_url(url)
        except ValueError as exc:
            raise forms.ValidationError(
                _("This address cannot be used: use the https address Teams or Slack gave you (%(reason)s).")
                % {"reason": exc}
            ) from exc
