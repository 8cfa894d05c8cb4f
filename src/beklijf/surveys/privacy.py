"""Personal data in surveys: who was asked what about which enrolment, and what they answered."""

from __future__ import annotations

from beklijf.privacy.registry import Declaration, Erase, register
from beklijf.surveys.models import SurveyAnswer, SurveyInvitation

register(
    Declaration(
        SurveyInvitation,
        subject="respondent",
        # A manager's survey is about the participant: it belongs in the participant's export too.
        also_subject=("enrollment__employee",),
        # The invitation stays with the nameless person row, so response rates and application shares of a
        # training do not change when someone is erased.
        erase=Erase.ANONYMISE,
        purpose="Short surveys before and after a training: whether what was learned is used, and its results.",
    ),
    Declaration(
        SurveyAnswer,
        subject="invitation__respondent",
        also_subject=("invitation__enrollment__employee",),
        erase=Erase.ANONYMISE,
        # Chosen options stay as numbers for the figures; written answers may name people, so they go.
        clear=("text",),
        purpose="The answers to those surveys: chosen options as numbers, and written examples.",
    ),
)
