"""From the database to the engine: each person's LearnerActivity for a period, in a few aggregated reads."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections import defaultdict

import numpy as np
from django.db.models import F

from beklijf.coaching.models import Blocker, ConversationTask
from beklijf.engine import segments as engine
from beklijf.notify.models import Outbox
from beklijf.people.models import Employee
from beklijf.practice import memory
from beklijf.practice.models import MemoryState, Review
from beklijf.practice.queue import retrievabilities

WEEKS = 8  # the trend window (EVIDENCE.md, what the product must compute, 9)


def activities(*, employees: list[Employee], at: dt.datetime, training=None) -> list[engine.LearnerActivity]:  # noqa: ANN001
    """One activity per employee over the last 8 weeks up to `at` (all in one organisation); with a training,
    only that training's answers and learning points count (reminders are not per training)."""
    if not employees:
        return []
    organization = employees[0].organization
    ids = [e.pk for e in employees]
    end = at.date()
    start = end - dt.timedelta(weeks=WEEKS) + dt.timedelta(days=1)
    since = at - dt.timedelta(weeks=WEEKS)
    zones = {e.pk: zoneinfo.ZoneInfo(e.time_zone) for e in employees}

    def week_of(day: dt.date) -> int:
        return min(WEEKS - 1, max(0, (day - start).days // 7))

    # Nudge days: an answer on a day the person got a reminder (before it) counts as prompted.
    nudged: dict[tuple[int, dt.date], dt.datetime] = {}
    last_nudge: dict[int, list[dt.datetime]] = defaultdict(list)
    for employee_id, created in Outbox.objects.filter(
        employee_id__in=ids, kind="nudge", created_at__gte=since
    ).values_list("employee_id", "created_at"):
        local = created.astimezone(zones[employee_id]).date()
        nudged[(employee_id, local)] = min(created, nudged.get((employee_id, local), created))
        last_nudge[employee_id].append(created)

    counts: dict[int, dict] = {i: defaultdict(int) for i in ids}
    weekly_due = {i: [0] * WEEKS for i in ids}
    weekly_on_time = {i: [0] * WEEKS for i in ids}
    last_answer: dict[int, dt.datetime] = {}
    review_rows = Review.objects.filter(employee_id__in=ids, answered_at__gte=since)
    state_rows = MemoryState.objects.filter(employee_id__in=ids)
    if training is not None:
        review_rows = review_rows.filter(learning_point__training=training)
        state_rows = state_rows.filter(learning_point__training=training)
    reviews = review_rows.values_list("employee_id", "answered_at", "is_extra", "correct", "late_days")
    for employee_id, answered, extra, correct, late in reviews.iterator(chunk_size=20_000):
        c = counts[employee_id]
        local = answered.astimezone(zones[employee_id]).date()
        last_answer[employee_id] = max(answered, last_answer.get(employee_id, answered))
        prompt = nudged.get((employee_id, local))
        if extra:
            c["extra"] += 1
            c["unprompted"] += 1
            continue
        c["first"] += 1
        c["first_correct"] += int(correct)
        c["prompted" if prompt is not None and prompt <= answered else "unprompted"] += 1
        late = late or 0
        due_day = local - dt.timedelta(days=late)
        if due_day >= start:
            week = week_of(due_day)
            weekly_due[employee_id][week] += 1
            c["due"] += 1
            if late == 0:
                weekly_on_time[employee_id][week] += 1
                c["on_time"] += 1

    states = list(state_rows.only(
        "employee_id", "stability", "last_review", "reps", "due"))  # fmt: skip
    r = retrievabilities(states, at=at, parameters=memory.parameters_for(organization))
    per_person_r: dict[int, list[float]] = defaultdict(list)
    growth: dict[int, list[float]] = defaultdict(list)
    for state, value in zip(states, r, strict=True):
        if value == value:
            per_person_r[state.employee_id].append(float(value))
        if state.stability and state.reps >= 2:
            # How fast memory grows: log-stability gained per review (from about a day after learning).
            growth[state.employee_id].append(math.log(max(state.stability, 1e-3)) / state.reps)
        if state.last_review is None or state.last_review < state.due:
            due_day = state.due.astimezone(zones[state.employee_id]).date()
            if start <= due_day <= end and state.due <= at:
                weekly_due[state.employee_id][week_of(due_day)] += 1  # due and still not answered
                counts[state.employee_id]["due"] += 1

    team_r: dict[int | None, list[float]] = defaultdict(list)
    team_of = {e.pk: e.team_id for e in employees}
    for employee_id, values in per_person_r.items():
        team_r[team_of[employee_id]].extend(values)
    confirmed = set(
        ConversationTask.objects.filter(
            employee_id__in=ids, reason=ConversationTask.Reason.REFUSER
        ).values_list("employee_id", flat=True)
    )
    wont = set(
        Blocker.objects.filter(employee_id__in=ids, wont=True)
        .exclude(status=Blocker.Status.RESOLVED)
        .values_list("employee_id", flat=True)
    )
    from beklijf.needs.models import TrainingRequest

    asked: dict[int, int] = {}
    for employee_id in TrainingRequest.objects.filter(
        employee_id__in=ids, requested_by=F("employee"), created_at__gte=since
    ).values_list("employee_id", flat=True):
        asked[employee_id] = asked.get(employee_id, 0) + 1  # only what people asked for themselves counts
    result = []
    for employee in employees:
        c = counts[employee.pk]
        last = last_answer.get(employee.pk)
        ignored = sum(1 for n in last_nudge[employee.pk] if last is None or n > last)
        weekly = tuple(
            (weekly_on_time[employee.pk][w] / weekly_due[employee.pk][w])
            if weekly_due[employee.pk][w]
            else None
            for w in range(WEEKS)
        )
        team_values = team_r.get(employee.team_id) or []
        result.append(
            engine.LearnerActivity(
                employee_id=employee.pk,
                period_start=start,
                period_end=end,
                due_items=c["due"],
                on_time=min(c["on_time"], c["due"]),
                weekly_on_time=weekly,
                first_attempts=c["first"],
                first_correct=c["first_correct"],
                prompted_answers=c["prompted"],
                unprompted_answers=c["unprompted"],
                extra_answers=c["extra"],
                training_requests=asked.get(employee.pk, 0),
                stability_growth=float(np.mean(growth[employee.pk])) if growth[employee.pk] else None,
                retrievabilities=tuple(per_person_r[employee.pk]),
                team_mean_r=float(np.mean(team_values)) if team_values else None,
                ignored_prompts=ignored,
                refusal_confirmed=employee.pk in confirmed,
                said_wont=employee.pk in wont,
            )
        )
    return result
