"""Re-authentication before exports and bulk actions (healthchecks' sudo mode; ASVS 7.5.3).

`@require_recent_auth(minutes=15)` on a view: if the password (or, for someone with an authenticator app,
a TOTP code) was not entered in this session within that many minutes, the user is sent to a page that
asks for it, and then back. A POST is not replayed: the user comes back to the page they came from and
submits again, so nothing is done on a half-remembered request.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

SESSION_KEY = "beklijf_reauth_at"


def mark_recent_auth(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = int(time.time())


def has_recent_auth(request: HttpRequest, *, minutes: int) -> bool:
    at = request.session.get(SESSION_KEY)
    return isinstance(at, int) and 0 <= time.time() - at <= minutes * 60


def require_recent_auth(minutes: int | None = None) -> Callable:
    """View decorator: the password (or a TOTP code) must have been given within `minutes`
    (default: the BEKLIJF_REAUTH_MINUTES setting, 15)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002,ANN003
            limit = minutes if minutes is not None else settings.BEKLIJF_REAUTH_MINUTES
            if not request.user.is_authenticated or has_recent_auth(request, minutes=limit):
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                back = request.get_full_path()
            else:  # go back to the form the POST came from, never replay the POST itself
                referer = urlsplit(request.headers.get("Referer", ""))
                same_site = referer.netloc in ("", request.get_host())
                back = (referer.path + (f"?{referer.query}" if referer.query else "")) if same_site else ""
                back = back if _safe(request, back) else reverse("home")
            response = redirect(f"{reverse('ops:reauth')}?{urlencode({'next': back})}")
            if request.htmx:
                response["HX-Redirect"] = response["Location"]
            return response

        wrapped.requires_recent_auth = True  # type: ignore[attr-defined]
        return wrapped

    return decorator


class ReauthForm(forms.Form):
    password = forms.CharField(
        label=_("Password, or a code from your authenticator app"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


def _safe(request: HttpRequest, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    )


def _check(request: HttpRequest, secret: str) -> bool:
    user = request.user
    from beklijf.ops.twofactor import has_confirmed_device, verify

    code = "".join(secret.split())
    if code.isdigit() and len(code) == 6 and has_confirmed_device(user):
        return verify(user, code) is not None
    # Through the authentication backends, so django-axes counts and locks failures here too.
    again = authenticate(request, username=user.get_username(), password=secret)
    return again is not None and again.pk == user.pk


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not _safe(request, target):
        target = reverse("home")
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _check(request, form.cleaned_data["password"]):
            mark_recent_auth(request)
            return redirect(target)
        form.add_error("password", _("That is not right. Try again."))
    status = 400 if form.errors else 200
    return render(request, "ops/reauth.html", {"form": form, "next": target}, status=status)
