from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from beklijf.integrations.api.main import api

urlpatterns = [
    path("", include("beklijf.people.urls")),
    path("catalog/", include("beklijf.catalog.urls")),
    path("practice/", include("beklijf.practice.urls")),
    path("follow-up/", include("beklijf.notify.urls")),
    path("coaching/", include("beklijf.coaching.urls")),
    path("needs/", include("beklijf.needs.urls")),
    path("privacy/", include("beklijf.privacy.urls")),
    path("results/", include("beklijf.results.urls")),
    path("surveys/", include("beklijf.surveys.urls")),
    path("imports/", include("beklijf.imports.urls")),
    path("", include("beklijf.ops.urls")),
    path("integrations/", include("beklijf.integrations.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# The Django admin is for superusers only; everyone else works in the product screens.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser  # type: ignore[method-assign]
