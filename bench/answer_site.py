"""Settings for the answer benchmark: the real product, plus two bare reference views (answer_urls.py).

gunicorn loads this module with DJANGO_SETTINGS_MODULE=answer_site (bench/ on PYTHONPATH).
"""

from __future__ import annotations

from beklijf.config.settings import *  # noqa: F403

ROOT_URLCONF = "answer_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
AXES_ENABLED = False  # the benchmark logs nobody in; axes adds nothing to the answer path
