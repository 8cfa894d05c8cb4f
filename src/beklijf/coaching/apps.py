from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "beklijf.coaching"
    label = "coaching"
    verbose_name = _("Coaching")
