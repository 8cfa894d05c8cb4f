"""What the served benchmarks share: a throw-away site's environment, and gunicorn started and answering.

Used by answer.py, load.py and api_list.py, which measure under gunicorn with wrk.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
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
