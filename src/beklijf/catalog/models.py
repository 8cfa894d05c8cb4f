"""The training catalogue: providers, trainers, trainings, sessions, enrolments, learning points, questions."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beklijf.people.models import Employee, Organization


class Provider(models.Model):
    """A training company an organisation buys from."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="provider_name_unique_in_organization"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:provider-detail", args=[self.code])


class ProviderAccount(models.Model):
    """Links a login to a provider: that person sees the provider's own trainings, aggregated only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_account"
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="accounts")

    class Meta:
        verbose_name = _("provider account")
        verbose_name_plural = _("provider accounts")

    def __str__(self) -> str:
        return f"{self.user} ({self.provider})"


class Trainer(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="trainers")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Training(models.Model):
    class Mode(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("provider"),
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.CLASSROOM)
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    cost_per_participant = models.DecimalField(
        _("cost per participant (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "title"], name="training_title_unique_in_organization"
            ),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="training_hours_not_negative"),
            models.CheckConstraint(
                condition=models.Q(cost_per_participant__gte=0), name="training_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:training-detail", args=[self.code])

    def clean(self) -> None:
        if self.provider_id and self.provider.organization_id != self.organization_id:
            raise ValidationError({"provider": _("Choose a provider of your own organisation.")})


class TrainingSession(models.Model):
    """One run of a training: when, where and by whom."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    trainer = models.ForeignKey(
        Trainer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("trainer"),
    )
    location = models.CharField(_("location or link"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("catalog:session-detail", args=[self.code])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A session cannot end before it starts.")})
        if self.trainer_id and self.training_id and self.trainer.provider_id != self.training.provider_id:
            raise ValidationError({"trainer": _("Choose a trainer of the training's provider.")})


class Enrollment(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        NO_SHOW = "no_show", _("No-show")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="enrollments")
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="enrollments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["employee", "session"], name="enrollment_once_per_session"),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_on__isnull=False),
                name="enrollment_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} - {self.session}"


class LearningPoint(models.Model):
    """A key takeaway of a training: the unit that follow-up keeps alive."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="learning_points")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    skill = models.ForeignKey(
        "needs.Skill", on_delete=models.SET_NULL, null=True, blank=True, related_name="learning_points",
        verbose_name=_("skill"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("learning point")
        verbose_name_plural = _("learning points")
        ordering = ["training", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:learning-point-edit", args=[self.code])


class Question(models.Model):
    """A retrieval question on a learning point; the questions of one point are variants of each other."""

    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT_ANSWER = "short_answer", _("Short answer")
        SCENARIO = "scenario", _("Scenario")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learning_point = models.ForeignKey(LearningPoint, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MULTIPLE_CHOICE)
    prompt = models.TextField(_("question"))
    # [{"text": "...", "correct": true}, ...] for multiple choice, scenario and true/false.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # Lower-case accepted answers for short answer questions.
    accepted_answers = models.JSONField(_("accepted answers"), default=list, blank=True)
    explanation = models.TextField(_("explanation"), help_text=_("Shown after the answer: why it is right."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["learning_point", "pk"]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def uses_choices(self) -> bool:
        return self.kind != self.Kind.SHORT_ANSWER

    def clean(self) -> None:
        if self.uses_choices:
            choices = self.choices or []
            if len(choices) < 2:
                raise ValidationError({"choices": _("Give at least two answer options.")})
            if sum(1 for c in choices if c.get("correct")) != 1:
                raise ValidationError({"choices": _("Mark exactly one answer option as correct.")})
        elif not self.accepted_answers:
            raise ValidationError({"accepted_answers": _("Give at least one accepted answer.")})
