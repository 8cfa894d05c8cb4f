"""A paginated API list under gunicorn: GET /api/v1/employees?limit=50 with a bearer token, against the same
page of 50 employees as bare JSON from a plain Django view on the same server (bench/api_urls.py).

Usage: python bench/api_list.py [--postgres URL] [--employees 5000] [--seconds 8] [--rounds 3] [--clients 8]
Prints one JSON object: requests/s and latency percentiles of both, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from served import prepare_site, start_gunicorn, wrk  # noqa: E402


def _populate(employees: int) -> str:
    from beklijf.integrations.tokens import token_create
    from beklijf.people.models import Employee, Organization, Team, User

    org = Organization.objects.create(name="Bench", slug="bench")
    teams = [Team.objects.create(organization=org, name=f"Team {i}") for i in range(20)]
    users = User.objects.bulk_create(
        User(email=f"api{n}@example.com", username=f"api{n}@example.com") for n in range(employees)
    )
    Employee.objects.bulk_create(
        Employee(organization=org, user=u, first_name="B", last_name=f"N{n:06d}", team=teams[n % 20],
                 working_days=[0, 1, 2, 3, 4])
        for n, u in enumerate(users)
    )  # fmt: skip
    admin = Employee.objects.filter(organization=org).first()
    admin.role = Employee.Role.LD_ADMIN
    admin.save()
    return token_create(created_by=admin, name="bench", scope="read")[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    env, folder, cleanup = prepare_site(args.postgres, prefix="beklijf-api-", settings_module="api_site")
    server = None
    try:
        secret = _populate(args.employees)
        # wrk sends the token through a tiny Lua script (its -H flag is not used by served.wrk).
        script = folder / "bearer.lua"
        script.write_text(f'wrk.headers["Authorization"] = "Bearer {secret}"\n')
        server, base = start_gunicorn(env, workers=args.workers)
        run = dict(seconds=args.seconds, clients=args.clients, threads=2, env=env)
        rounds = []
        for _ in range(args.rounds):
            plain = wrk(base + "/bench/plain-employees/", script=None, **run)
            api = wrk(base + "/api/v1/employees?limit=50&offset=1000", script=script, **run)
            rounds.append({"plain": plain, "api": api})
        from django.db import connection

        med = lambda key, field: statistics.median(r[key][field] for r in rounds)  # noqa: E731
        print(json.dumps({
            "benchmark": "GET /api/v1/employees?limit=50 vs the same page as plain JSON, gunicorn sync",
            "database": connection.vendor, "employees": args.employees, "workers": args.workers,
            "clients": args.clients, "seconds_per_run": args.seconds, "rounds": args.rounds,
            "plain_rps": med("plain", "rps"), "plain_p99_ms": med("plain", "p99_ms"),
            "api_rps": med("api", "rps"), "api_p50_ms": med("api", "p50_ms"), "api_p99_ms": med("api", "p99_ms"),
            "api_non_2xx": sum(r["api"]["non_2xx"] for r in rounds),
            "ratio_api_to_plain": round(med("api", "rps") / med("plain", "rps"), 2),
        }))  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
