"""Model instances from one hand-written SELECT, for the few queries every request runs.

The ORM compiles a query afresh each time it runs; for a select_related over four tables that costs about a
millisecond of CPU, more than the database needs to answer it. The hottest queries (the signed-in account
on every request, the session, the quiz answer's lock) therefore keep their SQL in a `JoinedRows`, built
once per process from the models' own metadata, and turn each row into model instances exactly as the ORM
would: the same columns, the same database converters (SQLite's dates and UUIDs, JSON), related objects
cached on each other so that `user.employee.organization` costs no query. docs/benchmarks.md shows the gain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Field, Model


@dataclass(frozen=True)
class Part:
    """One model in the SELECT: its table alias, and the relation that links it to an earlier part.

    `link` is (index of the earlier part, name of the forward relation on the earlier or on this model);
    the relation's cache is filled in both directions, None when the LEFT JOIN found no row.
    """

    model: type[Model]
    alias: str
    link: tuple[int, str, str] | None = None  # (earlier part, field name, "forward" | "reverse")


class JoinedRows:
    """SELECT the concrete columns of each part.

    `sql_tail(tables, connection)` returns the FROM ... WHERE with %s placeholders; `tables` maps each part's
    alias to its quoted table name, `connection` tells the vendor (SQLite has no FOR UPDATE).
    """

    def __init__(self, parts: Sequence[Part], sql_tail: Callable[[dict[str, str], Any], str]) -> None:
        self.parts = list(parts)
        self._sql_tail = sql_tail
        self._prepared: dict[str, tuple[str, list[tuple[list[str], list[list[tuple[Callable, Any]]]]]]] = {}

    def _prepare(self, using: str) -> tuple[str, list[tuple[list[str], list[list[tuple[Callable, Any]]]]]]:
        connection = connections[using]
        quote = connection.ops.quote_name
        columns = []
        layout = []
        tables = {}
        for part in self.parts:
            fields: list[Field] = list(part.model._meta.concrete_fields)
            tables[part.alias] = quote(part.model._meta.db_table)
            converters = []
            for field in fields:
                col = field.get_col(part.alias)
                converters.append(
                    [
                        (c, col)
                        for c in connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                    ]
                )
                columns.append(f"{part.alias}.{quote(field.column)}")
            layout.append(([f.attname for f in fields], converters))
        sql = f"SELECT {', '.join(columns)} {self._sql_tail(tables, connection)}"
        self._prepared[using] = (sql, layout)
        return sql, layout

    def one(self, params: Sequence[Any], *, using: str = "default") -> list[Model | None] | None:
        """The instances of the first row (None for a part the LEFT JOIN missed), or None without a row."""
        sql, layout = self._prepared.get(using) or self._prepare(using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        instances: list[Model | None] = []
        start = 0
        for part, (attnames, converters) in zip(self.parts, layout, strict=True):
            values = list(row[start : start + len(attnames)])
            start += len(attnames)
            if values[attnames.index(part.model._meta.pk.attname)] is None:
                instances.append(None)
                continue
            for i, convert in enumerate(converters):
                for converter, col in convert:
                    values[i] = converter(values[i], col, connection)
            instances.append(part.model.from_db(using, attnames, values))
        for part, instance in zip(self.parts, instances, strict=True):
            if part.link is None:
                continue
            earlier_index, name, direction = part.link
            earlier = instances[earlier_index]
            if earlier is None:
                continue
            if direction == "forward":  # earlier.<name> is this part
                field = earlier._meta.get_field(name)
                field.set_cached_value(earlier, instance)
            else:  # this.<name> points at earlier: fill both sides of a one-to-one
                field = part.model._meta.get_field(name)
                field.remote_field.set_cached_value(earlier, instance)
                if instance is not None:
                    field.set_cached_value(instance, earlier)
        return instances
