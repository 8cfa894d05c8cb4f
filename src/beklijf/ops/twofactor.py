"""A second factor (TOTP, RFC 6238) for L&D admins, with django-otp: enrolment, the check at log-in,
and single-use recovery codes.

Enrolment shows the secret as a QR code and as text; the device counts only once a code from the app
has been checked. Recovery codes are shown once, right after enrolment or on renewal.
"""

from __future__ import annotations

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).lower()


def has_confirmed_device(user) -> bool:  # noqa: ANN001
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify(user, token: str):  # noqa: ANN001,ANN201
    """The device that accepts this code (TOTP first, then a recovery code, used up), or None."""
    with transaction.atomic():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if token.isdigit() and device.verify_token(token):
                return device
        for device in StaticDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(token):
                return device
    return None


def recovery_codes_renew(user) -> list[str]:  # noqa: ANN001
    """New recovery codes; the old ones stop working."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="recovery", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the secret), then confirm with a code."""
    if has_confirmed_device(request.user) and not request.user.is_verified():
        return redirect("ops:2fa-verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()  # one app at a time
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = recovery_codes_renew(request.user)
            return render(request, "ops/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", _("That code is not right. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next(request),
    }
    return render(request, "ops/2fa_setup.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: a code from the app, or a recovery code."""
    if not has_confirmed_device(request.user):
        return redirect("ops:2fa-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("You used a recovery code; %(n)s are left.") % {"n": left})
            return redirect(_next(request))
        form.add_error("token", _("That code is not right."))
    return render(
        request,
        "ops/2fa_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def recovery_renew(request: HttpRequest) -> HttpResponse:
    """New recovery codes, for someone who has passed the second factor in this session."""
    if not request.user.is_verified():
        return redirect("ops:2fa-verify")
    codes = recovery_codes_renew(request.user)
    return render(request, "ops/recovery_codes.html", {"codes": codes, "next": settings.LOGIN_REDIRECT_URL})
