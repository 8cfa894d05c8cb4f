"""The `beklijf` command as an operator runs it: production serving under gunicorn, memory-eval."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BEKLIJF = [sys.executable, "-m", "beklijf.cli"]
SHARED_LOG = Path(__file__).resolve().parents[2] / "shared/data/review-logs/anki-user-12k.csv"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_gunicorn_with_production_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DEBUG="false",
        SECRET_KEY="serve-test-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        BEKLIJF_HTTPS="false",
        BEKLIJF_VAR_DIR=str(tmp_path),
        EMAIL_URL="smtp://127.0.0.1:25",
    )
    for command in (["manage", "migrate", "--noinput"], ["manage", "collectstatic", "--noinput"]):
        subprocess.run([*BEKLIJF, *command], env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [*BEKLIJF, "serve", "--address", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10) as page:
                    status, headers = page.status, page.headers
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
        assert status == 200
        assert "Content-Security-Policy" in headers
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/beklijf.css", timeout=10) as css:
            assert css.status == 200  # whitenoise serves the collected files
            assert b".quiz" in css.read()
    finally:
        server.terminate()
        server.wait(10)
        log.close()


@pytest.mark.skipif(not SHARED_LOG.exists(), reason="shared/ is not beside the checkout")
def test_memory_eval_prints_json_that_meets_the_bar() -> None:
    out = subprocess.run([*BEKLIJF, "memory-eval", str(SHARED_LOG), "--json"], capture_output=True, text=True,
                         timeout=300, check=True).stdout  # fmt: skip
    result = json.loads(out)
    assert set(result) >= {"n", "baseline", "default", "engine"}
    assert result["engine"]["logloss"] <= 0.439 and result["engine"]["rmse_bins"] <= 0.041


def test_memory_eval_stops_on_bad_input_with_the_line_number(tmp_path: Path) -> None:
    bad = tmp_path / "log.csv"
    bad.write_text(
        "card_id,review_rating,review_time,review_duration\n1,3,2024-03-29T20:32:32+00:00,100\n1,9,x,1\n"
    )
    result = subprocess.run([*BEKLIJF, "memory-eval", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "line 3" in result.stderr
