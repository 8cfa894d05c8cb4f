"""The `beklijf` command: demo, serve, worker, tick, manage, memory-eval, bench, simulate."""

from __future__ import annotations

import argparse
import os
import sys
import threading

DEMO_ADDRESS = "127.0.0.1:8000"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beklijf.config.settings")
    import django

    django.setup()


def cmd_manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beklijf.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["beklijf manage", *args])
    return 0


def _uses_database_backend() -> bool:
    """Whether the tasks go to django-tasks-db, the only backend whose worker `beklijf` runs itself."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def _start_worker_thread() -> threading.Thread:
    """Run the django-tasks-db worker loop inside this process: the demo needs no second command."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="demo-in-process",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="beklijf-worker", daemon=True)
    thread.start()
    return thread


def _tick_loop(stop: threading.Event | None = None) -> None:
    """Run the periodic tick at the start of every minute; a failing tick is logged, the loop goes on."""
    import datetime as dt
    import logging
    import time

    from django.db import close_old_connections

    from beklijf.notify.tick import tick

    log = logging.getLogger("beklijf.tick")
    while stop is None or not stop.is_set():
        now = dt.datetime.now(dt.UTC)
        time.sleep(60 - now.second - now.microsecond / 1e6)
        close_old_connections()
        try:
            tick(at=dt.datetime.now(dt.UTC).replace(second=0, microsecond=0))
        except Exception:
            log.exception("tick failed")


def _start_tick_thread() -> threading.Thread:
    thread = threading.Thread(target=_tick_loop, name="beklijf-tick", daemon=True)
    thread.start()
    return thread


def cmd_tick(at: str | None) -> int:
    """One tick from cron: `beklijf tick [--at 2026-11-30T09:00+01:00]`."""
    import datetime as dt
    import json

    _setup_django()
    from beklijf.notify.tick import tick

    moment = dt.datetime.fromisoformat(at) if at else dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    if moment.tzinfo is None:
        print("beklijf tick: --at needs a time zone, e.g. 2026-11-30T09:00+01:00", file=sys.stderr)
        return 2
    print(json.dumps(tick(at=moment)))
    return 0


def cmd_demo(address: str, *, serve: bool = True) -> int:
    # A local trial: DEBUG on, SQLite under ./var, mail printed to the terminal.
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("BEKLIJF_HTTPS", "false")
    # The demo accounts share a published password, so a second factor protects nothing here and would only
    # stand between a visitor and the L&D screens; production keeps it on (docs/security.md).
    os.environ.setdefault("BEKLIJF_2FA_FOR_LD_ADMINS", "false")
    _setup_django()
    from django.core.management import call_command

    from beklijf.demo.load import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load

    call_command("migrate", interactive=False, verbosity=0)
    created = demo_load()
    print("beklijf demo:", "demo organisation loaded" if created else "demo organisation already there")
    print(f"\n  Open http://{address}/ and log in with password {DEMO_PASSWORD!r} as:")
    for role, email in DEMO_ACCOUNTS.items():
        print(f"    {role:<10} {email}")
    from django.conf import settings

    if not settings.BEKLIJF_2FA_FOR_LD_ADMINS:
        print(
            "  Two-step log-in for L&D admins is off in the demo (BEKLIJF_2FA_FOR_LD_ADMINS=true turns it on)."
        )
    print()
    if not serve:
        return 0
    if _uses_database_backend():
        _start_worker_thread()
    else:  # a Celery or RQ backend: its own worker runs the tasks, as in production
        print("  The task backend's own worker must run beside this demo (docs/operations.md).\n")
    _start_tick_thread()
    call_command("runserver", address, use_reloader=False, use_threading=True, skip_checks=True)
    return 0


def cmd_serve(address: str, workers: int) -> int:
    """Production: gunicorn (sync workers; on this class of machine 2-4 per 2 cores is the sweet spot)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beklijf.config.settings")
    from gunicorn.app.wsgiapp import run

    sys.argv = ["gunicorn", "--config", "python:beklijf.ops.gunicorn_conf", "--bind", address,
                "--workers", str(workers), "--access-logfile", "-", "beklijf.config.wsgi:application"]  # fmt: skip
    run()
    return 0


def cmd_worker(extra: list[str]) -> int:
    """The task worker, with the minute tick beside it.

    `--no-tick` when cron runs `beklijf tick`; `--tick-only` runs just the minute tick, for a Celery or RQ
    backend whose own worker runs the tasks (docs/operations.md). SIGTERM finishes the current task and exits
    (beklijf/ops/management/commands/run_worker.py).
    """
    if "--tick-only" in extra:
        _setup_django()
        from django.core.management import call_command
        from django.core.management.base import SystemCheckError

        try:
            call_command("check")  # as db_worker does: a task backend that cannot work stops start-up
        except SystemCheckError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(
            "beklijf worker: the minute tick only; the task backend's own worker runs the tasks", flush=True
        )
        _tick_loop()
        return 0
    _setup_django()
    if not _uses_database_backend():
        from django.conf import settings

        print(
            "beklijf worker runs the database backend's tasks, but the task backend is "
            f"{settings.TASKS['default']['BACKEND']} (BEKLIJF_TASK_BACKEND). Run that backend's own "
            "worker for the tasks and `beklijf worker --tick-only` (or cron `beklijf tick`) for the minute "
            "tick; see docs/operations.md.",
            file=sys.stderr,
        )
        return 2
    if "--no-tick" in extra:
        extra = [arg for arg in extra if arg != "--no-tick"]
    else:
        _start_tick_thread()
    return cmd_manage(["run_worker", *extra])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="beklijf", description="Follow-up after company trainings.")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="migrate, load the demo organisation, serve with an in-process worker")
    demo.add_argument("--address", default=DEMO_ADDRESS)
    demo.add_argument("--no-serve", action="store_true", help="set up only; do not start the server")
    serve = sub.add_parser("serve", help="serve in production with gunicorn")
    serve.add_argument("--address", default=os.environ.get("BEKLIJF_BIND", "127.0.0.1:8000"))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("BEKLIJF_WORKERS", "3")))
    sub.add_parser("worker", help="run the background task worker and the minute tick", add_help=False)
    tick = sub.add_parser("tick", help="find what is due and queue it (for cron)")
    tick.add_argument("--at", help="the moment, ISO 8601 with a time zone (default: now)")
    sub.add_parser("manage", help="any manage.py command", add_help=False)
    sub.add_parser("memory-eval", help="evaluate the memory model on a review log (CSV)", add_help=False)
    sub.add_parser("bench", help="run a benchmark: bench queue --states N [--json]", add_help=False)
    sub.add_parser("simulate", help="compare follow-up strategies on simulated learners", add_help=False)
    sub.add_parser("import", help="import employees or completions: import employees FILE [--dry-run]",
                   add_help=False)  # fmt: skip
    sub.add_parser("backup", help="backup FILE: a consistent copy of the database, online", add_help=False)
    sub.add_parser("restore", help="restore FILE [--yes]: replace the database with a backup", add_help=False)

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in {"backup", "restore"}:
        return cmd_manage(argv)  # beklijf/ops/management/commands/{backup,restore}.py
    if argv and argv[0] in {"manage", "worker", "memory-eval", "bench", "simulate", "import"}:
        command, rest = argv[0], argv[1:]
        if command == "simulate":
            from beklijf.demo.simulate_cli import main as simulate

            return simulate(rest)
        if command == "manage":
            return cmd_manage(rest)
        if command == "import":
            # `beklijf import employees|completions ...` -> the imports app's management commands.
            if not rest or rest[0] not in {"employees", "completions"}:
                print(
                    "usage: beklijf import {employees,completions} FILE [options] (--help)", file=sys.stderr
                )
                return 2
            return cmd_manage([f"import_{rest[0]}", *rest[1:]])
        if command == "worker":
            return cmd_worker(rest)
        if command == "memory-eval":
            from beklijf.engine.evaluation import main as memory_eval

            return memory_eval(rest)
        from beklijf.bench import main as bench

        return bench(rest)
    args = parser.parse_args(argv)
    if args.command == "demo":
        return cmd_demo(args.address, serve=not args.no_serve)
    if args.command == "tick":
        return cmd_tick(args.at)
    if args.command == "serve":
        return cmd_serve(args.address, args.workers)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
