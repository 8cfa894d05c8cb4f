"""Needs screens: skills, requirements, assessments, the heatmap, recommendations, requests, budget."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beklijf.needs import selectors, services
from beklijf.needs.forms import (
    AssessForm,
    DecisionForm,
    RequestForm,
    RequirementForm,
    SkillForm,
    TrainingSkillForm,
)
from beklijf.needs.models import Assessment, Requirement, Skill, TrainingSkill
from beklijf.people import access


def _ld(request: HttpRequest) -> None:
    if not request.actor.is_ld_admin:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def skills(request: HttpRequest) -> HttpResponse:
    """L&D admins keep the skills, which trainings raise them, and what each job title or team requires."""
    _ld(request)
    org = request.actor.organization
    skill_form = SkillForm(request.POST if request.POST.get("form") == "skill" else None)
    link_form = TrainingSkillForm(request.POST if request.POST.get("form") == "link" else None)
    req_form = RequirementForm(request.POST if request.POST.get("form") == "requirement" else None)
    for form in (link_form, req_form):
        form.fields["skill"].queryset = Skill.objects.filter(organization=org)
    link_form.fields["training"].queryset = access.trainings_visible_to(request.actor)
    req_form.fields["team"].queryset = access.teams_visible_to(request.actor)
    if request.method == "POST":
        form = {"skill": skill_form, "link": link_form, "requirement": req_form}.get(request.POST.get("form"))
        if form is None:
            return HttpResponse(_("Unknown form."), status=400)
        form.instance.organization = org
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("needs:skills")
    context = {
        "skills": Skill.objects.filter(organization=org),
        "links": TrainingSkill.objects.filter(skill__organization=org).select_related("training", "skill"),
        "requirements": Requirement.objects.filter(organization=org).select_related("skill", "team"),
        "skill_form": skill_form, "link_form": link_form, "req_form": req_form,
    }  # fmt: skip
    return render(request, "needs/skills.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, code: UUID | None = None) -> HttpResponse:
    """Self-assessment (no code), or a manager's assessment of one of their people."""
    actor = request.actor
    if actor.employee is None:
        raise Http404
    if code is None:
        employee, source = actor.employee, Assessment.Source.SELF
    else:
        employee = access.get_employee_for(actor, code)
        if not access.can_manage_person(actor, employee):
            raise PermissionDenied
        source = Assessment.Source.MANAGER
    skills_ = list(Skill.objects.filter(organization=employee.organization))
    current = selectors.latest_assessments([employee.pk], source=source)
    form = AssessForm(
        request.POST or None, skills=skills_, initial_levels={s: lvl for (e, s), lvl in current.items()}
    )
    if request.method == "POST" and form.is_valid():
        changed = 0
        for skill in skills_:
            level = form.cleaned_data.get(f"skill_{skill.pk}")
            if level not in (None, "") and current.get((employee.pk, skill.pk)) != level:
                services.assessment_record(
                    employee=employee, skill=skill, source=source, level=level, by=actor.employee
                )
                changed += 1
        messages.success(request, _("Saved."))
        return redirect(request.path)
    return render(request, "needs/assess.html", {"employee": employee, "form": form, "source": source},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
def heatmap(request: HttpRequest, code: UUID) -> HttpResponse:
    team = access.get_team_for(request.actor, code)
    skill_filter = request.GET.get("skill", "")
    return render(
        request,
        "needs/heatmap.html",
        selectors.heatmap(actor=request.actor, team=team, skill_code=skill_filter),
    )


@login_required
def recommendations(request: HttpRequest, code: UUID) -> HttpResponse:
    if not (request.actor.is_manager or request.actor.is_ld_admin):
        raise PermissionDenied
    training = access.get_training_for(request.actor, code)
    return render(
        request,
        "needs/recommendations.html",
        selectors.training_recommendations(actor=request.actor, training=training),
    )


@login_required
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if actor.employee is None:
        raise Http404
    form = RequestForm(request.POST or None)
    form.fields["training"].queryset = access.trainings_requestable_by(actor)
    form.fields["skill"].queryset = Skill.objects.filter(organization=actor.organization)
    if request.method == "POST" and form.is_valid():
        services.request_create(employee=actor.employee, requested_by=actor.employee, **form.cleaned_data)
        messages.success(request, _("Requested. Your manager decides."))
        return redirect("needs:requests")
    return render(request, "needs/requests.html", {**selectors.requests_overview(actor=actor), "form": form,
                  "decision_form": DecisionForm()}, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def request_decide(request: HttpRequest, code: UUID) -> HttpResponse:
    training_request = access.get_training_request_for(request.actor, code)
    if not access.can_manage_person(request.actor, training_request.employee):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason with your decision."))
        return redirect("needs:requests")
    services.request_decide(request=training_request, manager=request.actor.employee, **form.cleaned_data)
    return redirect("needs:requests")


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    _ld(request)
    year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", year))
    except ValueError:
        return HttpResponse(_("Unknown year."), status=400)
    if request.method == "POST":
        team = access.get_team_for(request.actor, request.POST.get("team", ""))
        try:
            planned = Decimal(request.POST.get("planned", "").replace(",", "."))
            if planned < 0:
                raise InvalidOperation
        except InvalidOperation:
            messages.error(request, _("Give the planned budget as an amount in euros."))
            return redirect(f"{request.path}?year={year}")
        services.budget_set(team=team, year=year, planned=planned)
        return redirect(f"{request.path}?year={year}")
    return render(request, "needs/budget.html", selectors.budget_overview(actor=request.actor, year=year))
