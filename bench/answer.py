"""Answer throughput: the quiz's answer POST under gunicorn, against a bare one-row insert on the same server.

Usage: python bench/answer.py [--postgres URL] [--employees 600] [--seconds 10] [--rounds 3] [--clients 16]

Builds a fresh database (temporary SQLite file, or a throw-away PostgreSQL database), N employees with 20
due learning points each, a logged-in session per employee and a signed shown-question token per point.
Then gunicorn (sync workers) serves bench/answer_site.py and wrk alternates, round by round:
- baseline: GET /bench/insert/ (one INSERT in a transaction; no session, no template);
- signed-in insert: POST /bench/signed-in-insert/, the same insert behind the session, account, CSRF and
  actor middleware every signed-in POST passes (the framework's share of an answer);
- answer: POST /practice/answer/, each request a different first answer (state update + review insert
  + feedback page), from answers.lua.
Prints one JSON object: requests/s and latency percentiles of each, the ratios, non-200 counts, and the CPU
one request costs in the gunicorn workers, the PostgreSQL backends and wrk (from /proc, medians of the rounds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from served import prepare_site, start_gunicorn, wrk  # noqa: E402

POINTS = 20


def _populate(employees: int, folder: Path) -> Path:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone

    from beklijf.catalog.models import LearningPoint, Question, Training
    from beklijf.people.models import Employee, Organization, User
    from beklijf.practice.models import MemoryState
    from beklijf.practice.services import Shown
    from beklijf.practice.views import _sign

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_hit (id INTEGER PRIMARY KEY, at TEXT)" if connection.vendor == "sqlite"
                       else "CREATE TABLE bench_hit (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ)")  # fmt: skip
    org = Organization.objects.create(name="Bench", slug="bench")
    training = Training.objects.create(organization=org, title="Bench")
    questions = []
    for i in range(POINTS):
        point = LearningPoint.objects.create(training=training, position=i, title=f"Point {i}")
        questions.append(Question.objects.create(
            learning_point=point, prompt=f"Question {i}?", explanation="Because.",
            choices=[{"text": "yes", "correct": True}, {"text": "no", "correct": False}]))  # fmt: skip
    now = timezone.now()
    lines = []
    for n in range(employees):
        user = User.objects.create_user(email=f"bench{n}@example.com", password=None)
        employee = Employee.objects.create(organization=org, user=user, first_name="B", last_name=str(n))
        MemoryState.objects.bulk_create(
            MemoryState(employee=employee, learning_point=q.learning_point, stability=2.0, difficulty=5.0,
                        due=now - dt.timedelta(days=1), last_review=now - dt.timedelta(days=3), reps=1,
                        started_at=now - dt.timedelta(days=4))
            for q in questions
        )  # fmt: skip
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "beklijf.people.backends.EmployeeBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["beklijf_last_seen"] = int(time.time()) + 3600  # no idle-refresh write inside the run
        session["beklijf_session_started"] = int(time.time())  # as a log-in sets it (ops/middleware.py)
        session.create()
        csrf = _get_new_csrf_string()
        from django.conf import settings

        cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        for q in questions:
            shown = Shown(
                key=uuid.uuid4(), employee_id=employee.pk, question_id=q.pk, shown_at=now, is_extra=False
            )
            body = urlencode({"token": _sign(shown), "answer": "0", "csrfmiddlewaretoken": csrf})
            lines.append(f"{cookie}\t{csrf}\t{body}")
    # Interleave employees, so concurrent requests rarely share an employee's row.
    lines = [lines[e * POINTS + p] for p in range(POINTS) for e in range(employees)]
    path = folder / "requests.tsv"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--window", type=int, default=6000, help="distinct answers each wrk run may use")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    env, folder, cleanup = prepare_site(args.postgres, prefix="beklijf-answer-")
    server = None
    try:
        employees = -(-2 * args.rounds * args.window // POINTS)  # enough distinct answers for every run
        requests_file = _populate(employees, folder)
        env["BENCH_REQUESTS"] = str(requests_file)
        server, base = start_gunicorn(env, workers=args.workers)
        rounds = []
        window = args.window
        windows = iter(range(0, 2 * args.rounds * window, window))
        for _ in range(args.rounds):
            bare = wrk(base + "/bench/insert/", seconds=args.seconds, clients=args.clients, threads=2, script=None,
                        env=env)  # fmt: skip
            signed_in = wrk(base + "/", seconds=args.seconds, clients=args.clients, threads=2,
                             script=HERE / "answers.lua", env={**env, "BENCH_HTMX": "0", "BENCH_OFFSET": "0",
                             "BENCH_WINDOW": str(window), "BENCH_PATH": "/bench/signed-in-insert/"})  # fmt: skip
            answer = wrk(base + "/", seconds=args.seconds, clients=args.clients, threads=2,
                          script=HERE / "answers.lua", env={**env, "BENCH_HTMX": "0", "BENCH_OFFSET": str(next(windows)),
                          "BENCH_WINDOW": str(window)})  # fmt: skip
            fragment = wrk(base + "/", seconds=args.seconds, clients=args.clients, threads=2,
                            script=HERE / "answers.lua", env={**env, "BENCH_HTMX": "1", "BENCH_OFFSET": str(next(windows)),
                            "BENCH_WINDOW": str(window)})  # fmt: skip
            rounds.append({"bare_insert": bare, "signed_in_insert": signed_in, "answer": answer,
                           "answer_htmx": fragment})  # fmt: skip
        hello = wrk(base + "/bench/hello/", seconds=args.seconds, clients=args.clients, threads=2, script=None,
                     env=env)  # fmt: skip
        from django.db import connection

        med = lambda key, field: statistics.median(r[key][field] for r in rounds)  # noqa: E731
        result = {
            "benchmark": "answer POST vs bare one-row insert, gunicorn sync",
            "database": connection.vendor,
            "workers": args.workers,
            "clients": args.clients,
            "seconds_per_run": args.seconds,
            "rounds": args.rounds,
            "hello_rps": hello["rps"],
            "bare_insert_rps": med("bare_insert", "rps"),
            "bare_insert_p99_ms": med("bare_insert", "p99_ms"),
            "signed_in_insert_rps": med("signed_in_insert", "rps"),
            "signed_in_insert_p99_ms": med("signed_in_insert", "p99_ms"),
            "answer_rps": med("answer", "rps"),
            "answer_p50_ms": med("answer", "p50_ms"),
            "answer_p99_ms": med("answer", "p99_ms"),
            "answer_htmx_rps": med("answer_htmx", "rps"),
            "answer_htmx_p50_ms": med("answer_htmx", "p50_ms"),
            "answer_htmx_p99_ms": med("answer_htmx", "p99_ms"),
            "cpu_ms_per_request": {
                key: {part: med(key, f"cpu_ms_{part}") for part in ("server", "database", "wrk")}
                for key in ("bare_insert", "signed_in_insert", "answer", "answer_htmx")
            },
            "answer_non_200": sum(r["answer"]["non_2xx"] + r["answer_htmx"]["non_2xx"] for r in rounds),
            "ratio_answer_to_bare": round(med("answer", "rps") / med("bare_insert", "rps"), 2),
            "ratio_answer_htmx_to_bare": round(med("answer_htmx", "rps") / med("bare_insert", "rps"), 2),
            "ratio_signed_in_insert_to_bare": round(
                med("signed_in_insert", "rps") / med("bare_insert", "rps"), 2
            ),
            "ratio_answer_htmx_to_signed_in_insert": round(
                med("answer_htmx", "rps") / med("signed_in_insert", "rps"), 2
            ),
            "distinct_answers_per_run": args.window,
            "max_answers_in_one_run": max(
                max(r["answer"]["rps"], r["answer_htmx"]["rps"]) * args.seconds for r in rounds
            ),
            "runs": rounds,
        }
        print(json.dumps(result, indent=1))
    finally:
        if server:
            server.terminate()
            server.wait(10)
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
