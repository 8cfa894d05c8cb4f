"""What the served benchmarks share: a throw-away site's environment, gunicorn started and answering, and one
wrk run read into figures (with the CPU each request cost per process group).

Used by answer.py, load.py and api_list.py, which measure under gunicorn with wrk.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_env(database_url: str, folder: Path, *, settings_module: str = "answer_site") -> dict[str, str]:
    """The environment of a production-like site (DEBUG off) on `database_url`, with bench/ importable."""
    return {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench-" + uuid.uuid4().hex,
            "DEBUG": "false", "BEKLIJF_HTTPS": "false", "DJANGO_SETTINGS_MODULE": settings_module,
            "EMAIL_URL": "console://", "PYTHONPATH": f"{HERE}:{os.environ.get('PYTHONPATH', '')}",
            "BENCH_THREADS": "2", "BEKLIJF_LOG_LEVEL": "WARNING", "BEKLIJF_VAR_DIR": str(folder)}  # fmt: skip


def prepare_site(
    postgres: str | None, *, prefix: str, settings_module: str = "answer_site"
) -> tuple[dict[str, str], Path, Callable[[], None]]:
    """A throw-away database (temporary SQLite file, or a new PostgreSQL database) and folder, with this
    process set up as that site: migrated, static files collected. Returns (environment for gunicorn and
    wrk, folder, cleanup); the caller runs cleanup when done, which drops the database."""
    import tempfile

    from beklijf.bench import _prepare_database

    url, cleanup = _prepare_database(postgres)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    env = site_env(url, folder, settings_module=settings_module)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
    except BaseException:
        cleanup()
        raise
    return env, folder, cleanup


def start_gunicorn(
    env: dict[str, str], *, workers: int, extra: list[str] = ()
) -> tuple[subprocess.Popen, str]:
    """gunicorn (sync workers) on a free port; returns once it answers (any HTTP status counts)."""
    import urllib.error
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *extra, "beklijf.config.wsgi:application", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, cwd=HERE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/bench/hello/", timeout=5).close()
            break
        except urllib.error.HTTPError:
            break  # a site without the hello view: it answers, so it is up
        except OSError:
            time.sleep(0.2)
    return server, base


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds() -> dict[str, float]:
    """CPU time used so far by the gunicorn workers and the PostgreSQL backends (from /proc), and by wrk."""
    used = {"server": 0.0, "database": 0.0}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        group = (
            "server" if b"gunicorn" in command else "database" if command.startswith(b"postgres:") else None
        )
        if group:
            used[group] += (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
    children = os.times()
    used["wrk"] = children.children_user + children.children_system
    return used


def wrk(url: str, *, seconds: int, clients: int, script: Path | None, env: dict, threads: int = 2) -> dict:
    """One wrk run: requests/s, p50/p99 in ms, request and error counts, and CPU ms per request of the Django
    workers (with SQLite's work, which runs inside them), the PostgreSQL backends and wrk itself; on 2 shared
    cores their sum bounds the rate. A request slower than 10 s counts as an error."""
    before = _cpu_seconds()
    cmd = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    if script:
        cmd[1:1] = ["-s", str(script)]
    out = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=seconds + 60, check=True
    ).stdout
    after = _cpu_seconds()

    def pct(label: str) -> float:
        m = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = int(bad.group(1)) if bad else 0
    socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": pct("50"),
        "p99_ms": pct("99"),
        "requests": requests,
        "non_2xx": non_2xx,
        "errors": non_2xx + socket_errors,
        **{f"cpu_ms_{k}": round((after[k] - before[k]) / max(requests, 1) * 1000, 2) for k in before},
    }
