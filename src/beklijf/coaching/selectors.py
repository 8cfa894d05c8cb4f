"""Coaching reads, scoped through people/access.py."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beklijf.catalog.models import Enrollment, Training
from beklijf.coaching import signals
from beklijf.coaching.models import ActionPlan, Blocker, ConversationTask, Escalation, Objection, Pairing
from beklijf.engine import pairing as pairing_engine
from beklijf.notify.models import Preference
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee, Team
from beklijf.practice import memory
from beklijf.practice.models import MemoryState
from beklijf.practice.queue import retrievabilities

RECENT_PAIR = dt.timedelta(days=90)  # no repeat of a pair that ended less than 3 months ago


def training_r(employee: Employee, training: Training, *, at: dt.datetime | None = None) -> float | None:
    """The person's mean expected knowledge of a training's learning points now."""
    at = at or timezone.now()
    states = list(MemoryState.objects.filter(employee=employee, learning_point__training=training))
    r = retrievabilities(states, at=at, parameters=memory.parameters_for(employee.organization))
    known = r[~np.isnan(r)]
    return float(known.mean()) if known.size else None


def offers_for(employee: Employee, *, limit: int = 3) -> list[Training]:
    """For eager learners: trainings of the catalogue they have not done, those of providers they already
    learned from first (the needs capability will rank by skill gaps)."""
    done = Enrollment.objects.filter(employee=employee).values("session__training")
    providers = Training.objects.filter(pk__in=done).values("provider")
    offers = Training.objects.filter(organization=employee.organization).exclude(pk__in=done)
    known = list(offers.filter(provider__in=providers).order_by("title")[:limit])
    return known + list(offers.exclude(pk__in=[t.pk for t in known]).order_by("title")[: limit - len(known)])


def _suggestions(employee: Employee, names: set[str], *, open_tasks, escalation) -> tuple[list, list]:  # noqa: ANN001
    actions, status = [], []
    if "laggard" in names:
        actions.append(
            {"label": _("Pair with a colleague who knows it well"), "url": reverse("coaching:pairs")}
        )
    if "fast_learner" in names:
        actions.append({"label": _("Ask to help a colleague"), "url": reverse("coaching:pairs")})
    if "eager" in names:
        for training in offers_for(employee, limit=2):
            actions.append({"label": _("Offer: %(training)s") % {"training": training.title},
                            "url": reverse("catalog:training-detail", args=[training.code])})  # fmt: skip
    if "dropping_off" in names:
        actions.append({"label": _("Reminders change step by step; talk if it goes on"), "url": None})
        if escalation is not None:
            status.append(_("Encouragement step %(n)s of 3") % {"n": escalation.stage})
    if "self_driven" in names:
        actions.append({"label": _("Give room; ask them to share what works"), "url": None})
    if "refuser" in names or employee.pk in open_tasks:
        task = open_tasks.get(employee.pk)
        if task is not None:
            actions.append(
                {
                    "label": _("Conversation planned"),
                    "url": reverse("coaching:conversation", args=[task.code]),
                }
            )
            status.append(_("Conversation open since %(day)s") % {"day": task.created_at.date().isoformat()})
    return actions, status


def team_view(*, actor: Actor, team: Team) -> dict:
    """Each person with signals, reasons, the suggested action and its status: one page."""
    team_ids = access.subtree_team_ids(team.organization, [team.pk])
    people = list(access.employees_visible_to(actor).filter(team_id__in=team_ids, is_active=True))
    ids = [p.pk for p in people]
    enabled = team.organization.signals_active
    snapshots = signals.latest(ids) if enabled else {}
    objected = set(Objection.objects.filter(employee_id__in=ids).values_list("employee_id", flat=True))
    open_tasks = {
        t.employee_id: t for t in ConversationTask.objects.filter(employee_id__in=ids, done_at__isnull=True)
    }
    escalations = {
        e.employee_id: e for e in Escalation.objects.filter(employee_id__in=ids, closed_at__isnull=True)
    }
    from beklijf.notify.models import AgendaItem
    from beklijf.notify.nudges import IGNORED_LIMIT

    ignored = set(AgendaItem.objects.filter(employee_id__in=ids, source="ignored", discussed_at__isnull=True)
                  .values_list("employee_id", flat=True))  # fmt: skip
    rows = []
    for person in people:
        found = snapshots.get(person.pk, []) if person.pk not in objected else []
        segments = [{"segment": s.segment, "label": signals.label_of(s),
                     "why": signals.explain(s.segment, s.numbers)} for s in found]  # fmt: skip
        names = {s.segment for s in found}
        actions, status = _suggestions(
            person, names, open_tasks=open_tasks, escalation=escalations.get(person.pk)
        )
        if (
            enabled
            and person.pk in ignored
            and person.pk not in open_tasks
            and access.can_manage_person(actor, person)
        ):
            actions.append({"label": _("No response to %(n)s reminders: talk about it?") % {"n": IGNORED_LIMIT},
                            "url": None, "confirm_refusal": True})  # fmt: skip
        rows.append({"employee": person, "segments": segments, "actions": actions, "status": status,
                     "objected": person.pk in objected})  # fmt: skip
    plans = (
        ActionPlan.objects.filter(employee_id__in=ids).exclude(use="").filter(manager_confirmed__isnull=True)
    )
    return {"team": team, "rows": rows, "enabled": enabled,
            "plans_to_confirm": [p for p in plans.select_related("employee") if p.employee_id != actor.employee.pk]}  # fmt: skip


# --- Pairs ----------------------------------------------------------------------------------------


def pairs_propose(*, actor: Actor, training: Training, at: dt.datetime | None = None) -> int:
    """Propose the optimal pairs for one training among the people the actor may see (linear assignment)."""
    at = at or timezone.now()
    organization = training.organization
    if not organization.pairing_active:
        return 0
    people = list(
        signals.people_in_scope(organization)
        .filter(pk__in=access.employees_visible_to(actor))
        .filter(memory_states__learning_point__training=training)
        .select_related("team")  # the manager of each person's team, for the manager-report rule
        .distinct()
    )
    opted = set(
        Preference.objects.filter(employee__in=people, pairing_opt_in=True).values_list(
            "employee_id", flat=True
        )
    )
    states = list(MemoryState.objects.filter(employee__in=people, learning_point__training=training))
    r = retrievabilities(states, at=at, parameters=memory.parameters_for(organization))
    per_person: dict[int, list[float]] = {}
    for state, value in zip(states, r, strict=True):
        if value == value:
            per_person.setdefault(state.employee_id, []).append(float(value))
    open_pairs = Pairing.objects.filter(
        training=training, status__in=[Pairing.Status.PROPOSED, Pairing.Status.ACTIVE]
    )
    load: dict[int, int] = {}
    for mentor_id in Pairing.objects.filter(
        organization=organization, status=Pairing.Status.ACTIVE
    ).values_list("mentor_id", flat=True):
        load[mentor_id] = load.get(mentor_id, 0) + 1
    recent = set(
        Pairing.objects.filter(
            organization=organization, status=Pairing.Status.ENDED, ends_on__gte=(at - RECENT_PAIR).date()
        ).values_list("mentor_id", "mentee_id")
    )
    candidates = [
        _candidate(p, float(np.mean(per_person[p.pk])), opted=p.pk in opted, load=load.get(p.pk, 0))
        for p in people
        if p.pk in per_person
    ]
    proposals = pairing_engine.propose_pairs(
        candidates,
        rules=pairing_engine.PairingRules(match_on=organization.pairing_match_on),
        active_mentees=set(open_pairs.values_list("mentee_id", flat=True)),
        recent_pairs=recent,
        existing_load=load,
    )
    rows = [
        Pairing(
            organization=organization,
            training=training,
            mentor_id=p.mentor_id,
            mentee_id=p.mentee_id,
            gain=p.gain,
            reason=dict(p.reason),
            proposed_at=at,
        )  # fmt: skip
        for p in proposals
    ]
    Pairing.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _candidate(person: Employee, r: float, *, opted: bool, load: int) -> pairing_engine.Candidate:
    return pairing_engine.Candidate(
        employee_id=person.pk, team_id=person.team_id, role=person.job_title or None, location=person.location or None,
        manager_id=person.manager_id or (person.team.manager_id if person.team_id else None), opted_in=opted, r=r,
        active_pairs=load,
    )  # fmt: skip


def mentor_allowed(*, pairing: Pairing, mentor: Employee, at: dt.datetime | None = None) -> bool:
    """Would the engine accept this mentor for this mentee? The same hard constraints as a proposal."""
    organization = pairing.organization
    r_mentor, r_mentee = (
        training_r(mentor, pairing.training, at=at),
        training_r(pairing.mentee, pairing.training, at=at),
    )
    if r_mentor is None or r_mentee is None or Objection.objects.filter(employee=mentor).exists():
        return False
    opted = set(Preference.objects.filter(employee__in=[mentor, pairing.mentee], pairing_opt_in=True)
                .values_list("employee_id", flat=True))  # fmt: skip
    load = Pairing.objects.filter(mentor=mentor, status=Pairing.Status.ACTIVE).count()
    proposals = pairing_engine.propose_pairs(
        [_candidate(mentor, r_mentor, opted=mentor.pk in opted, load=load),
         _candidate(pairing.mentee, r_mentee, opted=pairing.mentee_id in opted, load=0)],
        rules=pairing_engine.PairingRules(match_on=organization.pairing_match_on),
        existing_load={mentor.pk: load},
    )  # fmt: skip
    return any(p.mentor_id == mentor.pk and p.mentee_id == pairing.mentee_id for p in proposals)


def pairs_overview(*, actor: Actor) -> dict:
    visible = access.pairings_visible_to(actor)
    ended = list(visible.filter(status=Pairing.Status.ENDED).order_by("-ends_on"))
    changes = [
        p.mentee_r_after - p.mentee_r_before
        for p in ended
        if p.mentee_r_before is not None and p.mentee_r_after is not None
    ]
    organization = actor.organization
    return {
        "enabled": organization.pairing_active,
        "trainings": access.trainings_visible_to(actor)
        .filter(learning_points__memory_states__isnull=False)
        .distinct(),
        "proposed": visible.filter(status=Pairing.Status.PROPOSED),
        # Colleagues a manager may pick instead of the proposed mentor (checked again on saving).
        "mentor_choices": access.employees_visible_to(actor)
        .filter(is_active=True, preference__pairing_opt_in=True)
        .order_by("last_name"),
        "active": visible.filter(status=Pairing.Status.ACTIVE),
        "ended": ended[:20],
        "effect": {"n": len(changes), "mean_change": float(np.mean(changes)) if changes else None},
    }


# --- Blockers, own signals, self-driven share -----------------------------------------------------


def blocker_overview(*, actor: Actor) -> dict:
    blockers = access.blockers_visible_to(actor).order_by("status", "due_on")
    labels = dict(Blocker.Category.choices)
    counts = blockers.values("category").annotate(n=Count("pk")).order_by("-n")
    by_category = [{"label": labels.get(c["category"], c["category"]), "n": c["n"]} for c in counts]
    return {
        "blockers": blockers,
        "by_category": by_category if (actor.is_manager or actor.is_ld_admin) else [],
    }


def person_signals(*, actor: Actor, employee: Employee) -> dict:
    """One person's latest signals for someone who coaches them: only when the organisation may show them
    (works council decision and DPIA on record), and "objected" instead of a signal after an objection."""
    shown = employee.organization.signals_active and access.can_manage_person(actor, employee)
    if not shown:
        return {"shown": False, "segments": [], "objected": False}
    objected = Objection.objects.filter(employee=employee).exists()
    found = [] if objected else signals.latest([employee.pk]).get(employee.pk, [])
    return {
        "shown": True,
        "objected": objected,
        "segments": [
            {"label": signals.label_of(s), "why": signals.explain(s.segment, s.numbers)} for s in found
        ],
    }


def own_signals(*, employee: Employee) -> dict:
    found = signals.latest([employee.pk]).get(employee.pk, [])
    return {
        "segments": [
            {"label": signals.LABELS.get(s.segment, s.segment), "why": signals.explain(s.segment, s.numbers)}
            for s in found
        ],  # fmt: skip
        "objected": Objection.objects.filter(employee=employee).exists(),
    }


def self_driven_over_time(*, actor: Actor, months: int = 6) -> dict:
    """Per month: people with a self-driven signal / people with any computed activity that month."""
    from beklijf.coaching.models import SegmentSnapshot

    since = timezone.now() - dt.timedelta(days=31 * months)
    employees = access.employees_visible_to(actor)
    rows = SegmentSnapshot.objects.filter(
        employee__in=employees, computed_at__gte=since, training__isnull=True
    ).values_list("employee_id", "segment", "computed_at", "employee__team_id")
    people: dict[str, set[int]] = {}
    driven: dict[str, set[int]] = {}
    for employee_id, segment, computed_at, _team in rows:
        month = computed_at.strftime("%Y-%m")
        people.setdefault(month, set()).add(employee_id)
        if segment == "self_driven":
            driven.setdefault(month, set()).add(employee_id)
    from beklijf.practice.models import Review

    active = Review.objects.filter(employee__in=employees, answered_at__gte=since).values_list(
        "employee_id", "answered_at"
    )
    for employee_id, answered in active:
        people.setdefault(answered.strftime("%Y-%m"), set()).add(employee_id)
    keys = sorted(people)[-months:]
    width = 260 / max(1, len(keys))
    bars = []
    for i, key in enumerate(keys):
        n = len(people[key])
        share = len(driven.get(key, set())) / n if n else 0.0
        height = 160 * share
        bars.append({"label": key, "short": key[5:], "n": n, "share": share, "x": 34 + i * width,
                     "w": max(4, width - 6), "y": 170 - height, "h": height})  # fmt: skip
    this_month = keys[-1] if keys else None
    teams = []
    team_of: dict[int, set[int]] = {}
    for employee_id, team_id in employees.values_list("pk", "team_id"):
        team_of.setdefault(team_id, set()).add(employee_id)
    for team in access.teams_visible_to(actor):
        members = team_of.get(team.pk, set())
        n = len(people.get(this_month, set()) & members) if this_month else 0
        d = len(driven.get(this_month, set()) & members) if this_month else 0
        teams.append({"team": team, "n": n, "share": d / n if n else None})
    return {"months": bars, "teams": teams}
