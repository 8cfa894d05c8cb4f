"""Personal data in practice: memory states, the review log, magic links."""

from __future__ import annotations

from beklijf.practice.models import MagicLink, MemoryState, Review
from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        MemoryState,
        subject="employee",
        erase=Erase.ANONYMISE,
        purpose="How well you know each learning point: to schedule your next question.",
    ),
    Declaration(
        Review,
        subject="employee",
        erase=Erase.ANONYMISE,
        clear=("answer",),
        purpose="Your answers: to schedule questions and to measure what a training left behind.",
    ),
    Declaration(
        MagicLink,
        subject="employee",
        erase=Erase.DELETE,
        purpose="Sign-in links to the daily quiz (only a hash is stored).",
        export_exclude=("token_hash",),
    ),
)
