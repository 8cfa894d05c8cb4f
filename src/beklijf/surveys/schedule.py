"""When a survey is due: the effective schedule of a training (catalogue default, or the training's own row),
the moment it counts from, how long it may still go out, and who may receive it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from beklijf.catalog.models import Enrollment
from beklijf.people.models import Employee
from beklijf.surveys.items import SURVEYS, Anchor, Kind, SurveyDefinition

# How long after its due moment a survey may still go out (a weekend, leave, a short outage). Past that it is
# skipped, never sent late: a "one week later" question asked after three weeks measures something else.
# The survey before the training also never goes out once the session has started.
GRACE: dict[str, dt.timedelta] = {
    Kind.BEFORE: dt.timedelta(days=7),
    Kind.END: dt.timedelta(days=3),
    Kind.DAY7: dt.timedelta(days=4),
    Kind.DAY30: dt.timedelta(days=10),
    Kind.RESULTS: dt.timedelta(days=21),
}
MAX_GRACE = max(GRACE.values())

# What an L&D admin may choose per survey (validated on the schedule page).
ANCHORS_ALLOWED: dict[str, tuple[str, ...]] = {
    Kind.BEFORE: (Anchor.SESSION_START,),
    Kind.END: (Anchor.SESSION_END, Anchor.COMPLETION),
    Kind.DAY7: (Anchor.SESSION_END, Anchor.COMPLETION),
    Kind.DAY30: (Anchor.SESSION_END, Anchor.COMPLETION),
    Kind.RESULTS: (Anchor.SESSION_END, Anchor.COMPLETION),
}
OFFSET_RANGE: dict[str, tuple[int, int]] = {
    Kind.BEFORE: (-60, 0),
    Kind.END: (0, 7),
    Kind.DAY7: (1, 180),
    Kind.DAY30: (1, 180),
    Kind.RESULTS: (1, 365),
}


@dataclass(frozen=True)
class Timing:
    """One survey's effective timing for one training."""

    definition: SurveyDefinition
    anchor: str
    offset_days: int
    enabled: bool = True

    @property
    def kind(self) -> str:
        return self.definition.kind

    @property
    def audience(self) -> str:
        return self.definition.audience


def default_timings() -> list[Timing]:
    return [Timing(d, d.anchor, d.default_offset_days) for d in SURVEYS]


def timings_for(rows) -> list[Timing]:  # noqa: ANN001
    """The effective timings given a training's SurveySchedule rows: a row overrides its survey's default."""
    by_key = {(r.kind, r.audience): r for r in rows}
    timings = []
    for d in SURVEYS:
        row = by_key.get((d.kind, d.audience))
        if row is None:
            timings.append(Timing(d, d.anchor, d.default_offset_days))
        else:
            timings.append(Timing(d, row.anchor, row.offset_days, row.enabled))
    return timings


def due_at(timing: Timing, enrollment: Enrollment, respondent: Employee) -> dt.datetime | None:
    """The moment the survey is due, or None when its anchor has not happened (no completion date yet).

    A session anchor keeps the session's own clock time; a completion date has none, so the survey is due at
    the start of the respondent's working hours on that day, in their own time zone."""
    session = enrollment.session
    offset = dt.timedelta(days=timing.offset_days)
    if timing.anchor == Anchor.SESSION_START:
        return session.starts_at + offset
    if timing.anchor == Anchor.SESSION_END:
        return session.ends_at + offset
    if enrollment.completed_on is None:
        return None
    zone = zoneinfo.ZoneInfo(respondent.time_zone)
    start = dt.time(respondent.organization.nudge_from_hour)
    return dt.datetime.combine(enrollment.completed_on + offset, start, tzinfo=zone)


def deadline(timing: Timing, due: dt.datetime, enrollment: Enrollment) -> dt.datetime:
    """The last moment the survey may still go out."""
    latest = due + GRACE[timing.kind]
    if timing.kind == Kind.BEFORE:
        latest = min(latest, enrollment.session.starts_at)
    return latest


def enrollment_qualifies(timing: Timing, enrollment: Enrollment) -> bool:
    """A no-show (or cancelled) enrolment gets nothing; surveys after the training need someone who was there."""
    status = enrollment.status
    if status == Enrollment.Status.NO_SHOW:
        return False
    if timing.anchor == Anchor.COMPLETION:
        return status == Enrollment.Status.COMPLETED and enrollment.completed_on is not None
    if timing.kind in (Kind.BEFORE, Kind.END):
        # Attendance is often recorded after the session: "invited" still counts before and at the end.
        return True
    return status in (Enrollment.Status.ATTENDED, Enrollment.Status.COMPLETED)
