"""`beklijf worker`: django-tasks-db's worker, plus a heartbeat, a graceful stop and database restarts survived.

SIGTERM (systemd stop, docker stop, Kubernetes) finishes the task being run and exits with status 0; a long
batch task sees the stop flag and hands the rest of its batch back to the queue. A lost database connection
(the database restarts) is logged and retried instead of ending the process.
"""

from __future__ import annotations

import logging
import threading
import time
from types import FrameType

from django.db import close_old_connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

from beklijf.ops import shutdown
from beklijf.ops.heartbeat import start_heartbeat_thread

log = logging.getLogger("beklijf.worker")


class StoppableWorker(db_worker.Worker):
    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        shutdown.STOP.set()
        super().shutdown(signum, frame)

    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return
            except (OperationalError, InterfaceError):
                # The database went away (a restart, a failover): wait and reconnect.
                log.warning("database unavailable; retrying in 1 s", exc_info=True)
                self.running_task = False
                time.sleep(1)
                try:
                    close_old_connections()
                except Exception:  # noqa: S110 - a dead connection may fail to close; it is dropped anyway
                    pass


class Command(db_worker.Command):
    help = "Run the background task worker with a heartbeat and a graceful stop on SIGTERM."

    def handle(self, **options) -> None:  # noqa: ANN003
        self.configure_logging(options["verbosity"])
        stop = threading.Event()
        start_heartbeat_thread(worker_id=options["worker_id"], stop=stop)
        worker = StoppableWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=options["exclude_queues"].split(",") if options["exclude_queues"] else [],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
