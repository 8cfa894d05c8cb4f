"""Personal data in notify: preferences, messages, reminder assignments, agenda items and check-ins."""

from __future__ import annotations

from beklijf.notify.models import AgendaItem, CheckIn, NudgeAssignment, Outbox, Preference
from beklijf.privacy.registry import Declaration, Erase, register

register(
    Declaration(
        Preference,
        subject="employee",
        erase=Erase.DELETE,
        purpose="How you want to be reached, and whether you are open to learning with a colleague.",
    ),
    Declaration(
        Outbox,
        subject="employee",
        erase=Erase.DELETE,
        purpose="Messages sent to you: to send each once and to show delivery.",
        # A manager's weekly digest names their people: the export lists messages, not their bodies.
        export_exclude=("body_text", "body_html", "attachments", "key"),
    ),
    Declaration(
        NudgeAssignment,
        subject="employee",
        erase=Erase.ANONYMISE,
        purpose="Whether a reminder was sent or held out: to measure whether reminders work.",
    ),
    Declaration(
        AgendaItem,
        subject="employee",
        erase=Erase.DELETE,
        purpose="Points for the team meeting about you (e.g. reminders without a response).",
    ),
    Declaration(
        CheckIn,
        subject="enrollment__employee",
        erase=Erase.ANONYMISE,
        clear=("notes",),
        purpose="Follow-up conversations with your manager after a training.",
    ),
)
