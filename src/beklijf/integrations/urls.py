from __future__ import annotations

from django.urls import path

from beklijf.integrations import sso_views, views

app_name = "integrations"

urlpatterns = [
    path("api-tokens/", views.token_list, name="tokens"),
    path("api-tokens/<uuid:code>/revoke/", views.token_revoke_view, name="token-revoke"),
    path("lrs/", views.lrs_settings, name="lrs"),
    path("sso/", sso_views.sso_settings, name="sso"),
    path("sso/login/", sso_views.sso_choose, name="sso-choose"),
    path("sso/login/<slug:slug>/", sso_views.SsoStartView.as_view(), name="sso-start"),
    path("sso/callback/", sso_views.SsoCallbackView.as_view(), name="sso-callback"),
    path("sso/refused/", sso_views.sso_refused, name="sso-refused"),
]
