from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "beklijf.practice"
    label = "practice"
    verbose_name = _("Practice")
