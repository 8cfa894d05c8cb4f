"""Anti-automation limits (ASVS 2.4.1): quiz answers, sign-in links and exports, counted by django-ratelimit
in the default cache. Log-in attempts are limited by django-axes (people/ and docs/security.md).

A request over the limit gets 429 with a page in the person's language and changes nothing. The limits are
settings (BEKLIJF_RATE_*), far above what a person does: an employee answers a question in ten seconds or
more, an L&D admin exports a few times an hour.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

PER_PERSON = "user_or_ip"
PER_ADDRESS = "ip"


def rate_limited(group: str, *, setting: str, key: str = PER_PERSON) -> Callable:
    """View decorator: at most `settings.<setting>` requests (e.g. "60/m") per person in `group`."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002,ANN003
            rate = getattr(settings, setting)
            if is_ratelimited(request, group=group, key=key, rate=rate, increment=True):
                return render(request, "ops/too_many.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
