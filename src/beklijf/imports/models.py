"""What the imports remember: the column mapping an organisation confirmed, per kind of file."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.people.models import Organization


class SavedMapping(models.Model):
    """The headings an L&D admin confirmed for each field, so the next export of the same system maps itself."""

    class Kind(models.TextChoices):
        EMPLOYEES = "employees", _("Employees")
        COMPLETIONS = "completions", _("Completions")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="import_mappings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # normalised heading ("emailwerk") -> field ("email")
    headings = models.JSONField(_("headings"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="import_mapping_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} - {self.kind}"
