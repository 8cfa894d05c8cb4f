"""Spaced retrieval: one memory state per (employee, learning point), and the append-only review log."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import LearningPoint, Question
from beklijf.people.models import Employee, Organization


class MemoryState(models.Model):
    """How well one employee knows one learning point, as the memory model (FSRS-6) sees it."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="memory_states")
    learning_point = models.ForeignKey(LearningPoint, on_delete=models.CASCADE, related_name="memory_states")
    stability = models.FloatField(
        null=True, blank=True
    )  # days until R falls to 0.9; None before the first review
    difficulty = models.FloatField(null=True, blank=True)  # FSRS difficulty 1-10
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()

    class Meta:
        verbose_name = _("memory state")
        verbose_name_plural = _("memory states")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "learning_point"], name="memory_state_once_per_point"
            ),
        ]
        indexes = [
            # The daily queue: "what is due for this employee now", ordered by due.
            models.Index(fields=["employee", "due"], name="memory_employee_due_idx"),
            # Today's queue for every employee at once (practice.queue.due_queues, bench/queue): a range scan
            # on due that carries every column the batch reads, so no table row is visited. Without it the
            # batch took 3.1x a grouped count on 1M states; with it 1.3x (docs/benchmarks.md).
            models.Index(
                fields=["due", "employee", "learning_point", "stability", "last_review"],
                name="memory_due_idx",
            ),
        ]


class Review(models.Model):
    """One answer. Append-only: rows are written once and never changed."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="reviews")
    learning_point = models.ForeignKey(LearningPoint, on_delete=models.CASCADE, related_name="reviews")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="reviews")
    # The idempotency key the question was shown with: a double submit, a second tab or two concurrent
    # posts of the same shown question hit this unique key, so exactly one review is recorded.
    key = models.UUIDField(unique=True)
    answer = models.TextField(blank=True)
    dont_know = models.BooleanField(default=False)
    correct = models.BooleanField()
    rating = models.PositiveSmallIntegerField()  # FSRS rating: 1 Again, 3 Good (never 2 or 4 from a quiz)
    retrievability_before = models.FloatField(null=True)  # predicted R just before answering
    elapsed_days = models.FloatField(null=True)  # since the previous review (or the start), in days
    review_number = models.PositiveIntegerField()  # 1 for the first review of this point by this person
    # Days between the due day and the answer, in the employee's calendar (0 = on time); None for extra practice.
    late_days = models.PositiveIntegerField(null=True)
    response_ms = models.PositiveIntegerField(null=True)
    # Practice beyond the daily cap, asked for by the employee: "unprompted" for the segments.
    is_extra = models.BooleanField(default=False)
    shown_at = models.DateTimeField()
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [
            # Retention figures: reviews of an organisation in a period.
            models.Index(fields=["organization", "answered_at"], name="review_org_answered_idx"),
            # Fitting parameters and per-person history: an employee's reviews in time order.
            models.Index(fields=["employee", "learning_point", "answered_at"], name="review_history_idx"),
            # The daily quiz: "what did this employee answer today".
            models.Index(fields=["employee", "answered_at"], name="review_employee_day_idx"),
        ]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Reviews are append-only.")
        super().save(*args, **kwargs)


class FittedParameters(models.Model):
    """FSRS parameters fitted on an organisation's own review log; the newest version is used."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="fitted_parameters")
    version = models.PositiveIntegerField()
    weights = models.JSONField()
    review_count = models.PositiveIntegerField()
    fitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "version"], name="fitted_parameters_version_unique"
            ),
        ]
        ordering = ["-version"]


class FitRun(models.Model):
    """The weekly look at whether an organisation's memory model should be refitted (practice/tick.py): one
    row per organisation and week, so the minute tick looks once, and the outcome says what it decided."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Refit queued")
        TOO_FEW = "too few", _("Too few reviews")
        NO_GROWTH = "no growth", _("Too few new reviews since the last fit")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="fit_runs")
    week = models.DateField()  # the Monday of the ISO week
    review_count = models.PositiveIntegerField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "week"], name="fit_run_once_a_week"),
        ]


class MagicLink(models.Model):
    """A single-purpose sign-in link to today's quiz. Only a SHA-256 of the token is stored."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="magic_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
