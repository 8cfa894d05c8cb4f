"""Home pages per role, and the team and employee pages for managers."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beklijf.people import access, selectors


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
    return render(request, "people/employee_detail.html", {"employee": employee, "enrollments": enrollments})
