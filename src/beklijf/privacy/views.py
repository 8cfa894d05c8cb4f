"""Privacy screens: my data (export), a person's data for L&D admins (export, erase), the audit log."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beklijf.ops.ratelimits import rate_limited
from beklijf.ops.reauth import require_recent_auth
from beklijf.people import access
from beklijf.people.models import Employee
from beklijf.privacy import audit, selectors
from beklijf.privacy.erasure import person_erase
from beklijf.privacy.export import export_zip
from beklijf.privacy.forms import AuditFilterForm, EraseForm
from beklijf.privacy.models import AuditAction
from beklijf.privacy.registry import declarations


def _zip_response(request: HttpRequest, employee: Employee) -> HttpResponse:
    audit.record(request.actor, AuditAction.EXPORT, employee, kind="subject access")
    response = HttpResponse(export_zip(employee), content_type="application/zip")
    # A generated name, never a person's name (ASVS 5.4.1: safe Content-Disposition).
    name = f"beklijf-data-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _data_map() -> list[dict]:
    return [
        {"name": d.model._meta.verbose_name_plural, "purpose": d.purpose} for d in declarations() if d.subject
    ]


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    if request.actor.employee is None:
        raise Http404
    return render(
        request, "privacy/my_data.html", {"data_map": _data_map(), "employee": request.actor.employee}
    )


@login_required
@require_POST
@require_recent_auth()
@rate_limited("exports", setting="BEKLIJF_RATE_EXPORTS")
def my_data_export(request: HttpRequest) -> HttpResponse:
    if request.actor.employee is None:
        raise Http404
    return _zip_response(request, request.actor.employee)


@login_required
@require_http_methods(["GET"])
def person(request: HttpRequest, code: UUID) -> HttpResponse:
    employee = access.get_person_for_privacy(request.actor, code)
    return render(request, "privacy/person.html", {"person": employee, "form": EraseForm()})


@login_required
@require_POST
@require_recent_auth()
@rate_limited("exports", setting="BEKLIJF_RATE_EXPORTS")
def person_export(request: HttpRequest, code: UUID) -> HttpResponse:
    return _zip_response(request, access.get_person_for_privacy(request.actor, code))


@login_required
@require_POST
@require_recent_auth()
def person_erase_view(request: HttpRequest, code: UUID) -> HttpResponse:
    employee = access.get_person_for_privacy(request.actor, code)
    if employee.pk == request.actor.employee.pk:
        raise PermissionDenied  # another L&D admin erases you: nobody removes their own traces
    form = EraseForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/person.html", {"person": employee, "form": form}, status=400)
    person_erase(actor=request.actor, employee=employee)
    messages.success(
        request, _("Erased. Their answers remain only as anonymous numbers in the team figures.")
    )
    return redirect("home")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.actor.is_ld_admin:
        raise PermissionDenied
    people = access.employees_visible_to(request.actor).filter(erased_at__isnull=True).order_by("last_name")
    form = AuditFilterForm(request.GET or None, people=people)
    filters = form.cleaned_data if form.is_valid() else {}
    status = 400 if request.GET and not form.is_valid() else 200
    context = selectors.audit_page(actor=request.actor, filters=filters, page=request.GET.get("page", 1))
    return render(request, "privacy/audit_log.html", {"form": form, **context}, status=status)
