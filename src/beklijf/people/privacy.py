"""Personal data in the people app: the person, their account, and the teams they manage."""

from __future__ import annotations

import uuid

from django.utils import timezone

from beklijf.people.models import Employee, Team, User
from beklijf.privacy.registry import Declaration, Erase, register


def _erase_person(employee: Employee) -> None:
    """No name, no number, no account, a new code; the team stays so the team's figures do not change."""
    user = employee.user
    user.email = f"erased-{uuid.uuid4().hex}@erased.invalid"
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    employee.code = uuid.uuid4()  # old audit rows now point at nobody
    employee.first_name, employee.name_prefix, employee.last_name = "—", "", "—"
    employee.employee_number = employee.job_title = employee.location = ""
    employee.manager = None
    employee.is_active = False
    employee.role = Employee.Role.EMPLOYEE
    employee.erased_at = timezone.now()
    employee.save()


register(
    Declaration(
        Employee,
        subject="pk",
        erase=Erase.CUSTOM,
        custom_erase=_erase_person,
        purpose="Who you are, your team and manager: to know who follows up which training.",
        others=("manager",),
        covers=("user",),
    ),
    Declaration(
        User,
        subject="employee",
        erase=Erase.CUSTOM,
        custom_erase=lambda employee: None,  # done with the person, above
        purpose="Your account: e-mail address, last login.",
        export_exclude=("password", "username", "is_superuser", "is_staff"),
    ),
    Declaration(
        Team,
        subject="",
        erase=Erase.ANONYMISE,
        purpose="Who manages a team.",
        others=("manager",),
    ),
)
