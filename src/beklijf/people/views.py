"""Home pages per role, and the team and employee pages for managers."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beklijf.people import access, selectors
from beklijf.people.forms import OrganizationSettingsForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    role = actor.role
    context: dict = {"role": role}
    if actor.employee is not None:
        context["my_enrollments"] = selectors.employee_enrollments(actor=actor, employee=actor.employee)
        from beklijf.practice import selectors as practice

        context["practice"] = practice.home_summary(actor=actor, employee=actor.employee)
    if role == "manager":
        context["teams"] = selectors.team_list(actor=actor)
    elif role == "ld_admin":
        context["counts"] = selectors.organization_counts(actor=actor)
        context["teams"] = selectors.team_list(actor=actor)
    elif role == "provider":
        context["outcomes"] = selectors.provider_outcomes(actor=actor)
    return render(request, f"people/home_{role}.html", context)


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "people/team_list.html", {"teams": selectors.team_list(actor=request.actor)})


@login_required
def team_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    team = access.get_team_for(request.actor, code)
    members = selectors.team_members(actor=request.actor, team=team)
    from beklijf.practice import selectors as practice

    retention = practice.team_retention(actor=request.actor, team=team)
    return render(
        request, "people/team_detail.html", {"team": team, "members": members, "retention": retention}
    )


@login_required
def employee_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    employee = access.get_employee_for(request.actor, code)
    enrollments = selectors.employee_enrollments(actor=request.actor, employee=employee)
    from beklijf.coaching import selectors as coaching
    from beklijf.privacy import audit

    signals = coaching.person_signals(actor=request.actor, employee=employee)
    if signals["shown"]:
        # Segments are evaluative data: every look by someone else is on the audit log.
        audit.record(request.actor, "view", employee, page="employee-detail")
    return render(request, "people/employee_detail.html",
                  {"employee": employee, "enrollments": enrollments, "signals": signals})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def organization_settings(request: HttpRequest) -> HttpResponse:
    """L&D admins tune the follow-up for their organisation: target retention and questions per day."""
    if not request.actor.is_ld_admin:
        raise PermissionDenied
    form = OrganizationSettingsForm(request.POST or None, instance=request.actor.organization)
    if request.method == "POST" and form.is_valid():
        from beklijf.privacy import audit

        with transaction.atomic():
            form.save()
            if form.changed_data:
                audit.record(request.actor, "settings", None, fields=sorted(form.changed_data))
        messages.success(request, _("Saved."))
        return redirect("organization-settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "people/organization_settings.html", {"form": form}, status=status)
