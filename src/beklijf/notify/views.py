"""Screens for the impulses: the team agenda, check-ins, preferences, delivery status, nudge effect."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from beklijf.notify import agenda, checkins, preferences, reports
from beklijf.notify.forms import (
    AgendaItemForm,
    CheckInRecordForm,
    CheckInScheduleForm,
    PreferenceForm,
    TeamChannelForm,
)
from beklijf.notify.models import CheckIn, Outbox, TeamChannel
from beklijf.people import access


def _manager_or_admin(request: HttpRequest) -> None:
    if not (request.actor.is_manager or request.actor.is_ld_admin):
        raise PermissionDenied


# --- Team agenda ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team_agenda(request: HttpRequest, code: UUID) -> HttpResponse:
    team = access.get_team_for(request.actor, code)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                item = form.save(commit=False)
                item.team = team
                item.created_at = timezone.now()
                item.save()
            messages.success(request, _("Added to the agenda."))
            return redirect("notify:team-agenda", code=team.code)
    context = agenda.team_agenda(actor=request.actor, team=team)
    context.update(form=form, channel_form=TeamChannelForm(), channels=team.channels.all())
    template = (
        "notify/team_agenda_print.html" if request.GET.get("print") == "1" else "notify/team_agenda.html"
    )
    return render(request, template, context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def agenda_item_discussed(request: HttpRequest, code: UUID) -> HttpResponse:
    item = access.get_agenda_item_for(request.actor, code)
    if item.discussed_at is None:
        item.discussed_at = timezone.now()
        item.save(update_fields=["discussed_at"])
    return redirect("notify:team-agenda", code=item.team.code)


@login_required
def team_meeting_ics(request: HttpRequest, code: UUID) -> HttpResponse:
    """A recurring team meeting with the agenda page in it: import once, the topics stay current."""
    team = access.get_team_for(request.actor, code)
    day = request.GET.get("day", "MO").upper()
    hour = request.GET.get("time", "09:00")
    if day not in {"MO", "TU", "WE", "TH", "FR"} or len(hour) != 5 or not hour.replace(":", "").isdigit():
        return HttpResponse(_("Choose a weekday (MO-FR) and a time like 09:00."), status=400)
    body = reports.team_meeting_calendar(team=team, organizer=request.actor.employee, weekday=day, hhmm=hour)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="team-meeting.ics"'
    return response


@login_required
@require_POST
def team_channel_add(request: HttpRequest, code: UUID) -> HttpResponse:
    team = access.get_team_for(request.actor, code)
    form = TeamChannelForm(request.POST)
    if form.is_valid():
        TeamChannel.objects.create(team=team, kind=form.cleaned_data["kind"], url=form.cleaned_data["url"])
        messages.success(request, _("The channel will receive the weekly agenda."))
    else:
        for error in form.errors.get("url", []) + form.errors.get("kind", []):
            messages.error(request, error)
    return redirect("notify:team-agenda", code=team.code)


# --- Check-ins ------------------------------------------------------------------------------------


@login_required
def checkin_list(request: HttpRequest) -> HttpResponse:
    visible = access.checkins_visible_to(request.actor).exclude(status=CheckIn.Status.CANCELLED)
    if not (request.actor.is_manager or request.actor.is_ld_admin):
        visible = visible.filter(enrollment__employee=request.actor.employee)
    return render(
        request,
        "notify/checkin_list.html",
        {"checkins": visible.order_by("status", "starts_at", "created_at")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    checkin = access.get_checkin_for(request.actor, code)
    can_manage = access.can_manage_checkin(request.actor, checkin)
    zone = request.actor.employee.time_zone
    initial = {
        "starts_at": timezone.localtime(checkin.starts_at) if checkin.starts_at else None,
        "minutes": checkin.minutes,
    }
    schedule_form = CheckInScheduleForm(initial=initial, time_zone=zone)
    record_form = CheckInRecordForm(instance=checkin)
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "schedule":
            schedule_form = CheckInScheduleForm(request.POST, time_zone=zone)
            if schedule_form.is_valid():
                checkins.checkin_schedule(checkin=checkin, **schedule_form.cleaned_data)
                messages.success(request, _("Planned: the invitation is on its way."))
                return redirect("notify:checkin-detail", code=checkin.code)
        elif action == "cancel":
            checkins.checkin_cancel(checkin=checkin)
            messages.success(request, _("Cancelled: a cancellation is on its way."))
            return redirect("notify:checkin-detail", code=checkin.code)
        elif action == "record":
            record_form = CheckInRecordForm(request.POST, instance=checkin)
            if record_form.is_valid():
                checkins.checkin_record(checkin=checkin, **record_form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("notify:checkin-detail", code=checkin.code)
        status = 400
    return render(
        request,
        "notify/checkin_detail.html",
        {
            "checkin": checkin,
            "can_manage": can_manage,
            "schedule_form": schedule_form,
            "record_form": record_form,
        },
        status=status,
    )


@login_required
def checkin_ics(request: HttpRequest, code: UUID) -> HttpResponse:
    checkin = access.get_checkin_for(request.actor, code)
    if checkin.starts_at is None:
        raise Http404
    response = HttpResponse(checkins.checkin_ics(checkin), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="check-in.ics"'
    return response


# --- Preferences and unsubscribe ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def preference_edit(request: HttpRequest) -> HttpResponse:
    employee = request.actor.employee
    if employee is None:
        raise Http404
    form = PreferenceForm(request.POST or None, instance=preferences.preference_for(employee))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("notify:preferences")
    return render(
        request, "notify/preferences.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a session; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    employee = preferences.employee_for_unsubscribe(token)
    if employee is None:
        return render(request, "notify/unsubscribe.html", {"valid": False}, status=404)
    done = False
    if request.method == "POST":
        preferences.unsubscribe(employee)
        done = True
    response = render(request, "notify/unsubscribe.html", {"valid": True, "done": done})
    response["Referrer-Policy"] = "strict-origin"
    return response


# --- Delivery status and nudge effect (L&D admins) ------------------------------------------------


@login_required
def outbox_list(request: HttpRequest) -> HttpResponse:
    if not request.actor.is_ld_admin:
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status and status not in Outbox.Status.values:
        return HttpResponse(_("Unknown status."), status=400)
    rows = reports.outbox_rows(actor=request.actor, status=status or None)
    return render(
        request,
        "notify/outbox_list.html",
        {"rows": rows[:200], "counts": reports.outbox_counts(actor=request.actor), "status": status},
    )


@login_required
def nudge_effect(request: HttpRequest) -> HttpResponse:
    if not request.actor.is_ld_admin:
        raise PermissionDenied
    return render(request, "notify/nudge_effect.html", {"effect": reports.nudge_effect(actor=request.actor)})
