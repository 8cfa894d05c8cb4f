"""The demo's survey history: every survey that fell due before "now", sent and (mostly) answered.

Which survey is due when, for whom, comes from the product (surveys/schedule.py, the planner's rules); every
answer goes through ``surveys.services.survey_answer``, so its effects happen as in reality: an obstacle
named one week after the training opens a coaching blocker, an if-then plan becomes an action plan.

Each past invitation is stored as sent, with its e-mail in the outbox as sent, so the planner (which skips an
(enrolment, survey, audience) that has an invitation) sends nothing for the past when the demo's tick runs.

How people answer follows the simulated behaviour of history.py: the self-driven answer nearly always and
report more use, refusers rarely answer; managers answer for their reports at 55-85%. Application is a
latent level per enrolment (engagement plus the provider's effect plus noise): the manager reports what they
see, the participant a bit more (self-reports run high, Blume et al. 2010). The providers tell the
product's story: Het Gesprekshuis gets the warmest reviews, its people apply less (EVIDENCE.md 1.1).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
import zoneinfo
from decimal import Decimal

from beklijf.catalog.models import Enrollment
from beklijf.coaching.models import ActionPlan, Blocker
from beklijf.demo import content
from beklijf.engine.simulate import Engagement
from beklijf.notify.models import Outbox
from beklijf.people.models import Employee, Organization
from beklijf.surveys import schedule
from beklijf.surveys.items import Audience, Kind
from beklijf.surveys.models import SurveyInvitation
from beklijf.surveys.planner import KIND, outbox_key
from beklijf.surveys.planner import _respondent as planner_respondent
from beklijf.surveys.services import survey_answer

# Chance that a participant answers a survey, by engagement (cf. engine/simulate's response to reminders).
_ANSWERS = {
    Engagement.SELF_DRIVEN: 0.92,
    Engagement.RESPONSIVE: 0.78,
    Engagement.RELUCTANT: 0.45,
    Engagement.DROPPING_OFF: 0.55,
    Engagement.REFUSER: 0.08,
}
# Latent use (0-3, items.Application) by engagement, before the provider's effect.
_USE = {
    Engagement.SELF_DRIVEN: 2.4,
    Engagement.RESPONSIVE: 2.0,
    Engagement.RELUCTANT: 1.3,
    Engagement.DROPPING_OFF: 1.1,
    Engagement.REFUSER: 0.5,
}
# Per provider: (mean end-of-training confidence 1-5, effect on use). The warmest reviews, the least use.
_PROVIDER = {
    content.PROVIDERS[0].name: (3.7, 0.35),  # Kantoorvaardig Academie
    content.PROVIDERS[1].name: (4.5, -0.6),  # Het Gesprekshuis
    content.PROVIDERS[2].name: (3.6, 0.45),  # VeiligWerk Opleidingen
}
_ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")
_MEAN_DELAY_HOURS = 20.0
_LONGEST_DELAY = dt.timedelta(days=6)
_BLOCKER_RESOLVED_AFTER = dt.timedelta(days=21)
_PLAN_USE = (
    ActionPlan.Use.NOT_TRIED,
    ActionPlan.Use.TRIED_ONCE,
    ActionPlan.Use.WITH_HELP,
    ActionPlan.Use.ROUTINELY,
)

# Written answers, in Dutch (the demo organisation is Dutch), per training title:
# (situation for the survey before, if-then plan at the end, example of a result).
_TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Excel voor gevorderden": (
        ("De maandrapportage van de voorraad.", "Het offerteoverzicht per klant."),
        (
            "Als ik de maandrapportage maak, dan gebruik ik een draaitabel in plaats van knippen en plakken.",
            "Als ik een prijslijst moet opzoeken, dan gebruik ik X.ZOEKEN.",
        ),
        (
            "De maandrapportage kost me nu een uur in plaats van een halve dag.",
            "Geen handmatige fouten meer in de prijslijst voor de binnendienst.",
        ),
    ),
    "Feedback geven": (
        ("Het werkoverleg op maandag.", "Gesprekken met nieuwe collega's."),
        (
            "Als een collega een afspraak niet nakomt, dan benoem ik wat ik zag en wat het effect was.",
            "Als ik iets goeds zie, dan zeg ik het dezelfde dag nog.",
        ),
        ("Afspraken in het team worden beter nagekomen.", "Minder gedoe over de roosters."),
    ),
    "Veilig werken in het magazijn (VCA-basis)": (
        ("Laden en lossen bij dock 3.", "Werken op hoogte in stelling C."),
        (
            "Als ik een onveilige situatie zie, dan meld ik die direct in de app.",
            "Als ik op hoogte werk, dan controleer ik eerst de valbeveiliging.",
        ),
        (
            "Twee bijna-ongevallen gemeld en opgelost voordat er iets gebeurde.",
            "Minder schade aan pallets bij het laden.",
        ),
    ),
    "Klantgesprekken die werken": (
        ("Klanten die bellen over een te late levering.", "Offertegesprekken met installateurs."),
        (
            "Als een klant boos belt, dan vat ik eerst samen wat ik hoor voordat ik een oplossing geef.",
            "Als een klant twijfelt, dan vraag ik door naar zijn planning.",
        ),
        (
            "Minder klachten die bij de teamleider terechtkomen.",
            "Twee extra orders per week doordat ik beter doorvraag.",
        ),
    ),
    "Timemanagement": (
        ("Mijn mailbox aan het begin van de dag.", "De planning van de week."),
        (
            "Als ik 's ochtends begin, dan doe ik eerst mijn belangrijkste taak voordat ik mijn mail open.",
            "Als er een nieuw verzoek binnenkomt, dan plan ik het in plaats van het direct op te pakken.",
        ),
        ("Twee uur per week minder overwerk.", "Deadlines van de maandafsluiting gehaald."),
    ),
    "Informatiebeveiliging en phishing": (
        ("E-mails van onbekende leveranciers.", "Betaalverzoeken die afwijken."),
        (
            "Als een e-mail om een betaling of wachtwoord vraagt, dan controleer ik de afzender en meld ik hem.",
            "Als ik twijfel over een link, dan klik ik niet en stuur ik hem door naar ICT.",
        ),
        (
            "Een nep-factuur van een 'leverancier' herkend en gemeld.",
            "Geen klikken meer op de phishingtest van ICT.",
        ),
    ),
    "Omgaan met agressie aan de telefoon": (
        ("Klanten die dreigen met een klacht.", "Gesprekken over retouren."),
        (
            "Als een beller gaat schelden, dan benoem ik de grens en bied ik een terugbelafspraak aan.",
            "Als een gesprek escaleert, dan haal ik adem en praat ik langzamer.",
        ),
        ("Minder gesprekken doorgezet naar de teamleider.", "Sneller hersteld na een vervelend gesprek."),
    ),
    "Leidinggeven aan teams": (
        ("De jaargesprekken in december.", "Het weekstartoverleg."),
        (
            "Als ik een taak delegeer, dan spreek ik af wanneer we terugkijken.",
            "Als het werkoverleg stilvalt, dan vraag ik iedereen om één punt.",
        ),
        ("Minder ziekteverzuim in het team na duidelijke afspraken.", "Het team lost meer zelf op."),
    ),
}
# What one person's result is worth per month in euros (low, high), per training: time saved, fewer errors.
_MONTHLY_VALUE = {
    "Excel voor gevorderden": (150, 600),
    "Feedback geven": (80, 350),
    "Veilig werken in het magazijn (VCA-basis)": (60, 400),
    "Klantgesprekken die werken": (200, 900),
    "Timemanagement": (100, 450),
    "Informatiebeveiliging en phishing": (40, 250),
    "Omgaan met agressie aan de telefoon": (50, 300),
    "Leidinggeven aan teams": (300, 1500),
}


def surveys_history(
    *,
    organization: Organization,
    now: dt.datetime,
    seed: int,
    engagement: dict[int, Engagement],
    quiet: tuple[str, dt.datetime] | None = None,
) -> dict[str, int]:
    """Create, send and answer every survey of the organisation's enrolments that was due before `now`.

    quiet: (e-mail, since): that person answered nothing sent since then (the visitor finds a survey open)."""
    rng = random.Random(f"{seed}:surveys")
    enrollments = list(
        Enrollment.objects.filter(employee__organization=organization)
        .exclude(status=Enrollment.Status.NO_SHOW)
        .select_related(
            "session__training__provider",
            "employee__user",
            "employee__organization",
            "employee__manager__user",
            "employee__manager__organization",
            "employee__team__manager__user",
            "employee__team__manager__organization",
        )
        .order_by("pk")
    )
    timings = schedule.default_timings()
    manager_rate: dict[int, float] = {}
    planned: list[tuple[SurveyInvitation, dict[str, object] | None, dt.datetime | None]] = []
    uses: dict[int, float] = {}
    outbox: list[Outbox] = []
    for enrollment in enrollments:
        employee = enrollment.employee
        use = _latent_use(enrollment, engagement.get(employee.pk, Engagement.RESPONSIVE), rng)
        uses[enrollment.pk] = use
        for timing in timings:
            if not schedule.enrollment_qualifies(timing, enrollment):
                continue
            respondent = planner_respondent(timing.audience, employee)  # as the planner decides
            if respondent is None:
                continue
            due = schedule.due_at(timing, enrollment, respondent)
            if due is None or due > now:
                continue  # not due yet: the planner sends it when it is
            sent = _working_day(due, respondent)
            invitation = SurveyInvitation(
                code=uuid.UUID(int=rng.getrandbits(128), version=4), organization=organization,
                enrollment=enrollment, kind=timing.kind, audience=timing.audience, respondent=respondent,
                due_at=due, sent_at=sent, language=respondent.language,
            )  # fmt: skip
            outbox.append(_email(invitation, enrollment, sent))
            if timing.audience == Audience.MANAGER:
                rate = manager_rate.setdefault(respondent.pk, rng.uniform(0.55, 0.85))
            else:
                rate = _answer_rate(engagement.get(employee.pk, Engagement.RESPONSIVE), timing.kind)
            answered = sent + min(dt.timedelta(hours=rng.expovariate(1 / _MEAN_DELAY_HOURS)), _LONGEST_DELAY)
            silent = quiet is not None and respondent.user.email == quiet[0] and sent >= quiet[1]
            if rng.random() < rate and answered < now and not silent:
                planned.append((invitation, _values(invitation, enrollment, use, rng), answered))
            else:
                planned.append((invitation, None, None))  # sent, never answered (or not yet)
    SurveyInvitation.objects.bulk_create([i for i, _v, _a in planned], batch_size=1000)
    Outbox.objects.bulk_create(outbox, batch_size=1000, ignore_conflicts=True)
    saved = {
        code: pk
        for code, pk in SurveyInvitation.objects.filter(organization=organization).values_list("code", "pk")
    }
    answers = 0
    for invitation, values, answered in planned:
        if values is None:
            continue
        invitation.pk = saved[invitation.code]  # SQLite's bulk_create may not return keys on every version
        survey_answer(invitation=invitation, values=values, at=answered)
        answers += 1
    resolved = _resolve_old_blockers(organization, now, rng)
    plans = _plans_history(organization, now, rng, uses=uses, engagement=engagement)
    return {
        "survey_invitations": len(planned),
        "survey_answers": answers,
        "survey_blockers_resolved": resolved,
        "plans_checked": plans,
    }


def _working_day(due: dt.datetime, respondent: Employee) -> dt.datetime:
    """The planner sends on working days only: a survey due on a weekend goes out on Monday."""
    zone = zoneinfo.ZoneInfo(respondent.time_zone)
    local = due.astimezone(zone)
    while local.weekday() not in (respondent.working_days or [0, 1, 2, 3, 4]):
        local = dt.datetime.combine(
            local.date() + dt.timedelta(days=1), dt.time(respondent.organization.nudge_from_hour), tzinfo=zone
        )
    return local


def _email(invitation: SurveyInvitation, enrollment: Enrollment, sent: dt.datetime) -> Outbox:
    title = enrollment.session.training.title
    respondent = invitation.respondent
    return Outbox(
        key=outbox_key(enrollment.pk, invitation.kind, invitation.audience), organization_id=respondent.organization_id,
        employee=respondent, kind=KIND, to=respondent.user.email, subject=f"Een korte vragenlijst over {title}"[:300],
        body_text=f"Een korte vragenlijst over {title} (demo-geschiedenis).", status=Outbox.Status.SENT,
        attempts=1, next_attempt_at=sent, sent_at=sent, created_at=sent,
    )  # fmt: skip


def _answer_rate(engagement: Engagement, kind: str) -> float:
    rate = _ANSWERS[engagement]
    if engagement is Engagement.DROPPING_OFF and kind in (Kind.DAY30, Kind.RESULTS):
        rate *= 0.5  # they stop answering surveys as they stop answering questions
    return rate


def _latent_use(enrollment: Enrollment, engagement: Engagement, rng: random.Random) -> float:
    _reaction, effect = _PROVIDER.get(enrollment.session.training.provider.name, (3.8, 0.0))
    return _USE[engagement] + effect + rng.gauss(0, 0.7)


def _level(value: float, top: int) -> int:
    return max(0, min(top, round(value)))


def _values(
    invitation: SurveyInvitation, enrollment: Enrollment, use: float, rng: random.Random
) -> dict[str, object]:
    """The answers of one survey, consistent with the enrolment's latent use."""
    training = enrollment.session.training
    situations, plans, examples = _TEXTS.get(training.title, (("",), ("",), ("",)))
    kind, manager = invitation.kind, invitation.audience == Audience.MANAGER
    if kind == Kind.BEFORE:
        return {"goal_agreed": _level(use / 1.3 + rng.gauss(0, 0.6), 2),
                "use_situation": rng.choice(situations) if rng.random() < 0.6 else ""}  # fmt: skip
    if kind == Kind.END:
        reaction, _effect = _PROVIDER.get(training.provider.name, (3.8, 0.0))
        return {"opportunity": _level(1.5 + rng.gauss(0, 0.9), 3),
                "confidence": max(1, min(5, round(reaction + rng.gauss(0, 0.6)))),
                "if_then_plan": rng.choice(plans) if rng.random() < 0.5 else ""}  # fmt: skip
    if kind == Kind.DAY7:
        tried = _level(use * 0.8 + rng.gauss(0, 0.6), 2)
        obstacle = 0 if rng.random() < 0.2 + 0.15 * tried else rng.choice([1, 1, 1, 2, 3, 4, 5])
        return {"tried": tried, "obstacle": obstacle}
    if kind == Kind.DAY30:
        seen = _level(use + rng.gauss(0, 0.5) + (0 if manager else 0.3), 3)
        if manager:
            return {"application": seen, "opportunity": _level(1.5 + rng.gauss(0, 0.9), 3),
                    "workload": _level(1.2 + rng.gauss(0, 0.7), 2)}  # fmt: skip
        return {"application": seen, "supervisor_support": _level(1.8 + rng.gauss(0, 0.8), 3),
                "peer_support": _level(1.6 + rng.gauss(0, 0.8), 3)}  # fmt: skip
    # Results, two to three months on: some use grew, the claims are theirs and conservative.
    seen = _level(use + 0.2 + rng.gauss(0, 0.5) + (0 if manager else 0.3), 3)
    result = _level(seen - 1 + rng.gauss(0, 0.5), 2)
    values: dict[str, object] = {"application": seen} if manager else {"result": result}
    if result:
        low, high = _MONTHLY_VALUE.get(training.title, (50, 300))
        values |= {
            "example": rng.choice(examples),
            "monthly_value": Decimal(round(rng.uniform(low, high) * result / 2 / 10) * 10),
            "attribution": rng.choice([30, 40, 50, 60, 70]),
            "estimate_confidence": rng.choice([50, 60, 70, 80, 90]),
        }
    return values


def _resolve_old_blockers(organization: Organization, now: dt.datetime, rng: random.Random) -> int:
    """Obstacles named in the one-week survey were discussed and mostly solved after some weeks."""
    resolved = 0
    old = Blocker.objects.filter(
        organization=organization, training__isnull=False, status=Blocker.Status.OPEN,
        created_at__lt=now - _BLOCKER_RESOLVED_AFTER,
    ).order_by("pk")  # fmt: skip
    for blocker in old:
        if rng.random() < 0.75:
            blocker.status = Blocker.Status.RESOLVED
            blocker.resolution = "Besproken met de leidinggevende en opgelost."
            blocker.resolved_at = blocker.created_at + dt.timedelta(days=rng.randrange(5, 20))
            blocker.save(update_fields=["status", "resolution", "resolved_at"])
            resolved += 1
    return resolved


def _plans_history(
    organization: Organization,
    now: dt.datetime,
    rng: random.Random,
    *,
    uses: dict[int, float],
    engagement: dict[int, Engagement],
) -> int:
    """The if-then plans from the end survey were asked back on their date (coaching/services.py's plan
    check, on record as sent, so the first tick does not ask about months-old plans) and mostly answered;
    managers confirmed some. The plan dates from the survey answer, not from the moment the demo loads."""
    today = now.astimezone(_ZONE).date()
    plans = ActionPlan.objects.filter(enrollment__employee__organization=organization).select_related(
        "employee__user", "enrollment"
    )
    emails, checked = [], 0
    for plan in plans.order_by("pk"):
        answer = plan.enrollment.survey_invitations.filter(kind=Kind.END, audience=Audience.EMPLOYEE).first()
        plan.created_at = answer.answered_at if answer and answer.answered_at else plan.created_at
        fields = ["created_at"]
        if plan.due_on < today:
            asked = dt.datetime.combine(plan.due_on, dt.time(organization.nudge_from_hour), tzinfo=_ZONE)
            emails.append(Outbox(key=f"plan:{plan.code}", organization=organization, employee=plan.employee,
                                 kind="plan_check", to=plan.employee.user.email, subject="Heb je gedaan wat je van plan was?",
                                 body_text="Hoe ging je plan? (demo-geschiedenis)", status=Outbox.Status.SENT,
                                 attempts=1, next_attempt_at=asked, sent_at=asked, created_at=asked))  # fmt: skip
            rate = _answer_rate(engagement.get(plan.employee_id, Engagement.RESPONSIVE), Kind.DAY30)
            reported = asked + dt.timedelta(hours=rng.expovariate(1 / _MEAN_DELAY_HOURS))
            if rng.random() < rate and reported < now:
                use = _level(uses.get(plan.enrollment_id, 1.5) + rng.gauss(0, 0.5), 3)
                plan.use, plan.reported_at = _PLAN_USE[use], reported
                fields += ["use", "reported_at"]
                confirmed = reported + dt.timedelta(days=rng.randrange(1, 8))
                if use >= 2 and plan.employee.manager_id and confirmed < now and rng.random() < 0.6:
                    plan.manager_confirmed, plan.confirmed_at = True, confirmed
                    plan.confirmed_by = plan.employee.manager
                    fields += ["manager_confirmed", "confirmed_at", "confirmed_by"]
                checked += 1
        plan.save(update_fields=fields)
    Outbox.objects.bulk_create(emails, ignore_conflicts=True)
    return checked
