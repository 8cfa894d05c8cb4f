"""SSRF-safe webhooks, against real local HTTP(S) servers; DNS and connects are observed through
the resolver/connector parameters (the process edge), never by patching our own code."""

from __future__ import annotations

import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from beklijf.notify import netguard
from beklijf.notify.webhook import (
    WebhookError,
    post_json,
    slack_payload,
    teams_payload,
    validate_webhook_url,
)

PUBLIC_V4 = "93.184.215.14"
PUBLIC_V6 = "2606:2800:21f:cb07:6820:80da:af6b:8b2c"
PAYLOAD = {"text": "Tijd om te oefenen: één vraag", "n": 1}


# --- a real local server, standing in for Teams/Slack ---------------------------------------


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Hook:
    """What the local server answers, and what it received."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"
    delay: float = 0.0
    drip: bool = False  # send the status line one byte at a time, slowly
    seen: list[Seen] = field(default_factory=list)
    sni: list[str | None] = field(default_factory=list)
    port: int = 0


def _handler(hook: Hook) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            hook.seen.append(Seen(self.path, dict(self.headers.items()), self.rfile.read(length)))
            try:
                if hook.drip:
                    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 60:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.05)
                    return
                time.sleep(hook.delay)
                self.send_response(hook.status)
                for name, value in hook.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(hook.body)))
                self.end_headers()
                self.wfile.write(hook.body)
            except OSError:
                pass  # the client hung up (timeouts, capped reads): that is what some tests want

    return Handler


def _serve(hook: Hook, context: ssl.SSLContext | None = None) -> Iterator[Hook]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hook))
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    hook.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def hook() -> Iterator[Hook]:
    yield from _serve(Hook())


class Connects:
    """A connector that records every address we connect to, then really connects."""

    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[tuple[str, int]] = []
        self.refuse = refuse

    def __call__(self, address: tuple[str, int], timeout: float) -> socket.socket:
        self.calls.append(address)
        if self.refuse:
            raise ConnectionRefusedError("test: no network")
        return socket.create_connection(address, timeout)


class Resolves:
    """A resolver that answers from a script of DNS responses and counts its calls."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        return self.answers[min(len(self.calls), len(self.answers)) - 1]


def never_resolve(host: str, port: int) -> list[str]:
    raise AssertionError(f"must be refused before resolving {host}")


def never_connect(address: tuple[str, int], timeout: float) -> socket.socket:
    raise AssertionError(f"must be refused before connecting to {address}")


# --- delivery ---------------------------------------------------------------------------------


def test_json_body_arrives_exactly_once_with_headers(hook: Hook) -> None:
    status = post_json(f"http://127.0.0.1:{hook.port}/hook?sig=abc", PAYLOAD, allow_private=True)

    assert status == 200
    assert len(hook.seen) == 1
    (seen,) = hook.seen
    assert seen.path == "/hook?sig=abc"
    assert json.loads(seen.body) == PAYLOAD
    assert seen.headers["Content-Type"] == "application/json; charset=utf-8"
    assert seen.headers["Host"] == f"127.0.0.1:{hook.port}"
    assert seen.headers["User-Agent"].startswith("beklijf-webhook/")


def test_connection_is_pinned_to_the_checked_ip_with_the_original_host_header(hook: Hook) -> None:
    resolve = Resolves(["127.0.0.1"])
    connects = Connects()

    post_json(
        f"http://hooks.example.com:{hook.port}/x",
        PAYLOAD,
        allow_private=True,
        resolve=resolve,
        connect=connects,
    )

    assert resolve.calls == ["hooks.example.com"]
    assert connects.calls == [("127.0.0.1", hook.port)]
    assert hook.seen[0].headers["Host"] == f"hooks.example.com:{hook.port}"


@pytest.mark.parametrize("status", [201, 202, 204])
def test_any_2xx_is_success(hook: Hook, status: int) -> None:
    hook.status, hook.body = status, b""
    assert post_json(f"http://127.0.0.1:{hook.port}/", PAYLOAD, allow_private=True) == status


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_to_a_private_address_is_never_followed(hook: Hook, status: int) -> None:
    hook.status = status
    hook.headers = {"Location": "http://10.0.0.1/latest/meta-data"}
    connects = Connects()

    with pytest.raises(WebhookError, match="redirect") as caught:
        post_json(f"http://127.0.0.1:{hook.port}/", PAYLOAD, allow_private=True, connect=connects)

    assert caught.value.permanent is True
    assert connects.calls == [("127.0.0.1", hook.port)]
    assert len(hook.seen) == 1


@pytest.mark.parametrize(
    ("status", "permanent"),
    [
        (400, True),
        (403, True),
        (404, True),
        (410, True),
        (408, False),
        (429, False),
        (500, False),
        (503, False),
    ],
)
def test_client_errors_are_permanent_and_server_errors_transient(
    hook: Hook, status: int, permanent: bool
) -> None:
    hook.status, hook.body = status, b"invalid_token\r\nX-Injected: 1"

    with pytest.raises(WebhookError) as caught:
        post_json(f"http://127.0.0.1:{hook.port}/", PAYLOAD, allow_private=True)

    assert caught.value.permanent is permanent
    assert str(status) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert f"{hook.port}" not in str(caught.value)  # the URL (a secret) is never in the message


def test_slow_server_times_out_as_transient(hook: Hook) -> None:
    hook.delay = 3
    started = time.monotonic()

    with pytest.raises(WebhookError, match="timed out") as caught:
        post_json(f"http://127.0.0.1:{hook.port}/", PAYLOAD, allow_private=True, timeout=0.5)

    assert caught.value.permanent is False
    assert time.monotonic() - started < 1.5


def test_total_deadline_holds_against_a_server_that_trickles_bytes(hook: Hook) -> None:
    # 70 bytes at 50 ms each take 3.5 s; a per-recv timeout would never fire.
    hook.drip = True
    started = time.monotonic()

    with pytest.raises(WebhookError, match="timed out"):
        post_json(f"http://127.0.0.1:{hook.port}/", PAYLOAD, allow_private=True, timeout=0.6)

    assert time.monotonic() - started < 1.5


def test_large_response_body_is_not_read_in_full(hook: Hook) -> None:
    hook.body = b"x" * (20 * 1024 * 1024)

    assert post_json(f"http://127.0.0.1:{hook.port}/", PAYLOAD, allow_private=True, timeout=5) == 200


def test_response_body_is_capped() -> None:
    big = Hook(body=b"y" * 200_000)
    for served in _serve(big):
        response = netguard.request(
            "POST",
            f"http://127.0.0.1:{served.port}/",
            body=b"{}",
            headers={},
            allow_private=True,
            max_body=1000,
        )
        assert response.status == 200
        assert response.body == b"y" * 1000


def test_closed_port_is_a_transient_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(WebhookError, match="connection failed") as caught:
        post_json(f"http://127.0.0.1:{port}/", PAYLOAD, allow_private=True)

    assert caught.value.permanent is False


# --- refused targets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/services/x",
        "ftp://hooks.example.com/x",
        "https://127.0.0.1/",
        "https://127.0.0.1:443/",
        "https://[::1]/",
        "https://10.1.2.3/",
        "https://172.16.0.1/",
        "https://192.168.1.1",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:169.254.169.254]/",
        "https://[fe80::1]/",
        "https://[fd00::1]/",
        "https://[::]/",
        "https://hooks.example.com:8443/x",
        "https://user:secret@hooks.example.com/x",
        "https://hooks.example.com/x\r\nX-Injected: 1",
        "https://hooks.example.com/x y",
        "https:///nohost",
        "not a url",
    ],
)
def test_unsafe_urls_are_refused_before_resolving_or_connecting(url: str) -> None:
    with pytest.raises(WebhookError) as caught:
        post_json(url, PAYLOAD, resolve=never_resolve, connect=never_connect)

    assert caught.value.permanent is True
    assert "refused" in str(caught.value)


@pytest.mark.parametrize("url", ["https://localhost/x", "https://2130706433/x", "https://0x7f.1/x"])
def test_names_that_really_resolve_to_loopback_are_refused(url: str) -> None:
    # The system resolver answers these from /etc/hosts or numerically: no network needed.
    with pytest.raises(WebhookError, match="non-public") as caught:
        post_json(url, PAYLOAD, connect=never_connect)

    assert caught.value.permanent is True


@pytest.mark.parametrize(
    "answer",
    [
        ["10.0.0.5"],
        [PUBLIC_V4, "10.0.0.5"],
        ["10.0.0.5", PUBLIC_V4],
        [PUBLIC_V6, "fd12:3456::1"],
        [PUBLIC_V4, "::ffff:192.168.0.1"],
        ["169.254.169.254"],
    ],
)
def test_a_public_name_resolving_to_any_private_address_is_refused(answer: list[str]) -> None:
    resolve = Resolves(answer)

    with pytest.raises(WebhookError, match="non-public") as caught:
        post_json("https://hooks.example.com/services/x", PAYLOAD, resolve=resolve, connect=never_connect)

    assert caught.value.permanent is True
    assert resolve.calls == ["hooks.example.com"]


def test_dns_rebinding_cannot_move_the_connection_to_a_private_address() -> None:
    # First answer public (passes the check), every later answer private: the classic rebinding.
    resolve = Resolves([PUBLIC_V4], ["10.0.0.5"])
    connects = Connects(refuse=True)  # no internet here; we only need to see where it goes

    with pytest.raises(WebhookError) as caught:
        post_json("https://hooks.example.com/services/x", PAYLOAD, resolve=resolve, connect=connects)

    assert caught.value.permanent is False
    assert resolve.calls == ["hooks.example.com"]
    assert connects.calls == [(PUBLIC_V4, 443)]


def test_fallback_to_the_next_address_only_uses_checked_addresses() -> None:
    resolve = Resolves([PUBLIC_V6, PUBLIC_V4])
    connects = Connects(refuse=True)

    with pytest.raises(WebhookError, match="connection failed"):
        post_json("https://hooks.example.com/x", PAYLOAD, resolve=resolve, connect=connects)

    assert connects.calls == [(PUBLIC_V6, 443), (PUBLIC_V4, 443)]
    assert resolve.calls == ["hooks.example.com"]


def test_unresolvable_host_is_transient() -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise netguard.UnresolvableHostError(f"could not resolve {host}")

    with pytest.raises(WebhookError, match="not found") as caught:
        post_json("https://hooks.example.com/x", PAYLOAD, resolve=nxdomain, connect=never_connect)

    assert caught.value.permanent is False


def test_pinned_connection_refuses_an_unchecked_address() -> None:
    target = netguard.check_url("https://hooks.example.com/x", resolve=Resolves([PUBLIC_V4]))

    with pytest.raises(netguard.UnsafeTargetError):
        netguard.pinned_connection(target, "10.0.0.5", connect_timeout=1)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.255.255.255", False),
        ("172.16.0.1", False),
        ("172.31.255.254", False),
        ("172.32.0.1", True),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("100.127.255.254", False),
        ("100.128.0.1", True),
        ("0.0.0.0", False),  # noqa: S104 - an address to classify, not a bind
        ("224.0.0.251", False),
        ("233.252.0.1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("192.0.2.10", False),
        ("198.18.0.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:93.184.215.14", True),
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("2001:db8::1", False),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
        (PUBLIC_V4, True),
        ("1.1.1.1", True),
        ("52.112.0.1", True),
        (PUBLIC_V6, True),
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert netguard.is_public_address(ipaddress.ip_address(address)) is public


# --- form validation --------------------------------------------------------------------------


def test_validate_webhook_url_accepts_a_public_https_url() -> None:
    url = "https://example.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456"

    assert validate_webhook_url(f"  {url}\n", resolve=Resolves([PUBLIC_V4, PUBLIC_V6])) == url


@pytest.mark.parametrize(
    ("url", "answer", "message"),
    [
        ("http://hooks.slack.com/services/x", [PUBLIC_V4], "only https"),
        ("https://hooks.slack.com:444/services/x", [PUBLIC_V4], "port"),
        ("https://hooks.slack.com/services/x", ["10.0.0.5"], "non-public"),
        ("https://192.168.1.1/x", [], "not a public address"),
        ("https://user:pw@hooks.slack.com/x", [PUBLIC_V4], "user name or password"),
    ],
)
def test_validate_webhook_url_explains_refusals(url: str, answer: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_webhook_url(url, resolve=Resolves(answer))


def test_validate_webhook_url_reports_unknown_hosts() -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise netguard.UnresolvableHostError(host)

    with pytest.raises(ValueError, match="could not be found"):
        validate_webhook_url("https://no-such-host.example.com/x", resolve=nxdomain)


def test_validate_webhook_url_allows_private_targets_when_switched_on() -> None:
    assert (
        validate_webhook_url("http://127.0.0.1:8080/hook", allow_private=True) == "http://127.0.0.1:8080/hook"
    )


# --- payloads ---------------------------------------------------------------------------------


def test_teams_payload_is_an_adaptive_card_message() -> None:
    payload = teams_payload("Check-in", "Hoe gaat het?", "https://beklijf.example.com/c/1", "Open")

    assert payload["type"] == "message"
    (attachment,) = payload["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert [block["text"] for block in card["body"]] == ["Check-in", "Hoe gaat het?"]
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Open", "url": "https://beklijf.example.com/c/1"}
    ]
    json.dumps(payload)


def test_slack_payload_uses_blocks_and_escapes_mentions_in_the_fallback() -> None:
    payload = slack_payload(
        "Nudge <!channel>", "A & B <@U123>", "https://beklijf.example.com/n/1", "Oefen nu"
    )

    assert payload["text"] == "Nudge &lt;!channel&gt;: A &amp; B &lt;@U123&gt;"
    header, section, actions = payload["blocks"]
    assert header["text"] == {"type": "plain_text", "text": "Nudge <!channel>", "emoji": True}
    assert section["text"]["type"] == "plain_text"
    (button,) = actions["elements"]
    assert button["url"] == "https://beklijf.example.com/n/1"
    assert button["text"]["text"] == "Oefen nu"


def test_long_texts_are_clipped_to_the_platform_limits() -> None:
    payload = slack_payload("t" * 500, "x" * 5000, "https://b.example.com/", "l" * 100)

    header, section, actions = payload["blocks"]
    assert len(header["text"]["text"]) == 150
    assert len(section["text"]["text"]) == 3000
    assert len(actions["elements"][0]["text"]["text"]) == 75
    assert section["text"]["text"].endswith("…")


@pytest.mark.parametrize("build", [teams_payload, slack_payload])
@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://x.example/\r\nX: y", "//x.example/"])
def test_payloads_refuse_non_http_links(build: Callable[..., dict[str, Any]], link: str) -> None:
    with pytest.raises(ValueError, match="link_url"):
        build("t", "x", link, "Open")


# --- HTTPS: certificate and SNI checked for the host name while connecting to the pinned IP ----


@dataclass
class Pki:
    client: ssl.SSLContext
    server: ssl.SSLContext


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl CLI not found; needed to make a test certificate")
    d: Path = tmp_path_factory.mktemp("pki")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=d, check=True, capture_output=True, timeout=60)

    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=beklijf test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=hooks.example.com")
    (d / "leaf.ext").write_text(
        "subjectAltName=DNS:hooks.example.com\nbasicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
    )
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext")  # fmt: skip

    client = ssl.create_default_context(cafile=str(d / "ca.pem"))
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(str(d / "leaf.pem"), str(d / "leaf.key"))
    return Pki(client=client, server=server)


@pytest.fixture
def tls_hook(pki: Pki) -> Iterator[Hook]:
    hook = Hook()
    pki.server.sni_callback = lambda sock, name, ctx: hook.sni.append(name)  # type: ignore[assignment]
    yield from _serve(hook, pki.server)


def test_https_to_the_pinned_ip_verifies_the_certificate_for_the_host_name(tls_hook: Hook, pki: Pki) -> None:
    connects = Connects()
    url = f"https://hooks.example.com:{tls_hook.port}/services/T0/B0/secret"

    status = post_json(
        url,
        PAYLOAD,
        allow_private=True,
        resolve=Resolves(["127.0.0.1"]),
        connect=connects,
        ssl_context=pki.client,
    )

    assert status == 200
    assert connects.calls == [("127.0.0.1", tls_hook.port)]
    assert tls_hook.sni == ["hooks.example.com"]
    (seen,) = tls_hook.seen
    assert seen.headers["Host"] == f"hooks.example.com:{tls_hook.port}"
    assert seen.path == "/services/T0/B0/secret"
    assert json.loads(seen.body) == PAYLOAD


def test_https_with_a_certificate_for_another_name_fails(tls_hook: Hook, pki: Pki) -> None:
    with pytest.raises(WebhookError, match="TLS") as caught:
        post_json(
            f"https://other.example.com:{tls_hook.port}/x",
            PAYLOAD,
            allow_private=True,
            resolve=Resolves(["127.0.0.1"]),
            ssl_context=pki.client,
        )

    assert caught.value.permanent is False
    assert tls_hook.seen == []


def test_https_with_an_untrusted_certificate_fails(tls_hook: Hook) -> None:
    # The default context trusts only the system CAs, not our test CA.
    with pytest.raises(WebhookError, match="TLS"):
        post_json(
            f"https://hooks.example.com:{tls_hook.port}/x",
            PAYLOAD,
            allow_private=True,
            resolve=Resolves(["127.0.0.1"]),
        )

    assert tls_hook.seen == []


def test_tls_handshake_that_never_finishes_times_out() -> None:
    # The kernel accepts the TCP connection into the backlog, but nobody ever answers the TLS hello.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        started = time.monotonic()

        with pytest.raises(WebhookError, match="timed out") as caught:
            post_json(
                f"https://hooks.example.com:{port}/x",
                PAYLOAD,
                allow_private=True,
                resolve=Resolves(["127.0.0.1"]),
                timeout=0.5,
            )

    assert caught.value.permanent is False
    assert time.monotonic() - started < 1.5
