"""Who needs which skill, how much they use it, and the trainings, requests and budget that follow."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import Enrollment, Training
from beklijf.people.models import Employee, Organization, Team

LEVELS = [(0, "0"), (1, "1"), (2, "2"), (3, "3"), (4, "4")]
LEVEL_VALIDATORS = [MinValueValidator(0), MaxValueValidator(4)]
DEFAULT_LEVEL_DESCRIPTIONS = [
    "Not familiar",
    "Knows the basics, needs help",
    "Works independently on common tasks",
    "Handles difficult cases, helps others",
    "Expert: improves how the team works",
]


class Skill(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # What each level 0-4 means for this skill; editable per skill.
    level_descriptions = models.JSONField(_("level descriptions"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="skill_name_unique")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.level_descriptions:
            self.level_descriptions = list(DEFAULT_LEVEL_DESCRIPTIONS)
        super().save(*args, **kwargs)


class TrainingSkill(models.Model):
    """A training raises a skill to a level."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="trainings")
    raises_to = models.PositiveSmallIntegerField(
        _("raises to level"), choices=LEVELS, validators=LEVEL_VALIDATORS
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training", "skill"], name="training_skill_unique")]


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    RARELY = "rarely", _("Rarely")


class Requirement(models.Model):
    """The level a job title or a team needs, and how often the skill is used there."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="requirements")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    level = models.PositiveSmallIntegerField(_("required level"), choices=LEVELS, validators=LEVEL_VALIDATORS)
    frequency = models.CharField(_("used"), max_length=10, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(job_title="") | models.Q(team__isnull=False),
                name="requirement_has_a_scope",
            ),
        ]


class Assessment(models.Model):
    """A dated judgement of a person's level; self and manager are both kept and shown side by side."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-assessment")
        MANAGER = "manager", _("Manager")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="assessments")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="assessments")
    source = models.CharField(max_length=10, choices=Source.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVELS, validators=LEVEL_VALIDATORS)
    assessed_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, related_name="+")
    assessed_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The heatmap: "the latest assessment per person, skill and source".
            models.Index(fields=["employee", "skill", "source", "assessed_at"], name="assessment_latest_idx"),
        ]


class TrainingRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="training_requests")
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="requests", verbose_name=_("training")
    )
    skill = models.ForeignKey(Skill, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("skill it closes a gap in"))  # fmt: skip
    motivation = models.TextField(_("motivation"))
    requested_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()


class Budget(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField()
    planned = models.DecimalField(_("planned (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "year"], name="budget_once_per_team_year")]


class Dismissal(models.Model):
    """A manager or L&D admin decided a recommended training is not for this person now, and why."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    dismissed_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, related_name="+")
    dismissed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "training"], name="dismissal_once")]


class NeedDate(models.Model):
    """When someone needs a skill at the required level: a new role, a project start."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    needed_by = models.DateField(_("needed by"))
    note = models.CharField(_("why then"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "skill"], name="need_date_once")]
