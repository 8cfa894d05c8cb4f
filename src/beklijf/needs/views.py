"""Needs screens: skills, requirements, assessments, the heatmap, recommendations, requests, budget."""

from __future__ import annotations

import datetime as dt
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
from beklijf.needs.models import Assessment, NeedDate, Requirement, Skill, TrainingSkill
from beklijf.ops.ratelimits import rate_limited
from beklijf.ops.reauth import require_recent_auth
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
def skill_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    _ld(request)
    try:
        skill = Skill.objects.get(organization=request.actor.organization, code=code)
    except Skill.DoesNotExist as exc:
        raise Http404 from exc
    form = SkillForm(request.POST or None, instance=skill)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("needs:skills")
    return render(request, "catalog/form.html", {"form": form, "title": skill.name, "back": "needs:skills"},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


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
    if request.method == "POST" and request.POST.get("form") == "need":
        if source != Assessment.Source.MANAGER:
            raise PermissionDenied
        return _need_date(request, employee, skills_)
    form = AssessForm(
        request.POST or None, skills=skills_, initial_levels={s: lvl for (e, s), lvl in current.items()}
    )
    if request.method == "POST" and form.is_valid():
        for skill in skills_:
            level = form.cleaned_data.get(f"skill_{skill.pk}")
            if level not in (None, "") and current.get((employee.pk, skill.pk)) != level:
                services.assessment_record(
                    employee=employee, skill=skill, source=source, level=level, by=actor.employee
                )
        messages.success(request, _("Saved."))
        return redirect(request.path)
    needs = NeedDate.objects.filter(employee=employee).select_related("skill")
    return render(request, "needs/assess.html", {"employee": employee, "form": form, "source": source,
                  "needs": needs, "skills": skills_, "advice": selectors.employee_recommendations(employee=employee)},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


def _need_date(request: HttpRequest, employee, skills_) -> HttpResponse:  # noqa: ANN001
    skill = next((s for s in skills_ if str(s.code) == request.POST.get("skill")), None)
    try:
        needed_by = dt.date.fromisoformat(request.POST.get("needed_by", ""))
    except ValueError:
        needed_by = None
    if skill is None or needed_by is None:
        messages.error(request, _("Choose a skill and a date."))
    else:
        services.need_date_set(
            employee=employee, skill=skill, needed_by=needed_by, note=request.POST.get("note", "")
        )
        messages.success(request, _("Saved."))
    return redirect(request.path)


@login_required
def heatmap(request: HttpRequest, code: UUID) -> HttpResponse:
    team = access.get_team_for(request.actor, code)
    context = selectors.heatmap(
        actor=request.actor,
        team=team,
        skill_code=request.GET.get("skill", ""),
        job_title=request.GET.get("title", ""),
    )
    return render(request, "needs/heatmap.html", context)


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
@require_POST
def recommendation_act(request: HttpRequest, code: UUID) -> HttpResponse:
    """Act on a recommendation: enrol (L&D), request on the person's behalf, or dismiss with a reason."""
    training = access.get_training_for(request.actor, code)
    employee = access.get_employee_for(request.actor, request.POST.get("employee", ""))
    if not access.can_manage_person(request.actor, employee):
        raise PermissionDenied
    action = request.POST.get("action")
    if action == "enrol":
        if not access.can_edit_catalog(request.actor):
            raise PermissionDenied
        if services.enrol_next(employee=employee, training=training) is None:
            messages.error(request, _("No session of this training is planned yet."))
    elif action == "request":
        services.request_create(employee=employee, training=training, requested_by=request.actor.employee,
                                motivation=_("Recommended: a gap this training closes."))  # fmt: skip
        messages.success(request, _("Requested."))
    elif action == "dismiss":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(request, _("Give a reason for dismissing."))
        else:
            services.dismiss(employee=employee, training=training, reason=reason, by=request.actor.employee)
    else:
        return HttpResponse(_("Unknown action."), status=400)
    return redirect("needs:recommendations", code=training.code)


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


IMPORT_SESSION_KEY = "needs_import"


@login_required
@require_recent_auth()
@require_http_methods(["GET", "POST"])
def matrix_import(request: HttpRequest) -> HttpResponse:
    """Upload → column mapping and dry run → import (all rows, or only the valid ones), for L&D admins."""
    from beklijf.needs import transfer

    _ld(request)
    context: dict = {"max_mb": transfer.MAX_BYTES // 2**20}
    if request.method == "GET":
        return render(request, "needs/import.html", context)
    upload = request.FILES.get("file")
    if upload is not None:
        try:
            kind = transfer.kind_for(upload.name)
            transfer.check_size(upload.size)
            data = upload.read(transfer.MAX_BYTES + 1)
            transfer.check_upload(data, kind)
            rows = transfer.read_rows(data, kind)
        except transfer.ImportRefused as refused:
            return render(request, "needs/import.html", {**context, "refused": str(refused)}, status=400)
        previous = request.session.get(IMPORT_SESSION_KEY)
        if previous:
            transfer.discard(previous)
        handle = transfer.store(data, kind)
        request.session[IMPORT_SESSION_KEY] = handle
        layout = transfer.detect_layout(rows)
    else:
        handle = request.session.get(IMPORT_SESSION_KEY, "")
        stored = transfer.load(handle)
        if stored is None:
            messages.error(request, _("Upload the file again: the earlier upload is no longer available."))
            return redirect("needs:import")
        rows = transfer.read_rows(*stored)
        layout = transfer.layout_with(
            transfer.detect_layout(rows),
            {name: request.POST[f"map_{name}"] for name in transfer.FIELDS if f"map_{name}" in request.POST},
        )
    action = request.POST.get("action", "check")
    if upload is None and action in ("import", "import_valid"):
        done = transfer.apply(request.actor, rows, layout, valid_only=action == "import_valid")
        if done is not None:
            from beklijf.privacy import audit

            audit.record(
                request.actor, "import", None, kind="skills matrix", new=done.new, skipped=done.invalid
            )
            transfer.discard(handle)
            request.session.pop(IMPORT_SESSION_KEY, None)
            messages.success(
                request,
                _(
                    "Imported: %(new)s new assessments; %(unchanged)s rows unchanged; %(invalid)s rows skipped."
                )
                % {"new": done.new, "unchanged": done.unchanged, "invalid": done.invalid},
            )
            return redirect("needs:import")
        messages.error(
            request, _("Nothing was imported: correct the rows below, or import only the valid rows.")
        )
    result = transfer.plan(request.actor, rows, layout)
    status = 400 if action in ("import", "import_valid") else 200
    return render(request, "needs/import.html", {**context, "plan": result, "layout": layout}, status=status)


@login_required
@require_recent_auth()
@rate_limited("exports", setting="BEKLIJF_RATE_EXPORTS")
def matrix_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The current skills matrix of the organisation as CSV or XLSX, for L&D admins."""
    from beklijf.needs import transfer

    _ld(request)
    if fmt == "csv":
        response = HttpResponse(transfer.export_csv(request.actor), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            transfer.export_xlsx(request.actor),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    from beklijf.privacy import audit

    audit.record(request.actor, "export", None, kind="skills matrix", format=fmt)
    response["Content-Disposition"] = f'attachment; filename="{transfer.export_filename(fmt)}"'
    return response
