from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def calendar_domain() -> str:
    """The host part of every calendar UID: fixed by the site's URL, so UIDs stay stable for a deployment."""
    return urlsplit(settings.SITE_URL).hostname or "beklijf"
