"""Catalogue reads, scoped through people/access.py."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from beklijf.catalog.models import Enrollment, Question, Training
from beklijf.people import access
from beklijf.people.access import Actor


def training_detail(*, actor: Actor, training: Training) -> dict:
    """What the training page shows; answers and names only to those who may see them."""
    can_edit = access.can_edit_catalog(actor)
    points = access.learning_points_visible_to(actor).filter(training=training).order_by("position", "pk")
    if can_edit:
        points = points.prefetch_related(
            Prefetch("questions", queryset=access.questions_visible_to(actor).order_by("pk"))
        )
    sessions = (
        access.sessions_visible_to(actor)
        .filter(training=training)
        .annotate(
            participant_count=Count("enrollments", distinct=True),
            completed_count=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.COMPLETED)),
        )
    )
    return {
        "training": training,
        "points": points,
        "sessions": sessions,
        "can_edit": can_edit,
        "question_count": Question.objects.filter(learning_point__training=training).count()
        if can_edit
        else None,
    }
