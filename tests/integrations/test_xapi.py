"""xAPI statements: valid by Ralph's own models, accepted by a running Ralph LRS, never delivered twice."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from ralph.models.xapi.base.statements import BaseXapiStatement

from beklijf.catalog.models import Enrollment
from beklijf.integrations import lrs, xapi
from beklijf.integrations.models import LrsEndpoint, XapiStatement
from beklijf.practice.models import Review
from tests.conftest import World
from tests.integrations.lrs_server import PASSWORD, USERNAME

ROOT = Path(__file__).resolve().parents[2]


def _answers(world: World, n: int = 3, *, employee=None) -> list[Review]:  # noqa: ANN001
    employee = employee or world.employee
    question = world.training.learning_points.first().questions.first()
    now = timezone.now()
    return [
        Review.objects.create(
            organization=employee.organization, employee=employee, learning_point=question.learning_point,
            question=question, key=uuid.uuid4(), correct=i % 2 == 0, rating=3, review_number=i + 1,
            response_ms=5250, shown_at=now - dt.timedelta(seconds=6), answered_at=now - dt.timedelta(seconds=i),
        )
        for i in range(n)
    ]  # fmt: skip


def _complete(world: World) -> Enrollment:
    world.enrollment.status = Enrollment.Status.COMPLETED
    world.enrollment.completed_on = world.session.ends_at.date()
    world.enrollment.save()
    return world.enrollment


@pytest.mark.django_db
def test_statements_are_valid_xapi_with_stable_ids(world: World) -> None:
    review = _answers(world, 1)[0]
    statements = xapi.review_statements(review) + [xapi.completion_statement(_complete(world))]
    verbs = [s["verb"]["display"]["en-US"] for _, s in statements]
    assert verbs == ["answered", "experienced", "completed"]
    for key, statement in statements:
        BaseXapiStatement(**statement)  # Ralph's own pydantic model of an xAPI statement
        assert statement["id"] == str(uuid.uuid5(xapi.NAMESPACE, key))
    answered = statements[0][1]
    assert answered["result"] == {"success": True, "completion": True, "duration": "PT5.25S"}
    assert statements[2][1]["result"]["duration"] == "PT4H"  # the session's length
    # The same event gives the same statement id: a second copy is recognisable as one.
    assert [s["id"] for _, s in xapi.review_statements(review)] == [s["id"] for _, s in statements[:2]]
    # People are named by their code, not by their e-mail address.
    assert world.employee.user.email not in str(statements)


def test_iso_durations() -> None:
    assert [xapi.iso_duration(s) for s in (0, 5.25, 60, 3725.5)] == ["PT0S", "PT5.25S", "PT1M", "PT1H2M5.5S"]


@pytest.fixture
def lrs_of_org_a(world: World, ralph, settings):  # noqa: ANN001,ANN201
    settings.BEKLIJF_XAPI_ALLOW_PRIVATE = True  # Ralph listens on 127.0.0.1
    return LrsEndpoint.objects.create(
        organization=world.org, url=ralph.base, username=USERNAME, password=PASSWORD
    )


@pytest.mark.django_db
def test_statements_reach_a_running_ralph_lrs_and_a_resend_is_no_duplicate(
    world: World,
    ralph,
    lrs_of_org_a,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    _answers(world, 3)
    _complete(world)
    _answers(world, 2, employee=world.ld_admin_b)  # org B has no LRS: nothing planned for it
    with django_capture_on_commit_callbacks(execute=True):  # the worker's task runs (ImmediateBackend)
        assert lrs.xapi_plan(at=timezone.now()) == 7
    rows = XapiStatement.objects.all()
    assert {r.status for r in rows} == {"sent"} and rows.count() == 7
    assert {r.organization_id for r in rows} == {world.org.pk}
    ids = {str(r.statement_id) for r in rows}
    held = [s for s in ralph.statements() if s["id"] in ids]
    assert len(held) == 7
    for statement in held:
        BaseXapiStatement(**statement)
    # Planning again adds nothing; sending the same rows again is accepted as already delivered.
    assert lrs.xapi_plan(at=timezone.now()) == 0
    XapiStatement.objects.update(status="pending")
    assert lrs.xapi_send(at=timezone.now()) == {"sent": 7}
    assert sorted(s["id"] for s in ralph.statements() if s["id"] in ids) == sorted(ids)


@pytest.mark.django_db
def test_an_unreachable_lrs_is_retried_later_and_then_delivered(world: World, ralph, lrs_of_org_a) -> None:  # noqa: ANN001
    _answers(world, 1)
    LrsEndpoint.objects.filter(pk=lrs_of_org_a.pk).update(url="http://127.0.0.1:9/xAPI")  # nothing listens
    at = timezone.now()
    lrs.xapi_plan(at=at, enqueue=False)
    assert lrs.xapi_send(at=at) == {"retry": 2}
    row = XapiStatement.objects.first()
    assert row.status == "pending" and row.attempts == 1 and "not reachable" in row.last_error
    assert row.next_attempt_at == at + dt.timedelta(minutes=1)
    assert lrs.xapi_send(at=at) == {}  # not due yet
    LrsEndpoint.objects.filter(pk=lrs_of_org_a.pk).update(url=ralph.base)
    assert lrs.xapi_send(at=at + dt.timedelta(minutes=1)) == {"sent": 2}


@pytest.mark.django_db
def test_a_public_only_lrs_address_refuses_the_loopback(world: World, ralph, lrs_of_org_a, settings) -> None:  # noqa: ANN001
    settings.BEKLIJF_XAPI_ALLOW_PRIVATE = False
    _answers(world, 1)
    lrs.xapi_plan(at=timezone.now(), enqueue=False)
    assert lrs.xapi_send() == {"failed": 2}
    assert "refused" in XapiStatement.objects.first().last_error


class _KillingProxy(http.server.ThreadingHTTPServer):
    """Forwards POSTs to the LRS; after the LRS answered the `kill_on`-th POST, kills the worker before the
    answer reaches it: the LRS holds the batch, and the worker never marked it sent."""

    def __init__(self, target: str, kill_on: int) -> None:
        self.target, self.kill_on, self.posts, self.worker_pid = target, kill_on, 0, None
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        server: _KillingProxy = self.server  # type: ignore[assignment]
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")
        }
        request = urllib.request.Request(
            server.target + "/statements", data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, exc.read()
        server.posts += 1
        if server.posts == server.kill_on and server.worker_pid:
            os.kill(server.worker_pid, signal.SIGKILL)
            return
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def test_a_worker_killed_mid_batch_sends_none_twice(ralph, tmp_path: Path) -> None:  # noqa: ANN001
    database = tmp_path / "worker.sqlite3"
    proxy = _KillingProxy(ralph.base, kill_on=2)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        _kill_and_restart(ralph, proxy, database)
    finally:
        proxy.shutdown()
        proxy.server_close()


def _kill_and_restart(ralph, proxy: _KillingProxy, database: Path) -> None:  # noqa: ANN001
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "beklijf.config.test_settings",
           "DATABASE_URL": f"sqlite:///{database}", "BEKLIJF_XAPI_ALLOW_PRIVATE": "true",
           "BEKLIJF_OUTBOX_STALE_SECONDS": "0", "PYTHONPATH": str(ROOT)}  # fmt: skip
    django = [sys.executable, "-m", "django"]
    subprocess.run([*django, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT, timeout=300)
    proxy_url = f"http://127.0.0.1:{proxy.server_address[1]}/xAPI"
    subprocess.run([sys.executable, "tests/integrations/xapi_worker_fill.py", proxy_url, "40", USERNAME, PASSWORD],
                   env=env, check=True, cwd=ROOT, timeout=120)  # fmt: skip
    send = [*django, "xapi_send", "--batch", "10"]

    with subprocess.Popen(
        send, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as worker:
        proxy.worker_pid = worker.pid
        _, stderr = worker.communicate(timeout=120)
    assert worker.returncode == -signal.SIGKILL, stderr
    with contextlib.closing(sqlite3.connect(database)) as db:
        states = dict(db.execute("SELECT status, COUNT(*) FROM integrations_xapistatement GROUP BY status"))
        ids = [row[0] for row in db.execute("SELECT statement_id FROM integrations_xapistatement")]
    # 40 answers (answered + experienced) and one completion; killed with the 2nd batch at the LRS, unmarked.
    assert sum(states.values()) == 81 and states == {"sent": 10, "sending": 10, "pending": 61}
    at_lrs = [
        s["id"] for s in ralph.statements() if s["id"].replace("-", "") in {i.replace("-", "") for i in ids}
    ]
    assert len(at_lrs) == 20  # the LRS has both batches

    proxy.worker_pid = None
    restarted = subprocess.run(send, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert restarted.returncode == 0, restarted.stderr
    with contextlib.closing(sqlite3.connect(database)) as db:
        states = dict(db.execute("SELECT status, COUNT(*) FROM integrations_xapistatement GROUP BY status"))
        resent = db.execute("SELECT COUNT(*) FROM integrations_xapistatement WHERE attempts = 2").fetchone()[
            0
        ]
    assert states == {"sent": 81}
    assert resent == 10  # the unmarked batch went again …
    wanted = {i.replace("-", "") for i in ids}
    at_lrs = [s["id"] for s in ralph.statements() if s["id"].replace("-", "") in wanted]
    assert len(at_lrs) == len(set(at_lrs)) == 81  # … and the LRS holds every statement exactly once
