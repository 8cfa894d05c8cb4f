"""Screens for L&D admins: API tokens (create, revoke) and, in sso_views, single sign-on settings."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beklijf.integrations.forms import ApiTokenForm, LrsEndpointForm
from beklijf.integrations.models import LrsEndpoint
from beklijf.integrations.tokens import token_create, token_revoke
from beklijf.ops.reauth import require_recent_auth
from beklijf.people import access


def _ld_admin(request: HttpRequest) -> None:
    if not request.actor.is_ld_admin:
        raise PermissionDenied


@login_required
@require_recent_auth()
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


@login_required
def lrs_settings(request: HttpRequest) -> HttpResponse:
    """Where the organisation's xAPI statements go, and how their delivery is doing."""
    _ld_admin(request)
    organization = request.actor.organization
    # The organisation's own settings row, like organization-settings: there is one per organisation.
    instance = LrsEndpoint.objects.filter(organization=organization).first() or LrsEndpoint(
        organization=organization
    )
    form = LrsEndpointForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Saved. New statements go to this LRS from the next minute on."))
        return redirect("integrations:lrs")
    statements = access.xapi_statements_visible_to(request.actor)
    context = {
        "form": form,
        "counts": dict(statements.values_list("status").annotate(n=Count("pk")).order_by()),
        "problems": statements.exclude(last_error="").exclude(status="sent").order_by("-pk")[:10],
        "global_lrs": bool(settings.BEKLIJF_XAPI_LRS_URL),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "integrations/lrs_settings.html", context, status=status)
