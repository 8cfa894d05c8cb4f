"""Personal data in integrations: who created an API token. Statements already delivered to a learning
record store live there, outside beklijf (they name people by code only): docs/privacy.md."""

from __future__ import annotations

from beklijf.integrations.models import ApiToken
from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        ApiToken,
        subject="",
        erase=Erase.ANONYMISE,
        others=("created_by",),
        purpose="API tokens of the organisation, and which L&D admin created each one.",
    ),
)
