from __future__ import annotations

from django.urls import path

from beklijf.integrations import views

app_name = "integrations"

urlpatterns = [
    path("api-tokens/", views.token_list, name="tokens"),
    path("api-tokens/<uuid:code>/revoke/", views.token_revoke_view, name="token-revoke"),
    path("lrs/", views.lrs_settings, name="lrs"),
]
