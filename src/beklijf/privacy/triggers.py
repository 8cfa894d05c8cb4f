"""Database triggers that make the audit log append-only, below the ORM.

UPDATE is always refused. DELETE is refused for rows younger than AUDIT_MIN_DAYS: the retention job, the
single exception, only deletes rows past the organisation's audit retention, which can never be set below
that floor (people.Organization.retention_audit_months >= 12). The database's own clock decides, so a
process with a wrong clock cannot delete fresh rows either. These guard against mistakes and misuse through
the application's connection; a database superuser can drop triggers, which is what database audit logging
and backups are for (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

AUDIT_MIN_DAYS = 365
TABLE = "privacy_auditevent"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS privacy_audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS privacy_audit_no_delete BEFORE DELETE ON {TABLE}
        WHEN OLD."at" > strftime('%Y-%m-%d %H:%M:%f', 'now', '-{AUDIT_MIN_DAYS} days')
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: rows younger than the retention floor stay.'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS privacy_audit_no_update",
    "DROP TRIGGER IF EXISTS privacy_audit_no_delete",
]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION privacy_audit_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'The audit log is append-only.';
        END IF;
        IF OLD."at" > now() - interval '{AUDIT_MIN_DAYS} days' THEN
            RAISE EXCEPTION 'The audit log is append-only: rows younger than the retention floor stay.';
        END IF;
        RETURN OLD;
    END
    $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER privacy_audit_guard BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION privacy_audit_guard()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS privacy_audit_guard ON {TABLE}",
    "DROP FUNCTION IF EXISTS privacy_audit_guard()",
]


def statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    return []  # other databases: the model still refuses; see docs/privacy.md


def install(schema_editor) -> None:  # noqa: ANN001
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def uninstall(schema_editor) -> None:  # noqa: ANN001
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


@contextmanager
def suspended(connection) -> Iterator[None]:  # noqa: ANN001
    """For the test suite's database flush only (SQLite empties tables with DELETE): drop and re-create."""
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, create=False):
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in statements(connection.vendor, create=True):
                cursor.execute(sql)
