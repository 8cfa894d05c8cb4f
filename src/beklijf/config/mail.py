"""Turn ``EMAIL_URL`` into Django 6.1's ``MAILERS`` setting.

``EMAIL_URL`` is one string an operator can paste, e.g. ``smtp+tls://user:pass@mail.example.com:587``.
Schemes: ``smtp`` (plain), ``smtp+tls`` (STARTTLS), ``smtps`` (implicit TLS), ``console`` (print mail;
the demo default), ``locmem`` (tests).
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def mailers_from_url(url: str) -> dict[str, dict]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in _BACKENDS:
        return {"default": {"BACKEND": _BACKENDS[scheme]}}
    if scheme not in {"smtp", "smtp+tls", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is not supported; use smtp, smtp+tls, smtps or console."
        )
    query = parse_qs(parts.query)
    options: dict[str, object] = {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if scheme == "smtps" else 587 if scheme == "smtp+tls" else 25),
        "use_tls": scheme == "smtp+tls",
        "use_ssl": scheme == "smtps",
        "timeout": int(query.get("timeout", ["10"])[0]),
    }
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {"default": {"BACKEND": _SMTP, "OPTIONS": options}}
