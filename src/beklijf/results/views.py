"""Results screens: provider and trainer scorecards, a provider's own scorecard, the training report (page,
PDF, XLSX) and its inputs (costs, KPIs, knowledge test scores). Thin: scoping in people/access.py, reads
in selectors.py/report.py, writes in services.py."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beklijf.catalog.models import Training
from beklijf.ops.ratelimits import rate_limited
from beklijf.ops.reauth import require_recent_auth
from beklijf.people import access
from beklijf.results import exports, report, selectors, services
from beklijf.results.forms import (
    KnowledgeImportForm,
    KnowledgeScoresForm,
    KpiForm,
    KpiValueForm,
    TrainingCostForm,
)
from beklijf.results.models import KnowledgeScore, TrainingCost
from beklijf.results.outcomes import PARTICIPANT_STATUSES


def _ld(request: HttpRequest) -> None:
    if not request.actor.is_ld_admin:
        raise PermissionDenied


def _training(request: HttpRequest, code: UUID) -> Training:
    """The training (404 when the actor may not see it), for L&D admins only (403 for other insiders)."""
    training = access.get_training_for(request.actor, code)
    _ld(request)
    return training


@login_required
@require_GET
def comparison(request: HttpRequest) -> HttpResponse:
    """Providers (or, with ?by=trainer, trainers) side by side: shrunk figures, ranks from n = 10."""
    _ld(request)
    by = request.GET.get("by", "provider")
    if by not in selectors.BY:
        return HttpResponse(_("Unknown grouping."), status=400)
    data = selectors.comparison(actor=request.actor, by=by, at=timezone.now())
    return render(request, "results/comparison.html", data)


@login_required
@require_GET
def my_scorecard(request: HttpRequest) -> HttpResponse:
    """A provider's own scorecard: aggregated, no names, nothing for a group under 5."""
    if request.actor.provider is None:
        raise PermissionDenied
    return render(
        request, "results/provider_own.html", selectors.provider_own(actor=request.actor, at=timezone.now())
    )


def _report(request: HttpRequest, code: UUID) -> dict:
    training = _training(request, code)
    return report.training_report(actor=request.actor, training=training, at=timezone.now())


@login_required
@require_GET
def training_report(request: HttpRequest, code: UUID) -> HttpResponse:
    return render(request, "results/report.html", {"r": _report(request, code)})


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
@require_recent_auth()
@rate_limited("exports", setting="BEKLIJF_RATE_EXPORTS")
def training_report_pdf(request: HttpRequest, code: UUID) -> HttpResponse:
    data = _report(request, code)
    name = f"{slugify(data['training'].title) or 'training'}-report.pdf"
    return _download(exports.pdf(data), "application/pdf", name)


@login_required
@require_GET
@require_recent_auth()
@rate_limited("exports", setting="BEKLIJF_RATE_EXPORTS")
def training_report_xlsx(request: HttpRequest, code: UUID) -> HttpResponse:
    data = _report(request, code)
    name = f"{slugify(data['training'].title) or 'training'}-report.xlsx"
    return _download(
        exports.xlsx(data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_cost(request: HttpRequest, code: UUID) -> HttpResponse:
    """L&D enters the cost inputs; the report shows the ROI with every input."""
    training = _training(request, code)
    instance = TrainingCost.objects.filter(training=training).first() or TrainingCost(training=training)
    form = TrainingCostForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("results:training-report", code=training.code)
    title = _("Cost inputs: %(title)s") % {"title": training.title}
    back = reverse("results:training-report", args=[training.code])
    return render(
        request,
        "catalog/form.html",
        {"form": form, "title": title, "back": back},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_create(request: HttpRequest, code: UUID) -> HttpResponse:
    training = _training(request, code)
    form = KpiForm(request.POST or None)
    form.fields["team"].queryset = access.teams_visible_to(request.actor)
    if request.method == "POST" and form.is_valid():
        form.instance.training = training
        kpi = form.save()
        messages.success(request, _("Saved. Now enter the values, before and after the training."))
        return redirect("results:kpi-values", code=kpi.code)
    return render(
        request,
        "results/kpi_create.html",
        {"form": form, "training": training, "kpis": training.kpis.all()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_values(request: HttpRequest, code: UUID) -> HttpResponse:
    kpi = access.get_kpi_for(request.actor, code, write=True)
    form = KpiValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.kpi_value_set(kpi=kpi, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("results:kpi-values", code=kpi.code)
    return render(
        request,
        "results/kpi_values.html",
        {"form": form, "kpi": kpi, "values": kpi.values.all()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def knowledge_scores(request: HttpRequest, code: UUID) -> HttpResponse:
    """Pre- and post-test scores per participant, entered by L&D (a learning gain needs both)."""
    training = _training(request, code)
    rows = list(
        access.enrollments_visible_to(request.actor)
        .filter(session__training=training, status__in=PARTICIPANT_STATUSES)
        .select_related("employee", "session")
        .order_by("session__starts_at", "employee__last_name")
    )
    scores = {s.enrollment_id: s for s in KnowledgeScore.objects.filter(enrollment__in=rows)}
    for row in rows:
        row.score = scores.get(row.pk)
    importing = request.POST.get("form") == "import"
    form = KnowledgeScoresForm(
        request.POST if request.method == "POST" and not importing else None, rows=rows
    )
    by_number = {r.employee.employee_number: r.pk for r in rows if r.employee.employee_number}
    paste = KnowledgeImportForm(request.POST if importing else None, by_number=by_number)
    if request.method == "POST":
        chosen = paste if importing else form
        if chosen.is_valid():
            scores = paste.cleaned_data["lines"] if importing else form.pairs()
            services.knowledge_scores_set(scores=scores)
            messages.success(request, _("Saved."))
            return redirect("results:training-report", code=training.code)
    context = {
        "form": form,
        "paste": paste,
        "training": training,
        "rows": [(r, form[f"pre_{r.pk}"], form[f"post_{r.pk}"]) for r in rows],
    }
    return render(
        request, "results/knowledge_scores.html", context, status=400 if request.method == "POST" else 200
    )
