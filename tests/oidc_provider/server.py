"""Start the test identity provider (django-oauth-toolkit, OIDC on) as a second server process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "beklijf-test-client", "beklijf-test-client-secret-0123456789"
PASSWORD = "idp-password-1"


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen
    log: object


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_provider(folder: Path, *, redirect_uri: str, emails: list[str]) -> Provider:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_RSA_KEY": pem,
        "OIDC_PROVIDER_SECRET_KEY": "provider-" + os.urandom(16).hex(),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=300
    )
    subprocess.run(
        [sys.executable, "tests/oidc_provider/setup_provider.py", redirect_uri, CLIENT_ID, CLIENT_SECRET, *emails],
        env=env, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    port = _free_port()
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    issuer = f"http://127.0.0.1:{port}/o"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            raise RuntimeError((folder / "provider.log").read_text())
        try:
            with urllib.request.urlopen(issuer + "/.well-known/openid-configuration", timeout=2):
                return Provider(issuer=issuer, process=process, log=log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    log.close()
    raise RuntimeError("The test identity provider did not start: " + (folder / "provider.log").read_text())


def stop_provider(provider: Provider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        provider.process.wait(timeout=10)
    provider.log.close()
