from __future__ import annotations

from django.urls import path

from beklijf.ops import health, reauth, twofactor

app_name = "ops"

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("account/confirm/", reauth.reauth, name="reauth"),
    path("account/two-factor/setup/", twofactor.setup, name="2fa-setup"),
    path("account/two-factor/", twofactor.verify_view, name="2fa-verify"),
    path("account/two-factor/recovery-codes/", twofactor.recovery_renew, name="2fa-recovery"),
]
