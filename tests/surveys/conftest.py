from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beklijf.catalog.models import Enrollment
from beklijf.people.models import Employee
from beklijf.surveys.models import SurveyInvitation


def invitation(
    enrollment: Enrollment,
    kind: str = "day7",
    *,
    audience: str = "employee",
    respondent: Employee | None = None,
    due_ago: dt.timedelta = dt.timedelta(hours=1),
) -> SurveyInvitation:
    """An invitation as the planner leaves it: due a moment ago, sent."""
    respondent = respondent or enrollment.employee
    due = timezone.now() - due_ago
    return SurveyInvitation.objects.create(organization=respondent.organization, enrollment=enrollment, kind=kind,
                                           audience=audience, respondent=respondent, due_at=due, sent_at=due,
                                           language=respondent.language)  # fmt: skip
