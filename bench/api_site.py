"""Settings for the API list benchmark: the real product plus one bare reference view (api_urls.py)."""

from __future__ import annotations

from beklijf.config.settings import *  # noqa: F403

ROOT_URLCONF = "api_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
AXES_ENABLED = False
