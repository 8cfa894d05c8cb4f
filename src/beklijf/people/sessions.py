"""Django's database sessions, read with SQL built once per process (SESSION_ENGINE).

Every signed-in request reads its session; the ORM's compile of that one-row lookup cost more CPU than the
database's answer (ops/rows.py, docs/benchmarks.md). Writing, expiry and clearing stay Django's own.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import router
from django.utils import timezone

from beklijf.ops.rows import JoinedRows, Part

_SESSION = JoinedRows(
    [Part(Session, "s")],
    lambda t, _connection: f"FROM {t['s']} s WHERE s.session_key = %s AND s.expire_date > %s",
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        row = _SESSION.one([self.session_key, timezone.now()], using=router.db_for_read(self.model))
        if row is None:
            self._session_key = None  # as Django does: an unknown or expired key starts a new session
            return None
        return row[0]
