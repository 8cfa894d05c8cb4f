"""The product's URLs plus the benchmark's reference views."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def hello(request):  # noqa: ANN001,ANN201
    return HttpResponse("hello")


@csrf_exempt
def bare_insert(request):  # noqa: ANN001,ANN201
    """The floor for a write: one row inserted in a transaction, no session, no template."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_hit (at) VALUES (%s)", [timezone.now()])
    return HttpResponse("ok")


@login_required
@require_POST
def signed_in_insert(request):  # noqa: ANN001,ANN201
    """The same one-row insert behind everything a signed-in POST passes: session, account and employee load,
    CSRF, the actor middleware, no-store. What an answer costs beyond this is the answer's own work."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_hit (at) VALUES (%s)", [timezone.now()])
    return HttpResponse(f"ok {request.actor.employee.pk}")


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/insert/", bare_insert),
    path("bench/signed-in-insert/", signed_in_insert),
    path("", include("beklijf.config.urls")),
]
