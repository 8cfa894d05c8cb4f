"""Import screens for L&D admins: upload -> columns and dry run -> import (all rows, or only the valid ones).

The uploaded file is kept under a generated name between the steps (imports/files.py); the session holds
only its handle. Every step re-reads the file and plans again, so what is imported is what was shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beklijf.imports import completions as completions_import
from beklijf.imports import files, hr
from beklijf.ops.reauth import require_recent_auth
from beklijf.people import access
from beklijf.privacy import audit

SESSION_KEY = "imports_{kind}"


def _admin(request: HttpRequest) -> None:
    if not access.can_import(request.actor):
        raise PermissionDenied


def _rows_and_layout(request: HttpRequest, kind: str, detect):  # noqa: ANN001,ANN202
    """(rows, layout, None) from a new upload or the kept one, or (None, None, response) to send back."""
    key = SESSION_KEY.format(kind=kind)
    upload = request.FILES.get("file")
    if upload is not None:
        try:
            data, file_kind, rows = files.read_upload(upload)
        except files.ImportRefused as refused:
            return None, None, str(refused)
        if request.session.get(key):
            files.discard(request.session[key])
        request.session[key] = files.store(data, file_kind)
        return rows, detect(rows, request.actor.organization), None
    stored = files.load(request.session.get(key, ""))
    if stored is None:
        messages.error(request, _("Upload the file again: the earlier upload is no longer available."))
        return None, None, redirect(f"imports:{kind}")
    rows = files.read_rows(*stored)
    layout = files.layout_with(detect(rows, request.actor.organization), _posted(request))
    return rows, layout, None


def _posted(request: HttpRequest) -> dict[str, str]:
    return {k.removeprefix("map_"): v for k, v in request.POST.items() if k.startswith("map_")}


def _done(request: HttpRequest, kind: str) -> None:
    key = SESSION_KEY.format(kind=kind)
    files.discard(request.session.pop(key, ""))


@login_required
@require_http_methods(["GET", "POST"])
@require_recent_auth()
def employees(request: HttpRequest) -> HttpResponse:
    """The HR import: employees, teams and managers."""
    _admin(request)
    context: dict = {"max_mb": files.MAX_BYTES // 2**20}
    if request.method == "GET":
        return render(request, "imports/employees.html", context)
    rows, layout, problem = _rows_and_layout(request, "employees", hr.detect_layout)
    if isinstance(problem, str):
        return render(request, "imports/employees.html", {**context, "refused": problem}, status=400)
    if problem is not None:
        return problem
    organization = request.actor.organization
    full_export = request.POST.get("full_export") == "on"
    context["full_export"] = full_export
    action = request.POST.get("action", "check")
    if "file" not in request.FILES and action in ("import", "import_valid"):
        result, written = hr.apply(organization, rows, layout, full_export=full_export,
                                   valid_only=action == "import_valid", keep=request.actor.employee)  # fmt: skip
        if written:
            _done(request, "employees")
            audit.record(request.actor, "import", None, kind="employees", created=result.created,
                         updated=result.updated, deactivated=result.deactivated, skipped=result.invalid)  # fmt: skip
            messages.success(
                request,
                _(
                    "Imported: %(created)s created, %(updated)s updated, %(deactivated)s deactivated, "
                    "%(unchanged)s unchanged; %(invalid)s rows with errors skipped."
                )  # fmt: skip
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "deactivated": result.deactivated,
                    "unchanged": result.unchanged,
                    "invalid": result.invalid,
                },  # fmt: skip
            )
            return redirect("imports:employees")
        messages.error(
            request, _("Nothing was imported: correct the rows below, or import only the valid rows.")
        )
        return render(
            request, "imports/employees.html", {**context, "plan": result, "layout": layout}, status=400
        )
    result = hr.plan(organization, rows, layout, full_export=full_export, keep=request.actor.employee)
    return render(request, "imports/employees.html", {**context, "plan": result, "layout": layout})


@login_required
@require_http_methods(["GET", "POST"])
@require_recent_auth()
def completions(request: HttpRequest) -> HttpResponse:
    """Completions from a provider's attendance list or an LMS export, for one session."""
    _admin(request)
    sessions = access.sessions_of_organization(request.actor.organization).order_by("-starts_at")
    context: dict = {"max_mb": files.MAX_BYTES // 2**20, "sessions": sessions}
    if request.method == "GET":
        context["chosen"] = request.GET.get("session", "")
        return render(request, "imports/completions.html", context)
    chosen = request.POST.get("session", "")
    session = _session(sessions, chosen)
    context["chosen"] = chosen
    if session is None:
        context["refused"] = _("Choose the training session the list is about.")
        return render(request, "imports/completions.html", context, status=400)
    rows, layout, problem = _rows_and_layout(request, "completions", completions_import.detect_layout)
    if isinstance(problem, str):
        return render(request, "imports/completions.html", {**context, "refused": problem}, status=400)
    if problem is not None:
        return problem
    organization = request.actor.organization
    action = request.POST.get("action", "check")
    if "file" not in request.FILES and action in ("import", "import_valid"):
        result, written = completions_import.apply(
            organization, session, rows, layout, valid_only=action == "import_valid"
        )
        if written:
            _done(request, "completions")
            audit.record(request.actor, "import", None, kind="completions", session=str(session.code),
                         completed=result.completing, unmatched=len(result.unmatched))  # fmt: skip
            messages.success(
                request,
                _(
                    "Imported: %(completed)s completed (their follow-up starts), %(unchanged)s already completed, "
                    "%(unmatched)s people not found."
                )  # fmt: skip
                % {
                    "completed": result.completing,
                    "unchanged": result.unchanged,
                    "unmatched": len(result.unmatched),
                },  # fmt: skip
            )
            return render(request, "imports/completions.html", {**context, "plan": result, "done": True})
        messages.error(
            request, _("Nothing was imported: correct the rows below, or import only the valid rows.")
        )
        return render(
            request, "imports/completions.html", {**context, "plan": result, "layout": layout}, status=400
        )
    result = completions_import.plan(organization, session, rows, layout)
    return render(request, "imports/completions.html", {**context, "plan": result, "layout": layout})


def _session(sessions, code: str):  # noqa: ANN001,ANN202
    try:
        return sessions.filter(code=code).first() if code else None
    except (ValueError, ValidationError):  # a malformed code is as unknown as a foreign one
        return None
