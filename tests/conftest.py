from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from beklijf.catalog.models import Enrollment, Provider, Trainer, Training, TrainingSession
from beklijf.people.models import Employee, Organization, Team, User
from tests import factories
from tests import smtp as smtp_server

# Property tests judge correctness, not speed: on a shared 2-core machine under load Hypothesis' "too slow"
# health check and per-example deadlines fail tests that are right. Speed lives in bench/.
hypothesis_settings.register_profile(
    "beklijf", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
hypothesis_settings.load_profile("beklijf")


@dataclass
class World:
    """Two organisations, like healthchecks' alice/bob/charlie: every feature is tested against outsiders.

    Org A: team Sales (manager `manager`) with sub-team North; team Support (manager `manager_other`).
    `employee` works in North, so `manager` sees them through the subtree and `manager_other` does not.
    """

    org: Organization
    org_b: Organization
    sales: Team
    north: Team
    support: Team
    employee: Employee
    manager: Employee
    manager_other: Employee
    ld_admin: Employee
    ld_admin_b: Employee
    provider: Provider
    provider_user: User
    trainer: Trainer
    training: Training
    session: TrainingSession
    enrollment: Enrollment

    def user(self, role: str) -> User | None:
        return {
            "anonymous": None,
            "employee": self.employee.user,
            "manager": self.manager.user,
            "manager_other": self.manager_other.user,
            "ld_admin": self.ld_admin.user,
            "ld_admin_other_org": self.ld_admin_b.user,
            "provider": self.provider_user,
        }[role]


ROLES = ["anonymous", "employee", "manager", "manager_other", "ld_admin", "ld_admin_other_org", "provider"]


@pytest.fixture
def world(db) -> World:
    org = factories.organization("Acme")
    org_b = factories.organization("Other")
    manager = factories.employee(org, first_name="Mia")
    manager_other = factories.employee(org, first_name="Otto")
    sales = factories.team(org, "Sales", manager=manager)
    north = factories.team(org, "North", parent=sales)
    support = factories.team(org, "Support", manager=manager_other)
    manager.team = sales
    manager.save()
    manager_other.team = support
    manager_other.save()
    employee = factories.employee(org, team=north, manager=manager, first_name="Eva")
    ld_admin = factories.employee(org, role=Employee.Role.LD_ADMIN, first_name="Lotte")
    ld_admin_b = factories.employee(org_b, role=Employee.Role.LD_ADMIN, first_name="Bram")
    provider = factories.provider(org)
    trainer = factories.trainer(provider)
    training = factories.training(org, prov=provider)
    session = factories.session(training, trainer_=trainer)
    enrollment = factories.enrollment(employee, session)
    return World(
        org=org,
        org_b=org_b,
        sales=sales,
        north=north,
        support=support,
        employee=employee,
        manager=manager,
        manager_other=manager_other,
        ld_admin=ld_admin,
        ld_admin_b=ld_admin_b,
        provider=provider,
        provider_user=factories.provider_account(provider),
        trainer=trainer,
        training=training,
        session=session,
        enrollment=enrollment,
    )


def record_works_council_decision(org: Organization) -> Organization:
    """What an L&D admin records on the settings page before coaching signals and pairing may run."""
    import datetime as dt

    org.works_council_decided_on = dt.date(2026, 1, 15)
    org.works_council_reference = "OR 2026-03"
    org.dpia_reference = "DPIA-2026-beklijf"
    org.save()
    return org


@pytest.fixture
def works_council(world: World) -> World:
    """Organisation A has the works council's decision and the DPIA on record: signals and pairing run."""
    record_works_council_decision(world.org)
    return world


@pytest.fixture(autouse=True)
def _rate_limits_start_at_zero() -> None:
    """Rate-limit counters live in the cache, which outlives a test's database: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _audit_rows_flushable(request):  # noqa: ANN001,ANN202
    """SQLite empties tables with DELETE when a transactional test ends, which the audit log's triggers refuse
    for fresh rows; lift them just for that flush (PostgreSQL uses TRUNCATE, which row triggers ignore)."""
    marker = request.node.get_closest_marker("django_db")
    by_marker = marker is not None and marker.kwargs.get("transaction", False)
    if not by_marker and not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    if not by_marker:
        # Set up first, so torn down (flushed) after this fixture's clean-up; the marker's helper already is.
        request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    from beklijf.privacy.models import AuditEvent
    from beklijf.privacy.triggers import suspended

    with suspended(connection):
        AuditEvent.objects.all()._retention_delete()


def client_for(user: User | None, *, csrf: bool = False, complete: bool = True) -> Client:
    """A client logged in as `user`. `complete`: the whole log-in was done, as a person would do it: the
    second factor for an L&D admin (a real TOTP device) and a fresh password for exports and bulk actions."""
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user, backend="beklijf.people.backends.EmployeeBackend")
        if complete:
            complete_login(client, user)
    return client


def complete_login(client: Client, user: User) -> None:
    import time

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from beklijf.ops.reauth import SESSION_KEY as REAUTH_KEY

    session = client.session
    session[REAUTH_KEY] = int(time.time())
    employee = Employee.objects.filter(user=user).first()
    if employee is not None and employee.role == Employee.Role.LD_ADMIN:
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test app"})
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def smtp():  # noqa: ANN201
    controller, handler = smtp_server.start()
    with override_settings(MAILERS=smtp_server.mailers(controller.port)):
        yield handler
    controller.stop()


@pytest.fixture
def run_tick(django_capture_on_commit_callbacks):  # noqa: ANN001,ANN201
    """tick() as the worker runs it: the send tasks queued on commit run too (ImmediateBackend)."""
    import time_machine

    from beklijf.notify.tick import tick

    def run(at):  # noqa: ANN001,ANN202
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            return tick(at=at)

    return run
