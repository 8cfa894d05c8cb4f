"""A person with a row in every model that holds personal data, to export and erase."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.admin.models import ADDITION, LogEntry
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from beklijf.catalog.models import ProviderAccount
from beklijf.coaching.models import (
    ActionPlan,
    Blocker,
    ConversationTask,
    Escalation,
    Objection,
    Pairing,
    SegmentSnapshot,
)
from beklijf.integrations.models import ApiToken
from beklijf.needs.models import Assessment, Dismissal, NeedDate, Skill, TrainingRequest
from beklijf.notify.models import AgendaItem, CheckIn, NudgeAssignment, Outbox, Preference
from beklijf.people.models import Employee
from beklijf.practice.models import MagicLink, MemoryState, Review
from beklijf.results.models import KnowledgeScore
from beklijf.surveys.models import SurveyAnswer, SurveyInvitation
from tests import factories
from tests.conftest import World

NOW = timezone.now()


def seed_person(world: World, person: Employee, *, marker: str, colleague: Employee) -> dict[str, int]:
    """Rows of `person` in every declared model; free text carries `marker` so an export can be searched."""
    enrollment = person.enrollments.first() or factories.enrollment(person, world.session)
    point = world.training.learning_points.first()
    question = point.questions.first()
    MemoryState.objects.create(employee=person, learning_point=point, stability=2.0, difficulty=5, reps=1,
                               due=NOW, last_review=NOW - dt.timedelta(days=2), started_at=NOW - dt.timedelta(days=9))  # fmt: skip
    for correct in (True, False):
        Review.objects.create(
            key=uuid.uuid4(), organization=person.organization, employee=person, learning_point=point,
            question=question, answer=f"{marker} answer", correct=correct, rating=3 if correct else 1,
            review_number=1, shown_at=NOW - dt.timedelta(days=1, minutes=1), answered_at=NOW - dt.timedelta(days=1),
        )  # fmt: skip
    MagicLink.objects.create(employee=person, token_hash=uuid.uuid4().hex, created_at=NOW, expires_at=NOW)
    Preference.objects.create(employee=person, pairing_opt_in=True)
    Outbox.objects.create(key=f"k-{uuid.uuid4()}", organization=person.organization, employee=person, kind="nudge",
                          to=person.email, subject=f"{marker} subject", body_text="b", next_attempt_at=NOW,
                          created_at=NOW)  # fmt: skip
    NudgeAssignment.objects.create(employee=person, kind="nudge", day=NOW.date(), held_out=False)
    AgendaItem.objects.create(team=world.sales, title=f"{marker} agenda", employee=person, created_at=NOW)
    CheckIn.objects.create(enrollment=enrollment, week=1, created_at=NOW, notes=f"{marker} notes")
    SegmentSnapshot.objects.create(employee=person, segment="laggard", rule="r", numbers={"points": 2},
                                   period_start=NOW.date(), period_end=NOW.date(), computed_at=NOW)  # fmt: skip
    Objection.objects.create(employee=person, created_at=NOW)
    Pairing.objects.create(organization=person.organization, training=world.training, mentor=colleague, mentee=person,
                           gain=0.3, proposed_at=NOW, decided_by=colleague)  # fmt: skip
    Blocker.objects.create(organization=person.organization, employee=person, category="time",
                           description=f"{marker} blocker", reported_by=person, created_at=NOW)  # fmt: skip
    ActionPlan.objects.create(employee=person, enrollment=enrollment, situation=f"{marker} when",
                              action=f"{marker} will", due_on=NOW.date(), created_at=NOW)  # fmt: skip
    ConversationTask.objects.create(
        employee=person, reason="refuser", created_at=NOW, outcome=f"{marker} talk"
    )
    Escalation.objects.create(employee=person, started_at=NOW)
    skill = Skill.objects.get_or_create(organization=person.organization, name="Excel")[0]
    Assessment.objects.create(employee=person, skill=skill, source="self", level=2, assessed_by=person,
                              assessed_at=NOW)  # fmt: skip
    TrainingRequest.objects.create(employee=person, training=world.training, motivation=f"{marker} motivation",
                                   requested_by=person, created_at=NOW)  # fmt: skip
    Dismissal.objects.create(
        employee=person, training=world.training, reason=f"{marker} reason", dismissed_at=NOW
    )
    NeedDate.objects.create(employee=person, skill=skill, needed_by=NOW.date(), note=f"{marker} need")
    invitation = SurveyInvitation.objects.create(organization=person.organization, enrollment=enrollment,
                                                 kind="results", audience="employee", respondent=person,
                                                 due_at=NOW, answered_at=NOW, language="en")  # fmt: skip
    SurveyAnswer.objects.create(invitation=invitation, field="result", number=2)
    KnowledgeScore.objects.create(enrollment=enrollment, pre=40, post=75)
    ApiToken.objects.create(organization=person.organization, name="HR sync", prefix="bkl_x", token_hash=uuid.uuid4().hex,
                            created_by=person)  # fmt: skip
    SurveyAnswer.objects.create(invitation=invitation, field="example", text=f"{marker} example")
    ProviderAccount.objects.create(user=person.user, provider=world.provider)
    TOTPDevice.objects.create(user=person.user, name="phone", confirmed=True)
    StaticDevice.objects.create(user=person.user, name="recovery").token_set.create(token="recovery-1")
    LogEntry.objects.create(user=person.user, action_flag=ADDITION, object_repr="x")
    return {"point": point.pk, "question": question.pk}
