from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "beklijf.needs"
    label = "needs"
    verbose_name = _("Needs")
