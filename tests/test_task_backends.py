"""Another task backend by setting alone: Celery (RabbitMQ) and RQ (Redis) run beklijf's tasks end to end.

Real processes only: the product is started with nothing but environment variables changed, the backend's
own worker (`celery worker`, `rqworker`) runs beside it, the minute tick finds a reminder due, and a real SMTP
server must receive it exactly once. Each run uses its own RabbitMQ queue or Redis database, so parallel runs
do not take each other's jobs. Without a broker the tests skip locally; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import smtp

BEKLIJF = [sys.executable, "-m", "beklijf.cli"]
ROOT = Path(__file__).resolve().parents[1]
REMINDER = "Your questions for today"
SEND_TASK = "beklijf.notify.tasks.outbox_send"
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"

# Data as tests/notify builds it: an employee who finished a training two days ago has questions due, in a
# time zone and with reminder hours such that a reminder is due whenever the test runs.
SETUP = """
import datetime as dt
from django.utils import timezone
from tests import factories
from tests.practice.conftest import complete
org = factories.organization("Backends")
org.nudge_from_hour, org.nudge_until_hour = 0, 24
org.save()
employee = factories.employee(org, first_name="Rita")
employee.time_zone, employee.working_days = "UTC", [0, 1, 2, 3, 4, 5, 6]
employee.save()
complete(factories.enrollment(employee, factories.session(factories.training(org))),
         on=(timezone.now() - dt.timedelta(days=2)).date())
print(employee.user.email)
"""

# Enqueue on commit, with ids: nothing reaches the broker inside the transaction, the id after it.
ON_COMMIT = """
import json
from django.db import transaction
from beklijf.notify.outbox import outbox_add
from beklijf.people.models import Employee
employee = Employee.objects.get(first_name="Rita")
before = sorted(queued())
with transaction.atomic():
    row = outbox_add(key="backend-check", organization=employee.organization, employee=employee, kind="test",
                     to=employee.user.email, subject="On commit", text="Sent after the commit.")
    inside = sorted(queued())
after = sorted(queued())
print(json.dumps({"id": row.pk, "before": before, "inside": inside, "after": after}))
"""

# What is waiting in the broker, as [task name, args], read without taking it away.
RQ_QUEUED = """
def queued():
    import django_rq
    return [[job.func_name, list(job.args)] for job in django_rq.get_queue("default").jobs]
"""
CELERY_QUEUED = """
def queued():
    from beklijf.config.celery_app import app
    with app.connection_for_read() as connection:
        queue = app.amqp.queues[app.conf.task_default_queue](connection.default_channel)
        queue.declare()
        messages = []
        while (message := queue.get(no_ack=False)) is not None:
            messages.append(message)
        for message in messages:
            message.requeue()
        return [[m.headers["task"], list(m.payload[0])] for m in messages]
"""

OUTBOX = """
import json
from beklijf.notify.models import Outbox
print(json.dumps(sorted(Outbox.objects.values_list("kind", "status"))))
"""


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def _need(port: int, service: str) -> None:
    if _reachable(port):
        return
    message = f"{service} is not reachable on 127.0.0.1:{port}; start it to test this task backend"
    if os.environ.get("CI"):
        pytest.fail(message)  # CI has the service: a skip there would hide a broken backend
    pytest.skip(message)


def _base_env(tmp_path: Path, smtp_port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "BEKLIJF_", "CELERY_", "EMAIL_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path}/backend.sqlite3",
        SECRET_KEY="backend-test-" + "k" * 50,
        DEBUG="false",
        BEKLIJF_HTTPS="false",
        BEKLIJF_VAR_DIR=str(tmp_path),
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        BEKLIJF_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),  # the set-up script builds its data with tests/factories.py
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*BEKLIJF, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"beklijf {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return done.stdout


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _prove(env: dict[str, str], queued: str, worker: list[str], handler: smtp.Collect, tmp_path: Path,
           *, tick_only: bool) -> None:  # fmt: skip
    """Set up, check enqueue-on-commit, run the backend's worker and the tick, count what arrives."""
    _run(["manage", "migrate", "--noinput"], env)
    lines = _run(["manage", "shell", "-c", SETUP + queued + ON_COMMIT], env).strip().splitlines()
    email, check = lines[-2], json.loads(lines[-1])
    assert check["inside"] == check["before"], "a task reached the broker before the commit"
    assert check["after"] == sorted([*check["before"], [SEND_TASK, [check["id"]]]]), check

    processes = [_start(worker, env, tmp_path / "worker.log")]
    try:
        if tick_only:  # the tick of `beklijf worker --tick-only`, at the start of the next minute
            processes.append(_start([*BEKLIJF, "worker", "--tick-only"], env, tmp_path / "tick.log"))
        else:  # the tick from cron, twice in a row as an overlapping cron would
            _run(["tick"], env)
            _run(["tick"], env)
        deadline = time.monotonic() + 180  # a busy machine: the tick-only worker waits for the minute
        while time.monotonic() < deadline:
            subjects = [m["Subject"] for m in handler.messages]
            if REMINDER in subjects and "On commit" in subjects:
                break
            time.sleep(0.2)
        time.sleep(3)  # time for a duplicate to arrive, if the backend delivered one twice
    finally:
        for process in processes:
            _stop(process)
    logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in tmp_path.glob("*.log"))
    reminders = [m for m in handler.messages if m["Subject"] == REMINDER]
    assert [m["To"] for m in reminders] == [email], logs  # the reminder arrived, exactly once
    assert [m["To"] for m in handler.messages if m["Subject"] == "On commit"] == [email], logs
    repeated = [mid for mid, n in Counter(m["Message-ID"] for m in handler.messages).items() if n > 1]
    assert not repeated, repeated
    outbox = json.loads(_run(["manage", "shell", "-c", OUTBOX], env).strip().splitlines()[-1])
    assert outbox and all(status == "sent" for _kind, status in outbox), outbox
    assert ["nudge", "sent"] in outbox


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, smtp.Collect]]:
    controller, handler = smtp.start()
    yield controller.port, handler
    controller.stop()


def test_celery_on_rabbitmq_runs_the_tasks_by_setting_alone(
    tmp_path: Path, smtp_server: tuple[int, smtp.Collect]
) -> None:
    pytest.importorskip("django_tasks_celery", reason="pip install 'beklijf[celery]'")
    _need(5672, "RabbitMQ")
    import kombu

    port, handler = smtp_server
    queue = f"beklijf-test-{uuid.uuid4().hex}"  # this run's own queue on the shared broker
    env = _base_env(tmp_path, port)
    env.update(
        BEKLIJF_TASK_BACKEND="django_tasks_celery.CeleryBackend",
        BEKLIJF_TASK_OPTIONS=json.dumps({"CELERY_APP": "beklijf.config.celery_app.app"}),
        BEKLIJF_TASK_SETTINGS=json.dumps(
            {"CELERY_TASK_DEFAULT_QUEUE": queue, "CELERY_WORKER_ENABLE_REMOTE_CONTROL": False}
        ),
        CELERY_BROKER_URL=RABBITMQ,
    )
    worker = [sys.executable, "-m", "celery", "-A", "beklijf.config.celery_app", "worker", "--pool", "solo",
              "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]  # fmt: skip
    try:
        _prove(env, CELERY_QUEUED, worker, handler, tmp_path, tick_only=False)
    finally:
        with kombu.Connection(RABBITMQ) as connection:
            connection.default_channel.queue_delete(queue)


def _claim_redis_db() -> int:
    """A Redis database no one else uses now: claimed with a key that only one run can set."""
    import redis

    for number in range(1, 16):
        client = redis.Redis(host="127.0.0.1", port=6379, db=number)
        if client.set("beklijf-test:claim", "1", nx=True, ex=900):
            others = [key for key in client.scan_iter(count=1000) if key != b"beklijf-test:claim"]
            if all(key.startswith(b"rq:") for key in others):
                # Empty, or the RQ keys of a run killed over 15 minutes ago (its claim has expired).
                if others:
                    client.delete(*others)
                return number
            client.delete("beklijf-test:claim")  # in use by something else: leave it alone
    pytest.skip("no free Redis database (1-15) for this run")


def test_rq_on_redis_runs_the_tasks_by_setting_alone_with_the_tick_only_worker(
    tmp_path: Path, smtp_server: tuple[int, smtp.Collect]
) -> None:
    pytest.importorskip("django_tasks_rq", reason="pip install 'beklijf[rq]'")
    _need(6379, "Redis")
    import redis

    port, handler = smtp_server
    db = _claim_redis_db()
    env = _base_env(tmp_path, port)
    env.update(
        BEKLIJF_TASK_BACKEND="django_tasks_rq.RQBackend",
        BEKLIJF_EXTRA_APPS="django_rq",
        BEKLIJF_TASK_SETTINGS=json.dumps({"RQ_QUEUES": {"default": {"URL": f"redis://127.0.0.1:6379/{db}"}}}),
    )
    worker = [*BEKLIJF, "manage", "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    try:
        _prove(env, RQ_QUEUED, worker, handler, tmp_path, tick_only=True)
    finally:
        redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()


def test_beklijf_worker_refuses_to_run_the_database_worker_for_another_backend(tmp_path: Path) -> None:
    pytest.importorskip("django_tasks_celery", reason="pip install 'beklijf[celery]'")
    env = _base_env(tmp_path, 25)
    env.update(
        BEKLIJF_TASK_BACKEND="django_tasks_celery.CeleryBackend",
        BEKLIJF_TASK_OPTIONS=json.dumps({"CELERY_APP": "beklijf.config.celery_app.app"}),
    )
    done = subprocess.run([*BEKLIJF, "worker"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "django_tasks_celery.CeleryBackend" in done.stderr
    assert "beklijf worker --tick-only" in done.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BEKLIJF_TASK_OPTIONS", "{not json", "BEKLIJF_TASK_OPTIONS must be a JSON object"),
        ("BEKLIJF_TASK_SETTINGS", '["CELERY_BROKER_URL"]', "BEKLIJF_TASK_SETTINGS must be a JSON object"),
        (
            "BEKLIJF_TASK_SETTINGS",
            '{"SECRET_KEY": "x"}',
            "only set RQ and names starting with CELERY_ or RQ_",
        ),
        ("BEKLIJF_TASK_BACKEND", "django.tasks.backends.dummy.DummyBackend", "(beklijf.E401)"),
        # The Celery backend without beklijf's Celery app would send to a queue no worker listens to.
        ("BEKLIJF_TASK_BACKEND", "django_tasks_celery.CeleryBackend", "(beklijf.E402)"),
    ],
)
def test_a_task_backend_that_cannot_work_stops_start_up_with_a_clear_message(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    env = _base_env(tmp_path, 25)
    env[variable] = value
    done = subprocess.run([*BEKLIJF, "manage", "check"], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode != 0
    assert message in done.stderr


def test_the_tick_only_worker_stops_at_start_up_on_a_backend_that_cannot_work(tmp_path: Path) -> None:
    pytest.importorskip("django_tasks_celery", reason="pip install 'beklijf[celery]'")
    env = _base_env(tmp_path, 25)
    env["BEKLIJF_TASK_BACKEND"] = "django_tasks_celery.CeleryBackend"  # without beklijf's Celery app
    done = subprocess.run([*BEKLIJF, "worker", "--tick-only"], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1
    assert "(beklijf.E402)" in done.stderr and "Traceback" not in done.stderr
