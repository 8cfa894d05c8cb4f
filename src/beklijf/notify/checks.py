"""Start-up checks of the task backend: a backend that cannot run beklijf's tasks fails `manage check`.

What beklijf asks of a backend is little: tasks with positional JSON arguments (ids), enqueued after the
commit, run at least once by some worker. No priority, no `run_after` (retries are planned by the outbox and
picked up by the tick), no result lookup. So any Django Tasks backend that runs tasks will do, except these.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

CELERY_APP = "beklijf.config.celery_app.app"


@checks.register(checks.Tags.compatibility)
def task_backend_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:  # noqa: ANN001
    from django.tasks.backends.dummy import DummyBackend

    config = settings.TASKS.get("default", {})
    path = config.get("BACKEND", "")
    try:
        backend = import_string(path)
    except ImportError:
        return []  # Django's own check of the tasks framework names the missing backend
    if isinstance(backend, type) and issubclass(backend, DummyBackend):
        return [
            checks.Error(
                f"The task backend {path} keeps tasks but never runs them: no reminder or e-mail would be "
                "sent.",
                hint="Leave BEKLIJF_TASK_BACKEND unset (the database backend), or choose Celery or RQ as in "
                "docs/operations.md.",
                id="beklijf.E401",
            )
        ]
    if path.startswith("django_tasks_celery.") and config.get("OPTIONS", {}).get("CELERY_APP") != CELERY_APP:
        # Without it the web process sends through Celery's unconfigured default app (its own queue and
        # broker), while the worker listens with beklijf's configuration: tasks would wait forever.
        return [
            checks.Error(
                f"The Celery task backend must use beklijf's Celery app ({CELERY_APP}).",
                hint=f'Set BEKLIJF_TASK_OPTIONS={{"CELERY_APP": "{CELERY_APP}"}} (docs/operations.md).',
                id="beklijf.E402",
            )
        ]
    return []
