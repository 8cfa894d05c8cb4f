"""Personal data in results: a participant's pre- and post-test scores. Everything else the results app stores
(costs, KPIs) is about trainings and teams, never a person."""

from __future__ import annotations

from beklijf.privacy.registry import Declaration, Erase, register
from beklijf.results.models import KnowledgeScore

register(
    Declaration(
        KnowledgeScore,
        subject="enrollment__employee",
        # The scores stay with the nameless person row, so a training's learning gain does not change.
        erase=Erase.ANONYMISE,
        purpose="Your knowledge test scores before and after a training: the training's learning gain.",
    ),
)
