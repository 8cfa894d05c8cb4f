"""Create the provider's people and beklijf's client registration: argv = redirect URI, client id, client
secret, then e-mail addresses (each gets the password `idp-password-1`)."""

from __future__ import annotations

import sys

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402


def main(redirect_uri: str, client_id: str, client_secret: str, emails: list[str]) -> None:
    for email in emails:
        User.objects.create_user(username=email, email=email, password="idp-password-1")
    Application.objects.create(
        name="beklijf",
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
