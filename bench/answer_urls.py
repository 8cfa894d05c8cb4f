"""The product's URLs plus the benchmark's reference views."""

from __future__ import annotations

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt


def hello(request):  # noqa: ANN001,ANN201
    return HttpResponse("hello")


@csrf_exempt
def bare_insert(request):  # noqa: ANN001,ANN201
    """The floor for a write: one row inserted in a transaction, no session, no template."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_hit (at) VALUES (%s)", [timezone.now()])
    return HttpResponse("ok")


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/insert/", bare_insert),
    path("", include("beklijf.config.urls")),
]
