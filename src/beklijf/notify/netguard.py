"""SSRF guard for outgoing HTTP: which URLs we may call, and a connection pinned to a checked IP.

A webhook URL is typed in by a customer, so without a guard beklijf could be made to POST to
its own admin port, the cloud metadata service (169.254.169.254) or a database on the private
network. The rules (EVIDENCE.md, SSRF row; healthchecks ``hc/lib/curl.py``):

- https on port 443 only; ``allow_private=True`` (development and tests) lifts this and the
  address rule;
- the host name is resolved ONCE and every address it resolves to must be public;
- the connection then goes to one of those checked addresses, while TLS still verifies the
  certificate for the host name (SNI) and the ``Host`` header names the host, so a DNS answer
  that changes between check and connect (DNS rebinding) cannot redirect us;
- the caller never follows redirects (see :mod:`beklijf.notify.webhook`).

Plain Python with no Django import; standard library only, so the pinning stays in our hands.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "Connector",
    "Resolver",
    "Response",
    "Target",
    "UnresolvableHostError",
    "UnsafeTargetError",
    "check_url",
    "is_public_address",
    "pinned_connection",
    "request",
    "system_resolve",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
"""``(host, port) -> IP address strings``; called once per request."""
Connector = Callable[[tuple[str, int], float], socket.socket]
"""``((ip, port), timeout) -> connected socket``, like :func:`socket.create_connection`."""

ALLOWED_PORTS = frozenset({443})

# Blocks that ipaddress' is_global does not flag, or flags differently across Python versions.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215, site-specific embedding
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$"
)


class UnsafeTargetError(ValueError):
    """The URL or one of its addresses is not allowed. Retrying will not help."""


class UnresolvableHostError(ValueError):
    """The host name did not resolve (may be temporary)."""


@dataclass(frozen=True)
class Target:
    """A URL that passed the checks, with the addresses it was checked against."""

    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    path: str  # path and query, never empty
    addresses: tuple[str, ...]  # every address the host resolved to, all checked


def is_public_address(ip: IPAddress) -> bool:
    """Whether ``ip`` is a globally routable unicast address that a webhook may reach.

    Refuses loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10),
    unique-local (fc00::/7), CGNAT (100.64/10), unspecified, multicast, reserved and documentation
    ranges, and IPv6 forms that embed such an IPv4 address (IPv4-mapped, 6to4, NAT64).
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if ip.teredo is not None or ip.is_site_local or ip in _LOCAL_NAT64:
            return False
    elif ip in _CGNAT:
        return False
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_unspecified
        or ip.is_multicast
        or ip.is_reserved
        or not ip.is_global
    )


def system_resolve(host: str, port: int) -> list[str]:
    """Resolve ``host`` with getaddrinfo; distinct addresses in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvableHostError(f"could not resolve {host}") from exc
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def check_url(url: str, *, allow_private: bool = False, resolve: Resolver = system_resolve) -> Target:
    """Parse ``url``, resolve its host once and check every address.

    Args:
        url: the full URL, e.g. a Teams or Slack webhook.
        allow_private: also allow http, any port and non-public addresses (development and tests).
        resolve: name resolver, replaceable in tests to simulate DNS answers.

    Returns:
        The :class:`Target` to connect to with :func:`pinned_connection`.

    Raises:
        UnsafeTargetError: the scheme, port, host or an address is not allowed.
        UnresolvableHostError: the host did not resolve.
    """
    scheme, host, port, path = _parse(url, allow_private=allow_private)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        raw_addresses: Sequence[str] = [host]
    else:
        raw_addresses = resolve(host, port)
        if not raw_addresses:
            raise UnresolvableHostError(f"could not resolve {host}")
    addresses = []
    for raw in raw_addresses:
        try:
            ip = ipaddress.ip_address(raw.split("%", 1)[0])
        except ValueError as exc:
            raise UnsafeTargetError(f"{host} resolved to an invalid address") from exc
        if not allow_private and not is_public_address(ip):
            # Every address counts: a name with one public and one private address could
            # otherwise reach the private one on a later connect or a client retry.
            if literal is not None:
                raise UnsafeTargetError(f"{ip} is not a public address")
            raise UnsafeTargetError(f"{host} resolves to a non-public address ({ip})")
        addresses.append(str(raw))
    return Target(scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


def _parse(url: str, *, allow_private: bool) -> tuple[str, str, int, str]:
    if not isinstance(url, str) or re.search(r"[\x00-\x20\x7f\\]", url):
        raise UnsafeTargetError("the URL must not contain spaces, backslashes or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeTargetError("the URL is not valid") from exc
    scheme = parts.scheme.lower()
    allowed_schemes = ("https", "http") if allow_private else ("https",)
    if scheme not in allowed_schemes:
        raise UnsafeTargetError("only https:// URLs are allowed")
    if parts.username is not None or parts.password is not None:
        raise UnsafeTargetError("the URL must not contain a user name or password")
    if not parts.hostname:
        raise UnsafeTargetError("the URL has no host")
    host = _ascii_host(parts.hostname)
    port = port if port is not None else (443 if scheme == "https" else 80)
    if not allow_private and port not in ALLOWED_PORTS:
        raise UnsafeTargetError("only the standard https port (443) is allowed")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, host, port, path


def _ascii_host(hostname: str) -> str:
    host = hostname.rstrip(".")
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    else:
        return host
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise UnsafeTargetError("the host name is not valid") from exc
    if not _HOST_NAME.fullmatch(host):
        raise UnsafeTargetError("the host name is not valid")
    return host


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Plain HTTP to a fixed IP, with ``Host`` naming the original host (allow_private only)."""

    def __init__(self, target: Target, address: str, *, timeout: float, connect: Connector) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._pinned = (address, target.port)
        self._connect = connect
        self._connect_timeout = timeout

    def connect(self) -> None:
        self.sock = self._connect(self._pinned, self._connect_timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a fixed IP; SNI and certificate checks use the original host name."""

    def __init__(
        self,
        target: Target,
        address: str,
        *,
        timeout: float,
        connect: Connector,
        context: ssl.SSLContext,
        deadline: float | None,
    ) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self._pinned = (address, target.port)
        self._connect = connect
        self._connect_timeout = timeout
        self._deadline = deadline
        self._tls = context

    def connect(self) -> None:
        sock = self._connect(self._pinned, self._connect_timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            # CPython bounds the whole TLS handshake by the socket timeout; give it what is left.
            if self._deadline is not None:
                sock.settimeout(min(self._connect_timeout, _remaining(self._deadline)))
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def pinned_connection(
    target: Target,
    address: str,
    *,
    connect_timeout: float,
    connect: Connector = socket.create_connection,
    context: ssl.SSLContext | None = None,
    deadline: float | None = None,
) -> http.client.HTTPConnection:
    """An unopened HTTP(S) connection that will connect to ``address`` and nothing else.

    Args:
        target: a URL checked by :func:`check_url`.
        address: one of ``target.addresses``.
        connect_timeout: seconds for the TCP connect (and, until changed, each socket operation).
        connect: socket factory, replaceable in tests to observe the connection target.
        context: TLS settings; the default verifies certificates against the system CAs.
        deadline: ``time.monotonic()`` value by which the TLS handshake must be done.

    Raises:
        UnsafeTargetError: if ``address`` is not one of the checked addresses.
    """
    if address not in target.addresses:
        raise UnsafeTargetError("refusing to connect to an address that was not checked")
    if target.scheme == "https":
        return _PinnedHTTPSConnection(
            target,
            address,
            timeout=connect_timeout,
            connect=connect,
            context=context or ssl.create_default_context(),
            deadline=deadline,
        )
    return _PinnedHTTPConnection(target, address, timeout=connect_timeout, connect=connect)


@dataclass(frozen=True)
class Response:
    """What came back; ``body`` holds at most ``max_body`` bytes."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), if any."""
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


def request(
    method: str,
    url: str,
    *,
    body: bytes,
    headers: Mapping[str, str],
    allow_private: bool = False,
    connect_timeout: float = 5,
    timeout: float = 10,
    max_body: int = 64 * 1024,
    resolve: Resolver = system_resolve,
    connect: Connector = socket.create_connection,
    context: ssl.SSLContext | None = None,
) -> Response:
    """Send one HTTP request to a checked, pinned address. Redirects are returned, never followed.

    Args:
        method: HTTP method, e.g. ``"POST"``.
        url: target URL, checked by :func:`check_url`.
        body: request body.
        headers: extra request headers (``Host`` and ``Content-Length`` are set here).
        allow_private: see :func:`check_url`.
        connect_timeout: seconds allowed for each TCP (and TLS) connect.
        timeout: seconds for the whole exchange, from resolving to the last body byte.
        max_body: the most response body bytes read; the rest is dropped with the connection.
        resolve: name resolver, called once (test seam).
        connect: socket factory (test seam).
        context: TLS settings; default verifies against the system CAs.

    Raises:
        UnsafeTargetError: the URL or an address is not allowed.
        UnresolvableHostError: the host did not resolve.
        TimeoutError: the deadline passed.
        OSError: connecting or TLS failed (``ssl.SSLError`` is an ``OSError``).
        http.client.HTTPException: the server's answer was not valid HTTP.
    """
    deadline = time.monotonic() + timeout
    target = check_url(url, allow_private=allow_private, resolve=resolve)
    conn = _connect_first(
        target, deadline=deadline, connect_timeout=connect_timeout, connect=connect, context=context
    )
    sock = conn.sock
    try:
        conn.sock = _DeadlineSocket(sock, deadline)
        conn.request(method, target.path, body=body, headers={**headers, "Connection": "close"})
        with conn.getresponse() as response:
            data = response.read(max_body) if max_body > 0 else b""
            return Response(
                status=response.status,
                reason=response.reason,
                headers=tuple(response.getheaders()),
                body=data,
            )
    finally:
        conn.close()
        sock.close()


def _connect_first(
    target: Target,
    *,
    deadline: float,
    connect_timeout: float,
    connect: Connector,
    context: ssl.SSLContext | None,
) -> http.client.HTTPConnection:
    """Open a connection to the first checked address that answers (IPv6 may be unroutable here)."""
    error: OSError | None = None
    for address in target.addresses:
        conn = pinned_connection(
            target,
            address,
            connect_timeout=min(connect_timeout, _remaining(deadline)),
            connect=connect,
            context=context,
            deadline=deadline,
        )
        try:
            conn.connect()
        except ssl.SSLError:
            conn.close()
            raise  # the host answered; another address would present the same certificate
        except OSError as exc:
            conn.close()
            error = exc
            continue
        return conn
    if error is None:  # unreachable: check_url never returns an empty address list
        raise UnresolvableHostError(f"no address for {target.host}")
    raise error


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the request took too long")
    return left


class _DeadlineSocket:
    """The socket methods http.client uses, each limited by one overall deadline.

    A socket timeout bounds each recv separately, so a server that trickles one byte at a time
    could hold a worker for minutes; here every send and recv gets only the time that is left.
    """

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(_remaining(self._deadline))
        self._sock.sendall(data)

    def recv_into(self, buffer: memoryview) -> int:
        self._sock.settimeout(_remaining(self._deadline))
        return self._sock.recv_into(buffer)

    def makefile(self, mode: str) -> io.BufferedReader:
        if mode != "rb":
            raise ValueError("only 'rb' is supported")
        return io.BufferedReader(_DeadlineReader(self))

    def close(self) -> None:
        """Do nothing: http.client closes the connection while the response is still being read
        (``Connection: close``); :func:`request` closes the real socket when it is done."""


class _DeadlineReader(io.RawIOBase):
    def __init__(self, sock: _DeadlineSocket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        return self._sock.recv_into(buffer)
