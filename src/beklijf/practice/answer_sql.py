"""The answer POST's SQL, built once per process: the busiest write of the product (services.answer_record).

Inside the transaction, none compiled by the ORM per request:
- the memory state locked together with the question it was shown for (one round trip);
- the review inserted unless its idempotency key exists (a repeat inserts nothing and says so);
- the state's six scheduling columns updated, in the same statement on PostgreSQL.
Values go through each field's own get_db_prep_save, so SQLite and PostgreSQL store exactly what the ORM
would store (tests/practice/test_answer_writes.py reads them back through the ORM).
"""

from __future__ import annotations

from typing import Any

from django.db import connections

from beklijf.catalog.models import Question
from beklijf.ops.rows import JoinedRows, Part
from beklijf.practice.memory import STATE_FIELDS
from beklijf.practice.models import MemoryState, Review


def _state_and_question_tail(tables: dict[str, str], connection: Any) -> str:  # noqa: ANN401
    # FOR UPDATE OF the state only: two answers of the same person to the same point wait for each other,
    # nobody waits on the question. SQLite has no row locks; its IMMEDIATE transactions serialise writers.
    lock = " FOR UPDATE OF m" if connection.features.has_select_for_update_of else ""
    return (
        f"FROM {tables['m']} m JOIN {tables['q']} q ON q.learning_point_id = m.learning_point_id "
        f"WHERE q.id = %s AND m.employee_id = %s{lock}"
    )


# Parameters: question id, employee id. No row: the question is gone, or the point is not this person's.
STATE_AND_QUESTION = JoinedRows([Part(MemoryState, "m"), Part(Question, "q")], _state_and_question_tail)

_REVIEW_FIELDS = [f for f in Review._meta.concrete_fields if not f.primary_key]
_STATE_FIELDS = [MemoryState._meta.get_field(name) for name in STATE_FIELDS]
_sql: dict[str, tuple[str, str | None, str]] = {}


def _statements(using: str) -> tuple[str, str | None, str]:
    """(insert, insert-and-update in one statement or None, update) for the connection's vendor."""
    if using not in _sql:
        connection = connections[using]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in _REVIEW_FIELDS)
        # Identifiers come from the models' metadata, quoted; every value is a parameter.
        insert = (
            f"INSERT INTO {quote(Review._meta.db_table)} ({columns}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(_REVIEW_FIELDS))}) "
            f"ON CONFLICT ({quote(Review._meta.get_field('key').column)}) DO NOTHING "
            f"RETURNING {quote(Review._meta.pk.column)}"
        )
        update = (
            f"UPDATE {quote(MemoryState._meta.db_table)} SET "  # noqa: S608
            f"{', '.join(f'{quote(f.column)} = %s' for f in _STATE_FIELDS)} "
            f"WHERE {quote(MemoryState._meta.pk.column)} = %s"
        )
        both = None
        if connection.vendor == "postgresql":
            # One round trip: the update runs only when the insert did, which a repeated key prevents.
            both = f"WITH inserted AS ({insert}), moved AS ({update} AND EXISTS (SELECT 1 FROM inserted)) SELECT * FROM inserted"  # noqa: E501,S608
        _sql[using] = (insert, both, update)
    return _sql[using]


def record(review: Review, state: MemoryState, *, using: str = "default") -> bool:
    """Insert the review and write the state's scheduling columns (memory.STATE_FIELDS), in the caller's
    transaction; False, writing nothing, when a review with the same key exists already."""
    connection = connections[using]
    insert, both, update = _statements(using)
    review_values = [f.get_db_prep_save(getattr(review, f.attname), connection) for f in _REVIEW_FIELDS]
    state_values = [f.get_db_prep_save(getattr(state, f.attname), connection) for f in _STATE_FIELDS]
    with connection.cursor() as cursor:
        if both is not None:
            cursor.execute(both, [*review_values, *state_values, state.pk])
            row = cursor.fetchone()
        else:
            cursor.execute(insert, review_values)
            row = cursor.fetchone()
            if row is not None:
                cursor.execute(update, [*state_values, state.pk])
    if row is None:
        return False
    review.pk = row[0]
    review._state.adding = False
    review._state.db = using
    return True
