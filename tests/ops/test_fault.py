"""The daily nudge run under faults: the worker is killed (SIGKILL) 20 times at random moments and the
database is restarted twice, on a private PostgreSQL cluster. Every employee gets their reminder: none is
lost, and a repeat is only ever the one message whose "250 OK" was in flight at a kill.

Real processes, a real SMTP server, a real PostgreSQL restart. The figures are printed and recorded in
docs/benchmarks.md ("Fault test").
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests import smtp
from tests.ops import pgcluster

pytestmark = pytest.mark.slow
BEKLIJF = [sys.executable, "-m", "beklijf.cli"]
EMPLOYEES = 500
KILLS = 20
RESTARTS_AT = {6, 13}  # kill numbers after which the database is also restarted, while a worker runs

SETUP = f"""
import datetime as dt, zoneinfo
from django.db import connection
from beklijf.bench import _fill
from beklijf.people.models import Organization
at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))  # a Tuesday, in the past
_fill({EMPLOYEES} * 20, at.astimezone(dt.UTC), seed=7)
Organization.objects.update(nudge_holdout=0)
with connection.cursor() as cursor:
    cursor.execute("UPDATE practice_memorystate SET due = %s WHERE learning_point_id = "
                   "(SELECT MIN(learning_point_id) FROM practice_memorystate)", [at - dt.timedelta(hours=2)])
"""  # noqa: S608 - constant code for our own `manage shell`
SWEEP = """
import datetime as dt
from beklijf.notify.outbox import outbox_sweep
outbox_sweep(at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
"""
COUNTS = """
import json
from beklijf.notify.models import Outbox
print(json.dumps({s: Outbox.objects.filter(kind="nudge", status=s).count() for s in ("pending", "sending", "sent", "failed")}))
"""


def _run(args: list[str], env: dict) -> str:
    return subprocess.run(
        [*BEKLIJF, *args], env=env, check=True, capture_output=True, text=True, timeout=600
    ).stdout


@pytest.mark.skipif(pgcluster.binaries() is None, reason="needs PostgreSQL server binaries (postgresql-15)")
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="brings its own PostgreSQL cluster: it runs once, in the SQLite pass (`make test`)",
)
def test_the_nudge_run_survives_20_worker_kills_and_database_restarts() -> None:
    rng = random.Random(20261127)
    cluster = pgcluster.Cluster()
    cluster.start()
    controller, handler = smtp.start(delay=0.05)  # a quick mail server; real ones take longer
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=cluster.url, SECRET_KEY="fault-test-" + "f" * 50, DEBUG="false", BEKLIJF_HTTPS="false",
               EMAIL_URL=f"smtp://127.0.0.1:{controller.port}", BEKLIJF_OUTBOX_STALE_SECONDS="1",
               BEKLIJF_LOG_LEVEL="ERROR", BEKLIJF_SITE_URL="https://beklijf.example.com")  # fmt: skip
    in_flight: list[str | None] = []  # the last Message-ID received before each kill
    restarts = 0
    started = time.monotonic()
    try:
        _run(["manage", "migrate", "--noinput"], env)
        _run(["manage", "shell", "-c", SETUP], env)
        planned = json.loads(_run(["tick", "--at", "2026-11-24T10:00+01:00"], env).strip().splitlines()[-1])
        assert planned["nudges"] == EMPLOYEES
        for kill in range(KILLS):
            before = len(handler.messages)
            worker = subprocess.Popen([*BEKLIJF, "worker", "--no-tick", "--interval", "0.05"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            deadline = time.monotonic() + 60
            while len(handler.messages) == before and time.monotonic() < deadline:
                time.sleep(0.005)
            if kill in RESTARTS_AT:
                cluster.restart()  # the worker keeps running through it
                restarts += 1
                mark = len(handler.messages)
                while len(handler.messages) == mark and time.monotonic() < deadline + 60:
                    time.sleep(0.01)
                assert worker.poll() is None, "the worker died when the database restarted"
            time.sleep(rng.uniform(0, 0.4))  # a random moment mid-batch
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(10)
            # Let the mail server finish a DATA it had fully received before the kill: that message is the one
            # whose 250 never reached the killed worker.
            time.sleep(0.2)
            in_flight.append(handler.messages[-1]["Message-ID"] if handler.messages else None)
            if kill % 4 == 3:
                time.sleep(1.1)  # the killed claims are now stale
                _run(["manage", "shell", "-c", SWEEP], env)  # what a restarted worker's minute tick does
        sent_during_kills = len(handler.messages)
        assert sent_during_kills < EMPLOYEES, "the kills came too late to test anything"
        # Drain: sweep until nothing is left (a message freed by the sweep is queued again).
        for _ in range(5):
            _run(["worker", "--no-tick", "--batch", "--interval", "0"], env)
            counts = json.loads(_run(["manage", "shell", "-c", COUNTS], env).strip().splitlines()[-1])
            if counts["sent"] == EMPLOYEES:
                break
            time.sleep(1.1)
            _run(["manage", "shell", "-c", SWEEP], env)
    finally:
        controller.stop()
        cluster.stop()
    received = [m["Message-ID"] for m in handler.messages]
    recipients = {m["To"] for m in handler.messages}
    duplicates = len(received) - len(set(received))
    repeated = {mid for mid in received if received.count(mid) > 1}
    figures = {
        "employees": EMPLOYEES, "kills": KILLS, "database_restarts": restarts, "received": len(received),
        "distinct": len(set(received)), "lost": EMPLOYEES - len(recipients), "duplicates": duplicates,
        "sent_during_kills": sent_during_kills, "seconds": round(time.monotonic() - started, 1), "counts": counts,
    }  # fmt: skip
    print("fault test:", json.dumps(figures))
    assert len(recipients) == EMPLOYEES and counts == {
        "pending": 0,
        "sending": 0,
        "sent": EMPLOYEES,
        "failed": 0,
    }
    # A repeat can only be a message whose 250 was in flight when its worker was killed.
    assert repeated <= set(in_flight), (repeated, in_flight)
