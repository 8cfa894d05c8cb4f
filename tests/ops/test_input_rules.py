"""ASVS rules on input that cut across apps: ORM keys allowlisted, no mass assignment, no mail header
injection, no state change on GET."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from beklijf.notify.outbox import outbox_add, outbox_send
from tests.conftest import ROLES, World, client_for
from tests.people.test_permissions import TABLE

SOURCE = Path(__file__).resolve().parents[2] / "src" / "beklijf"


def _python_sources() -> list[Path]:
    return [p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]


def test_no_request_data_is_unpacked_into_the_orm() -> None:
    # CVE-2026-1312 and friends: request keys must never become ORM aliases, lookups or sort keys.
    risky = re.compile(
        r"\*\*\s*request\.(GET|POST|data)|order_by\(\s*request\.|\.(values|annotate|filter)\(\s*\*\*request"
    )
    hits = [f"{p.relative_to(SOURCE)}: {line.strip()}" for p in _python_sources()
            for line in p.read_text().splitlines() if risky.search(line)]  # fmt: skip
    assert not hits, hits


def test_no_form_takes_all_fields() -> None:
    hits = [str(p.relative_to(SOURCE)) for p in _python_sources()
            if re.search(r"""fields\s*=\s*["']__all__["']""", p.read_text())]  # fmt: skip
    assert not hits, hits


@pytest.mark.parametrize(
    "value", ["sent__gt", "pk", "status;drop", "sent\x00", "created_at", "to__icontains"]
)
def test_a_filter_value_outside_the_allowlist_is_a_400(world: World, value: str) -> None:
    response = client_for(world.ld_admin.user).get(reverse("notify:outbox-list"), {"status": value})
    assert response.status_code == 400


def test_a_header_injection_in_a_subject_reaches_one_recipient_only(world: World, smtp) -> None:  # noqa: ANN001
    row = outbox_add(key="inject", organization=world.org, employee=world.employee, kind="test",
                     to=world.employee.user.email, subject="Hello\r\nBcc: victim@example.com", text="Hi")  # fmt: skip
    assert outbox_send(outbox_id=row.pk) == "sent"
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["Bcc"] is None and "victim" not in str(message["To"])


def test_a_recipient_with_a_line_break_is_refused_permanently(world: World, smtp) -> None:  # noqa: ANN001
    row = outbox_add(key="inject-to", organization=world.org, employee=world.employee, kind="test",
                     to="eva@example.com\r\nBcc: victim@example.com", subject="Hi", text="Hi")  # fmt: skip
    assert outbox_send(outbox_id=row.pk) == "failed"
    assert smtp.messages == []


# Tables a GET may legitimately write: sessions (the idle timer), log-in bookkeeping, second-factor devices,
# and the audit log, which records who viewed whose evaluative data (a view is what it must record).
BOOKKEEPING = {"sessions.Session", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog",
               "otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken", "ops.WorkerHeartbeat",
               "privacy.AuditEvent"}  # fmt: skip


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label not in BOOKKEEPING
    }


def test_no_get_changes_the_database(world: World) -> None:
    gets = {}
    for name, (method, args, _) in TABLE.items():
        if method == "get":
            try:
                with transaction.atomic():
                    gets[name] = args(world)
            except IntegrityError:  # two rows share a fixture object (check-in of week 1): one is enough
                continue
    before = _counts()
    for role in ROLES:
        client = client_for(world.user(role))
        for name, args in gets.items():
            client.get(reverse(name, args=args))
    after = _counts()
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert not changed, changed
