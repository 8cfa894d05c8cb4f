"""Personal data in coaching: signals, objections, pairs, blockers, plans, conversations, escalations."""

from __future__ import annotations

from beklijf.coaching.models import (
    ActionPlan,
    Blocker,
    ConversationTask,
    Escalation,
    Objection,
    Pairing,
    SegmentSnapshot,
)
from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        SegmentSnapshot,
        subject="employee",
        erase=Erase.DELETE,
        purpose="Coaching signals with the rule and numbers that fired them: to help your manager coach.",
    ),
    Declaration(
        Objection,
        subject="employee",
        erase=Erase.DELETE,
        purpose="Your objection to coaching signals and pairing (GDPR art. 21).",
    ),
    Declaration(
        Pairing,
        subject="mentee",
        also_subject=("mentor",),
        erase=Erase.DELETE,
        others=("decided_by",),
        # The gain and the reasons hold the colleague's knowledge figures: not part of the other one's export.
        export_exclude=("gain", "reason", "mentee_r_before", "mentee_r_after"),
        purpose="Learning with a colleague: who helps whom, and whether it helped.",
    ),
    Declaration(
        Blocker,
        subject="employee",
        erase=Erase.ANONYMISE,
        clear=("description", "resolution"),
        others=("reported_by", "owner"),
        purpose="What gets in the way of applying a training, and who removes it.",
    ),
    Declaration(
        ActionPlan,
        subject="employee",
        erase=Erase.ANONYMISE,
        clear=("situation", "action"),
        others=("confirmed_by",),
        purpose="Your if-then plans and whether you apply them.",
    ),
    Declaration(
        ConversationTask,
        subject="employee",
        erase=Erase.DELETE,
        purpose="A conversation your manager planned with you, and its outcome.",
    ),
    Declaration(
        Escalation,
        subject="employee",
        erase=Erase.DELETE,
        purpose="Encouragement steps when you were slowly dropping off.",
    ),
)
