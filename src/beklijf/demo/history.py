"""Months of simulated history for the demo organisation, so every dashboard shows something real.

The people behave as in ``beklijf simulate`` (engine/simulate: engagement types, leave, weekends,
reminders by the product's rules) and remember as its learner model does; every answer goes through
the product's scheduler (``engine.memory.review``) and is stored the way ``answer_record`` stores it.
Then the surveys that fell due are sent and answered as these same people would (demo/survey_history.py,
through the product's answer service, so day-7 obstacles become blockers and plans action plans), and the
product's own jobs draw their conclusions: ``segments_compute`` the coaching signals.

Deterministic for a given ``now`` and seed: about 5,300 answers and 900 survey invitations; the whole demo
load takes a few seconds of CPU (tests/demo/test_history.py measures it).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from beklijf.catalog.models import Enrollment, LearningPoint, Question
from beklijf.coaching.models import Blocker
from beklijf.coaching.services import blocker_report
from beklijf.coaching.signals import segments_compute
from beklijf.demo.survey_history import surveys_history
from beklijf.engine import memory as engine
from beklijf.engine.simulate import CALIBRATED, Behaviour, Engagement
from beklijf.engine.simulate.learner import DAY, Traces
from beklijf.engine.simulate.population import draw
from beklijf.engine.simulate.strategies import DAILY_QUESTION_CAP, IGNORED_LIMIT, WEEKLY_NUDGE_CAP
from beklijf.notify.models import AgendaItem, CheckIn, Outbox
from beklijf.people.models import Employee, Organization
from beklijf.practice import memory as adapter
from beklijf.practice.models import MemoryState, Review

_ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")
_ANSWER_HOUR = 9
# The demo employee stops answering a week before "now", so a visitor finds questions waiting.
_VISITOR_QUIET_DAYS = 7

# What people report as in the way (Dutch: the demo organisation is Dutch), by category, weighted
# towards time and opportunity as in the transfer literature's most common complaints.
_BLOCKERS = [
    (Blocker.Category.TIME, 5, "Geen tijd door de drukte rond de jaarafsluiting."),
    (Blocker.Category.OPPORTUNITY, 3, "Ik kom het in mijn werk nog niet tegen."),
    (Blocker.Category.TOOLS, 2, "Ik heb nog geen toegang tot de nieuwe software."),
    (Blocker.Category.MANAGER, 1, "We hebben het nog niet samen kunnen bespreken."),
    (Blocker.Category.RELEVANCE, 1, "Voor mijn rol is dit minder van toepassing."),
]
_CHECKIN_NOTES = {
    CheckIn.Outcome.ON_TRACK: "Gaat goed; past het toe in het klantcontact.",
    CheckIn.Outcome.NEEDS_HELP: "Wil nog een keer meekijken met een collega.",
    CheckIn.Outcome.BLOCKER: "Loopt vast op tijd; samen naar de planning gekeken.",
}


@dataclass
class _Item:
    """One (employee, learning point) in follow-up."""

    row: MemoryState
    index: int  # column in the learner traces
    questions: list[Question]
    state: engine.MemoryState
    start_day: int


@dataclass
class _Person:
    employee: Employee
    number: int  # row in the population and the traces
    items: list[_Item] = field(default_factory=list)
    ignored: int = 0
    prompts: list[int] = field(default_factory=list)  # days with a reminder
    on_agenda: bool = False
    open_item: bool = False  # an agenda item nobody discussed yet: the product keeps one at most


def history_load(
    *, organization: Organization, now: dt.datetime, seed: int, visitor_email: str
) -> dict[str, int]:
    """Simulate every completed enrolment's follow-up from its session to yesterday; returns counts."""
    enrollments = list(
        Enrollment.objects.filter(employee__organization=organization, status=Enrollment.Status.COMPLETED)
        .select_related("employee__user", "employee__team", "session__training")
        .order_by("pk")
    )
    if not enrollments:
        return {}
    first_day = min(e.completed_on for e in enrollments)
    today = now.astimezone(_ZONE).date()
    days = (today - first_day).days
    people, items_total = _people(enrollments, first_day)
    rng = random.Random(seed)
    population = draw(people=len(people), points=items_total, days=days, seed=seed, model=CALIBRATED,
                      behaviour=Behaviour(), first_weekday=first_day.weekday())  # fmt: skip
    traces = Traces(CALIBRATED, alpha_person=population.alpha, offset=population.offset)
    for person in people.values():
        for item in person.items:  # the training itself: one presentation at the end of the session day
            traces.present(item.start_day * DAY, np.array([person.number]), np.array([item.index]))
    reviews: list[Review] = []
    nudges: list[Outbox] = []
    agenda: list[AgendaItem] = []
    noise = np.random.default_rng([seed, 3])
    for day in range(1, days):
        date = first_day + dt.timedelta(days=day)
        for person in people.values():
            quiet = person.employee.user.email == visitor_email and (today - date).days <= _VISITOR_QUIET_DAYS
            _live_day(person, day, date, population, traces, noise, rng, reviews, nudges, agenda, quiet=quiet)
    # One UPDATE per changed state: bulk_update's CASE over 1,300 rows cost 12 times more on SQLite.
    for item in (i for p in people.values() for i in p.items if i.state.reps):
        MemoryState.objects.filter(pk=item.row.pk).update(
            **{f: getattr(item.row, f) for f in adapter.STATE_FIELDS}
        )
    Review.objects.bulk_create(reviews, batch_size=2000)
    Outbox.objects.bulk_create(nudges, batch_size=2000)
    AgendaItem.objects.bulk_create(agenda)
    checkins = _checkins(enrollments, today, rng, now)
    blockers = _blockers(people, population, first_day, days, rng)
    engagement = {p.employee.pk: Engagement(int(population.engagement[p.number])) for p in people.values()}
    quiet = (visitor_email, now - dt.timedelta(days=_VISITOR_QUIET_DAYS))
    surveys = surveys_history(
        organization=organization, now=now, seed=seed, engagement=engagement, quiet=quiet
    )
    segments = segments_compute(organization=organization, at=now)
    return {"reviews": len(reviews), "nudges": len(nudges), "agenda": len(agenda), "checkins": checkins,
            "blockers": blockers, "segments": segments, **surveys}  # fmt: skip


def _people(enrollments: list[Enrollment], first_day: dt.date) -> tuple[dict[int, _Person], int]:
    points = defaultdict(list)
    for point in LearningPoint.objects.filter(
        training__in={e.session.training_id for e in enrollments}
    ).order_by("training_id", "position"):
        points[point.training_id].append(point)
    questions = defaultdict(list)
    for question in Question.objects.filter(learning_point__training__in=points).order_by("pk"):
        questions[question.learning_point_id].append(question)
    columns = {p.pk: i for i, p in enumerate(p for group in points.values() for p in group)}
    states = {
        (s.employee_id, s.learning_point_id): s
        for s in MemoryState.objects.filter(employee__in={e.employee_id for e in enrollments})
    }
    people: dict[int, _Person] = {}
    for enrollment in enrollments:
        employee = enrollment.employee
        person = people.setdefault(employee.pk, _Person(employee=employee, number=len(people)))
        for point in points[enrollment.session.training_id]:
            row = states[(employee.pk, point.pk)]
            person.items.append(
                _Item(
                    row=row,
                    index=columns[point.pk],
                    questions=questions[point.pk],
                    state=adapter.to_engine(row),
                    start_day=(enrollment.completed_on - first_day).days,
                )  # fmt: skip
            )
    return people, len(columns)


def _live_day(person: _Person, day: int, date: dt.date, population, traces: Traces, noise: np.random.Generator,  # noqa: ANN001
              rng: random.Random, reviews: list[Review], nudges: list[Outbox], agenda: list[AgendaItem],
              *, quiet: bool) -> None:  # fmt: skip
    """One day of one person: a reminder if something is due, maybe some answers."""
    n = person.number
    at = dt.datetime.combine(date, dt.time(_ANSWER_HOUR, rng.randrange(60)), tzinfo=_ZONE)
    end_of_day = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(0), tzinfo=_ZONE)
    due = sorted(
        (i for i in person.items if i.start_day < day and i.state.due < end_of_day), key=lambda i: i.state.due
    )
    if not due:
        return
    weekend = bool(population.weekend[day])
    away = bool(population.away[n, day])
    engagement = Engagement(int(population.engagement[n]))
    own = not away and not quiet and noise.random() < population.own_initiative[n] * (0.1 if weekend else 1.0)
    # On their own, people answer before the 08:00 reminder, which then has nothing left to remind of.
    recent = sum(1 for d in person.prompts if d > day - 7)
    prompted = (not own or len(due) > DAILY_QUESTION_CAP) and not weekend and not away
    prompted = prompted and person.ignored < IGNORED_LIMIT and recent < WEEKLY_NUDGE_CAP
    if prompted:
        person.prompts.append(day)
        nudges.append(_nudge(person.employee, date, at.replace(hour=8, minute=0), len(due)))
    decline = 0.8 ** ((day - due[0].start_day) / 7) if engagement is Engagement.DROPPING_OFF else 1.0
    responds = (
        prompted and not own and not away and not quiet and noise.random() < population.response[n] * decline
    )
    if own:
        at = at.replace(hour=7)
    if not (own or responds):
        person.ignored += int(prompted)
        if (
            person.ignored >= IGNORED_LIMIT
            and not person.on_agenda
            and not person.open_item
            and person.employee.team_id
        ):
            person.on_agenda = True
            discussed = at + dt.timedelta(days=3) if rng.random() < 0.6 else None
            person.open_item = discussed is None
            agenda.append(AgendaItem(team_id=person.employee.team_id, employee=person.employee,
                                     source=AgendaItem.Source.IGNORED_PROMPTS, created_at=at,
                                     title=f"{person.employee.full_name} heeft de laatste {IGNORED_LIMIT} "
                                           "herinneringen niet beantwoord: vraag wat er in de weg zit.",
                                     discussed_at=discussed))  # fmt: skip
        return
    person.ignored = 0
    person.on_agenda = False
    for position, item in enumerate(due[:DAILY_QUESTION_CAP]):
        answered = at + dt.timedelta(seconds=25 * position + 20)
        t = day * DAY + (answered.hour - 17) * 3600.0
        correct = bool(noise.random() < traces.recall(t, np.array([n]), np.array([item.index]))[0])
        traces.present(t, np.array([n]), np.array([item.index]))
        reviews.append(_review(person.employee, item, correct=correct, at=answered, rng=rng))


def _review(employee: Employee, item: _Item, *, correct: bool, at: dt.datetime, rng: random.Random) -> Review:
    """Apply an answer through the engine and build the review row as answer_record does."""
    late = max(0, (at.date() - item.state.due.astimezone(_ZONE).date()).days)
    state, outcome = engine.review(item.state, correct=correct, at=at)
    item.state = state
    adapter.apply(item.row, state)
    question = item.questions[(state.reps - 1) % len(item.questions)] if item.questions else None
    return Review(
        organization_id=employee.organization_id, employee=employee, learning_point_id=item.row.learning_point_id,
        question=question, key=uuid.UUID(int=rng.getrandbits(128), version=4), answer="", correct=correct,
        rating=int(outcome.rating), retrievability_before=outcome.retrievability_before,
        elapsed_days=outcome.elapsed_days, review_number=outcome.review_number, late_days=late,
        response_ms=rng.randrange(6000, 40000), shown_at=at - dt.timedelta(seconds=20), answered_at=at,
    )  # fmt: skip


def _nudge(employee: Employee, date: dt.date, at: dt.datetime, due: int) -> Outbox:
    return Outbox(
        key=f"nudge:{employee.pk}:{date.isoformat()}", organization_id=employee.organization_id, employee=employee,
        kind="nudge", to=employee.user.email, subject="Je vragen voor vandaag",
        body_text=f"Er staan {min(due, DAILY_QUESTION_CAP)} vragen voor je klaar (demo-geschiedenis).",
        status=Outbox.Status.SENT, attempts=1, next_attempt_at=at, sent_at=at, created_at=at,
    )  # fmt: skip


def _checkins(enrollments: list[Enrollment], today: dt.date, rng: random.Random, now: dt.datetime) -> int:
    """Check-ins at the organisation's weeks: done with an outcome when past, proposed when near."""
    rows = []
    outcomes = [CheckIn.Outcome.ON_TRACK] * 7 + [CheckIn.Outcome.NEEDS_HELP] * 2 + [CheckIn.Outcome.BLOCKER]
    for enrollment in enrollments:
        for week in enrollment.employee.organization.checkin_weeks:
            mark = enrollment.completed_on + dt.timedelta(weeks=week)
            starts = dt.datetime.combine(mark, dt.time(14, 0), tzinfo=_ZONE)
            if mark < today and rng.random() < 0.8:  # a fifth of the past ones never happened
                outcome = rng.choice(outcomes)
                rows.append(CheckIn(enrollment=enrollment, week=week, status=CheckIn.Status.DONE, starts_at=starts,
                                    outcome=outcome, notes=_CHECKIN_NOTES[outcome], created_at=starts - dt.timedelta(days=5)))  # fmt: skip
            elif today <= mark <= today + dt.timedelta(days=14):
                rows.append(CheckIn(enrollment=enrollment, week=week, created_at=now))
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _blockers(
    people: dict[int, _Person], population, first_day: dt.date, days: int, rng: random.Random
) -> int:  # noqa: ANN001
    """Some of those who need an impulse say what is in the way; the older ones are resolved."""
    count = 0
    categories = [c for c, weight, _text in _BLOCKERS for _ in range(weight)]
    texts = {c: text for c, _weight, text in _BLOCKERS}
    for person in people.values():
        engagement = Engagement(int(population.engagement[person.number]))
        if engagement in (Engagement.SELF_DRIVEN, Engagement.RESPONSIVE) or rng.random() < 0.4:
            continue
        day = rng.randrange(max(1, days // 3), days)
        at = dt.datetime.combine(first_day + dt.timedelta(days=day), dt.time(11, 0), tzinfo=_ZONE)
        category = rng.choice(categories)
        blocker = blocker_report(employee=person.employee, reported_by=person.employee, category=category,
                                 description=texts[category], at=at)  # fmt: skip
        if days - day > 21:
            blocker.status = Blocker.Status.RESOLVED
            blocker.resolution = "Besproken in het teamoverleg en opgelost."
            blocker.resolved_at = at + dt.timedelta(days=10)
            blocker.save(update_fields=["status", "resolution", "resolved_at"])
        count += 1
    return count
