"""Screens for L&D admins: API tokens (create, revoke) and, in sso_views, single sign-on settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beklijf.integrations.forms import ApiTokenForm
from beklijf.integrations.tokens import token_create, token_revoke
from beklijf.people import access


def _ld_admin(request: HttpRequest) -> None:
    if not request.actor.is_ld_admin:
        raise PermissionDenied


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    _ld_admin(request)
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = token_create(
            created_by=request.actor.employee,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
        )
        messages.success(request, _("Token created. Copy it now: it is not shown again."))
        form = ApiTokenForm()
    status = 400 if request.method == "POST" and secret is None else 200
    context = {"form": form, "secret": secret, "tokens": access.api_tokens_visible_to(request.actor)}
    return render(request, "integrations/token_list.html", context, status=status)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, code: str) -> HttpResponse:
    _ld_admin(request)
    token = access.get_api_token_for(request.actor, code)
    token_revoke(token=token)
    messages.success(request, _("Token revoked: calls with it are refused from now on."))
    return redirect("integrations:tokens")
