"""The survey schedule over simulated months, checked at a real SMTP server: every survey reaches the right
person, on the right day and hour, exactly once, in their own language; no-shows, deactivated people, people
without a manager, disabled surveys and surveys whose moment long passed get nothing."""

from __future__ import annotations

import datetime as dt
import email.utils
import uuid
import zoneinfo
from email.header import decode_header, make_header

from beklijf.catalog.models import Enrollment, TrainingSession
from beklijf.surveys.models import SurveyInvitation, SurveySchedule
from beklijf.surveys.planner import outbox_key
from tests import factories
from tests.conftest import World

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
LONDON = zoneinfo.ZoneInfo("Europe/London")
START = dt.date(2026, 11, 2)  # a Monday
DAYS = 101  # up to and including Wednesday 10 February 2027


def _session(training, start: dt.datetime, end: dt.datetime) -> TrainingSession:  # noqa: ANN001
    return TrainingSession.objects.create(training=training, starts_at=start, ends_at=end)


def _person(world: World, name: str, language: str, *, manager=None, zone: str = "Europe/Amsterdam"):  # noqa: ANN001,ANN202
    person = factories.employee(world.org, manager=manager, first_name=name, language=language)
    person.time_zone = zone
    person.save()
    return person


def _enrol(person, session: TrainingSession, *, status: str = Enrollment.Status.COMPLETED) -> Enrollment:  # noqa: ANN001
    completed_on = session.starts_at.astimezone(AMS).date() if status == Enrollment.Status.COMPLETED else None
    return Enrollment.objects.create(
        employee=person, session=session, status=status, completed_on=completed_on
    )


def _ticks(due_days: set[dt.date]):  # noqa: ANN202
    """Every day at midday UTC; hour by hour through the working day on the days something is due."""
    for n in range(DAYS):
        day = START + dt.timedelta(days=n)
        for hour in range(5, 19) if day in due_days else (12,):
            yield day, dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def test_surveys_over_a_hundred_days_reach_the_right_person_once_in_their_language(
    world: World,
    smtp,  # noqa: ANN001
    run_tick,  # noqa: ANN001
) -> None:
    world.enrollment.delete()  # the shared world's own session is not part of this story
    mia = world.manager
    mia.language = "nl"
    mia.save()
    s1 = _session(
        world.training, dt.datetime(2026, 11, 16, 9, tzinfo=AMS), dt.datetime(2026, 11, 16, 15, tzinfo=AMS)
    )
    edited = factories.training(world.org, points=0)
    s2 = _session(
        edited, dt.datetime(2026, 11, 25, 10, tzinfo=AMS), dt.datetime(2026, 11, 25, 16, tzinfo=AMS)
    )
    # The edited schedule: no manager survey before, no one-week survey, the month survey after 21 days.
    SurveySchedule.objects.create(training=edited, kind="before", audience="manager", anchor="session_start",
                                  offset_days=-7, enabled=False)  # fmt: skip
    SurveySchedule.objects.create(training=edited, kind="day7", audience="employee", anchor="completion",
                                  offset_days=7, enabled=False)  # fmt: skip
    SurveySchedule.objects.create(training=edited, kind="day30", audience="employee", anchor="completion",
                                  offset_days=21)  # fmt: skip

    anna = _person(world, "Anna", "nl", manager=mia)
    ben = _person(world, "Ben", "en", manager=mia, zone="Europe/London")
    carl = _person(world, "Carl", "en", manager=mia)
    dora = _person(world, "Dora", "nl", manager=mia)
    eli = _person(world, "Eli", "en")  # no manager, no team
    fay = _person(world, "Fay", "nl", manager=mia)
    greg = _person(world, "Greg", "en", manager=mia)
    enrolments = {p.first_name: _enrol(p, s1) for p in (anna, ben, dora, eli)}
    enrolments["Carl"] = _enrol(carl, s1, status=Enrollment.Status.NO_SHOW)  # cancelled
    enrolments["Fay"] = _enrol(fay, s2)

    # (participant, survey, audience) -> (respondent, local date, local hour)
    def at(day: tuple[int, int, int], hour: int) -> tuple[dt.date, int]:
        return dt.date(*day), hour

    expected: dict[tuple[str, str, str], tuple] = {}
    for name, person, zone in (
        ("Anna", anna, AMS),
        ("Ben", ben, LONDON),
        ("Dora", dora, AMS),
        ("Eli", eli, AMS),
    ):
        first_hour = 9  # 09:00 in Amsterdam is 08:00 in London: Ben's before-survey waits for his 09:00
        expected[(name, "before", "employee")] = (person, *at((2026, 11, 9), first_hour))
        expected[(name, "end", "employee")] = (person, *at((2026, 11, 16), 15 if zone is AMS else 14))
        expected[(name, "day7", "employee")] = (person, *at((2026, 11, 23), 9))
        if person.manager_id:
            expected[(name, "before", "manager")] = (mia, *at((2026, 11, 9), 9))
        if name == "Dora":
            continue  # deactivated on 1 December: nothing after that
        expected[(name, "day30", "employee")] = (person, *at((2026, 12, 16), 9))
        expected[(name, "results", "employee")] = (person, *at((2027, 2, 1), 9))  # 30 January is a Saturday
        if person.manager_id:
            expected[(name, "day30", "manager")] = (mia, *at((2026, 12, 16), 9))
            expected[(name, "results", "manager")] = (mia, *at((2027, 2, 1), 9))
    expected[("Fay", "before", "employee")] = (fay, *at((2026, 11, 18), 10))
    expected[("Fay", "end", "employee")] = (fay, *at((2026, 11, 25), 16))
    expected[("Fay", "day30", "employee")] = (fay, *at((2026, 12, 16), 9))  # edited: 21 days
    expected[("Fay", "day30", "manager")] = (mia, *at((2026, 12, 25), 9))  # default: 30 days
    expected[("Fay", "results", "employee")] = (fay, *at((2027, 2, 8), 9))
    expected[("Fay", "results", "manager")] = (mia, *at((2027, 2, 8), 9))
    # Greg is imported on 1 December, after his session: before, end and one week are skipped, not sent late.
    for kind in ("day30", "results"):
        day = (2026, 12, 16) if kind == "day30" else (2027, 2, 1)
        expected[("Greg", kind, "employee")] = (greg, *at(day, 9))
        expected[("Greg", kind, "manager")] = (mia, *at(day, 9))

    due_days = {value[1] for value in expected.values()}
    for day, moment in _ticks(due_days):
        if day == dt.date(2026, 12, 1):
            dora.is_active = False
            dora.save()
            enrolments["Greg"] = _enrol(greg, s1)
        run_tick(moment)
        if moment.hour in (8, 9, 13, 14, 15):
            run_tick(moment)  # a second tick at the same moment sends nothing new

    by_id = {message["Message-ID"]: message for message in smtp.messages}
    survey_messages = [
        m for m in smtp.messages
        if str(make_header(decode_header(m["Subject"]))).startswith(("A short survey about", "Een korte vragenlijst"))
    ]  # fmt: skip
    assert len(survey_messages) == len(expected), sorted(
        m["To"] + " " + m["Subject"] for m in survey_messages
    )
    for (name, kind, audience), (respondent, day, hour) in expected.items():
        key = outbox_key(enrolments[name].pk, kind, audience)
        message = by_id.get(f"<{uuid.uuid5(uuid.NAMESPACE_URL, key)}@beklijf>")
        assert message is not None, f"{name} {kind} {audience} never arrived"
        assert message["To"] == respondent.user.email
        sent = email.utils.parsedate_to_datetime(message["Date"]).astimezone(
            zoneinfo.ZoneInfo(respondent.time_zone)
        )
        assert (sent.date(), sent.hour) == (day, hour), (name, kind, audience, sent)
        invitation = SurveyInvitation.objects.get(enrollment=enrolments[name], kind=kind, audience=audience)
        assert invitation.respondent == respondent
        assert invitation.sent_at is not None
        _assert_language(message, respondent, invitation)
    assert SurveyInvitation.objects.count() == len(expected)
    assert not SurveyInvitation.objects.filter(enrollment=enrolments["Carl"]).exists()


def _assert_language(message, respondent, invitation: SurveyInvitation) -> None:  # noqa: ANN001
    parts = {p.get_content_type(): p.get_payload(decode=True).decode() for p in message.walk()
             if not p.is_multipart()}  # fmt: skip
    text, html = parts["text/plain"], parts["text/html"]
    assert f"/surveys/{invitation.code}/link/" in text
    # The session date is written out by Django's own (always translated) month and day names, the greeting
    # is an existing translated string, and <html lang> is the language active while rendering.
    subject = str(make_header(decode_header(message["Subject"])))
    if respondent.language == "nl":
        assert subject.startswith("Een korte vragenlijst over "), subject
        assert f"Hallo {respondent.first_name}," in text
        assert "november 2026" in text and "November" not in text
        assert '<html lang="nl">' in html
    else:
        assert subject.startswith("A short survey about "), subject
        assert f"Hello {respondent.first_name}," in text
        assert "November 2026" in text
        assert '<html lang="en">' in html
