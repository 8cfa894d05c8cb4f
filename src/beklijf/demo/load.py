"""Loads the demo organisation, deterministically from a seed, through the same models the product uses."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from beklijf.catalog.models import (
    Enrollment,
    LearningPoint,
    Provider,
    ProviderAccount,
    Question,
    Trainer,
    Training,
    TrainingSession,
)
from beklijf.demo import content
from beklijf.demo.history import history_load
from beklijf.demo.results_inputs import results_inputs_load
from beklijf.people.models import Employee, Organization, Team, User
from beklijf.practice.services import followup_start

SEED = 20261127
DEMO_PASSWORD = "beklijf-demo"  # noqa: S105 - a published demo password, for the local trial only
_DOMAIN = content.ORGANIZATION.email_domain
DEMO_ACCOUNTS = {
    "L&D admin": f"ld@{_DOMAIN}",
    "manager": f"manager@{_DOMAIN}",
    "employee": f"medewerker@{_DOMAIN}",
    "provider": f"aanbieder@{_DOMAIN}",
}
# The demo manager leads this team; the demo employee works in it; the L&D admin sits in HR.
_MANAGER_TEAM = "klantenservice"
_LD_TEAM = "hr"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def _user(email: str) -> User:
    return User.objects.create_user(email=email, password=DEMO_PASSWORD)


@transaction.atomic
def demo_load(*, seed: int = SEED, now: dt.datetime | None = None) -> bool:
    """Create the demo organisation unless it exists; returns whether it was created."""
    if Organization.objects.filter(slug=content.ORGANIZATION.slug).exists():
        return False
    rng = random.Random(seed)
    now = now or timezone.now()
    # A demo decision of the works council and a DPIA, so that the demo shows coaching signals (docs/privacy.md).
    org = Organization.objects.create(
        name=content.ORGANIZATION.name,
        slug=content.ORGANIZATION.slug,
        works_council_decided_on=(now - dt.timedelta(days=90)).date(),
        works_council_reference="OR-besluit demo",
        dpia_reference="DPIA beklijf demo",
    )
    employees_by_team = _people(org, rng)
    providers = _providers(org)
    _trainings(org, providers, employees_by_team, rng, now)
    history_load(organization=org, now=now, seed=seed, visitor_email=DEMO_ACCOUNTS["employee"])
    results_inputs_load(organization=org, now=now, seed=seed)
    return True


def _people(org: Organization, rng: random.Random) -> dict[str, list[Employee]]:
    names = [(first, last) for first in content.FIRST_NAMES for last in content.LAST_NAMES]
    rng.shuffle(names)
    used_emails: set[str] = set()
    teams: dict[str, Team] = {}
    by_team: dict[str, list[Employee]] = {}
    number = 1000
    for spec in content.TEAMS:
        team = Team.objects.create(organization=org, name=spec.name, parent=teams.get(spec.parent or ""))
        teams[spec.slug] = team
        members: list[Employee] = []
        for i in range(spec.headcount):
            first, (particle, surname) = names.pop()
            email = _demo_email(spec.slug, i, first, particle, surname, used_emails)
            number += 1
            # The team lead's manager is the lead of the parent team; everyone else reports to the lead.
            manager = members[0] if members else (by_team[spec.parent][0] if spec.parent else None)
            employee = Employee.objects.create(
                organization=org,
                user=_user(email),
                employee_number=str(number),
                first_name=first,
                name_prefix=particle,
                last_name=surname,
                team=team,
                manager=manager,
                job_title=spec.job_titles[0]
                if i == 0
                else rng.choice(spec.job_titles[1:] or spec.job_titles),
                role=Employee.Role.LD_ADMIN if (spec.slug == _LD_TEAM and i == 1) else Employee.Role.EMPLOYEE,
                language="nl",
            )
            members.append(employee)
        team.manager = members[0]
        team.save(update_fields=["manager"])
        by_team[spec.slug] = members
    return by_team


def _demo_email(team: str, index: int, first: str, particle: str, surname: str, used: set[str]) -> str:
    if team == _MANAGER_TEAM and index == 0:
        email = DEMO_ACCOUNTS["manager"]
    elif team == _MANAGER_TEAM and index == 1:
        email = DEMO_ACCOUNTS["employee"]
    elif team == _LD_TEAM and index == 1:
        email = DEMO_ACCOUNTS["L&D admin"]
    else:
        email = f"{_ascii(first)}.{_ascii(particle + surname)}@{_DOMAIN}"
        suffix = 2
        while email in used:
            email = f"{_ascii(first)}.{_ascii(particle + surname)}{suffix}@{_DOMAIN}"
            suffix += 1
    used.add(email)
    return email


def _providers(org: Organization) -> dict[str, Provider]:
    providers = {}
    for i, spec in enumerate(content.PROVIDERS):
        provider = Provider.objects.create(organization=org, name=spec.name, website=spec.website)
        for name in spec.trainers:
            Trainer.objects.create(provider=provider, name=name)
        providers[spec.name] = provider
        if i == 0:
            ProviderAccount.objects.create(user=_user(DEMO_ACCOUNTS["provider"]), provider=provider)
    return providers


def _question_fields(spec: content.Question) -> dict:
    if spec.kind == "true_false":
        return {
            "prompt": spec.prompt,
            "choices": [
                {"text": "true", "value": True, "correct": bool(spec.answer)},
                {"text": "false", "value": False, "correct": not spec.answer},
            ],
        }
    if spec.kind == "short_answer":
        return {"prompt": spec.prompt, "accepted_answers": [a.lower() for a in spec.accepted_answers]}
    prompt = f"{spec.situation}\n\n{spec.prompt}" if spec.situation else spec.prompt
    return {"prompt": prompt, "choices": [{"text": c.text, "correct": c.correct} for c in spec.choices]}


def _trainings(
    org: Organization,
    providers: dict[str, Provider],
    by_team: dict[str, list[Employee]],
    rng: random.Random,
    now: dt.datetime,
) -> None:
    zone = zoneinfo.ZoneInfo("Europe/Amsterdam")
    for index, spec in enumerate(content.TRAININGS):
        provider = providers[spec.provider]
        training = Training.objects.create(
            organization=org,
            title=spec.title,
            description=spec.description,
            provider=provider,
            mode=spec.mode,
            hours=Decimal(spec.hours),
            cost_per_participant=Decimal(spec.cost_per_participant),
        )
        for position, point_spec in enumerate(spec.learning_points, start=1):
            point = LearningPoint.objects.create(
                training=training, position=position, title=point_spec.title, summary=point_spec.summary
            )
            Question.objects.bulk_create(
                Question(learning_point=point, kind=q.kind, explanation=q.explanation, **_question_fields(q))
                for q in point_spec.questions
            )
        trainer = provider.trainers.first()
        # One past session (its follow-up is running) and one planned session per training; the past
        # sessions reach back some months (5 to 117 days) so the history (demo/history.py) fills every
        # dashboard, and three trainings are past the results survey (75 days), one of each of two providers.
        past_day = (now - dt.timedelta(days=5 + 16 * index)).astimezone(zone).date()
        past = TrainingSession.objects.create(
            training=training,
            starts_at=dt.datetime.combine(past_day, dt.time(9, 0), tzinfo=zone),
            ends_at=dt.datetime.combine(past_day, dt.time(16, 30), tzinfo=zone),
            trainer=trainer,
            location="Zwolle, leslokaal 2" if spec.mode != "online" else "https://meet.example.com/beklijf",
        )
        future_day = (now + dt.timedelta(days=14 + 7 * index)).astimezone(zone).date()
        future = TrainingSession.objects.create(
            training=training,
            starts_at=dt.datetime.combine(future_day, dt.time(9, 0), tzinfo=zone),
            ends_at=dt.datetime.combine(future_day, dt.time(16, 30), tzinfo=zone),
            trainer=trainer,
            location=past.location,
        )
        audience = [e for slug in spec.audience for e in by_team.get(slug, [])]
        if spec.leaders_only:
            audience = [members[0] for members in by_team.values()]
        rng.shuffle(audience)
        # The demo accounts always attended, so a visitor finds questions waiting.
        audience.sort(key=lambda e: e.user.email not in DEMO_ACCOUNTS.values())
        attended, planned = audience[: max(1, len(audience) * 2 // 3)], audience[len(audience) * 2 // 3 :]
        for employee in attended:
            status = Enrollment.Status.NO_SHOW if rng.random() < 0.05 else Enrollment.Status.COMPLETED
            enrollment = Enrollment.objects.create(
                employee=employee,
                session=past,
                status=status,
                completed_on=past_day if status == Enrollment.Status.COMPLETED else None,
            )
            if status == Enrollment.Status.COMPLETED:
                followup_start(enrollment=enrollment)
        for employee in planned:
            Enrollment.objects.create(employee=employee, session=future, status=Enrollment.Status.INVITED)
