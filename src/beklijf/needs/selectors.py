"""Needs reads: current levels, the heatmap, recommendations, requests, budget; scoped through access.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from django.utils import timezone

from beklijf.catalog.models import Enrollment, Training, TrainingSession
from beklijf.engine import needs as engine
from beklijf.needs.models import (
    Assessment,
    Budget,
    Dismissal,
    NeedDate,
    Requirement,
    Skill,
    TrainingRequest,
    TrainingSkill,
)
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee, Team
from beklijf.practice import memory
from beklijf.practice.models import MemoryState
from beklijf.practice.queue import retrievabilities


def latest_assessments(employee_ids, *, source: str) -> dict[tuple[int, int], int]:  # noqa: ANN001
    """{(employee, skill): level} from each pair's latest assessment of one source."""
    rows = Assessment.objects.filter(employee_id__in=employee_ids, source=source)
    found: dict[tuple[int, int], int] = {}
    for employee_id, skill_id, level in rows.order_by("assessed_at", "pk").values_list(
        "employee_id", "skill_id", "level"
    ):
        found[(employee_id, skill_id)] = level  # later rows overwrite earlier ones
    return found


# R at or above this on a skill's learning points counts as the full level the trainings teach.
EVIDENCE_FULL_R = 0.9


def evidence_level(mean_r: float, taught_level: int) -> float:
    """Quiz evidence as a level: the level the skill's trainings teach, scaled by how much is still known."""
    return taught_level * min(1.0, mean_r / EVIDENCE_FULL_R)


def quiz_evidence(
    employees: list[Employee], skills: list[Skill], *, at: dt.datetime
) -> dict[tuple[int, int], float]:
    """{(employee, skill): mean R} over the skill's learning points: what the follow-up says they still know."""
    if not employees or not skills:
        return {}
    states = list(
        MemoryState.objects.filter(employee__in=employees, learning_point__skill__in=skills).select_related(
            "learning_point"
        )
    )
    r = retrievabilities(states, at=at, parameters=memory.parameters_for(employees[0].organization))
    values: dict[tuple[int, int], list[float]] = {}
    for state, value in zip(states, r, strict=True):
        if value == value:
            values.setdefault((state.employee_id, state.learning_point.skill_id), []).append(float(value))
    return {key: float(np.mean(v)) for key, v in values.items()}


def requirements_for(employee: Employee, requirements: list[Requirement]) -> dict[int, Requirement]:
    """Per skill, the requirement that applies to the person: by job title or team; the stricter wins."""
    found: dict[int, Requirement] = {}
    for req in requirements:
        applies = (req.job_title and req.job_title == employee.job_title) or (
            req.team_id and req.team_id == employee.team_id
        )
        if applies and (req.skill_id not in found or req.level > found[req.skill_id].level):
            found[req.skill_id] = req
    return found


def levels(employees: list[Employee], skills: list[Skill], *, at: dt.datetime | None = None) -> dict:
    """Self, manager, quiz evidence and the combined current level per (employee, skill)."""
    at = at or timezone.now()
    ids = [e.pk for e in employees]
    own = latest_assessments(ids, source=Assessment.Source.SELF)
    manager = latest_assessments(ids, source=Assessment.Source.MANAGER)
    evidence = quiz_evidence(employees, skills, at=at)
    taught: dict[int, int] = {}
    for skill_id, raises_to in TrainingSkill.objects.filter(skill__in=skills).values_list(
        "skill_id", "raises_to"
    ):
        taught[skill_id] = max(raises_to, taught.get(skill_id, 0))
    combined = {}
    for e in employees:
        for s in skills:
            key = (e.pk, s.pk)
            r = evidence.get(key)
            from_quiz = evidence_level(r, taught[s.pk]) if r is not None and s.pk in taught else None
            combined[key] = engine.current_level(own.get(key), manager.get(key), from_quiz)
    return {"self": own, "manager": manager, "evidence": evidence, "current": combined}


REASSESS_AFTER = dt.timedelta(days=182)  # propose a new assessment after 6 months


def reassessments_due(
    employees: list[Employee], skills: list[Skill], *, at: dt.datetime
) -> set[tuple[int, int]]:
    """(employee, skill) pairs to assess again: the manager's latest is older than 6 months, or older than
    the last completed training that raises the skill."""
    dated: dict[tuple[int, int], dt.datetime] = {}
    for employee_id, skill_id, when in Assessment.objects.filter(
        employee__in=employees, skill__in=skills, source=Assessment.Source.MANAGER
    ).values_list("employee_id", "skill_id", "assessed_at"):
        dated[(employee_id, skill_id)] = max(when, dated.get((employee_id, skill_id), when))
    trained: dict[tuple[int, int], dt.date] = {}
    raises = TrainingSkill.objects.filter(skill__in=skills).values_list("training_id", "skill_id")
    by_training: dict[int, list[int]] = {}
    for training_id, skill_id in raises:
        by_training.setdefault(training_id, []).append(skill_id)
    for employee_id, training_id, completed in Enrollment.objects.filter(
        employee__in=employees, session__training_id__in=by_training, completed_on__isnull=False
    ).values_list("employee_id", "session__training_id", "completed_on"):
        for skill_id in by_training[training_id]:
            trained[(employee_id, skill_id)] = max(completed, trained.get((employee_id, skill_id), completed))
    due = set()
    for key, when in dated.items():
        if at - when > REASSESS_AFTER or (key in trained and when.date() < trained[key]):
            due.add(key)
    due |= {key for key in trained if key not in dated}
    return due


def heatmap(*, actor: Actor, team: Team, skill_code: str = "", job_title: str = "") -> dict:
    team_ids = access.subtree_team_ids(team.organization, [team.pk])
    everyone = access.employees_visible_to(actor).filter(team_id__in=team_ids, is_active=True)
    titles = sorted({t for t in everyone.values_list("job_title", flat=True) if t})
    people = list(everyone.filter(job_title=job_title) if job_title in titles else everyone)
    skills = list(Skill.objects.filter(organization=team.organization))
    if skill_code:
        skills = [s for s in skills if str(s.code) == skill_code] or skills
    found = levels(people, skills)
    requirements = list(Requirement.objects.filter(organization=team.organization))
    reassess = reassessments_due(people, skills, at=timezone.now())
    rows = []
    for person in people:
        applies = requirements_for(person, requirements)
        cells = []
        for skill in skills:
            key = (person.pk, skill.pk)
            req = applies.get(skill.pk)
            current = found["current"].get(key)
            priority = (
                engine.gap_priority(req.level, current, engine.Frequency(req.frequency))
                if req is not None
                else 0.0
            )
            cells.append({
                "skill": skill, "required": req.level if req else None, "frequency": req.get_frequency_display() if req else "",
                "self": found["self"].get(key), "manager": found["manager"].get(key),
                "evidence": found["evidence"].get(key), "current": current, "priority": priority,
                "shade": min(4, int(round(priority * 2))) if priority else 0,
                "reassess": key in reassess,
            })  # fmt: skip
        rows.append(
            {"employee": person, "cells": cells, "can_assess": access.can_manage_person(actor, person)}
        )
    return {"team": team, "skills": skills, "rows": rows, "all_skills": Skill.objects.filter(organization=team.organization),
            "titles": titles, "job_title": job_title,
            "skill_code": skill_code}  # fmt: skip


def _recommend(people: list[Employee], offers: list[TrainingSkill], *, organization) -> list:  # noqa: ANN001
    """The engine's recommendations for these people and training offers, from their current levels."""
    found = levels(people, list({o.skill for o in offers}))
    requirements = Requirement.objects.filter(organization=organization)
    return engine.recommend(
        employees=[engine.Person(employee_id=p.pk, job_title=p.job_title or None, team_id=p.team_id) for p in people],
        requirements=[engine.Requirement(skill_id=r.skill_id, level=r.level, frequency=engine.Frequency(r.frequency),
                                         job_title=r.job_title or None, team_id=r.team_id) for r in requirements],
        levels=[engine.Level(employee_id=e, skill_id=s, level=v) for (e, s), v in found["current"].items() if v is not None],
        trainings=[engine.TrainingOffer(training_id=o.training_id, skill_id=o.skill_id, raises_to=o.raises_to)
                   for o in offers],
    )  # fmt: skip


def training_recommendations(*, actor: Actor, training: Training) -> dict:
    """Who should go to a training (largest gap first), and who not, with the reason."""
    people = list(access.employees_visible_to(actor).filter(is_active=True))
    offers = list(TrainingSkill.objects.filter(training=training).select_related("skill"))
    skills = [o.skill for o in offers]
    result = _recommend(people, offers, organization=training.organization)
    by_id = {p.pk: p for p in people}
    dismissed = {d.employee_id: d for d in Dismissal.objects.filter(training=training, employee__in=people)}
    enrolled = set(
        Enrollment.objects.filter(session__training=training, employee__in=people).values_list(
            "employee_id", flat=True
        )
    )
    requested = set(
        TrainingRequest.objects.filter(
            training=training, employee__in=people, status=TrainingRequest.Status.REQUESTED
        ).values_list("employee_id", flat=True)
    )
    need_dates = {
        n.employee_id: n.needed_by
        for n in NeedDate.objects.filter(employee__in=people, skill__in=skills).order_by("-needed_by")
    }  # the earliest date wins (ordered so it is written last)
    sessions = list(
        TrainingSession.objects.filter(training=training, starts_at__gte=timezone.now()).order_by("starts_at")
    )

    def timing(employee_id: int) -> dict:
        needed_by = need_dates.get(employee_id)
        if needed_by is None:
            return {"needed_by": None, "in_time": None}
        in_time = next((s for s in sessions if s.ends_at.date() <= needed_by), None)
        return {"needed_by": needed_by, "in_time": in_time}

    go = sorted(
        (
            r
            for r in result
            if r.recommended and r.employee_id not in dismissed and r.employee_id not in enrolled
        ),
        # A known need date first (earliest first), then the largest gap.
        key=lambda r: (need_dates.get(r.employee_id, dt.date.max), -r.priority),
    )
    no = [r for r in result if not r.recommended]
    return {
        "training": training,
        "skills": skills,
        "go": [
            {
                "employee": by_id[r.employee_id],
                "priority": r.priority,
                "reason": r.reason,
                "requested": r.employee_id in requested,
                "can_act": access.can_manage_person(actor, by_id[r.employee_id]),
                **timing(r.employee_id),
            }
            for r in go
            if r.employee_id in by_id
        ],
        "no": [{"employee": by_id[r.employee_id], "reason": r.reason} for r in no if r.employee_id in by_id],
        "dismissed": list(dismissed.values()),
        "can_enrol": access.can_edit_catalog(actor),
    }


def employee_recommendations(*, employee: Employee, limit: int = 5) -> list[dict]:
    """The trainings that close this person's largest gaps (largest first)."""
    offers = list(
        TrainingSkill.objects.filter(training__organization=employee.organization).select_related(
            "training", "skill"
        )
    )
    if not offers:
        return []
    result = _recommend([employee], offers, organization=employee.organization)
    trainings = {o.training_id: o.training for o in offers}
    best = engine.by_employee(result).get(employee.pk, [])[:limit]
    return [{"training": trainings[r.training_id], "priority": r.priority} for r in best]


def requests_overview(*, actor: Actor) -> dict:
    visible = access.training_requests_visible_to(actor).order_by("status", "-created_at")
    mine = visible.filter(employee=actor.employee)
    to_decide = [
        r
        for r in visible.filter(status=TrainingRequest.Status.REQUESTED)
        if access.can_manage_person(actor, r.employee)
    ]
    if to_decide:  # the cost against the team's yearly budget, for whoever decides
        rows = {b["team"].pk: b for b in budget_overview(actor=actor, year=timezone.localdate().year)["rows"]}
        for r in to_decide:
            row = rows.get(r.employee.team_id)
            r.budget_left = row["planned"] - row["spent"] if row and row["planned"] is not None else None
    return {"mine": mine, "to_decide": to_decide, "decided": visible.exclude(status=TrainingRequest.Status.REQUESTED)
            .exclude(employee=actor.employee)[:50]}  # fmt: skip


def budget_overview(*, actor: Actor, year: int) -> dict:
    """Per team: planned, spent (enrolments × cost, no-shows count: the seat was paid), and the share spent on
    people who had a gap in a skill the training raises when they went."""
    teams = list(access.teams_visible_to(actor))
    planned = {b.team_id: b.planned for b in Budget.objects.filter(team__in=teams, year=year)}
    enrollments = list(
        Enrollment.objects.filter(employee__team__in=teams, session__starts_at__year=year).select_related(
            "employee", "session__training"
        )
    )
    requirements = list(Requirement.objects.filter(organization=actor.organization))
    raises = {}
    for ts in TrainingSkill.objects.filter(training__organization=actor.organization):
        raises.setdefault(ts.training_id, []).append(ts)
    # Every assessment of the enrolled people, read once: the level each had before their session.
    history: dict[tuple[int, int, str], list[tuple[dt.datetime, int]]] = {}
    for employee_id, skill_id, source, when, level in (
        Assessment.objects.filter(employee__in={e.employee_id for e in enrollments})
        .order_by("assessed_at", "pk")
        .values_list("employee_id", "skill_id", "source", "assessed_at", "level")
    ):
        history.setdefault((employee_id, skill_id, source), []).append((when, level))

    def before(employee_id: int, skill_id: int, source: str, moment: dt.datetime) -> int | None:
        earlier = [level for when, level in history.get((employee_id, skill_id, source), []) if when < moment]
        return earlier[-1] if earlier else None

    rows = []
    for team in teams:
        spent = with_gap = Decimal("0")
        for e in (x for x in enrollments if x.employee.team_id == team.pk):
            cost = e.session.training.cost_per_participant
            spent += cost
            applies = requirements_for(e.employee, requirements)
            start = e.session.starts_at
            for ts in raises.get(e.session.training_id, []):
                req = applies.get(ts.skill_id)
                level = engine.current_level(
                    before(e.employee_id, ts.skill_id, Assessment.Source.SELF, start),
                    before(e.employee_id, ts.skill_id, Assessment.Source.MANAGER, start),
                    None,
                )
                if (
                    req is not None
                    and engine.gap_priority(req.level, level, engine.Frequency(req.frequency)) > 0
                ):
                    with_gap += cost
                    break
        rows.append({"team": team, "planned": planned.get(team.pk), "spent": spent,
                     "with_gap_share": (with_gap / spent) if spent else None})  # fmt: skip
    total_spent = sum((r["spent"] for r in rows), Decimal("0"))
    return {"year": year, "rows": rows, "total_spent": total_spent}
