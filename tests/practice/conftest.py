from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beklijf.catalog.models import Enrollment
from beklijf.catalog.services import enrollment_save
from tests.conftest import World


def complete(enrollment: Enrollment, *, on: dt.date) -> Enrollment:
    """Mark an enrolment completed through the same service the screens use."""
    from beklijf.catalog.forms import EnrollmentForm

    form = EnrollmentForm(
        {"status": Enrollment.Status.COMPLETED, "completed_on": on.isoformat()},
        instance=enrollment,
        session=enrollment.session,
        employees=type(enrollment.employee).objects.filter(pk=enrollment.employee_id),
    )
    assert form.is_valid(), form.errors
    return enrollment_save(form=form)


@pytest.fixture
def followed(world: World) -> World:
    """The world with the employee's enrolment completed yesterday: two learning points due today."""
    complete(world.enrollment, on=timezone.localdate() - dt.timedelta(days=1))
    return world
