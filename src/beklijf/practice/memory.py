"""The one adapter between MemoryState rows and the pure engine (beklijf.engine.memory)."""

from __future__ import annotations

from functools import lru_cache

from beklijf.engine import memory as engine
from beklijf.people.models import Organization
from beklijf.practice.models import MemoryState

STATE_FIELDS = ["stability", "difficulty", "due", "last_review", "reps", "lapses"]


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
    """The organisation's current parameters: its newest fit (kept on the row, so an answer costs no
    extra query), else the FSRS-6 defaults. Every fit stays in FittedParameters, versioned."""
    if not organization.memory_parameters:
        return engine.Parameters.DEFAULT
    return _parameters(
        tuple(organization.memory_parameters["weights"]), organization.memory_parameters["version"]
    )


@lru_cache(maxsize=256)
def _parameters(weights: tuple[float, ...], version: int) -> engine.Parameters:
    return engine.Parameters(weights=weights, version=version)
