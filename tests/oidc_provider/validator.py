from __future__ import annotations

from oauth2_provider.oauth2_validators import OAuth2Validator


class EmailValidator(OAuth2Validator):
    """Release the e-mail address (as verified) and the name, as Entra ID and Keycloak do."""

    def get_additional_claims(self, request):  # noqa: ANN001,ANN201
        return {"email": request.user.email, "email_verified": True, "name": request.user.get_full_name()}
