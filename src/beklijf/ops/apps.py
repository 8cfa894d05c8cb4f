from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running beklijf safely: health, backups, logs, re-authentication, second factor, password rules."""

    name = "beklijf.ops"
    label = "ops"
    verbose_name = _("Operations and security")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from beklijf.ops.middleware import session_started

        user_logged_in.connect(
            lambda sender, request, user, **kwargs: session_started(request) if request is not None else None,
            weak=False,
            dispatch_uid="beklijf.ops.session_started",
        )
