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
        user_logged_in.connect(
            _password_just_given, weak=False, dispatch_uid="beklijf.ops.password_just_given"
        )


def _password_just_given(sender, request, user, **kwargs) -> None:  # noqa: ANN001,ANN003
    """A password typed into the log-in form a moment ago counts as the re-entry an export asks for: nobody
    should be asked for it twice in a minute. Sign-in links and single sign-on do not count."""
    from django.urls import reverse

    from beklijf.ops.reauth import mark_recent_auth

    if request is not None and request.method == "POST" and request.path == reverse("login"):
        mark_recent_auth(request)
