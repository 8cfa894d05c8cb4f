"""The one periodic job: find what is due at a moment and queue it. Running it twice for the same moment
does nothing new: every planner writes rows with unique keys."""

from __future__ import annotations

import datetime as dt
import logging

from beklijf.notify import checkins, digest, nudges, outbox

log = logging.getLogger(__name__)


def tick(*, at: dt.datetime) -> dict:
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    planned = nudges.nudges_plan(at=at)
    result = {
        "nudges": planned.created,
        "held_out": planned.held_out,
        "on_agenda": planned.on_agenda,
        "digests": digest.digests_plan(at=at),
        "team_channels": digest.team_channels_plan(at=at),
        "checkins_proposed": checkins.checkins_propose(at=at),
        "resent": outbox.outbox_sweep(at=at),
        "links_removed": nudges.magic_links_expired(at=at),
    }
    from beklijf.coaching.tick import coaching_tick
    from beklijf.integrations.lrs import xapi_tick
    from beklijf.practice.tick import memory_fit_tick
    from beklijf.privacy.retention import retention_tick
    from beklijf.surveys.planner import surveys_plan

    result.update(coaching_tick(at=at))
    result["retention_deleted"] = retention_tick(at=at)
    result["surveys"] = surveys_plan(at=at).created
    result.update(xapi_tick(at=at))
    result["memory_fits"] = memory_fit_tick(at=at)
    log.info("tick %s: %s", at.isoformat(), result)
    return result
