"""The answer POST's SQL, built once per process: the busiest write of the product (services.answer_record).

Two statements, neither compiled by the ORM per request:
- read: the memory state together with the question it was shown for;
- write: insert the review and move the state on, but only if the state is still exactly as it was read
  (every scheduling column compared) and no review with the shown question's key exists.
On PostgreSQL the write is one statement in autocommit: no BEGIN, no row lock held across a round trip, no
COMMIT of its own; a concurrent answer that changed the state first makes it write nothing, and the caller
reads again (optimistic concurrency). SQLite has no data-modifying WITH, so there the caller holds an
IMMEDIATE transaction (one writer at a time) around the read and the two statements of the write.
Values go through each field's own get_db_prep_save, so both store exactly what the ORM would store
(tests/practice/test_answer_writes.py reads them back through the ORM).
"""

from __future__ import annotations

from typing import Any

from django.db import connections

from beklijf.catalog.models import Question
from beklijf.ops.rows import JoinedRows, Part
from beklijf.practice.memory import STATE_FIELDS
from beklijf.practice.models import MemoryState, Review


def _state_and_question_tail(tables: dict[str, str], connection: Any) -> str:  # noqa: ANN401
    return (
        f"FROM {tables['m']} m JOIN {tables['q']} q ON q.learning_point_id = m.learning_point_id "
        "WHERE q.id = %s AND m.employee_id = %s"
    )


# Parameters: question id, employee id. No row: the question is gone, or the point is not this person's.
STATE_AND_QUESTION = JoinedRows([Part(MemoryState, "m"), Part(Question, "q")], _state_and_question_tail)

_REVIEW_FIELDS = [f for f in Review._meta.concrete_fields if not f.primary_key]
_STATE_FIELDS = [MemoryState._meta.get_field(name) for name in STATE_FIELDS]
_KEY_INDEX = _REVIEW_FIELDS.index(Review._meta.get_field("key"))
_sql: dict[str, tuple[str, str, str | None]] = {}


def in_one_statement(using: str = "default") -> bool:
    """Whether the write is one atomic statement here; if not, the caller must hold a transaction."""
    return connections[using].vendor == "postgresql"


def _statements(using: str) -> tuple[str, str, str | None]:
    """(insert, update, both in one statement or None) for the connection's vendor."""
    if using not in _sql:
        connection = connections[using]
        quote = connection.ops.quote_name
        review, state = quote(Review._meta.db_table), quote(MemoryState._meta.db_table)
        key = quote(Review._meta.get_field("key").column)
        columns = ", ".join(quote(f.column) for f in _REVIEW_FIELDS)
        placeholders = ", ".join(["%s"] * len(_REVIEW_FIELDS))
        # Identifiers come from the models' metadata, quoted; every value is a parameter.
        update = (
            f"UPDATE {state} SET {', '.join(f'{quote(f.column)} = %s' for f in _STATE_FIELDS)} "  # noqa: S608
            f"WHERE {quote(MemoryState._meta.pk.column)} = %s"
        )
        insert = f"INSERT INTO {review} ({columns}) VALUES ({placeholders}) ON CONFLICT ({key}) DO NOTHING"  # noqa: S608
        both = None
        if in_one_statement(using):
            # The update runs first, only on the state exactly as it was read and with no review under this
            # key yet (the key's unique index catches the rest); the review is inserted only if a row moved.
            unchanged = " AND ".join(f"{quote(f.column)} IS NOT DISTINCT FROM %s" for f in _STATE_FIELDS)
            both = (
                f"WITH moved AS ({update} AND {unchanged} "  # noqa: S608
                f"AND NOT EXISTS (SELECT 1 FROM {review} WHERE {key} = %s) RETURNING 1) "
                f"INSERT INTO {review} ({columns}) SELECT {placeholders} FROM moved "
                f"ON CONFLICT ({key}) DO NOTHING RETURNING {quote(Review._meta.pk.column)}"
            )
        _sql[using] = (f"{insert} RETURNING {quote(Review._meta.pk.column)}", update, both)
    return _sql[using]


def state_values(state: MemoryState, *, using: str = "default") -> list:
    """The scheduling columns as stored: what `record` compares to see whether the state moved meanwhile."""
    connection = connections[using]
    return [f.get_db_prep_save(getattr(state, f.attname), connection) for f in _STATE_FIELDS]


def record(review: Review, state: MemoryState, *, read: list, using: str = "default") -> bool:
    """Insert the review and write the state's new scheduling columns, if the state still holds the values
    `read` (state_values at the read) and the review's key is new. False, writing nothing, otherwise."""
    connection = connections[using]
    insert, update, both = _statements(using)
    review_values = [f.get_db_prep_save(getattr(review, f.attname), connection) for f in _REVIEW_FIELDS]
    new_state = [*state_values(state, using=using), state.pk]
    with connection.cursor() as cursor:
        if both is not None:
            cursor.execute(both, [*new_state, *read, review_values[_KEY_INDEX], *review_values])
            row = cursor.fetchone()
        else:  # under the caller's IMMEDIATE transaction nobody else writes between the read and here
            cursor.execute(insert, review_values)
            row = cursor.fetchone()
            if row is not None:
                cursor.execute(update, new_state)
    if row is None:
        return False
    review.pk = row[0]
    review._state.adding = False
    review._state.db = using
    return True
