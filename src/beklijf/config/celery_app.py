"""The Celery app for `BEKLIJF_TASK_BACKEND=django_tasks_celery.CeleryBackend` (docs/operations.md).

`celery -A beklijf.config.celery_app worker` runs beklijf's tasks. Celery reads its configuration from the
Django settings named CELERY_* (set through BEKLIJF_TASK_SETTINGS) and from CELERY_BROKER_URL.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beklijf.config.settings")

app = Celery("beklijf")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Importing each app's tasks module registers its Django tasks with Celery (django-tasks-celery does that
# when a task is defined), so the worker knows them before the first message arrives.
app.autodiscover_tasks()
