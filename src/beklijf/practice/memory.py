"""The one adapter between MemoryState rows and the pure engine (beklijf.engine.memory)."""

from __future__ import annotations

from beklijf.engine import memory as engine
from beklijf.people.models import Organization
from beklijf.practice.models import FittedParameters, MemoryState


def to_engine(row: MemoryState) -> engine.MemoryState:
    return engine.MemoryState(
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reps=row.reps,
        lapses=row.lapses,
    )


def apply(row: MemoryState, state: engine.MemoryState) -> None:
    row.stability = state.stability
    row.difficulty = state.difficulty
    row.due = state.due
    row.last_review = state.last_review
    row.reps = state.reps
    row.lapses = state.lapses


def parameters_for(organization: Organization) -> engine.Parameters:
    """The organisation's newest fitted parameters, else the FSRS-6 defaults."""
    fitted = FittedParameters.objects.filter(organization=organization).order_by("-version").first()
    if fitted is None:
        return engine.Parameters.DEFAULT
    return engine.Parameters(weights=tuple(fitted.weights), version=fitted.version)
