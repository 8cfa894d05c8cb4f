from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running beklijf safely: health, backups, logs, re-authentication, second factor, password rules."""

    name = "beklijf.ops"
    label = "ops"
    verbose_name = _("Operations and security")
