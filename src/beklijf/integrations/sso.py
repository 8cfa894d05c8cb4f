"""Single sign-on with OpenID Connect, configured per organisation (mozilla-django-oidc, authorisation code
flow with PKCE). A person signs in with their organisation's identity provider and is matched by e-mail
address to an imported, active employee of that organisation. Nobody is created: an unknown address or a
deactivated employee is refused with a message that says why. Password login stays as it is.
"""

from __future__ import annotations

import logging

import requests
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from beklijf.integrations.models import OidcProvider
from beklijf.people.models import Employee

log = logging.getLogger(__name__)

# Session keys: which organisation's provider this login goes through, and why it was refused.
SSO_ORGANIZATION = "beklijf_sso_organization"
SSO_REFUSAL = "beklijf_sso_refusal"


class DiscoveryError(Exception):
    """The identity provider's configuration could not be read."""


def discover(issuer: str) -> dict:
    """The provider's endpoints from its discovery document, cached for an hour."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    key = "beklijf-oidc-discovery:" + url
    if (config := cache.get(key)) is not None:
        return config
    try:
        response = requests.get(url, timeout=10)
        response.raise_for_status()
        config = response.json()
        missing = {"authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"} - set(config)
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(str(exc)) from exc
    if missing:
        raise DiscoveryError(f"the discovery document lacks {', '.join(sorted(missing))}")
    cache.set(key, config, 3600)
    return config


def provider_for_login(request: HttpRequest) -> OidcProvider | None:
    organization_id = request.session.get(SSO_ORGANIZATION)
    if organization_id is None:
        return None
    return (
        OidcProvider.objects.select_related("organization")
        .filter(organization_id=organization_id, enabled=True)
        .first()
    )


class OrganizationOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the provider chosen per login (not from settings), matching
    people to employees and never creating an account."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002,ANN003
        # The parent reads one provider from the settings; ours are per organisation (see authenticate).
        self.UserModel = get_user_model()
        self.provider: OidcProvider | None = None

    def authenticate(self, request: HttpRequest | None, **kwargs):  # noqa: ANN003,ANN201
        if request is None or "nonce" not in kwargs:
            return None  # a password login: not ours
        self.provider = provider_for_login(request)
        if self.provider is None:
            return None
        try:
            config = discover(self.provider.issuer)
        except DiscoveryError as exc:
            log.warning("OIDC discovery failed for %s: %s", self.provider.issuer, exc)
            return self._refuse(request, "unreachable")
        self.OIDC_OP_TOKEN_ENDPOINT = config["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = config["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = config["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        self.OIDC_RP_CLIENT_SECRET = self.provider.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.issuer = config.get("issuer", self.provider.issuer)
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs) -> dict | None:  # noqa: ANN003
        payload = super().verify_token(token, **kwargs)
        # The parent checks the signature and the nonce; the issuer and the audience are checked here.
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.issuer or self.OIDC_RP_CLIENT_ID not in audiences:
            log.warning("OIDC token refused: issuer or audience does not match")
            return None
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict):  # noqa: ANN201
        """The active employee of the provider's organisation with this e-mail address; never a new account."""
        claims = self.get_userinfo(access_token, id_token, payload)
        email = (claims.get("email") or "").strip().lower()
        if not email or claims.get("email_verified") is False:
            return self._refuse(self.request, "no_email")
        employee = (
            Employee.objects.select_related("user")
            .filter(organization=self.provider.organization, user__email=email)
            .first()
        )
        if employee is None:
            return self._refuse(self.request, "unknown", email)
        if not (employee.is_active and employee.user.is_active):
            return self._refuse(self.request, "inactive", email)
        return employee.user

    def _refuse(self, request: HttpRequest, reason: str, email: str = "") -> None:
        request.session[SSO_REFUSAL] = {"reason": reason, "email": email}
        return None
