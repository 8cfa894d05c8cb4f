"""Organisations, teams, employees and the accounts they log in with."""

from __future__ import annotations

import uuid
import zoneinfo

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
TIME_ZONES = sorted(zoneinfo.available_timezones())
# Monday = 0 … Sunday = 6, as datetime.weekday() counts.
DEFAULT_WORKING_DAYS = [0, 1, 2, 3, 4]


class EmailUserManager(UserManager):
    def create_user(self, email, password=None, **extra):  # type: ignore[override]
        email = self.normalize_email(email).lower()
        extra.setdefault("username", email)
        return super().create_user(email=email, password=password, **extra)

    def create_superuser(self, email, password=None, **extra):  # type: ignore[override]
        email = self.normalize_email(email).lower()
        extra.setdefault("username", email)
        return super().create_superuser(email=email, password=password, **extra)


class User(AbstractUser):
    """An account. People log in with their e-mail address; `username` mirrors it for the admin."""

    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    objects = EmailUserManager()

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        self.username = self.email
        super().save(*args, **kwargs)


class Organization(models.Model):
    """A client company: the tenant. Every row of people's data belongs to exactly one."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    target_retention = models.FloatField(
        _("target retention"),
        default=0.90,
        help_text=_("The share of learning points people should still know when they are asked (0.70-0.97)."),
    )
    daily_question_cap = models.PositiveSmallIntegerField(
        _("questions per day"), default=5, help_text=_("About two minutes a day at five questions.")
    )
    nudge_from_hour = models.PositiveSmallIntegerField(
        _("reminders from (hour)"), default=9, help_text=_("Reminders go out on working days from this hour.")
    )
    nudge_until_hour = models.PositiveSmallIntegerField(_("reminders until (hour)"), default=17)
    checkin_weeks = models.JSONField(
        _("check-ins after (weeks)"),
        default=list,
        help_text=_("Weeks after a training at which to propose a check-in."),
    )
    nudge_holdout = models.FloatField(
        _("held-out share"),
        default=0.0,
        help_text=_("Share of reminders deliberately not sent, to measure whether they work (0 = off)."),
    )
    segmentation_enabled = models.BooleanField(
        _("coaching signals"),
        default=True,
        help_text=_("Segments and the interventions that follow from them."),
    )
    pairing_enabled = models.BooleanField(_("peer pairing"), default=True)
    # WOR art. 27 and GDPR art. 35: segmentation, pairing and manager-visible individual figures stay off until
    # an L&D admin records the works council's decision and the DPIA (beklijf.privacy; docs/privacy.md).
    works_council_decided_on = models.DateField(
        _("works council decision date"),
        null=True,
        blank=True,
        help_text=_("The date the works council consented to coaching signals and pairing (WOR art. 27)."),
    )
    works_council_reference = models.CharField(
        _("works council decision reference"), max_length=100, blank=True
    )
    dpia_reference = models.CharField(
        _("DPIA reference"),
        max_length=100,
        blank=True,
        help_text=_("The data protection impact assessment that covers beklijf (GDPR art. 35)."),
    )
    # Retention per kind of data, in months; empty means the default of the installation (settings).
    retention_reviews_months = models.PositiveSmallIntegerField(
        _("keep answers (months)"), null=True, blank=True
    )
    retention_segments_months = models.PositiveSmallIntegerField(
        _("keep coaching signals (months)"), null=True, blank=True
    )
    retention_blockers_months = models.PositiveSmallIntegerField(
        _("keep resolved blockers (months)"), null=True, blank=True
    )
    retention_audit_months = models.PositiveSmallIntegerField(
        _("keep the audit log (months)"), null=True, blank=True
    )
    # Overrides of the signal thresholds (engine.segments.Thresholds); empty means the documented defaults.
    segment_thresholds = models.JSONField(_("signal thresholds"), default=dict, blank=True)
    pairing_match_on = models.CharField(
        _("pair people within the same"),
        max_length=10,
        choices=[("team", _("team")), ("role", _("job title")), ("location", _("location"))],
        default="team",
    )
    # The FSRS parameters in use: {"version": n, "weights": [...]}, the newest row of
    # practice.FittedParameters; empty means the FSRS-6 defaults. Kept here so an answer needs no extra query.
    memory_parameters = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_retention__gte=0.70, target_retention__lte=0.97),
                name="organization_target_retention_range",
            ),
            # The audit log's database triggers refuse deleting rows younger than a year (privacy.triggers).
            models.CheckConstraint(
                condition=models.Q(retention_audit_months__isnull=True)
                | models.Q(retention_audit_months__gte=12),
                name="organization_audit_retention_floor",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.checkin_weeks:
            self.checkin_weeks = [1, 4, 12]
        super().save(*args, **kwargs)

    @property
    def works_council_recorded(self) -> bool:
        """The works council decision and the DPIA are on record (both are needed)."""
        return bool(self.works_council_decided_on and self.works_council_reference and self.dpia_reference)

    @property
    def signals_active(self) -> bool:
        """Segments, and the individual figures managers see, are on: switched on and allowed."""
        return self.segmentation_enabled and self.works_council_recorded

    @property
    def pairing_active(self) -> bool:
        return self.signals_active and self.pairing_enabled


class Team(models.Model):
    """A team or department; teams form a tree (a manager of a team sees its whole subtree)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    manager = models.ForeignKey(
        "Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_teams",
        verbose_name=_("manager"),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="team_name_unique_in_organization"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.organization_id != self.organization_id:
            raise ValidationError(
                {"parent": _("A team can only be part of a team of the same organisation.")}
            )
        # Walk up: a team may not end up inside its own subtree.
        seen = {self.pk}
        node = self.parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError(
                    {"parent": _("A team cannot be part of itself or of one of its sub-teams.")}
                )
            seen.add(node.pk)
            node = node.parent


class Employee(models.Model):
    """A person in an organisation, linked to the account they log in with."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        LD_ADMIN = "ld_admin", _("L&D admin")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="employees")
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="employee")
    employee_number = models.CharField(_("employee number"), max_length=50, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    # Dutch name particles ("van der") are kept as the person writes them, apart from the last name,
    # so that lists sort on "Berg" and not on "van".
    name_prefix = models.CharField(_("prefix"), max_length=30, blank=True)
    last_name = models.CharField(_("last name"), max_length=150)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("team")
    )
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES, default="nl")
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    working_days = models.JSONField(_("working days"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when an L&D admin erased the person (GDPR art. 17): the row then carries no name, only the team,
    # so that answers stay in the team's figures as anonymous numbers (beklijf.privacy.erasure).
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "employee_number"],
                condition=~models.Q(employee_number=""),
                name="employee_number_unique_in_organization",
            ),
        ]
        indexes = [
            # Used by access.employees_visible_to for managers: the members of a set of teams.
            models.Index(fields=["organization", "team"], name="employee_org_team_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        if not self.working_days:
            self.working_days = list(DEFAULT_WORKING_DAYS)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.name_prefix, self.last_name) if part)

    @property
    def email(self) -> str:
        return self.user.email

    def clean(self) -> None:
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Unknown time zone.")})
        days = self.working_days or []
        if not isinstance(days, list) or any(d not in range(7) for d in days):
            raise ValidationError(
                {"working_days": _("Working days are numbers from 0 (Monday) to 6 (Sunday).")}
            )
        if self.manager_id and self.manager_id == self.pk:
            raise ValidationError({"manager": _("Someone cannot be their own manager.")})
