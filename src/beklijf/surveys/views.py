"""Answering a survey (phone first, no JS needed), the e-mail's sign-in link, and a training's schedule."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beklijf.people import access
from beklijf.people.middleware import MAGIC_LINK_SCOPE
from beklijf.practice import services as practice
from beklijf.surveys import selectors, services
from beklijf.surveys.forms import AnswerForm, ScheduleForm
from beklijf.surveys.items import definition


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, code: UUID) -> HttpResponse:
    invitation = access.get_survey_invitation_for(request.actor, code)
    context = {"invitation": invitation, "training": invitation.enrollment.session.training}
    if invitation.answered_at is not None:
        return render(request, "surveys/answered.html", {**context, "repeat": request.method == "POST"})
    if not selectors.is_open(invitation, at=timezone.now()):
        return render(
            request, "surveys/closed.html", context, status=410 if request.method == "POST" else 200
        )
    data = request.POST if request.method == "POST" else None  # an empty POST is still a (wrong) answer
    form = AnswerForm(data, definition=definition(invitation.kind, invitation.audience))
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "surveys/answer.html", {**context, "form": form}, status=400)
        try:
            services.survey_answer(invitation=invitation, values=form.cleaned_data)
        except services.AlreadyAnswered:
            return render(request, "surveys/answered.html", {**context, "repeat": True})
        return redirect("surveys:answer", code=invitation.code)
    return render(request, "surveys/answer.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, code: UUID, token: str) -> HttpResponse:
    """The e-mail's link: GET only shows a button (mail scanners open links), the POST signs in for the
    survey pages only (the practice magic link and its scope), like practice.views.magic_link."""
    survey_url = reverse("surveys:answer", args=[code])
    actor = request.actor
    if actor.employee is not None and not request.session.get(MAGIC_LINK_SCOPE):
        try:  # already signed in with a password as the respondent: no need to use the link up
            access.get_survey_invitation_for(actor, code)
            return redirect(survey_url)
        except Http404:
            pass
    found = practice.magic_link_find(token=token)
    valid = found is not None and _respondent_matches(found.employee, code)
    if request.method == "GET" or not valid:
        response = render(request, "surveys/link.html", {"valid": valid, "survey_url": survey_url},
                          status=200 if valid else 410)  # fmt: skip
    else:
        employee = practice.magic_link_consume(token=token)
        if employee is None:
            response = render(
                request, "surveys/link.html", {"valid": False, "survey_url": survey_url}, status=410
            )
        else:
            login(request, employee.user, backend="beklijf.people.backends.EmployeeBackend")
            request.session[MAGIC_LINK_SCOPE] = "survey"
            response = redirect(survey_url)
    # Only the origin may travel in a Referer, never the token in this URL (see practice.views.magic_link).
    response["Referrer-Policy"] = "strict-origin"
    return response


def _respondent_matches(employee, code: UUID) -> bool:  # noqa: ANN001
    try:
        access.get_survey_invitation_for(access.actor_for(employee.user), code)
    except Http404:
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    """L&D admins set, per training, which survey goes out when (the catalogue defaults shown beside)."""
    training = access.get_training_for(request.actor, code, write=True)
    data = request.POST if request.method == "POST" else None
    form = ScheduleForm(data, timings=selectors.training_timings(training=training))
    if request.method == "POST" and form.is_valid():
        services.survey_schedule_save(training=training, timings=form.timings())
        messages.success(request, _("Saved."))
        return redirect("surveys:schedule", code=training.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/schedule.html", {"training": training, "form": form}, status=status)
