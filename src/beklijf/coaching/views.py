"""Coaching screens: the manager's team view, pairs, blockers, action plans, conversations, own signals."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from beklijf.catalog.models import Enrollment
from beklijf.coaching import selectors, services
from beklijf.coaching.forms import ActionPlanForm, ActionPlanReportForm, BlockerForm, ConversationForm
from beklijf.coaching.models import Blocker, ConversationTask, Pairing
from beklijf.people import access
from beklijf.privacy import audit


def _employee(request: HttpRequest):  # noqa: ANN202
    if request.actor.employee is None:
        raise Http404
    return request.actor.employee


def _manager(request: HttpRequest) -> None:
    if not (request.actor.is_manager or request.actor.is_ld_admin):
        raise PermissionDenied


# --- The manager's view ---------------------------------------------------------------------------


@login_required
def team_coaching(request: HttpRequest, code: UUID) -> HttpResponse:
    team = access.get_team_for(request.actor, code)
    context = selectors.team_view(actor=request.actor, team=team)
    for row in context["rows"]:
        if row["segments"] and row["employee"].pk != request.actor.employee.pk:
            audit.record(request.actor, "view", row["employee"], page="team-coaching")
    return render(request, "coaching/team.html", context)


@login_required
@require_POST
def refusal_confirm(request: HttpRequest, code: UUID) -> HttpResponse:
    """The manager confirms someone does not respond: a conversation task, never an automatic verdict."""
    employee = access.get_employee_for(request.actor, code)
    if not access.can_manage_person(request.actor, employee):
        raise PermissionDenied
    task = services.conversation_open(employee=employee, reason=ConversationTask.Reason.REFUSER)
    audit.record(request.actor, "change", task, change="refusal confirmed")
    return redirect("coaching:conversation", code=task.code)


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, code: UUID) -> HttpResponse:
    task = access.get_conversation_for(request.actor, code)
    form = ConversationForm(request.POST or None, instance=task)
    audit.record(request.actor, "change" if request.method == "POST" else "view", task)
    if request.method == "POST" and form.is_valid():
        services.conversation_close(task=task, outcome=form.cleaned_data["outcome"])
        messages.success(request, _("Saved. Record what is in the way as a blocker, so someone owns it."))
        return redirect("coaching:blocker-report-for", code=task.employee.code)
    return render(request, "coaching/conversation.html", {"task": task, "form": form},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


# --- Pairs ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def pairs(request: HttpRequest) -> HttpResponse:
    _manager(request)
    if request.method == "POST":
        training = access.get_training_for(request.actor, request.POST.get("training", ""))
        created = selectors.pairs_propose(actor=request.actor, training=training)
        messages.success(
            request, ngettext("%(n)s pair proposed.", "%(n)s pairs proposed.", created) % {"n": created}
        )
        return redirect("coaching:pairs")
    context = selectors.pairs_overview(actor=request.actor)
    for pairing in [*context["proposed"], *context["active"]]:
        audit.record(request.actor, "view", pairing, page="pairs")  # shows how well the mentee knows it
    return render(request, "coaching/pairs.html", context)


@login_required
@require_POST
def pair_decide(request: HttpRequest, code: UUID) -> HttpResponse:
    pairing = access.get_pairing_for(request.actor, code, write=True)
    action = request.POST.get("action")
    audit.record(request.actor, "change", pairing, change=str(action)[:20])
    if action == "approve":
        services.pairing_approve(pairing=pairing, manager=request.actor.employee,
                                 mentee_r=selectors.training_r(pairing.mentee, pairing.training))  # fmt: skip
        messages.success(request, _("Approved: both got an introduction."))
    elif action == "change":
        mentor = access.get_employee_for(request.actor, request.POST.get("mentor", ""))
        if pairing.status != Pairing.Status.PROPOSED or not selectors.mentor_allowed(
            pairing=pairing, mentor=mentor
        ):
            messages.error(request, _("%(name)s cannot help here: they must know it well, be open to it, work in the "
                                      "same group and not be the manager.") % {"name": mentor.full_name})  # fmt: skip
            return redirect("coaching:pairs")
        services.pairing_change_mentor(pairing=pairing, mentor=mentor, manager=request.actor.employee)
        messages.success(request, _("Changed."))
    elif action == "decline":
        services.pairing_decline(pairing=pairing, manager=request.actor.employee)
    elif action == "end":
        services.pairing_end(pairing=pairing, mentee_r=selectors.training_r(pairing.mentee, pairing.training))
        messages.success(request, _("Ended: a check-in with the mentee is proposed."))
    else:
        return HttpResponse(_("Unknown action."), status=400)
    return redirect("coaching:pairs")


# --- Blockers -------------------------------------------------------------------------------------


@login_required
def blocker_list(request: HttpRequest) -> HttpResponse:
    return render(request, "coaching/blockers.html", selectors.blocker_overview(actor=request.actor))


@login_required
@require_http_methods(["GET", "POST"])
def blocker_report(request: HttpRequest) -> HttpResponse:
    """From the quiz, in two taps: open this page, tap what is in the way."""
    employee = _employee(request)
    return _report(request, employee)


@login_required
@require_http_methods(["GET", "POST"])
def blocker_report_for(request: HttpRequest, code: UUID) -> HttpResponse:
    """A manager records a blocker that came up in a conversation."""
    employee = access.get_employee_for(request.actor, code)
    if not access.can_manage_person(request.actor, employee):
        raise PermissionDenied
    return _report(request, employee)


def _report(request: HttpRequest, employee) -> HttpResponse:  # noqa: ANN001
    if request.method == "POST":
        category = request.POST.get("category", "")
        wont = category == "wont"
        if wont:
            category = Blocker.Category.MOTIVATION
        if category not in Blocker.Category.values:
            return render(request, "coaching/blocker_report.html", {"employee": employee,
                          "error": _("Choose what is in the way.")}, status=400)  # fmt: skip
        services.blocker_report(employee=employee, reported_by=request.actor.employee, category=category,
                                description=request.POST.get("description", ""), wont=wont)  # fmt: skip
        messages.success(request, _("Thank you. Your manager will pick this up."))
        return redirect("coaching:blockers")
    return render(request, "coaching/blocker_report.html",
                  {"employee": employee, "categories": Blocker.Category.choices})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def blocker_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    blocker = access.get_blocker_for(request.actor, code, write=request.method == "POST")
    can_manage = access.can_manage_person(request.actor, blocker.employee)
    form = BlockerForm(request.POST or None, instance=blocker)
    if blocker.employee_id != request.actor.employee.pk:
        audit.record(request.actor, "change" if request.method == "POST" else "view", blocker)
    if request.method == "POST" and form.is_valid():
        services.blocker_update(
            blocker=blocker, **{k: form.cleaned_data[k] for k in ("status", "owner", "due_on", "resolution")}
        )
        messages.success(request, _("Saved."))
        return redirect("coaching:blockers")
    return render(request, "coaching/blocker_detail.html", {"blocker": blocker, "form": form, "can_manage": can_manage},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


# --- Action plans ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plans(request: HttpRequest) -> HttpResponse:
    employee = _employee(request)
    enrollments = Enrollment.objects.filter(
        employee=employee, status=Enrollment.Status.COMPLETED
    ).select_related("session__training")
    forms = {e.pk: ActionPlanForm(prefix=f"e{e.pk}", training_id=e.session.training_id) for e in enrollments}
    status = 200
    if request.method == "POST":
        enrollment = (
            enrollments.filter(code=request.POST.get("enrollment", "")).first()
            if _is_uuid(request.POST.get("enrollment"))
            else None
        )
        if enrollment is None:
            raise Http404
        form = ActionPlanForm(
            request.POST, prefix=f"e{enrollment.pk}", training_id=enrollment.session.training_id
        )
        forms[enrollment.pk] = form
        if form.is_valid():
            try:
                services.action_plan_create(enrollment=enrollment, **form.cleaned_data)
            except ValueError:
                form.add_error(None, _("Three plans per training at most: finish one first."))
            else:
                messages.success(request, _("Plan saved. We ask you on its date how it went."))
                return redirect("coaching:plans")
        status = 400
    rows = [{"enrollment": e, "plans": e.action_plans.all(), "form": forms[e.pk]} for e in enrollments]
    return render(
        request, "coaching/plans.html", {"rows": rows, "report_form": ActionPlanReportForm()}, status=status
    )


def _is_uuid(value: str | None) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


@login_required
@require_POST
def plan_report(request: HttpRequest, code: UUID) -> HttpResponse:
    plan = access.get_action_plan_for(request.actor, code)
    if plan.employee_id != _employee(request).pk:
        raise PermissionDenied
    form = ActionPlanReportForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose how it went."), status=400)
    services.action_plan_report(plan=plan, use=form.cleaned_data["use"])
    return redirect("coaching:plans")


@login_required
@require_POST
def plan_confirm(request: HttpRequest, code: UUID) -> HttpResponse:
    plan = access.get_action_plan_for(request.actor, code)
    if not access.can_manage_person(request.actor, plan.employee):
        raise PermissionDenied
    services.action_plan_confirm(
        plan=plan, manager=request.actor.employee, confirmed=request.POST.get("confirmed") == "yes"
    )
    audit.record(request.actor, "change", plan, change="confirmation")
    return (
        redirect("coaching:team", code=plan.employee.team.code) if plan.employee.team_id else redirect("home")
    )


# --- The employee's own signals, and objecting ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    employee = _employee(request)
    if request.method == "POST":
        objects = request.POST.get("object") == "yes"
        services.objection_set(employee=employee, objects=objects)
        audit.record(request.actor, "object", employee, objects=objects)
        messages.success(request, _("Saved."))
        return redirect("coaching:mine")
    return render(request, "coaching/mine.html", selectors.own_signals(employee=employee))


@login_required
def self_driven(request: HttpRequest) -> HttpResponse:
    if not request.actor.is_ld_admin:
        raise PermissionDenied
    return render(request, "coaching/self_driven.html", selectors.self_driven_over_time(actor=request.actor))
