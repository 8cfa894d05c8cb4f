"""Backup and restore of the whole database, online, in one file.

SQLite: the online backup API (a consistent copy while the site runs; WAL included). PostgreSQL: pg_dump in
its custom format, restored with pg_restore in a single transaction (all or nothing). A restore first checks
that the file is a backup of the right kind, so a wrong file is refused before anything is touched.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def _engine(alias: str) -> str:
    engine = connections[alias].settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"backups of {engine} are not supported: use SQLite or PostgreSQL")


def _pg_env(alias: str) -> tuple[list[str], dict[str, str]]:
    s = connections[alias].settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])  # never on the command line, where `ps` shows it
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def backup(path: Path, *, alias: str = "default") -> int:
    """Write a consistent copy of the database to `path` (through a temporary file); returns its size."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    connection = connections[alias]
    try:
        if _engine(alias) == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            args, env = _pg_env(alias)
            result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), *args],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        partial.replace(path)  # a half-written backup never carries the real name
    finally:
        partial.unlink(missing_ok=True)
    return path.stat().st_size


def check_file(path: Path, *, alias: str = "default") -> None:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as handle:
        head = handle.read(16)
    engine = _engine(alias)
    if engine == "sqlite" and head != SQLITE_MAGIC:
        raise BackupError(f"{path} is not a SQLite backup made by `beklijf backup`")
    if engine == "postgresql" and not head.startswith(PGDUMP_MAGIC):
        raise BackupError(f"{path} is not a PostgreSQL backup made by `beklijf backup` (pg_dump -Fc)")
    if engine == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (integrity check failed)")
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            source.close()
        if "django_migrations" not in tables:
            raise BackupError(f"{path} is a SQLite file, but not a beklijf database")


def restore(path: Path, *, alias: str = "default") -> None:
    """Replace the whole database with the backup in `path`, all or nothing."""
    check_file(path, alias=alias)
    connection = connections[alias]
    if _engine(alias) == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # The backup API copies page by page under one lock: readers see the old or the new database.
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()  # our own idle connection must not block the DROPs
    args, env = _pg_env(alias)
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
         "--exit-on-error", *args, str(path)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was changed: {result.stderr.strip()}")
