"""The NinjaAPI: token auth on every operation, errors as JSON with a message a person can act on."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from beklijf.integrations.api.auth import TokenAuth
from beklijf.integrations.api.endpoints import router


class BeklijfApi(NinjaAPI):
    def create_response(self, request: HttpRequest, data, *args, **kwargs) -> HttpResponse:  # noqa: ANN001,ANN002,ANN003
        response = super().create_response(request, data, *args, **kwargs)
        # People's data must not stay in a cache (ASVS 14.3.2); the session pages get this from
        # NoStoreMiddleware, which does not see token calls.
        response["Cache-Control"] = "no-store"
        return response


api = BeklijfApi(
    title="beklijf API",
    version="1",
    description=(
        "The follow-up after company trainings, for HR systems and learning platforms. "
        "Authenticate with `Authorization: Bearer <token>`; an L&D admin creates tokens under Integrations. "
        "See docs/integrations-api.md."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/v1/", router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # The same answer for "does not exist" and "not yours": existence stays hidden.
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("This token may read but not change this; it needs the 'write' scope.")},
        status=403,
    )


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": _("Send a valid, unrevoked API token: 'Authorization: Bearer bkl_...'.")},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": ".".join(str(part) for part in error.get("loc", [])[1:]) or None,
            "in": (error.get("loc") or ["body"])[0],
            "message": error.get("msg", ""),
        }
        for error in exc.errors
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return api.create_response(
        request, {"detail": detail or _("Invalid request."), "errors": errors}, status=422
    )
