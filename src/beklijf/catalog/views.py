"""Catalogue screens for L&D admins (write) and managers and providers (read)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beklijf.catalog import selectors, services
from beklijf.catalog.forms import (
    EnrollmentForm,
    LearningPointForm,
    ProviderForm,
    QuestionForm,
    SessionForm,
    TrainerForm,
    TrainingForm,
)
from beklijf.people import access


def _require_editor(request: HttpRequest) -> None:
    if not access.can_edit_catalog(request.actor):
        raise PermissionDenied


def _edit(request: HttpRequest, form, *, title: str, back: str, save=services.form_save) -> HttpResponse:  # noqa: ANN001
    """The shared shape of every catalogue form page: show, validate, save in one transaction, redirect."""
    if request.method == "POST" and form.is_valid():
        obj = save(form=form)
        messages.success(request, _("Saved."))
        return redirect(obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else back)
    status = 400 if request.method == "POST" else 200
    return render(request, "catalog/form.html", {"form": form, "title": title, "back": back}, status=status)


# --- Trainings ------------------------------------------------------------------------------------


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    trainings = access.trainings_visible_to(request.actor).annotate(
        point_count=Count("learning_points", distinct=True)
    )
    return render(request, "catalog/training_list.html", {"trainings": trainings})


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = TrainingForm(request.POST or None, organization=request.actor.organization)
    return _edit(request, form, title=_("New training"), back="catalog:training-list")


@login_required
def training_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    training = access.get_training_for(request.actor, code)
    context = selectors.training_detail(actor=request.actor, training=training)
    return render(request, "catalog/training_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    training = access.get_training_for(request.actor, code, write=True)
    form = TrainingForm(request.POST or None, instance=training, organization=request.actor.organization)
    return _edit(request, form, title=_("Edit training"), back=training.get_absolute_url())


# --- Sessions and enrolments ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, code: UUID) -> HttpResponse:
    training = access.get_training_for(request.actor, code, write=True)
    form = SessionForm(request.POST or None, training=training)
    return _edit(
        request,
        form,
        title=_("New session of %(training)s") % {"training": training},
        back=training.get_absolute_url(),
    )


@login_required
def session_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    session = access.get_session_for(request.actor, code)
    enrollments = (
        access.enrollments_visible_to(request.actor).filter(session=session).order_by("employee__last_name")
    )
    return render(request, "catalog/session_detail.html", {"session": session, "enrollments": enrollments})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    session = access.get_session_for(request.actor, code, write=True)
    form = SessionForm(request.POST or None, instance=session, training=session.training)
    return _edit(request, form, title=_("Edit session"), back=session.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def enrollment_create(request: HttpRequest, code: UUID) -> HttpResponse:
    session = access.get_session_for(request.actor, code, write=True)
    form = EnrollmentForm(
        request.POST or None, session=session, employees=access.employees_visible_to(request.actor)
    )
    return _edit(
        request,
        form,
        title=_("Enrol someone"),
        back=session.get_absolute_url(),
        save=services.enrollment_save,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrollment_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    enrollment = access.get_enrollment_for(request.actor, code, write=True)
    form = EnrollmentForm(
        request.POST or None,
        instance=enrollment,
        session=enrollment.session,
        employees=access.employees_visible_to(request.actor),
    )
    return _edit(
        request,
        form,
        title=_("Enrolment of %(name)s") % {"name": enrollment.employee},
        back=enrollment.session.get_absolute_url(),
        save=services.enrollment_save,
    )


# --- Learning points and questions ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def learning_point_create(request: HttpRequest, code: UUID) -> HttpResponse:
    training = access.get_training_for(request.actor, code, write=True)
    form = LearningPointForm(
        request.POST or None,
        initial={"position": training.learning_points.count() + 1},
        organization=training.organization,
    )
    form.instance.training = training
    return _edit(request, form, title=_("New learning point"), back=training.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def learning_point_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    point = access.get_learning_point_for(request.actor, code, write=True)
    form = LearningPointForm(request.POST or None, instance=point, organization=point.training.organization)
    if request.method == "GET":
        questions = access.questions_visible_to(request.actor).filter(learning_point=point)
        return render(
            request,
            "catalog/learning_point_edit.html",
            {"form": form, "point": point, "questions": questions, "back": point.training.get_absolute_url()},
        )
    return _edit(request, form, title=_("Edit learning point"), back=point.training.get_absolute_url())


@login_required
@require_POST
def learning_point_delete(request: HttpRequest, code: UUID) -> HttpResponse:
    point = access.get_learning_point_for(request.actor, code, write=True)
    training = point.training
    services.learning_point_delete(point=point)
    messages.success(request, _("Learning point removed."))
    return redirect(training.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, code: UUID) -> HttpResponse:
    point = access.get_learning_point_for(request.actor, code, write=True)
    form = QuestionForm(request.POST or None, learning_point=point)
    return _edit(request, form, title=_("New question"), back=point.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    question = access.get_question_for(request.actor, code)
    form = QuestionForm(request.POST or None, instance=question, learning_point=question.learning_point)
    return _edit(request, form, title=_("Edit question"), back=question.learning_point.get_absolute_url())


# --- Providers and trainers -----------------------------------------------------------------------


@login_required
def provider_list(request: HttpRequest) -> HttpResponse:
    providers = access.providers_visible_to(request.actor).annotate(training_count=Count("trainings"))
    return render(request, "catalog/provider_list.html", {"providers": providers})


@login_required
@require_http_methods(["GET", "POST"])
def provider_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = ProviderForm(request.POST or None, organization=request.actor.organization)
    return _edit(request, form, title=_("New provider"), back="catalog:provider-list")


@login_required
def provider_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    provider = access.get_provider_for(request.actor, code)
    trainings = access.trainings_visible_to(request.actor).filter(provider=provider)
    return render(
        request,
        "catalog/provider_detail.html",
        {"provider": provider, "trainers": provider.trainers.all(), "trainings": trainings},
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    provider = access.get_provider_for(request.actor, code, write=True)
    form = ProviderForm(request.POST or None, instance=provider, organization=request.actor.organization)
    return _edit(request, form, title=_("Edit provider"), back=provider.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def trainer_create(request: HttpRequest, code: UUID) -> HttpResponse:
    provider = access.get_provider_for(request.actor, code, write=True)
    form = TrainerForm(request.POST or None)
    form.instance.provider = provider
    return _edit(request, form, title=_("New trainer"), back=provider.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def trainer_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    trainer = access.get_trainer_for(request.actor, code, write=True)
    form = TrainerForm(request.POST or None, instance=trainer)
    return _edit(request, form, title=_("Edit trainer"), back=trainer.provider.get_absolute_url())
