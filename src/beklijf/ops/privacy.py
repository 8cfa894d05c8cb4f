"""Personal data of the second factor: an L&D admin's authenticator app and recovery codes (django-otp)."""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        TOTPDevice,
        subject="user__employee",
        erase=Erase.DELETE,
        purpose="Your authenticator app, for the second log-in step L&D admins take.",
        # The shared secret would let anyone holding the export produce your codes: never exported.
        export_exclude=("key", "last_t", "drift", "throttling_failure_timestamp", "throttling_failure_count"),
    ),
    Declaration(
        StaticDevice,
        subject="user__employee",
        erase=Erase.DELETE,
        purpose="That you have single-use recovery codes (the codes themselves are never exported).",
        export_exclude=("throttling_failure_timestamp", "throttling_failure_count"),
    ),
)
