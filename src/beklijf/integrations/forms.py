from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from beklijf.integrations.models import ApiToken, LrsEndpoint, OidcProvider


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}


class SecretKeepingForm(forms.ModelForm):
    """A form with a secret that is never shown back: empty means "keep the stored one"."""

    secret_field = ""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        field = self.fields[self.secret_field]
        field.widget = forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"})
        if self.instance.pk and getattr(self.instance, self.secret_field):
            field.required = False
            field.help_text = _("Stored. Leave empty to keep it; type a new one to replace it.")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get(self.secret_field) and self.instance.pk:
            # The stored secret: the instance may already carry the (empty) posted value.
            stored = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list(self.secret_field, flat=True)
            )
            data[self.secret_field] = stored.first() or ""
        return data


class LrsEndpointForm(SecretKeepingForm):
    secret_field = "password"  # noqa: S105 - the name of the field, not a password

    class Meta:
        model = LrsEndpoint
        fields = ["enabled", "url", "username", "password"]

    def clean_url(self) -> str:
        from beklijf.notify.webhook import validate_webhook_url

        try:
            return validate_webhook_url(
                self.cleaned_data["url"], allow_private=settings.BEKLIJF_XAPI_ALLOW_PRIVATE
            )
        except ValueError as exc:
            raise forms.ValidationError(
                _("This address cannot be used: the LRS must be on a public https address (%(reason)s)")
                % {"reason": exc}
            ) from exc


class OidcProviderForm(SecretKeepingForm):
    secret_field = "client_secret"  # noqa: S105 - the name of the field, not a secret

    class Meta:
        model = OidcProvider
        fields = ["enabled", "issuer", "client_id", "client_secret"]
