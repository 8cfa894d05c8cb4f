"""Liveness and readiness for load balancers and orchestrators.

`/health/live` answers as long as the process serves requests (no database: a database outage must not
get every web process restarted). `/health/ready` says whether this instance should get traffic: the
database answers, every migration is applied, and a background worker has shown a sign of life recently.
The answer names the checks, never the error text (that goes to the log).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from beklijf.ops.models import WorkerHeartbeat

log = logging.getLogger(__name__)

# Once every migration is applied it stays so for this process's code; loading the migration graph
# costs tens of milliseconds, so a positive answer is remembered.
_migrations_ok = False


def database_ok() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        log.exception("readiness: database unreachable")
        return False


def migrations_ok() -> bool:
    global _migrations_ok
    if _migrations_ok:
        return True
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        log.exception("readiness: cannot read the migration state")
        return False
    if plan:
        log.warning("readiness: %d migrations not applied (run `beklijf manage migrate`)", len(plan))
        return False
    _migrations_ok = True
    return True


def worker_ok(*, at: dt.datetime | None = None) -> bool:
    if not settings.BEKLIJF_READY_NEEDS_WORKER:
        return True
    at = at or timezone.now()
    limit = at - dt.timedelta(seconds=settings.BEKLIJF_HEARTBEAT_MAX_AGE)
    try:
        return WorkerHeartbeat.objects.filter(seen_at__gte=limit).exists()
    except Exception:
        log.exception("readiness: cannot read worker heartbeats")
        return False


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_ok()}
    checks["migrations"] = checks["database"] and migrations_ok()
    checks["worker"] = checks["database"] and worker_ok()
    ok = all(checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)
