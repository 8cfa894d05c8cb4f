"""Settings for the test suite: the real settings, made fast and deterministic."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("BEKLIJF_HTTPS", "false")
os.environ.setdefault("EMAIL_URL", "locmem://")

from beklijf.config.settings import *  # noqa: E402,F403

# For speed: a password hash per test user would dominate the suite (healthchecks does the same).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
LANGUAGE_CODE = "en"
