"""A real LRS for the tests: Ralph (ralph-malph, France Université Numérique) with its file-system backend,
run by uvicorn from its own virtualenv (its `lrs` extra pins FastAPI and friends): `make .venv-ralph`."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RALPH_BIN = Path(os.environ.get("BEKLIJF_RALPH_VENV", ROOT / ".venv-ralph")) / "bin"
USERNAME, PASSWORD = "beklijf", "lrs-test-secret"


@dataclass
class RalphLrs:
    base: str  # .../xAPI
    process: subprocess.Popen
    log: object  # the open log file, closed on stop

    @property
    def auth(self) -> str:
        return "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()

    def statements(self) -> list[dict]:
        """Every statement the LRS holds (Ralph pages by `more`; follow it)."""
        found: list[dict] = []
        url = f"{self.base}/statements?limit=500"
        while url:
            request = urllib.request.Request(url, headers={"Authorization": self.auth})
            with urllib.request.urlopen(request, timeout=10) as response:
                body = json.load(response)
            found += body["statements"]
            more = body.get("more")
            url = (self.base.split("/xAPI")[0] + more) if more else ""
        return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_ralph(folder: Path) -> RalphLrs:
    if not (RALPH_BIN / "uvicorn").exists():
        message = f"Ralph LRS not installed at {RALPH_BIN.parent}: run `make .venv-ralph`"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a missing LRS there is a broken set-up, not a skip
        pytest.skip(message)
    app_dir, data_dir = folder / "ralph-app", folder / "ralph-data"
    app_dir.mkdir(parents=True)
    data_dir.mkdir(parents=True)
    # The credentials file `ralph auth` writes, with a bcrypt hash made by Ralph's own bcrypt.
    hashed = subprocess.run(
        [str(RALPH_BIN / "python"), "-c",
         "import bcrypt,sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())", PASSWORD],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (app_dir / "auth.json").write_text(json.dumps([{
        "agent": {"mbox": "mailto:lrs@example.com", "objectType": "Agent"},
        "scopes": ["statements/write", "statements/read"], "hash": hashed, "username": USERNAME,
    }]))  # fmt: skip
    port = _free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(app_dir),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
        "PYTHONPATH": str(Path(__file__).parent),
    }
    log = (folder / "ralph.log").open("w")
    process = subprocess.Popen(
        [str(RALPH_BIN / "uvicorn"), "ralph_lrs_app:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=folder,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/xAPI"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            raise RuntimeError((folder / "ralph.log").read_text())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1):
                return RalphLrs(base=base, process=process, log=log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    log.close()
    raise RuntimeError("Ralph did not start within 60 s: " + (folder / "ralph.log").read_text())


def stop_ralph(lrs: RalphLrs) -> None:
    lrs.process.terminate()
    try:
        lrs.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        lrs.process.kill()
    lrs.log.close()
