"""Calendar invitations: parsed back with icalendar, and checked by libical where it is installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from beklijf.notify.ics import invitation, uid_for

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
UID = uid_for("session", "3f2b6c1e-0000-4000-8000-000000000001", "beklijf.example.com")


def make(**overrides: Any) -> bytes:
    kwargs: dict[str, Any] = {
        "uid": UID,
        "sequence": 0,
        "start": datetime(2026, 3, 2, 8, 0, tzinfo=UTC),  # 09:00 in Amsterdam (CET)
        "end": datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        "summary": "Feedback geven: oefensessie",
        "description": "Bring one example.\nWe practise in pairs.",
        "location": "Room 2.14",
        "organizer_email": "manager@example.com",
        "organizer_name": "Mia Manager",
        "attendees": [("employee@example.com", "Eva Employee"), ("trainer@example.com", "Tom Trainer")],
        "method": "REQUEST",
        "time_zone": "Europe/Amsterdam",
        "url": "https://beklijf.example.com/s/abc",
        "now": NOW,
    }
    kwargs.update(overrides)
    return invitation(**kwargs)


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def attendees_of(event: Event) -> list[Any]:
    value = event.get("ATTENDEE", [])
    return value if isinstance(value, list) else [value]


def test_request_round_trips_with_uid_tzid_sequence_and_people() -> None:
    data = make()
    calendar, event = parse(data)

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["PRODID"]
    assert str(event["UID"]) == UID
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTSTART"].dt == datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
    assert event["DTEND"].dt == datetime(2026, 3, 2, 10, 30, tzinfo=AMS)
    assert event["DTSTAMP"].dt == NOW
    assert b"DTSTAMP:20260201T120000Z" in data
    assert b"DTSTART;TZID=Europe/Amsterdam:20260302T090000" in data
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["URL"]) == "https://beklijf.example.com/s/abc"
    assert event["DESCRIPTION"] == "Bring one example.\nWe practise in pairs."

    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:manager@example.com"
    assert organizer.params["CN"] == "Mia Manager"
    people = attendees_of(event)
    assert [str(a) for a in people] == ["mailto:employee@example.com", "mailto:trainer@example.com"]
    for attendee in people:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
    assert people[0].params["CN"] == "Eva Employee"
    assert data.endswith(b"END:VCALENDAR\r\n")


def test_start_in_another_zone_is_written_in_the_organisers_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    start = datetime(2026, 7, 1, 3, 0, tzinfo=new_york)
    _, event = parse(make(start=start, end=start + timedelta(hours=1)))

    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 7, 1, 9, 0)  # CEST, +6 h


def test_update_keeps_the_uid_and_raises_the_sequence() -> None:
    _, first = parse(make(sequence=0))
    _, moved = parse(
        make(
            sequence=1,
            start=datetime(2026, 3, 9, 8, 0, tzinfo=UTC),
            end=datetime(2026, 3, 9, 9, 0, tzinfo=UTC),
            now=NOW + timedelta(days=1),
        )
    )

    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] > first["SEQUENCE"]
    assert moved["DTSTART"].dt == datetime(2026, 3, 9, 9, 0, tzinfo=AMS)
    assert moved["DTSTAMP"].dt > first["DTSTAMP"].dt


def test_cancel_has_method_cancel_status_cancelled_and_no_alarm() -> None:
    calendar, event = parse(make(method="CANCEL", sequence=2))

    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == UID
    assert event["SEQUENCE"] == 2
    assert not event.walk("VALARM")
    assert all("RSVP" not in a.params for a in attendees_of(event))


def test_alarm_defaults_to_fifteen_minutes_before_and_can_be_left_out() -> None:
    _, event = parse(make())
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-15)

    _, without = parse(make(alarm_minutes=None))
    assert not without.walk("VALARM")


def test_weekly_rrule_round_trips() -> None:
    _, event = parse(make(rrule={"FREQ": "WEEKLY", "BYDAY": "MO"}))

    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO"]


def test_rrule_until_a_date_becomes_the_end_of_that_day_in_utc() -> None:
    data = make(rrule={"FREQ": "WEEKLY", "BYDAY": ["MO", "WE"], "UNTIL": date(2026, 6, 1)})
    _, event = parse(data)

    # RFC 5545 3.3.10: with a TZID start, UNTIL is a UTC date-time.
    assert b"UNTIL=20260601T215959Z" in data
    assert event["RRULE"]["UNTIL"] == [datetime(2026, 6, 1, 21, 59, 59, tzinfo=UTC)]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE"]


@pytest.mark.parametrize(
    "rrule",
    [
        {"BYDAY": "MO"},
        {"FREQ": "WEEKLY", "X-EVIL": "1"},
        {"FREQ": "WEEKLY", "BYDAY": "MO\r\nATTENDEE:mailto:evil@x"},
        {"FREQ": "WEEKLY", "BYDAY": "MO;COUNT=1"},
        {"FREQ": "WEEKLY", "UNTIL": datetime(2026, 6, 1)},
    ],
)
def test_bad_rrule_is_refused(rrule: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        make(rrule=rrule)


INJECTION = "Eve\r\nATTENDEE:mailto:evil@x"


@pytest.mark.parametrize("field", ["organizer_name", "attendee_name", "summary", "location", "description"])
def test_names_and_texts_cannot_inject_properties(field: str) -> None:
    overrides: dict[str, Any] = {}
    if field == "attendee_name":
        overrides["attendees"] = [("employee@example.com", INJECTION)]
    else:
        overrides[field] = INJECTION
    data = make(**overrides)
    _, event = parse(data)

    emails = [str(a) for a in attendees_of(event)]
    assert "mailto:evil@x" not in emails
    assert len(emails) == len(overrides.get("attendees", [1, 2]))
    assert str(event["ORGANIZER"]) == "mailto:manager@example.com"
    assert b"\r\nATTENDEE:mailto:evil@x" not in data
    assert b"\nATTENDEE:mailto:evil@x" not in data.replace(b"\r\n ", b"")


@pytest.mark.parametrize(
    "email", ["evil@x\r\nATTENDEE:mailto:evil@y", 'a"@example.com', "no-at-sign", "a@example.com;RSVP=FALSE"]
)
def test_bad_email_addresses_are_refused(email: str) -> None:
    with pytest.raises(ValueError, match="email"):
        make(attendees=[(email, "X")])
    with pytest.raises(ValueError, match="email"):
        make(organizer_email=email)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start": datetime(2026, 3, 2, 9, 0)}, "timezone-aware"),
        ({"end": datetime(2026, 3, 2, 10, 0)}, "timezone-aware"),
        ({"now": datetime(2026, 2, 1, 12, 0)}, "timezone-aware"),
        ({"end": datetime(2026, 3, 2, 8, 0, tzinfo=UTC)}, "after start"),
        ({"end": datetime(2026, 3, 2, 7, 0, tzinfo=UTC)}, "after start"),
        ({"time_zone": "Europe/Nowhere"}, "time zone"),
        ({"uid": "has space@x"}, "uid"),
        ({"uid": "a\r\nATTENDEE:mailto:evil@x"}, "uid"),
        ({"sequence": -1}, "sequence"),
        ({"attendees": []}, "attendee"),
        ({"method": "PUBLISH"}, "method"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "https://x.example/\r\nATTENDEE:mailto:evil@x"}, "url"),
    ],
)
def test_invalid_input_raises_value_error(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make(**overrides)


def test_duplicate_attendees_are_dropped() -> None:
    _, event = parse(make(attendees=[("a@example.com", "A"), ("A@Example.com", "A again")]))
    assert [str(a) for a in attendees_of(event)] == ["mailto:a@example.com"]


def test_uid_for_is_deterministic_and_opaque() -> None:
    first = uid_for("checkin", "42", "beklijf.example.com")

    assert first == uid_for("checkin", "42", "Beklijf.Example.com.")
    assert first != uid_for("checkin", "43", "beklijf.example.com")
    assert first != uid_for("session", "42", "beklijf.example.com")
    assert first.startswith("checkin-") and first.endswith("@beklijf.example.com")
    uuid.UUID(first.removeprefix("checkin-").removesuffix("@beklijf.example.com"))  # hashed, not "42"
    with pytest.raises(ValueError):
        uid_for("Check In", "42", "beklijf.example.com")
    with pytest.raises(ValueError):
        uid_for("checkin", "42", "bad domain\r\n")


# libical (Evolution's C parser) as an independent validator, through Debian's python3 with
# GObject introspection: `apt-get install gir1.2-ical-3.0 python3-gi` (shared/PEERS.md (c)).
_LIBICAL_CHECK = r"""
import json, sys
try:
    import gi
    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib as I
except Exception as exc:
    print(json.dumps({"unavailable": repr(exc)}))
    sys.exit(0)

def errors(comp):
    found = []
    prop = comp.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop:
        found.append(prop.get_xlicerror())
        prop = comp.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = comp.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child:
        found += errors(child)
        child = comp.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

comp = I.Component.new_from_string(sys.stdin.read())
if comp is None:
    print(json.dumps({"ok": False, "errors": ["not parsed"]}))
else:
    ok = bool(I.restriction_check(comp))
    print(json.dumps({"ok": ok, "errors": errors(comp)}))
"""


def libical_check(data: bytes) -> dict[str, Any]:
    python = shutil.which("python3", path="/usr/bin")
    if python is None:
        pytest.skip("libical check skipped: /usr/bin/python3 not found")
    result = subprocess.run(
        [python, "-c", _LIBICAL_CHECK], input=data, capture_output=True, timeout=60, check=True
    )
    report = json.loads(result.stdout)
    if "unavailable" in report:
        pytest.skip(
            "libical check skipped: /usr/bin/python3 cannot import gi / ICalGLib "
            f"({report['unavailable']}); apt-get install gir1.2-ical-3.0 python3-gi"
        )
    return report


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"sequence": 3, "rrule": {"FREQ": "WEEKLY", "BYDAY": "MO"}},
        {"method": "CANCEL", "sequence": 4},
        {"organizer_name": INJECTION, "summary": INJECTION, "url": None, "location": ""},
    ],
    ids=["request", "recurring", "cancel", "hostile-names"],
)
def test_libical_accepts_the_itip_message(overrides: dict[str, Any]) -> None:
    report = libical_check(make(**overrides))

    assert report == {"ok": True, "errors": []}


def test_libical_validator_catches_a_broken_message() -> None:
    broken = make().replace(b"\r\nUID:", b"\r\nX-UID:")
    report = libical_check(broken)

    assert report["ok"] is False
    assert any("UID" in error for error in report["errors"])
