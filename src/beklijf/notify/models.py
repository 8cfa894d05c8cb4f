"""Everything beklijf sends, and the conversations and agenda it keeps alive."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import Enrollment
from beklijf.people.models import Employee, Organization, Team


class Preference(models.Model):
    """How an employee wants to be reached. Absent means the defaults below."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        NONE = "none", _("Only in beklijf (no messages)")

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="preference")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    quiet_days = models.JSONField(_("quiet days"), default=list, blank=True)  # weekday numbers, 0 = Monday
    nonessential_off = models.BooleanField(_("no reminders"), default=False)
    paused_until = models.DateField(_("paused until"), null=True, blank=True)  # leave
    weekly_cap = models.PositiveSmallIntegerField(_("reminders per week at most"), default=3)
    pairing_opt_in = models.BooleanField(
        _("I am open to learning with a colleague"),
        default=False,
        help_text=_("A colleague who knows a topic well helps one who finds it harder, for 2-4 weeks."),
    )


class Outbox(models.Model):
    """One message to send. The unique key (recipient, kind, period) makes every planner idempotent;
    the status moves pending -> sending -> sent by conditional UPDATEs, so two workers never both send."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WEBHOOK = "webhook", _("Teams/Slack")

    key = models.CharField(max_length=200, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, null=True, related_name="messages")
    kind = models.CharField(max_length=30)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    to = models.CharField(max_length=500)  # an e-mail address or a webhook URL
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)  # [{"filename", "content_type", "content"}]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The sender's sweep: "pending messages whose time has come".
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            # Ignored prompts and the weekly cap: "nudges sent to this employee since ...".
            models.Index(fields=["employee", "kind", "created_at"], name="outbox_employee_kind_idx"),
        ]

    @property
    def message_id(self) -> str:
        """Stable per message: a retry after a crash carries the same Message-ID, so mail systems can
        recognise a repeat."""
        return f"<{uuid.uuid5(uuid.NAMESPACE_URL, self.key)}@beklijf>"


class TeamChannel(models.Model):
    """A Microsoft Teams or Slack incoming webhook for a team's channel."""

    class Kind(models.TextChoices):
        TEAMS = "teams", _("Microsoft Teams")
        SLACK = "slack", _("Slack")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("webhook URL"), max_length=500)


class NudgeAssignment(models.Model):
    """Who was nudged and who was held out, per kind and day: the record for the intention-to-treat report."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="nudge_assignments")
    kind = models.CharField(max_length=30)
    day = models.DateField()
    held_out = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind", "day"], name="nudge_assignment_once_a_day"),
        ]


class AgendaItem(models.Model):
    """A point for the team meeting: added by beklijf (e.g. someone ignored three reminders) or the manager."""

    class Source(models.TextChoices):
        MANAGER = "manager", _("Added by the manager")
        IGNORED_PROMPTS = "ignored", _("Reminders ignored")
        DROPPING_OFF = "dropping", _("Slowly dropping off")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("item"), max_length=300)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANAGER)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    due_on = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField()
    discussed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["discussed_at", "due_on", "created_at"]
        constraints = [
            # One open "ignored reminders" item per person, however often the planner runs.
            models.UniqueConstraint(
                fields=["employee", "source"],
                condition=models.Q(source="ignored", discussed_at__isnull=True),
                name="agenda_one_open_ignored_item",
            ),
        ]


class CheckIn(models.Model):
    """A follow-up conversation between manager and employee after a training."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        NEEDS_HELP = "needs_help", _("Needs help")
        BLOCKER = "blocker", _("Blocker found")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="checkins")
    week = models.PositiveSmallIntegerField()  # weeks after the training
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=20)
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE: raised on every change
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "week"], name="checkin_once_per_week_mark"),
        ]
