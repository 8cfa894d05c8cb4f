"""CPU of the reads every signed-in request makes: the ORM's way against the product's, in one run.

Usage: python bench/request_parts.py [--postgres URL] [--loads 3000] [--rounds 5]

- account: `User.objects.select_related("employee__organization", "employee__team").get(pk=...)` (the ORM,
  compiled per call) against `EmployeeBackend.get_user` (people/backends.py: the same row through
  ops/rows.JoinedRows, SQL built once);
- session: Django's database `SessionStore.load` against `beklijf.people.sessions.SessionStore.load`.
Each pair alternates round by round over the same rows; the figure is process CPU time per load (the
database server's own work is not in it), median of the rounds. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time


def _per_load(function, keys: list) -> float:  # noqa: ANN001
    started = time.process_time()
    for key in keys:
        function(key)
    return (time.process_time() - started) / len(keys) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--loads", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()

    from beklijf.bench import _prepare_database

    url, cleanup = _prepare_database(args.postgres)
    os.environ.update({"DATABASE_URL": url, "SECRET_KEY": "bench-" + os.urandom(8).hex(),
                       "DJANGO_SETTINGS_MODULE": "beklijf.config.settings"})  # fmt: skip
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
    from django.core.management import call_command
    from django.db import connection

    from beklijf.people.backends import EmployeeBackend
    from beklijf.people.models import Employee, Organization, Team, User
    from beklijf.people.sessions import SessionStore

    try:
        call_command("migrate", verbosity=0)
        org = Organization.objects.create(name="Bench", slug="bench")
        team = Team.objects.create(organization=org, name="Team")
        users, session_keys = [], []
        for n in range(args.people):
            user = User.objects.create_user(email=f"bench{n}@example.com", password=None)
            Employee.objects.create(organization=org, user=user, team=team, first_name="B", last_name=str(n))
            store = DjangoSessionStore()
            store.update({"_auth_user_id": str(user.pk), "beklijf_last_seen": int(time.time())})
            store.create()
            users.append(user.pk)
            session_keys.append(store.session_key)
        user_keys = [users[i % len(users)] for i in range(args.loads)]
        session_list = [session_keys[i % len(session_keys)] for i in range(args.loads)]
        orm = User.objects.select_related("employee__organization", "employee__team")
        backend = EmployeeBackend()
        pairs = {
            "account": (lambda pk: orm.get(pk=pk), backend.get_user, user_keys),
            "session": (
                lambda key: DjangoSessionStore(key).load(),
                lambda key: SessionStore(key).load(),
                session_list,
            ),
        }
        result = {"benchmark": "per-request reads, ORM vs SQL built once", "database": connection.vendor,
                  "loads_per_round": args.loads, "rounds": args.rounds, "people": args.people}  # fmt: skip
        for name, (baseline, ours, keys) in pairs.items():
            baseline(keys[0]), ours(keys[0])  # warm: first compile, first prepare
            base_runs, our_runs = [], []
            for _ in range(args.rounds):
                base_runs.append(_per_load(baseline, keys))
                our_runs.append(_per_load(ours, keys))
            base, mine = statistics.median(base_runs), statistics.median(our_runs)
            result[name] = {"orm_us": round(base), "beklijf_us": round(mine), "ratio": round(mine / base, 2)}
        print(json.dumps(result, indent=1))
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
