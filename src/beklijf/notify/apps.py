from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "beklijf.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from beklijf.notify import checks  # noqa: F401  (registers the task backend checks)
