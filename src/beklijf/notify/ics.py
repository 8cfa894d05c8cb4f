"""Calendar invitations (RFC 5545 / iTIP RFC 5546) for sessions, check-ins and team meetings.

Plain Python with no Django import, so it is tested without a database. The caller owns
the state that makes updates work in mail clients: a stable ``UID`` (see :func:`uid_for`)
and a ``SEQUENCE`` that rises with every change. Outlook, Google Calendar and Apple
Calendar match an update or a cancellation to the event they already hold by UID and keep
the copy with the highest SEQUENCE.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import STATUS, Alarm, Calendar, Event, vCalAddress, vRecur

__all__ = ["PRODID", "invitation", "uid_for"]

PRODID = "-//beklijf//beklijf//EN"

# Fixed namespace for uid_for(): changing it would change every UID and so duplicate
# every event already in people's calendars.
_UID_NAMESPACE = uuid.UUID("6f1d7c52-4a8e-4f5b-9a53-0c7d2f1e9b41")

# Strict enough to keep a CR/LF or a parameter delimiter out of an address; CAL-ADDRESS
# values are URIs, which icalendar writes without escaping.
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")
_UID = re.compile(r"^[\x21-\x7e]{1,255}$")  # printable ASCII, no spaces
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_RRULE_KEYS = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYSECOND",
        "BYMINUTE",
        "BYHOUR",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
_FREQS = frozenset({"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_RRULE_WORD = re.compile(r"^[A-Z0-9+-]+$")


def uid_for(kind: str, key: str, domain: str) -> str:
    """Build a deterministic, opaque UID for one calendar object.

    Args:
        kind: what the event is, a lowercase token such as ``"session"`` or ``"checkin"``.
        key: the caller's stable identity for it (e.g. the row's UUID ``code``); it is hashed,
            so internal ids never show up in a calendar.
        domain: the instance's host name (e.g. ``"beklijf.example.com"``); keep it stable,
            since a new domain means new UIDs and duplicated events.

    Returns:
        ``"<kind>-<uuid5>@<domain>"``, the same for the same arguments on every call.

    Raises:
        ValueError: if ``kind`` or ``domain`` is not a plain token / host name.
    """
    domain = domain.strip().lower().rstrip(".")
    if not _TOKEN.fullmatch(kind):
        raise ValueError("kind must be a lowercase token such as 'session'")
    if not _DOMAIN.fullmatch(domain):
        raise ValueError("domain must be a host name such as 'beklijf.example.com'")
    digest = uuid.uuid5(_UID_NAMESPACE, f"{kind}\x1f{key}")
    return f"{kind}-{digest}@{domain}"


def invitation(
    *,
    uid: str,
    sequence: int,
    start: datetime,
    end: datetime,
    summary: str,
    description: str,
    location: str,
    organizer_email: str,
    organizer_name: str,
    attendees: list[tuple[str, str]],
    method: Literal["REQUEST", "CANCEL"],
    time_zone: str,
    url: str | None = None,
    now: datetime,
    rrule: Mapping[str, Any] | None = None,
    alarm_minutes: int | None = 15,
) -> bytes:
    """Render one iTIP message (a ``text/calendar`` attachment) for a single event.

    Args:
        uid: stable identity of the event across updates and the cancel (see :func:`uid_for`).
        sequence: revision, 0 for the first invitation; raise it on every update and on cancel.
        start: aware start; written as local time in ``time_zone`` with a ``TZID``.
        end: aware end, after ``start``.
        summary: title; text values are escaped by icalendar.
        description: body text.
        location: room or meeting link, may be empty.
        organizer_email: the organiser's address (``ORGANIZER``).
        organizer_name: the organiser's display name (``CN``).
        attendees: ``(email, name)`` pairs; duplicates (case-insensitive) are dropped.
        method: ``"REQUEST"`` to invite or update, ``"CANCEL"`` to cancel.
        time_zone: IANA name of the organiser's zone, e.g. ``"Europe/Amsterdam"``.
        url: optional link back to the event in beklijf (``http``/``https``).
        now: aware current time, written as ``DTSTAMP`` in UTC.
        rrule: optional recurrence, e.g. ``{"FREQ": "WEEKLY", "BYDAY": "MO"}``.
        alarm_minutes: reminder this many minutes before the start; ``None`` for none.
            Cancellations never carry a reminder.

    Returns:
        The calendar as CRLF-terminated UTF-8 bytes.

    Raises:
        ValueError: on naive datetimes, ``end <= start``, an unknown time zone, an invalid
            address, UID, URL, recurrence or method, or no attendees.
    """
    for name, value in (("start", start), ("end", end), ("now", now)):
        _require_aware(name, value)
    if end <= start:
        raise ValueError("end must be after start")
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError("method must be 'REQUEST' or 'CANCEL'")
    if not _UID.fullmatch(uid):
        raise ValueError("uid must be 1-255 printable ASCII characters without spaces")
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
        raise ValueError("sequence must be a non-negative integer")
    if alarm_minutes is not None and (isinstance(alarm_minutes, bool) or alarm_minutes < 0):
        raise ValueError("alarm_minutes must be a non-negative integer or None")
    if not attendees:
        raise ValueError("an invitation needs at least one attendee (RFC 5546)")
    zone = _zone(time_zone)
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone)

    event = Event.new(
        uid=uid,
        sequence=sequence,
        stamp=now.astimezone(UTC),
        start=local_start,
        end=local_end,
        summary=_line(summary),
        description=description,
        location=_line(location) or None,
        organizer=_address(organizer_email, organizer_name),
        attendees=_attendees(attendees, method),
        status=STATUS.CONFIRMED if method == "REQUEST" else STATUS.CANCELLED,
        url=_url(url) if url else None,
    )
    if rrule:
        event.add("rrule", _recurrence(rrule, zone))
    if alarm_minutes is not None and method == "REQUEST":
        alarm = Alarm.new(description=_line(summary) or "Reminder")
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -timedelta(minutes=alarm_minutes))
        event.add_component(alarm)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event)
    # A VTIMEZONE from the start's year on keeps the file small (the full 1970-2038 table is
    # about 4 kB per zone); the end bound covers weekly series and far-future events.
    calendar.add_missing_timezones(
        first_date=date(local_start.year, 1, 1),
        last_date=max(date(2038, 1, 1), date(local_end.year + 1, 1, 1)),
    )
    data: bytes = calendar.to_ical()
    return data


def _require_aware(name: str, value: datetime) -> None:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _zone(time_zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone: {time_zone!r}") from exc


def _line(text: str) -> str:
    """One-line text: control characters (CR, LF, TAB …) become a single space."""
    return _CONTROL.sub(" ", text).strip()


def _address(email: str, name: str, **params: Any) -> vCalAddress:
    email = email.strip()
    if not _EMAIL.fullmatch(email):
        raise ValueError(f"invalid email address: {email!r}")
    # icalendar quotes parameter values and caret-encodes newlines and quotes (RFC 6868);
    # flattening control characters as well keeps a display name on one line in every client.
    return vCalAddress.new(email, cn=_line(name) or None, **params)


def _attendees(attendees: list[tuple[str, str]], method: str) -> list[vCalAddress]:
    seen: set[str] = set()
    result = []
    for email, name in attendees:
        if email.strip().lower() in seen:
            continue
        seen.add(email.strip().lower())
        # RSVP asks the client for a reply; a cancellation expects none.
        rsvp = True if method == "REQUEST" else None
        result.append(_address(email, name, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp=rsvp))
    return result


def _url(url: str) -> str:
    if not re.fullmatch(r"https?://[\x21-\x7e]+", url):
        raise ValueError("url must be an http(s) URL without spaces or control characters")
    return url


def _recurrence(rrule: Mapping[str, Any], zone: ZoneInfo) -> vRecur:
    """Check a recurrence rule before it is written; icalendar does not escape RRULE parts."""
    rule = {str(key).upper(): value for key, value in rrule.items()}
    unknown = set(rule) - _RRULE_KEYS
    if unknown:
        raise ValueError(f"unknown RRULE parts: {', '.join(sorted(unknown))}")
    if str(rule.get("FREQ", "")).upper() not in _FREQS:
        raise ValueError("RRULE needs FREQ, e.g. 'WEEKLY'")
    if "UNTIL" in rule and "COUNT" in rule:
        raise ValueError("RRULE takes UNTIL or COUNT, not both")
    checked: dict[str, Any] = {}
    for key, value in rule.items():
        values = value if isinstance(value, list | tuple) else [value]
        if key == "UNTIL":
            (until,) = values
            if isinstance(until, datetime):
                _require_aware("RRULE UNTIL", until)
                # RFC 5545 3.3.10: with a TZID start, UNTIL must be in UTC.
                checked[key] = until.astimezone(UTC)
            elif isinstance(until, date):
                # UNTIL must have DTSTART's value type: a plain date means "through that day".
                last = datetime.combine(until, datetime.max.time().replace(microsecond=0), zone)
                checked[key] = last.astimezone(UTC)
            else:
                raise ValueError("RRULE UNTIL must be a date or an aware datetime")
            continue
        for item in values:
            if isinstance(item, bool) or not isinstance(item, int | str):
                raise ValueError(f"RRULE {key} values must be strings or integers")
            if isinstance(item, str) and not _RRULE_WORD.fullmatch(item.upper()):
                raise ValueError(f"invalid RRULE {key} value: {item!r}")
        checked[key] = [item.upper() if isinstance(item, str) else item for item in values]
    return vRecur(checked)
