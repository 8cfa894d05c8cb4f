"""The product's URLs plus the baseline for a paginated API list: the same 50 rows as bare JSON."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import include, path

from beklijf.people.models import Employee


def plain_employees(request):  # noqa: ANN001,ANN201
    """The floor: one page of 50 employees (with a count) as JSON, no token, no schema, no scoping."""
    qs = Employee.objects.order_by("last_name", "pk")
    rows = list(qs.values("code", "first_name", "last_name", "user__email", "team__code")[:50])
    return JsonResponse({"items": rows, "count": qs.count()}, json_dumps_params={"default": str})


urlpatterns = [
    path("bench/plain-employees/", plain_employees),
    path("", include("beklijf.config.urls")),
]
