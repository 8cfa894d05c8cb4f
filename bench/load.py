"""Load test: the employee's daily quiz and the manager's dashboards, under gunicorn on PostgreSQL, with
16 concurrent clients, in an organisation of 10,000 employees (200,000 memory states, 400 teams of 25).

Usage: python bench/load.py --postgres postgres://postgres@127.0.0.1:5432/postgres [--employees 10000]
       [--seconds 10] [--rounds 2] [--clients 16] [--workers 4]

A throw-away PostgreSQL database is filled (COPY), 400 signed-in employees and every team manager get a
session, and gunicorn (sync workers) serves the real product. wrk then alternates, round by round:
- baseline: GET /bench/hello/ (no session, no database, no template) on the same server;
- quiz: GET /practice/, each request another employee (today's queue, the question page);
- manager home: GET / as a team manager (the manager dashboard: the team table with retention);
- team coaching: GET /coaching/teams/<code>/ (signals per person, with their reasons).
Prints one JSON object: requests/s, p50/p99 latency and the error rate (non-2xx + socket errors) per
scenario, and each scenario's ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from served import prepare_site, start_gunicorn, wrk  # noqa: E402

TEAM_SIZE = 25


def _session_cookie(user) -> str:  # noqa: ANN001
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "beklijf.people.backends.EmployeeBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["beklijf_last_seen"] = int(time.time()) + 3600  # no idle-refresh write inside the run
    session["beklijf_session_started"] = int(time.time())
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _populate(employees: int, folder: Path) -> dict[str, Path]:
    from django.db import connection
    from django.utils import timezone

    from beklijf.bench import _fill
    from beklijf.people.models import Employee, Organization, Team

    at = timezone.now()
    _fill(employees * 20, at, seed=11)
    org = Organization.objects.get(slug="bench")
    ids = list(Employee.objects.order_by("pk").values_list("pk", flat=True))
    teams = Team.objects.bulk_create(
        Team(organization=org, name=f"Team {n}", manager_id=ids[n * TEAM_SIZE])
        for n in range(len(ids) // TEAM_SIZE)
    )
    with connection.cursor() as cursor:
        for n, team in enumerate(teams):
            members = ids[n * TEAM_SIZE : (n + 1) * TEAM_SIZE]
            cursor.execute("UPDATE people_employee SET team_id = %s WHERE id = ANY(%s)", [team.pk, members])
            cursor.execute("UPDATE people_employee SET manager_id = %s WHERE id = ANY(%s) AND id <> %s",
                           [members[0], members, members[0]])  # fmt: skip
        cursor.execute("VACUUM ANALYZE")
    people = {
        e.pk: e for e in Employee.objects.select_related("user").filter(pk__in=ids[::25] + ids[1::25][:400])
    }
    quiz = [f"{_session_cookie(people[pk].user)}\t/practice/" for pk in ids[1::25][:400]]
    managers = [(people[team.manager_id], team) for team in teams]
    home = [f"{_session_cookie(m.user)}\t/" for m, _team in managers]
    coaching = [
        f"{cookie.split(chr(9))[0]}\t/coaching/teams/{team.code}/"
        for cookie, (_m, team) in zip(home, managers, strict=True)
    ]
    files = {}
    for name, lines in (("quiz", quiz), ("manager_home", home), ("team_coaching", coaching)):
        files[name] = folder / f"{name}.tsv"
        files[name].write_text("\n".join(lines) + "\n")
    return files


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL", required=True)
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    env, folder, cleanup = prepare_site(args.postgres, prefix="beklijf-load-")
    server = None
    try:
        started = time.perf_counter()
        files = _populate(args.employees, folder)
        fill_s = time.perf_counter() - started
        server, base = start_gunicorn(
            env, workers=args.workers, extra=["--config", "python:beklijf.ops.gunicorn_conf"]
        )
        # Warm every worker (imports, template cache) before measuring.
        wrk(base + "/", seconds=2, clients=args.clients, script=HERE / "pages.lua",
             env={**env, "BENCH_PAGES": str(files["manager_home"])})  # fmt: skip
        rounds = []
        for _ in range(args.rounds):
            run = {"hello": wrk(base + "/bench/hello/", seconds=args.seconds, clients=args.clients, script=None,
                                 env=env)}  # fmt: skip
            for name, path in files.items():
                run[name] = wrk(base + "/", seconds=args.seconds, clients=args.clients, script=HERE / "pages.lua",
                                 env={**env, "BENCH_PAGES": str(path)})  # fmt: skip
            rounds.append(run)
        from django.db import connection

        result = {"benchmark": "load: quiz and manager dashboards, gunicorn sync", "database": connection.vendor,
                  "employees": args.employees, "memory_states": args.employees * 20, "teams": args.employees // TEAM_SIZE,
                  "workers": args.workers, "clients": args.clients, "seconds_per_run": args.seconds,
                  "rounds": args.rounds, "fill_seconds": round(fill_s, 1)}  # fmt: skip
        for name in rounds[0]:
            med = {f: statistics.median(r[name][f] for r in rounds) for f in ("rps", "p50_ms", "p99_ms")}
            requests = sum(r[name]["requests"] for r in rounds)
            errors = sum(r[name]["errors"] for r in rounds)
            result[name] = {**med, "requests": requests, "errors": errors,
                            "error_rate": round(errors / requests, 5) if requests else None}  # fmt: skip
        for name in files:
            result[name]["ratio_to_hello"] = round(result[name]["rps"] / result["hello"]["rps"], 3)
        result["runs"] = rounds
        print(json.dumps(result, indent=1))
    finally:
        if server:
            server.terminate()
            server.wait(30)
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
