"""Graceful shutdown with real processes: gunicorn finishes the request in flight; the worker finishes
the message it is sending, marks it, and exits 0; nothing is lost or sent twice."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import smtp

BEKLIJF = [sys.executable, "-m", "beklijf.cli"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:  # noqa: ANN001
    tmp = tmp_path_factory.mktemp("shutdown")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp}/site.sqlite3", SECRET_KEY="shutdown-test-" + "s" * 50, DEBUG="false",
               BEKLIJF_HTTPS="false", BEKLIJF_VAR_DIR=str(tmp), ALLOWED_HOSTS="127.0.0.1",
               BEKLIJF_OUTBOX_STALE_SECONDS="1", BEKLIJF_LOG_FORMAT="json", BEKLIJF_STATIC_ROOT=str(tmp / "static"))  # fmt: skip
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):  # as in production
        subprocess.run([*BEKLIJF, "manage", *command], env=env, check=True, capture_output=True, timeout=300)
    return env


def _wait_for(url: str, deadline: float) -> urllib.request.addinfourl:
    while True:
        try:
            return urllib.request.urlopen(url, timeout=2)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_gunicorn_finishes_the_request_in_flight_on_sigterm_and_hides_its_version(
    site: dict, tmp_path: Path
) -> None:
    port = smtp.free_port()
    log = (tmp_path / "gunicorn.log").open("w+")  # noqa: SIM115 - read back after the server stops
    server = subprocess.Popen([*BEKLIJF, "serve", "--address", f"127.0.0.1:{port}", "--workers", "1"],
                              env=site, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        first = _wait_for(f"http://127.0.0.1:{port}/health/live", time.monotonic() + 60)
        assert first.status == 200 and first.headers["Server"] == "beklijf"
        first.close()  # else the worker keeps serving this connection and the next one waits in the backlog
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/no-such-page", headers={"X-Request-ID": "trace-0001abcd"}
        )
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(request, timeout=5)
        assert missing.value.code == 404
        assert missing.value.headers["X-Request-ID"] == "trace-0001abcd"
        missing.value.close()

        # A request half sent when the stop comes: the worker waits for the rest and answers it.
        client = socket.create_connection(("127.0.0.1", port), timeout=10)
        client.sendall(b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(1.5)  # the worker accepts it and reads (a connection still in the backlog would be reset)
        server.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        client.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
        client.close()
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    log.close()
    assert any(entry["request_id"] == "trace-0001abcd" and entry["level"] == "WARNING" for entry in lines)


SETUP = """
from beklijf.notify.outbox import outbox_add
from beklijf.people.models import Employee, Organization, User
org = Organization.objects.create(name="Stop", slug="stop-{n}")
for i in range({count}):
    user = User.objects.create_user(email=f"stop{n}-{{i}}@example.com", password=None)
    e = Employee.objects.create(organization=org, user=user, first_name="S", last_name=str(i))
    outbox_add(key=f"stop{n}:{{i}}", organization=org, employee=e, kind="test", to=user.email,
               subject=f"Message {{i}}", text="Hello")
"""
STATUS = """
import json
from beklijf.notify.models import Outbox
print(json.dumps({{s: Outbox.objects.filter(key__startswith="stop{n}:", status=s).count()
                  for s in ("pending", "sending", "sent", "failed")}}))
"""


def test_the_worker_finishes_the_message_it_is_sending_then_exits_cleanly(site: dict) -> None:
    controller, handler = smtp.start(delay=0.6)
    env = {**site, "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}"}
    count = 6
    try:
        subprocess.run([*BEKLIJF, "manage", "shell", "-c", SETUP.format(n=1, count=count)], env=env, check=True,
                       capture_output=True, timeout=120)  # fmt: skip
        worker = subprocess.Popen([*BEKLIJF, "worker", "--no-tick", "--interval", "0.1"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while not handler.messages and time.monotonic() < deadline:
            time.sleep(0.02)
        # The server takes a message, then answers 250 after 0.6 s: at 0.8 s the first one is done and the
        # next one is in the server's hands.
        time.sleep(0.8)
        worker.send_signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        assert worker.wait(30) == 0
        assert time.monotonic() - stopped_at < 5  # one message, not the whole queue
        status = json.loads(subprocess.run([*BEKLIJF, "manage", "shell", "-c", STATUS.format(n=1)], env=env,
                                           check=True, capture_output=True, text=True, timeout=120).stdout.splitlines()[-1])  # fmt: skip
        assert status["sending"] == 0  # the message in flight was finished and recorded
        assert status["sent"] == len(handler.messages) >= 2
        assert status["pending"] == count - status["sent"]
        # The next worker sends the rest, and nothing twice.
        subprocess.run([*BEKLIJF, "worker", "--no-tick", "--batch", "--interval", "0"], env=env, check=True,
                       capture_output=True, timeout=120)  # fmt: skip
    finally:
        controller.stop()
    ids = [m["Message-ID"] for m in handler.messages]
    assert len(ids) == len(set(ids)) == count
