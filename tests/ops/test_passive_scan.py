"""A ZAP-baseline-style passive scan: every page of the permission table, as every role, with production
security settings, checked for the headers, cookie flags and markup a passive scanner flags.

ZAP's baseline rules this mirrors: CSP missing or weak (10038, 10055), anti-clickjacking (10020), HSTS
(10035), X-Content-Type-Options (10021), cookie without Secure/HttpOnly/SameSite (10011, 10010, 10054),
server version leak (10036, 10037), inline script and event handlers (10055 under a strict CSP), caching
of personal pages (10015). Zero findings is the pass mark.
"""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests import factories
from tests.conftest import ROLES, World, client_for
from tests.people.test_permissions import TABLE

PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_PRELOAD": True,
}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
COOKIE_NAMES = {"__Host-sessionid", "__Host-csrftoken", "django_language"}


def findings(response, *, signed_in: bool) -> list[str]:  # noqa: ANN001
    found = []
    csp = response.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):  # fmt: skip
        if directive not in csp:
            found.append(f"CSP lacks {directive}")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        found.append("CSP allows unsafe-inline/eval")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            found.append(f"{header} is {response.get(header)!r}")
    if response.get("Referrer-Policy") not in {"same-origin", "strict-origin", "no-referrer"}:
        found.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    hsts = response.get("Strict-Transport-Security", "")
    if "max-age=31536000" not in hsts or "includeSubDomains" not in hsts:
        found.append(f"HSTS is {hsts!r}")
    for banner in ("Server", "X-Powered-By", "X-AspNet-Version"):
        if banner in response:
            found.append(f"banner {banner}: {response[banner]}")
    if not response.get("X-Request-ID"):
        found.append("no X-Request-ID")
    for name, morsel in response.cookies.items():
        if not morsel.value:
            continue  # a deletion
        if name not in COOKIE_NAMES:
            found.append(f"unexpected cookie {name}")
        if not morsel["secure"]:
            found.append(f"cookie {name} without Secure")
        if name.startswith("__Host-") and (morsel["domain"] or morsel["path"] != "/"):
            found.append(f"cookie {name} breaks the __Host- rules")
        if name != "django_language" and not morsel["httponly"]:
            found.append(f"cookie {name} without HttpOnly")
        if morsel["samesite"] not in ("Lax", "Strict"):
            found.append(f"cookie {name} without SameSite")
    if (
        signed_in
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    ):
        found.append(f"personal page may be cached: Cache-Control {response.get('Cache-Control')!r}")
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for label, pattern in (("inline script", INLINE_SCRIPT), ("event handler attribute", EVENT_HANDLER),
                               ("style attribute", STYLE_ATTRIBUTE), ("javascript: URL", JS_URL)):  # fmt: skip
            if match := pattern.search(html):
                found.append(f"{label}: {match.group(0)[:80]}")
    return found


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_page_passes_the_passive_scan_for_every_role(world: World, name: str) -> None:
    method, args, _expected = TABLE[name]
    report = []
    url = reverse(name, args=args(world))
    with override_settings(**PRODUCTION):
        for role in ROLES:
            user = world.user(role)
            client = client_for(user)
            response = getattr(client, method)(url, secure=True)
            report += [
                f"{role} {method.upper()} {url}: {problem}"
                for problem in findings(response, signed_in=user is not None)
            ]
    assert not report, "\n".join(report)


def test_the_login_page_sets_host_prefixed_secure_cookies(world: World) -> None:
    from django.test import Client

    with override_settings(**PRODUCTION):
        client = Client()
        page = client.get(reverse("login"), secure=True)
        assert page.cookies["__Host-csrftoken"]["secure"]
        response = client.post(
            reverse("login"),
            {"username": world.employee.user.email, "password": factories.PASSWORD},
            secure=True,
        )
        assert response.status_code == 302
        session = response.cookies["__Host-sessionid"]
        assert (
            session["secure"]
            and session["httponly"]
            and session["samesite"] == "Lax"
            and session["path"] == "/"
        )
        assert findings(response, signed_in=True) == []


def test_plain_http_is_redirected_to_https_except_health_probes(world: World) -> None:
    from django.test import Client

    with override_settings(**PRODUCTION):
        assert Client().get(reverse("login")).status_code == 301
        assert Client().get(reverse("ops:health-live")).status_code == 200
