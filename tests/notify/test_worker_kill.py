"""A worker killed with SIGKILL mid-batch, three times, then restarted: every message arrives, none is lost.

Real processes, a real SMTP server, a real database file. Delivery is at-least-once with a stable
Message-ID: a kill between the server's "250 OK" and the row's UPDATE can repeat that one message (with
the same Message-ID, so mail systems recognise it); the test allows at most one repeat per kill.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests import smtp

BEKLIJF = [sys.executable, "-m", "beklijf.cli"]
MESSAGES = 60
KILLS = 3

SETUP = f"""
from beklijf.notify.outbox import outbox_add
from beklijf.people.models import Employee, Organization, User
org = Organization.objects.create(name="Kill", slug="kill")
for i in range({MESSAGES}):
    user = User.objects.create_user(email=f"k{{i}}@example.com", password=None)
    e = Employee.objects.create(organization=org, user=user, first_name="K", last_name=str(i))
    outbox_add(key=f"kill:{{i}}", organization=org, employee=e, kind="test", to=user.email,
               subject=f"Message {{i}}", text="Hello")
"""


def _run(args: list[str], env: dict) -> str:
    return subprocess.run(
        [*BEKLIJF, *args], env=env, check=True, capture_output=True, text=True, timeout=300
    ).stdout


def test_killed_workers_lose_nothing_and_repeat_at_most_the_message_in_flight(tmp_path: Path) -> None:
    controller, handler = smtp.start(delay=0.05)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path}/kill.sqlite3",
        SECRET_KEY="kill-test-" + "k" * 50,
        DEBUG="false",
        BEKLIJF_HTTPS="false",
        BEKLIJF_VAR_DIR=str(tmp_path),
        EMAIL_URL=f"smtp://127.0.0.1:{controller.port}",
        BEKLIJF_OUTBOX_STALE_SECONDS="1",
        BEKLIJF_LOG_LEVEL="WARNING",
    )
    try:
        _run(["manage", "migrate", "--noinput"], env)
        _run(["manage", "shell", "-c", SETUP], env)
        for kill in range(KILLS):
            worker = subprocess.Popen([*BEKLIJF, "worker", "--no-tick", "--interval", "0.1"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            target = (kill + 1) * MESSAGES // (KILLS + 2)
            deadline = time.monotonic() + 60
            while len(handler.messages) < target and time.monotonic() < deadline:
                time.sleep(0.01)
            os.kill(worker.pid, signal.SIGKILL)  # mid-batch, mid-message, whatever it was doing
            worker.wait(10)
            # What a restart finds: stale claims go back to the queue, lost tasks are queued again.
            time.sleep(1.1)
            later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).isoformat()
            _run(["tick", "--at", later], env)
        assert len(handler.messages) < MESSAGES, "the kills came too late to test anything"
        _run(["worker", "--no-tick", "--batch", "--interval", "0"], env)
    finally:
        controller.stop()
    expected = {f"<{uuid.uuid5(uuid.NAMESPACE_URL, f'kill:{i}')}@beklijf>" for i in range(MESSAGES)}
    received = [m["Message-ID"] for m in handler.messages]
    assert set(received) == expected  # every message arrived
    print(f"repeats: {len(received) - len(expected)} after {KILLS} kills")
    assert len(received) - len(expected) <= KILLS  # a repeat only for a message in flight at a kill
