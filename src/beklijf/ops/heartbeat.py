"""Workers write a heartbeat row every few seconds; readiness looks for a recent one."""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.db import close_old_connections
from django.utils import timezone

from beklijf.ops.models import WorkerHeartbeat

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 15


def heartbeat_beat(*, worker_id: str) -> None:
    """Record that this worker is alive now (one UPSERT)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": timezone.now(), "hostname": socket.gethostname()[:255], "pid": os.getpid()},
    )


def start_heartbeat_thread(*, worker_id: str, stop: threading.Event) -> threading.Thread:
    def loop() -> None:
        while not stop.is_set():
            try:
                close_old_connections()
                heartbeat_beat(worker_id=worker_id)
            except Exception:  # the database may be restarting: try again next time
                log.warning("heartbeat failed", exc_info=True)
            stop.wait(INTERVAL_SECONDS)

    thread = threading.Thread(target=loop, name="beklijf-heartbeat", daemon=True)
    thread.start()
    return thread
