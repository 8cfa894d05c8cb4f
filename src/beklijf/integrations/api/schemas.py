"""What the API answers and accepts. Codes (UUIDs) stand for objects; internal ids never leave."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Field, Schema


def _code(obj, name: str, attr: str = "code"):  # noqa: ANN001,ANN202
    """The code (or name) of a related object; a dict is an answer already serialised (an idempotent replay)."""
    if isinstance(obj, dict):
        return obj.get(name)
    related = getattr(obj, name)
    return getattr(related, attr) if related is not None else None


class Error(Schema):
    detail: str = Field(description="What went wrong, in words a person can act on.")


class ValidationErrors(Error):
    errors: list[dict] = Field(default_factory=list, description="One entry per invalid field.")


class TeamOut(Schema):
    code: UUID
    name: str
    parent: UUID | None
    manager: UUID | None

    @staticmethod
    def resolve_parent(obj) -> UUID | None:  # noqa: ANN001
        return _code(obj, "parent")

    @staticmethod
    def resolve_manager(obj) -> UUID | None:  # noqa: ANN001
        return _code(obj, "manager")


class EmployeeOut(Schema):
    code: UUID
    employee_number: str
    first_name: str
    name_prefix: str
    last_name: str
    email: str
    team: UUID | None
    manager: UUID | None
    job_title: str
    location: str
    role: Literal["employee", "ld_admin"]
    language: str
    is_active: bool

    @staticmethod
    def resolve_team(obj) -> UUID | None:  # noqa: ANN001
        return _code(obj, "team")

    @staticmethod
    def resolve_manager(obj) -> UUID | None:  # noqa: ANN001
        return _code(obj, "manager")


class TrainingOut(Schema):
    code: UUID
    title: str
    description: str
    provider: str | None = Field(description="The provider's name.")
    mode: Literal["classroom", "online", "blended"]
    hours: Decimal
    cost_per_participant: Decimal = Field(description="EUR, per participant.")

    @staticmethod
    def resolve_provider(obj) -> str | None:  # noqa: ANN001
        return _code(obj, "provider", "name")


class SessionOut(Schema):
    code: UUID
    training: UUID
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    trainer: str | None = Field(description="The trainer's name.")

    @staticmethod
    def resolve_training(obj) -> UUID:  # noqa: ANN001
        return _code(obj, "training")

    @staticmethod
    def resolve_trainer(obj) -> str | None:  # noqa: ANN001
        return _code(obj, "trainer", "name")


EnrollmentStatus = Literal["invited", "attended", "completed", "no_show"]


class EnrollmentOut(Schema):
    code: UUID
    employee: UUID
    session: UUID
    training: UUID
    status: EnrollmentStatus
    completed_on: dt.date | None

    @staticmethod
    def resolve_employee(obj) -> UUID:  # noqa: ANN001
        return _code(obj, "employee")

    @staticmethod
    def resolve_session(obj) -> UUID:  # noqa: ANN001
        return _code(obj, "session")

    @staticmethod
    def resolve_training(obj) -> UUID:  # noqa: ANN001
        return obj["training"] if isinstance(obj, dict) else obj.session.training.code


class EnrollmentIn(Schema):
    employee: UUID
    session: UUID
    status: EnrollmentStatus = "invited"
    completed_on: dt.date | None = Field(
        None, description="With status 'completed': the day; today if empty."
    )


class CompleteIn(Schema):
    completed_on: dt.date | None = Field(
        None, description="The day the training was completed; today if empty."
    )


class LearningPointOut(Schema):
    code: UUID
    training: UUID
    position: int
    title: str
    summary: str

    @staticmethod
    def resolve_training(obj) -> UUID:  # noqa: ANN001
        return _code(obj, "training")


class QuestionOut(Schema):
    code: UUID
    learning_point: UUID
    kind: Literal["multiple_choice", "true_false", "short_answer", "scenario"]
    prompt: str
    choices: list[dict]
    accepted_answers: list[str]
    explanation: str
    is_active: bool

    @staticmethod
    def resolve_learning_point(obj) -> UUID:  # noqa: ANN001
        return _code(obj, "learning_point")


class RetentionFigure(Schema):
    days: int = Field(description="Retention at this many days after the last time a point was seen.")
    n: int = Field(description="First attempts measured in this window.")
    correct: int
    share: float | None = Field(description="correct / n; null when n is 0.")
    low: float | None = Field(description="Wilson 95% interval, lower bound.")
    high: float | None = Field(description="Wilson 95% interval, upper bound.")
    too_few: bool = Field(description="True when n is below the threshold for a reliable figure.")


class RetentionGroup(Schema):
    code: UUID
    name: str
    retention: list[RetentionFigure]


class RetentionOut(Schema):
    overall: list[RetentionFigure]
    teams: list[RetentionGroup]
    trainings: list[RetentionGroup]


class ScoreRate(Schema):
    n: int = Field(description="Trials behind the figure (first attempts, managers asked, participants).")
    successes: int
    raw: float | None = Field(description="successes / n; null when n is 0.")
    shrunk: float = Field(
        description="Pulled toward the organisation's mean by empirical Bayes (docs/results.md)."
    )


class ScorecardRow(Schema):
    code: UUID | None = Field(description="The provider's or trainer's code.")
    name: str
    sessions: int
    participants: int | None = Field(description="Null when fewer than 5: nothing about the group is shown.")
    too_few: bool
    rank: int | None = Field(description="1 is best; null below 10 participants: too few to rank.")
    composite: float | None = Field(description="0.4 retention + 0.4 application + 0.2 (1 - drop-off).")
    retention: ScoreRate | None = Field(description="First-attempt retention at 4 weeks.")
    application: ScoreRate | None = Field(description="Manager-confirmed application at 60-90 days.")
    application_30: ScoreRate | None = Field(
        description="Manager-confirmed application at 30 days (not ranked)."
    )
    drop_off: ScoreRate | None
    cost: float | None = Field(description="Cost of the sessions, in euros.")
    cost_per_retained_point: float | None = Field(description="Cost / (participants x points x retention).")
    reaction: float | None = Field(description="Reaction score, shown with weight 0: never ranked on.")
    high_reviews_low_results: bool
    learning_points: int = Field(description="Learning points supplied for the follow-up.")
    questions: int = Field(description="Quiz questions supplied for the follow-up.")
    follow_up_sessions: int


class ScorecardOut(Schema):
    by: str
    rows: list[ScorecardRow]
