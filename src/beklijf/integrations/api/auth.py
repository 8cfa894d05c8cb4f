"""Bearer tokens: each call becomes an access.Actor for the token's organisation with the token's scopes."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from beklijf.integrations.models import ApiToken
from beklijf.integrations.tokens import token_find
from beklijf.people import access


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_find(token)
        if found is None:
            return None
        # The same scoping as the screens: people/access.py, with an organisation-wide API actor.
        request.actor = access.actor_for_api_token(found.organization, found.scopes)
        request.api_token = found
        return found
