"""The security gate after the actor is known: revoked accounts out, second factor for L&D admins."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from beklijf.people.middleware import MAGIC_LINK_SCOPE

# Pages an L&D admin can open before the second factor: the second-factor pages themselves and the way out.
_BEFORE_SECOND_FACTOR = {"ops:2fa-setup", "ops:2fa-verify", "logout", "set_language", "ops:health-live",
                         "ops:health-ready"}  # fmt: skip


class SecurityGateMiddleware:
    """Runs after ActorMiddleware and django-otp's OTPMiddleware.

    - A deactivated employee's session ends on its next request (ASVS 7.4.2), whatever signed it in.
    - An L&D admin must pass a TOTP check (or a recovery code) before anything else (ASVS 6.3.3).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and (_is_revoked(user) or _past_absolute_limit(request)):
            logout(request)  # flushes the session: the cookie is worthless from now on
            return redirect(settings.LOGIN_URL)
        if (
            user.is_authenticated
            and settings.BEKLIJF_2FA_FOR_LD_ADMINS
            and not request.session.get(MAGIC_LINK_SCOPE)  # that session reaches the quiz only
            and request.actor.is_ld_admin
            and not user.is_verified()
            and not _allowed_before_second_factor(request.path_info)
        ):
            from beklijf.ops.twofactor import has_confirmed_device

            name = "ops:2fa-verify" if has_confirmed_device(user) else "ops:2fa-setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


SESSION_STARTED = "beklijf_session_started"


def session_started(request: HttpRequest) -> None:
    """Called at every log-in (user_logged_in): the absolute session limit counts from here."""
    request.session[SESSION_STARTED] = int(time.time())


def _past_absolute_limit(request: HttpRequest) -> bool:
    # Django renews a session's expiry whenever it is saved, so an active session would never end;
    # ASVS 7.3.2 asks for an absolute limit, counted from the log-in.
    started = request.session.setdefault(SESSION_STARTED, int(time.time()))
    return time.time() - started > settings.SESSION_COOKIE_AGE


def _is_revoked(user) -> bool:  # noqa: ANN001
    if not user.is_active:
        return True
    try:
        employee = user.employee
    except ObjectDoesNotExist:  # no employee record: a provider account or a superuser
        return False
    return not employee.is_active


def _allowed_before_second_factor(path: str) -> bool:
    if path.startswith(settings.STATIC_URL):
        return True
    try:
        return resolve(path).view_name in _BEFORE_SECOND_FACTOR
    except Resolver404:
        return True  # a 404 reveals nothing
