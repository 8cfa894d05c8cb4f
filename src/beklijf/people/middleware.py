from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from beklijf.people.access import actor_for

_LAST_SEEN = "beklijf_last_seen"
# Set by practice.views.magic_link and surveys.views.link: a session opened by a sign-in link reaches
# today's quiz and the survey pages only.
MAGIC_LINK_SCOPE = "magic_link_scope"


class ActorMiddleware:
    """Resolves `request.actor` once, enforces the idle timeout and activates the person's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif now - last_seen >= 60 or _LAST_SEEN not in request.session:
                # Refreshed at most once a minute, so a page view does not write the session every time.
                request.session[_LAST_SEEN] = now
        request.actor = SimpleLazyObject(lambda: actor_for(request.user))
        if request.session.get(MAGIC_LINK_SCOPE) and not _allowed_with_magic_link(request.path_info):
            # A magic link signs in for today's quiz only; the rest needs the password.
            return HttpResponseForbidden(render_to_string("practice/magic_scope.html", request=request))
        if request.user.is_authenticated:
            employee = request.actor.employee
            if employee is not None:
                translation.activate(employee.language)
                request.LANGUAGE_CODE = employee.language
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages with people's data must not stay in a shared browser's cache (ASVS 14.3.2)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


_MAGIC_LINK_PAGES = {"practice:quiz", "practice:answer", "practice:magic-link", "logout", "set_language",
                     "surveys:answer", "surveys:link"}  # fmt: skip


def _allowed_with_magic_link(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 reveals nothing
    return match.view_name in _MAGIC_LINK_PAGES or path.startswith(settings.STATIC_URL)
