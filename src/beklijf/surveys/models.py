"""Short surveys at delays: the per-training schedule, one invitation per (enrolment, survey, audience),
and the answers per field. The catalogue of surveys and items lives in items.py."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import Enrollment, Training
from beklijf.people.models import Employee, Organization
from beklijf.surveys.items import Anchor, Audience, Kind


class SurveySchedule(models.Model):
    """A training's own timing for one survey. Without a row the catalogue default applies (items.py)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="survey_schedules")
    kind = models.CharField(_("survey"), max_length=10, choices=Kind.choices)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    anchor = models.CharField(_("counted from"), max_length=15, choices=Anchor.choices)
    offset_days = models.SmallIntegerField(_("days"))
    enabled = models.BooleanField(_("send"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "kind", "audience"], name="survey_schedule_once"),
        ]


class SurveyInvitation(models.Model):
    """One survey for one respondent about one enrolment. The unique key makes planning idempotent: a survey
    goes to the same person for the same enrolment at most once, however often the planner runs."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="survey_invitations")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    # The person who answers: the participant, or their manager for manager surveys.
    respondent = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="survey_invitations")
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=5)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "kind", "audience"], name="survey_invitation_once"),
        ]
        indexes = [
            # The planner's "invitations due and not yet sent".
            models.Index(fields=["sent_at", "due_at"], name="survey_invitation_due_idx"),
            # A respondent's open surveys on their home page.
            models.Index(fields=["respondent", "answered_at"], name="survey_invitation_open_idx"),
        ]


class SurveyAnswer(models.Model):
    """One answer field of one invitation: `number` for choice/money/percent fields, `text` for text."""

    invitation = models.ForeignKey(SurveyInvitation, on_delete=models.CASCADE, related_name="answers")
    field = models.CharField(max_length=30)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "field"], name="survey_answer_once_per_field"),
        ]
