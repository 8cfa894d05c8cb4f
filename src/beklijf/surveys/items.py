"""The survey catalogue: which short survey goes to whom at which delay, and its behaviourally anchored items.

Every survey has at most three questions (EVIDENCE.md 1.2, "short surveys at delays"). A question may hold
more than one answer field (the results survey asks for an example beside the result); answers are stored per
field key, so figures read fields, never question wording. The wording is our own: the LTSI is a licensed
instrument, so its items are not copied.

Decision on T+30: the issue asks for one item each on supervisor support, peer support, opportunity and
workload besides the application question, which would make five. The employee answers application,
supervisor support and peer support; the manager answers application (what they saw), opportunity and
workload. Each survey stays at three questions and the environment items come from a second source, which
Blume et al. 2010 recommend against same-source inflation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    BEFORE = "before", _("Before the training")
    END = "end", _("At the end of the training")
    DAY7 = "day7", _("One week later")
    DAY30 = "day30", _("One month later")
    RESULTS = "results", _("Results (two to three months later)")


class Audience(models.TextChoices):
    EMPLOYEE = "employee", _("Participant")
    MANAGER = "manager", _("Manager")


class Anchor(models.TextChoices):
    """The moment a delay counts from."""

    SESSION_START = "session_start", _("start of the session")
    SESSION_END = "session_end", _("end of the session")
    COMPLETION = "completion", _("completion of the training")


class Application(models.IntegerChoices):
    """LTEM tier 7 (Thalheimer 2018): assisted versus full transfer, as a behaviourally anchored scale."""

    NOT_TRIED = 0, _("Not tried yet")
    TRIED_ONCE = 1, _("Tried it once")
    WITH_HELP = 2, _("Use it, with help or reminders")
    ROUTINELY = 3, _("Use it routinely, without help")


# Application values that count as "applied" on scorecards and reports: assisted (2) and full (3) transfer.
APPLIED = frozenset({Application.WITH_HELP, Application.ROUTINELY})


@dataclass(frozen=True)
class Field:
    """One answer field. kind: choice (an integer from `options`), text, money (euros), percent (0-100)."""

    key: str
    kind: str
    label: Promise
    options: tuple[tuple[int, Promise], ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Question:
    text: Promise
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class SurveyDefinition:
    kind: Kind
    audience: Audience
    anchor: Anchor
    default_offset_days: int
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        assert len(self.questions) <= 3, "a survey asks at most three questions"

    def field_keys(self) -> list[str]:
        return [f.key for q in self.questions for f in q.fields]


APPLICATION_OPTIONS = tuple((int(v), label) for v, label in Application.choices)
SUPPORT_OPTIONS = (
    (0, _("Made it harder")),
    (1, _("Did not come up")),
    (2, _("Asked about it")),
    (3, _("Actively helped me use it")),
)
OPPORTUNITY_OPTIONS = (
    (0, pgettext_lazy("how often", "Not at all")),
    (1, _("About once a month")),
    (2, _("About once a week")),
    (3, _("(Almost) daily")),
)

GOAL_AGREED = Field(
    "goal_agreed",
    "choice",
    _("Goal"),
    (
        (0, _("No, not discussed")),
        (1, _("Talked about it briefly")),
        (2, _("Yes, we agreed a concrete goal")),
    ),
)

SURVEYS: tuple[SurveyDefinition, ...] = (
    SurveyDefinition(
        Kind.BEFORE,
        Audience.EMPLOYEE,
        Anchor.SESSION_START,
        -7,
        (
            Question(
                _("Did you and your manager agree on what this training should bring you?"),
                (GOAL_AGREED,),
            ),
            Question(
                _("Name one situation in your work where you will use it."),
                (Field("use_situation", "text", _("Situation"), required=False),),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.BEFORE,
        Audience.MANAGER,
        Anchor.SESSION_START,
        -7,
        (
            Question(
                _("Did you agree with this person on what the training should bring?"),
                (GOAL_AGREED,),
            ),
            Question(
                _("Where in their work should they use it first?"),
                (Field("use_situation", "text", _("Situation"), required=False),),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.END,
        Audience.EMPLOYEE,
        Anchor.SESSION_END,
        0,
        (
            Question(
                _("How often will your work give you the chance to use this in the next 4 weeks?"),
                (Field("opportunity", "choice", _("Opportunity"), OPPORTUNITY_OPTIONS),),
            ),
            Question(
                _("How sure are you that you can do this on the job?"),
                (
                    Field(
                        "confidence",
                        "choice",
                        _("Confidence"),
                        (
                            (1, _("I could not do it yet")),
                            (2, _("Only with a lot of help")),
                            (3, _("With some help")),
                            (4, _("On my own, with effort")),
                            (5, _("On my own, with ease")),
                        ),
                    ),
                ),
            ),
            Question(
                _("Make a plan: When ..., I will ..."),
                (Field("if_then_plan", "text", _("Plan"), required=False),),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.DAY7,
        Audience.EMPLOYEE,
        Anchor.COMPLETION,
        7,
        (
            Question(
                _("Have you tried what you learned?"),
                (
                    Field(
                        "tried",
                        "choice",
                        _("Tried"),
                        (
                            (0, _("Not yet")),
                            (1, _("Once")),
                            (2, _("Several times")),
                        ),
                    ),
                ),
            ),
            Question(
                _("What got in the way most?"),
                (
                    Field(
                        "obstacle",
                        "choice",
                        _("Obstacle"),
                        (
                            (0, _("Nothing")),
                            (1, _("No time")),
                            (2, _("Tools or systems")),
                            (3, _("My manager")),
                            (4, _("Colleagues")),
                            (5, _("Not relevant for my work")),
                        ),
                    ),
                ),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.DAY30,
        Audience.EMPLOYEE,
        Anchor.COMPLETION,
        30,
        (
            Question(
                _("How do you use what you learned today?"),
                (Field("application", "choice", _("Use"), APPLICATION_OPTIONS),),
            ),
            Question(
                _("What did your manager do about it?"),
                (Field("supervisor_support", "choice", _("Manager support"), SUPPORT_OPTIONS),),
            ),
            Question(
                _("What did your colleagues do about it?"),
                (Field("peer_support", "choice", _("Peer support"), SUPPORT_OPTIONS),),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.DAY30,
        Audience.MANAGER,
        Anchor.COMPLETION,
        30,
        (
            Question(
                _("What have you seen this person do with it?"),
                (Field("application", "choice", _("Use"), APPLICATION_OPTIONS),),
            ),
            Question(
                _("How often did their work offer the chance to use it?"),
                (Field("opportunity", "choice", _("Opportunity"), OPPORTUNITY_OPTIONS),),
            ),
            Question(
                _("Was there room in their workload to use it?"),
                (
                    Field(
                        "workload",
                        "choice",
                        _("Workload"),
                        (
                            (0, _("No room at all")),
                            (1, _("Little room")),
                            (2, _("Enough room")),
                        ),
                    ),
                ),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.RESULTS,
        Audience.EMPLOYEE,
        Anchor.COMPLETION,
        75,
        (
            Question(
                _("Which result did using it bring? Give one example."),
                (
                    Field(
                        "result",
                        "choice",
                        _("Result"),
                        (
                            (0, _("No result yet")),
                            (1, _("Some result")),
                            (2, _("A clear, measurable result")),
                        ),
                    ),
                    Field("example", "text", _("Example"), required=False),
                ),
            ),
            Question(
                _("What is that result worth per month, in euros?"),
                (Field("monthly_value", "money", _("Value per month"), required=False),),
            ),
            Question(
                _("How much of it is due to the training, and how sure are you?"),
                (
                    Field("attribution", "percent", _("Share due to the training"), required=False),
                    Field("estimate_confidence", "percent", _("Confidence in that estimate"), required=False),
                ),
            ),
        ),
    ),
    SurveyDefinition(
        Kind.RESULTS,
        Audience.MANAGER,
        Anchor.COMPLETION,
        75,
        (
            Question(
                _("What do you see this person do with it now?"),
                (Field("application", "choice", _("Use"), APPLICATION_OPTIONS),),
            ),
            Question(
                _("What is the result worth per month, in euros?"),
                (
                    Field("monthly_value", "money", _("Value per month"), required=False),
                    Field("example", "text", _("Example"), required=False),
                ),
            ),
            Question(
                _("How much of it is due to the training, and how sure are you?"),
                (
                    Field("attribution", "percent", _("Share due to the training"), required=False),
                    Field("estimate_confidence", "percent", _("Confidence in that estimate"), required=False),
                ),
            ),
        ),
    ),
)

BY_KEY: dict[tuple[str, str], SurveyDefinition] = {(s.kind, s.audience): s for s in SURVEYS}


def definition(kind: str, audience: str) -> SurveyDefinition:
    return BY_KEY[(kind, audience)]
