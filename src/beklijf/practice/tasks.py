"""Background tasks: thin interfaces that take ids and call a service."""

from __future__ import annotations

from django.tasks import task


@task
def parameters_fit(organization_id: int) -> int | None:
    """Refit the memory model for one organisation; returns the new version, or None when nothing changed."""
    from beklijf.people.models import Organization
    from beklijf.practice import services

    organization = Organization.objects.get(pk=organization_id)
    fitted = services.parameters_fit(organization=organization)
    return fitted.version if fitted else None
