"""Personal data in the catalogue: enrolments, and the accounts of providers."""

from __future__ import annotations

from beklijf.catalog.models import Enrollment, ProviderAccount
from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        Enrollment,
        subject="employee",
        erase=Erase.ANONYMISE,
        purpose="Which trainings you attended: the start of the follow-up and of the training's figures.",
    ),
    Declaration(
        ProviderAccount,
        subject="user__employee",
        erase=Erase.DELETE,
        purpose="A provider's login (not an employee's data).",
    ),
)
