"""Single sign-on screens: start a login through an organisation's provider, the callback, the refusal,
and the L&D admin's settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from beklijf.integrations import sso
from beklijf.integrations.forms import OidcProviderForm
from beklijf.integrations.models import OidcProvider
from beklijf.integrations.views import _ld_admin


def sso_choose(request: HttpRequest) -> HttpResponse:
    """From the login page: the organisation's short name leads to a link to its provider.

    A link, not a redirect: the login page's CSP says `form-action 'self'`, and browsers apply that to the
    redirects after a form is sent too, so a form cannot lead to another site. The start URL itself can be
    bookmarked or put on the intranet; it needs no form.
    """
    slug = request.GET.get("organization", "").strip().lower()
    provider = OidcProvider.objects.select_related("organization").filter(
        organization__slug=slug, enabled=True
    )
    if slug and (found := provider.first()) is not None:
        return render(request, "integrations/sso_continue.html", {"organization": found.organization})
    messages.error(
        request, _("No organisation with single sign-on has this short name. Log in with your password.")
    )
    return redirect("login")


class SsoStartView(OIDCAuthenticationRequestView):
    """Redirect to the organisation's provider with state, nonce and PKCE kept in the session."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        View.__init__(
            self, **kwargs
        )  # the parent reads one provider from the settings; ours come per request

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:  # type: ignore[override]
        provider = get_object_or_404(OidcProvider, organization__slug=slug, enabled=True)
        try:
            config = sso.discover(provider.issuer)
        except sso.DiscoveryError:
            return render(request, "integrations/sso_refused.html", {"reason": "unreachable"}, status=502)
        self.OIDC_OP_AUTH_ENDPOINT = config["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        request.session[sso.SSO_ORGANIZATION] = provider.organization_id
        request.session.pop(sso.SSO_REFUSAL, None)
        return super().get(request)


class SsoCallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self) -> str:
        return reverse("integrations:sso-refused")


def sso_refused(request: HttpRequest) -> HttpResponse:
    refusal = request.session.pop(sso.SSO_REFUSAL, None) or {"reason": "failed"}
    return render(request, "integrations/sso_refused.html", refusal, status=403)


@login_required
def sso_settings(request: HttpRequest) -> HttpResponse:
    _ld_admin(request)
    organization = request.actor.organization
    # The organisation's own settings row, like organization-settings: there is one per organisation.
    instance = OidcProvider.objects.filter(organization=organization).first() or OidcProvider(
        organization=organization
    )
    form = OidcProviderForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Saved. People of your organisation can now sign in with it."))
        return redirect("integrations:sso")
    callback = request.build_absolute_uri(reverse("integrations:sso-callback"))
    start = request.build_absolute_uri(reverse("integrations:sso-start", args=[organization.slug]))
    context = {"form": form, "callback": callback, "start": start}
    return render(
        request, "integrations/sso_settings.html", context, status=400 if request.method == "POST" else 200
    )
