"""Personal data in needs: skill assessments, training requests, dismissals, need dates."""

from __future__ import annotations

from beklijf.needs.models import Assessment, Dismissal, NeedDate, TrainingRequest
from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        Assessment,
        subject="employee",
        erase=Erase.ANONYMISE,
        others=("assessed_by",),
        purpose="Skill levels, by yourself and by your manager: to find who needs which training.",
    ),
    Declaration(
        TrainingRequest,
        subject="employee",
        erase=Erase.ANONYMISE,
        clear=("motivation", "decision_reason"),
        others=("requested_by", "decided_by"),
        purpose="Trainings asked for, and the decision: for the budget.",
    ),
    Declaration(
        Dismissal,
        subject="employee",
        erase=Erase.DELETE,
        others=("dismissed_by",),
        purpose="A recommended training decided not to be for you now, and why.",
    ),
    Declaration(
        NeedDate,
        subject="employee",
        erase=Erase.DELETE,
        purpose="When you need a skill (a new role, a project).",
    ),
)
