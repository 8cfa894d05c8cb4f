"""xAPI 1.0.3 statements for what happens in beklijf: a quiz answer (answered), the learning point practised
(experienced) and a training completed (completed).

Statement ids are uuid5 of a stable key ("answered:<review key>"), so the same event always gives the same
statement and an LRS can refuse a second copy. People are named by an account (beklijf's URL and the
employee's code), never by e-mail address: the LRS learns no more than it needs.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings

# A fixed namespace for beklijf's statement ids (uuid5 of the product's own URL).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://beklijf.example.com/xapi")

VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
ACTIVITY_TYPES = {
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "learning-point": "http://adlnet.gov/expapi/activities/objective",
    "training": "http://adlnet.gov/expapi/activities/course",
}
INTERACTION_TYPES = {
    "multiple_choice": "choice",
    "scenario": "choice",
    "true_false": "true-false",
    "short_answer": "fill-in",
}


def statement_id(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration as xAPI wants it: PT1H2M3.5S."""
    seconds = max(0.0, round(seconds, 2))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{int(hours)}H" if hours else "") + (f"{int(minutes)}M" if minutes else "")
    return f"PT{parts}{secs:g}S" if secs or not parts else f"PT{parts}"


def _base() -> str:
    return settings.SITE_URL


def _actor(employee) -> dict:  # noqa: ANN001
    return {"objectType": "Agent", "account": {"homePage": _base(), "name": str(employee.code)}}


def _verb(name: str) -> dict:
    return {"id": VERBS[name], "display": {"en-US": name}}


def _activity(kind: str, code, name: str, extra: dict | None = None) -> dict:  # noqa: ANN001
    definition = {"type": ACTIVITY_TYPES[kind], "name": {"en-US": name[:250] or kind}, **(extra or {})}
    return {"objectType": "Activity", "id": f"{_base()}/xapi/{kind}s/{code}", "definition": definition}


def _statement(key: str, actor: dict, verb: str, obj: dict, timestamp: dt.datetime, **rest) -> dict:  # noqa: ANN003
    return {
        "id": str(statement_id(key)),
        "actor": actor,
        "verb": _verb(verb),
        "object": obj,
        "timestamp": timestamp.astimezone(dt.UTC).isoformat(),
        **rest,
    }


def review_statements(review) -> list[tuple[str, dict]]:  # noqa: ANN001
    """(key, statement) for one answer: the question answered, and the learning point practised."""
    point = review.learning_point
    training = point.training
    grouping = {"grouping": [_activity("training", training.code, training.title)]}
    duration = iso_duration((review.response_ms or 0) / 1000)
    statements = []
    if review.question is not None:
        question = review.question
        interaction = {"interactionType": INTERACTION_TYPES.get(question.kind, "other")}
        key = f"answered:{review.key}"
        statements.append((key, _statement(
            key, _actor(review.employee), "answered",
            _activity("question", question.code, question.prompt, interaction),
            review.answered_at,
            result={"success": review.correct, "completion": True, "duration": duration},
            context={"contextActivities": {"parent": [_activity("learning-point", point.code, point.title)],
                                           **grouping}},
        )))  # fmt: skip
    key = f"experienced:{review.key}"
    statements.append((key, _statement(
        key, _actor(review.employee), "experienced",
        _activity("learning-point", point.code, point.title),
        review.answered_at,
        result={"success": review.correct, "duration": duration},
        context={"contextActivities": grouping},
    )))  # fmt: skip
    return statements


def completion_statement(enrollment) -> tuple[str, dict]:  # noqa: ANN001
    """(key, statement) for a completed training; the duration is the session's length."""
    session = enrollment.session
    training = session.training
    zone = zoneinfo.ZoneInfo(enrollment.employee.time_zone)
    # The moment of completion is not stored, only the day: the session's end on that day, else 17:00 local
    # (the same moment practice.services.followup_start starts from).
    if session.ends_at.astimezone(zone).date() == enrollment.completed_on:
        when = session.ends_at
    else:
        when = dt.datetime.combine(enrollment.completed_on, dt.time(17, 0), tzinfo=zone)
    key = f"completed:{enrollment.code}"
    return key, _statement(
        key,
        _actor(enrollment.employee),
        "completed",
        _activity("training", training.code, training.title),
        when,
        result={
            "success": True,
            "completion": True,
            "duration": iso_duration((session.ends_at - session.starts_at).total_seconds()),
        },
    )
