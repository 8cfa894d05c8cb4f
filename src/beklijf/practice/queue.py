"""Today's questions for one employee: due learning points, lowest retrievability first, interleaved."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from itertools import zip_longest

import numpy as np

from beklijf.catalog.models import Question
from beklijf.engine import memory as engine
from beklijf.people.models import Employee
from beklijf.practice import memory
from beklijf.practice.models import MemoryState, Review


def local_day_bounds(employee: Employee, at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of the employee's own working day around `at`."""
    zone = zoneinfo.ZoneInfo(employee.time_zone)
    start = dt.datetime.combine(at.astimezone(zone).date(), dt.time(0), tzinfo=zone)
    return start, start + dt.timedelta(days=1)


def answered_today(employee: Employee, at: dt.datetime) -> tuple[set[int], int]:
    """Learning points answered today, and how many answers counted towards the daily cap."""
    start, _end = local_day_bounds(employee, at)
    rows = list(
        Review.objects.filter(employee=employee, answered_at__gte=start).values_list(
            "learning_point_id", "is_extra"
        )
    )
    return {point for point, _extra in rows}, sum(1 for _point, extra in rows if not extra)


def retrievabilities(
    states: list[MemoryState], *, at: dt.datetime, parameters: engine.Parameters
) -> np.ndarray:
    """R now for each state, vectorised; a never-reviewed state counts as NaN."""
    reviewed = [i for i, s in enumerate(states) if s.stability is not None and s.last_review is not None]
    result = np.full(len(states), np.nan)
    if reviewed:
        elapsed = np.array([max(0.0, (at - states[i].last_review).total_seconds() / 86400) for i in reviewed])
        stability = np.array([states[i].stability for i in reviewed])
        result[reviewed] = engine.retrievability(elapsed, stability, parameters.decay)
    return result


def today_queue(*, employee: Employee, at: dt.datetime, extra: bool = False) -> list[MemoryState]:
    """The learning points to ask today, in order; capped per day unless the employee asks for more."""
    done, counted = answered_today(employee, at)
    _start, end = local_day_bounds(employee, at)
    states = MemoryState.objects.filter(employee=employee).exclude(learning_point_id__in=done)
    states = states.select_related("learning_point")
    if not extra:
        cap = employee.organization.daily_question_cap - counted
        if cap <= 0:
            return []
        states = states.filter(due__lt=end)
    rows = list(states)
    parameters = memory.parameters_for(employee.organization)
    r = retrievabilities(rows, at=at, parameters=parameters)
    # A point never reviewed yet is "at target" on its first due day: after the weaker known points.
    r = np.where(np.isnan(r), employee.organization.target_retention, r)
    ordered = [rows[i] for i in np.argsort(r, kind="stable")]
    # Interleave trainings (round robin in R order): mixing topics helps retention more than blocks.
    by_training: dict[int, list[MemoryState]] = {}
    for row in ordered:
        by_training.setdefault(row.learning_point.training_id, []).append(row)
    interleaved = [row for group in zip_longest(*by_training.values()) for row in group if row is not None]
    return interleaved if extra else interleaved[:cap]


def next_question(*, employee: Employee, state: MemoryState) -> Question | None:
    """Rotate the variants of a learning point, so the same wording does not come back every time."""
    questions = list(
        Question.objects.filter(learning_point_id=state.learning_point_id, is_active=True).order_by("pk")
    )
    if not questions:
        return None
    last = (
        Review.objects.filter(employee=employee, learning_point_id=state.learning_point_id)
        .order_by("-answered_at")
        .values_list("question_id", flat=True)
        .first()
    )
    ids = [q.pk for q in questions]
    if last in ids:
        return questions[(ids.index(last) + 1) % len(questions)]
    return questions[0]


# One binary COPY row of (int8, int8, float8, float8): a field count, then a length and a value per field.
_COPY_ROW = np.dtype(
    [("fields", ">i2"), ("l1", ">i4"), ("employee", ">i8"), ("l2", ">i4"), ("point", ">i8"),
     ("l3", ">i4"), ("stability", ">f8"), ("l4", ">i4"), ("last", ">f8")]
)  # fmt: skip
_COPY_HEADER = 19  # "PGCOPY\n\377\r\n\0" + flags (4) + header extension length (4)


def _due_rows_sqlite(cursor, at: dt.datetime) -> tuple[np.ndarray, ...]:  # noqa: ANN001
    # Django stores UTC text in SQLite; julianday() parses it.
    cursor.execute(
        "SELECT employee_id, learning_point_id, stability, (julianday(last_review) - 2440587.5) * 86400.0"
        " FROM practice_memorystate WHERE due <= %s",
        [at],
    )
    data = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 4)  # NULL becomes NaN
    return data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2], data[:, 3]


def _due_rows_postgres(cursor, at: dt.datetime) -> tuple[np.ndarray, ...]:  # noqa: ANN001
    # Binary COPY into numpy: fetching 50,000 rows as Python tuples cost 2x the whole query; this is ~1x.
    # NULLs become NaN in SQL so every row has the same width and numpy can read the buffer in place.
    sql = (
        "COPY (SELECT employee_id::int8, learning_point_id::int8, coalesce(stability, 'NaN')::float8,"
        " coalesce(EXTRACT(EPOCH FROM last_review)::float8, 'NaN') FROM practice_memorystate WHERE due <= %s)"
        " TO STDOUT (FORMAT binary)"
    )
    buffer = bytearray()
    with cursor.connection.cursor() as raw, raw.copy(sql, [at]) as copy:
        for chunk in copy:
            buffer += chunk
    extension = int.from_bytes(buffer[15:19], "big")
    rows = np.frombuffer(memoryview(buffer)[_COPY_HEADER + extension : len(buffer) - 2], dtype=_COPY_ROW)
    return (
        rows["employee"].astype(np.int64),
        rows["point"].astype(np.int64),
        rows["stability"].astype(np.float64),
        rows["last"].astype(np.float64),
    )


def due_queues(
    *, at: dt.datetime, cap: int, parameters: engine.Parameters, target: float
) -> dict[str, np.ndarray]:
    """Today's queue for every employee at once: the batch behind reminders and the queue benchmark.

    One index-only range scan on `due` returns (employee, learning point, stability, last review as epoch);
    R is computed in numpy for all rows, then each employee's rows are ranked by R and cut at `cap`.

    Returns:
        Arrays `employee_id`, `learning_point_id` and `retrievability`, sorted by employee then R, at most
        `cap` rows per employee.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            employee, point, stability, last = _due_rows_postgres(cursor, at)
        else:
            employee, point, stability, last = _due_rows_sqlite(cursor, at)
    known = ~np.isnan(stability)
    r = np.full(len(employee), target)
    elapsed = np.maximum(0.0, (at.timestamp() - last[known]) / 86400.0)
    r[known] = engine.retrievability(elapsed, stability[known], parameters.decay)
    order = np.lexsort((r, employee))
    employee, point, r = employee[order], point[order], r[order]
    # Rank within each employee's run of rows: position minus the run's first position.
    starts = np.r_[0, np.flatnonzero(np.diff(employee)) + 1] if len(employee) else np.empty(0, dtype=np.int64)
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(employee)]))
    keep = (np.arange(len(employee)) - run_start) < cap
    return {"employee_id": employee[keep], "learning_point_id": point[keep], "retrievability": r[keep]}
