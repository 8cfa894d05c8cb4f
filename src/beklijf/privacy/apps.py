from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "beklijf.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from beklijf.privacy import audit

        # Each app declares in its own privacy.py how its rows are exported and erased (beklijf.privacy.registry).
        autodiscover_modules("privacy")
        audit.connect_signals()
