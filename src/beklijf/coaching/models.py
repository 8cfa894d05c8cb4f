"""Coaching: segments with their reasons, and what managers do with them (pairs, conversations, blockers,
action plans). Nothing here decides about a person: every intervention waits for a manager's action."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from beklijf.catalog.models import Enrollment, LearningPoint, Training
from beklijf.people.models import Employee, Organization


class SegmentSnapshot(models.Model):
    """One segment that fired for a person in a period, with the rule and the numbers behind it."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="segment_snapshots")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    segment = models.CharField(max_length=20)
    rule = models.CharField(max_length=300)
    numbers = models.JSONField(default=dict)
    period_start = models.DateField()
    period_end = models.DateField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The manager's team view: "the latest snapshots of these people".
            models.Index(fields=["employee", "computed_at"], name="segment_employee_time_idx"),
        ]


class Objection(models.Model):
    """An employee objects to segmentation and pairing (GDPR art. 21): they are left out of both."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="objection")
    created_at = models.DateTimeField()


class Pairing(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="pairings")
    mentor = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="mentoring")
    mentee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="mentored")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    gain = models.FloatField()
    reason = models.JSONField(default=dict)
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    mentee_r_before = models.FloatField(null=True, blank=True)
    mentee_r_after = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            # At most one proposed or active pair per mentee and training.
            models.UniqueConstraint(
                fields=["mentee", "training"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="pairing_one_open_per_mentee_training",
            ),
        ]


class Blocker(models.Model):
    """What gets in the way of applying a training (Baldwin & Ford; LTSI factors), and who removes it."""

    class Category(models.TextChoices):
        TIME = "time", _("No time, too much work")
        OPPORTUNITY = "opportunity", _("No chance to apply it")
        TOOLS = "tools", _("Tools or access missing")
        MANAGER = "manager", _("Support from my manager")
        RELEVANCE = "relevance", _("Not relevant for my work")
        MOTIVATION = "motivation", _("Motivation")
        PERSONAL = "personal", _("Personal circumstances")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("Being worked on")
        RESOLVED = "resolved", _("Resolved")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="blockers")
    training = models.ForeignKey(Training, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    category = models.CharField(_("what is in the way"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    # "I won't take part": an explicit refusal, said by the employee themselves.
    wont = models.BooleanField(default=False)
    reported_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, related_name="+")
    owner = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_blockers",
        verbose_name=_("owner"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    due_on = models.DateField(_("due"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)


class ActionPlan(models.Model):
    """An if-then plan: "When [situation], I will [behaviour]" (implementation intentions, d = .65;
    Gollwitzer & Sheeran 2006), asked back at its date and confirmed by the manager (LTEM tier 7)."""

    class Use(models.TextChoices):
        NOT_TRIED = "not_tried", _("Not tried yet")
        TRIED_ONCE = "tried_once", _("Tried it once")
        WITH_HELP = "with_help", _("I use it, with help")
        ROUTINELY = "routinely", _("I use it routinely, on my own")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="action_plans")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="action_plans")
    learning_point = models.ForeignKey(
        LearningPoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("learning point"),
    )  # fmt: skip
    situation = models.CharField(pgettext_lazy("action plan", "When"), max_length=300)
    action = models.CharField(_("I will"), max_length=300)
    due_on = models.DateField(_("check on"))
    use = models.CharField(_("how did it go"), max_length=12, choices=Use.choices, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    manager_confirmed = models.BooleanField(null=True)
    confirmed_by = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()


class ConversationTask(models.Model):
    """A conversation the manager has with someone who refuses or drops off, with a short guide."""

    class Reason(models.TextChoices):
        REFUSER = "refuser", _("Does not respond to the follow-up")
        DROPPING_OFF = "dropping_off", _("Slowly dropping off")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="conversation_tasks")
    reason = models.CharField(max_length=15, choices=Reason.choices)
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("what came out of it"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "reason"],
                condition=models.Q(done_at__isnull=True),
                name="conversation_one_open",
            ),
        ]


class Escalation(models.Model):
    """Someone slowly dropping off: a different wording, then a practice slot in their calendar, then a
    heads-up on the manager's agenda; at most one step a week; closed when they pick up again."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="escalations")
    stage = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField()
    last_step_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=models.Q(closed_at__isnull=True), name="escalation_one_open"
            ),
        ]


class SegmentRun(models.Model):
    """One computation of an organisation's signals on a day: the tick computes once a day."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField()
    snapshots = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "day"], name="segment_run_once_a_day")]
