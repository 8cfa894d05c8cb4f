"""Health endpoints, request ids and structured logs, in process."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys

from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beklijf.ops import health
from beklijf.ops.heartbeat import heartbeat_beat
from beklijf.ops.logs import JsonFormatter, RequestIdFilter, request_id_var
from beklijf.ops.models import WorkerHeartbeat


def test_live_answers_without_a_session(db) -> None:  # noqa: ANN001
    response = Client().get(reverse("ops:health-live"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_ready_needs_a_recent_worker_heartbeat(db, settings) -> None:  # noqa: ANN001
    url = reverse("ops:health-ready")
    response = Client().get(url)
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "migrations": True, "worker": False}
    heartbeat_beat(worker_id="w1")
    assert Client().get(url).status_code == 200
    WorkerHeartbeat.objects.update(
        seen_at=timezone.now() - dt.timedelta(seconds=settings.BEKLIJF_HEARTBEAT_MAX_AGE + 5)
    )
    assert Client().get(url).status_code == 503
    settings.BEKLIJF_READY_NEEDS_WORKER = False  # another task backend with its own monitoring
    assert Client().get(url).status_code == 200


def test_ready_fails_while_a_migration_is_not_applied(db, monkeypatch) -> None:  # noqa: ANN001
    heartbeat_beat(worker_id="w1")
    monkeypatch.setattr(health, "_migrations_ok", False)
    MigrationRecorder.Migration.objects.filter(app="ops", name="0001_initial").delete()
    response = Client().get(reverse("ops:health-ready"))
    assert response.status_code == 503 and response.json()["checks"]["migrations"] is False
    MigrationRecorder.Migration.objects.create(app="ops", name="0001_initial")
    assert Client().get(reverse("ops:health-ready")).status_code == 200


def test_a_request_id_is_taken_from_the_proxy_or_made_and_always_returned(db) -> None:  # noqa: ANN001
    given = Client().get(reverse("ops:health-live"), headers={"x-request-id": "edge-1234abcd"})
    assert given["X-Request-ID"] == "edge-1234abcd"
    injected = Client().get(reverse("ops:health-live"), headers={"x-request-id": "a b\r\nFake: log line"})
    assert injected["X-Request-ID"] != "a b\r\nFake: log line" and len(injected["X-Request-ID"]) == 32


def test_json_log_lines_carry_the_request_id_and_the_exception() -> None:
    record = logging.LogRecord("beklijf.x", logging.ERROR, __file__, 1, "failed for %s", ("Eva",), None)
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    token = request_id_var.set("rid-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["message"] == "failed for Eva" and entry["request_id"] == "rid-12345678"
    assert entry["level"] == "ERROR" and "ValueError: boom" in entry["exception"]


def test_the_log_format_is_chosen_by_environment_and_a_typo_stops_start_up(tmp_path) -> None:  # noqa: ANN001
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="beklijf.config.settings", SECRET_KEY="x" * 50, BEKLIJF_VAR_DIR=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", BEKLIJF_LOG_FORMAT="json")  # fmt: skip
    code = (
        "import django, logging; django.setup(); logging.getLogger('beklijf.t').warning('hello %s', 'there')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "hello there" and entry["logger"] == "beklijf.t" and entry["request_id"] == "-"
    env["BEKLIJF_LOG_FORMAT"] = "jsn"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "BEKLIJF_LOG_FORMAT" in result.stderr
