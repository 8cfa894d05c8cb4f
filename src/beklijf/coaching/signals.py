"""Computing and explaining the coaching signals. Explanations are sentences a person can check."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beklijf.catalog.models import Training
from beklijf.coaching.activity import activities
from beklijf.coaching.models import Objection, SegmentSnapshot
from beklijf.engine import segments as engine
from beklijf.people.models import Employee, Organization
from beklijf.practice.models import MemoryState

LABELS = {
    "self_driven": gettext_lazy("Self-driven"),
    "fast_learner": gettext_lazy("Fast learner"),
    "laggard": gettext_lazy("Needs support"),
    "eager": gettext_lazy("Eager for more"),
    "dropping_off": gettext_lazy("Slowly dropping off"),
    "refuser": gettext_lazy("Not taking part"),
}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value * 100, decimal_pos=0)}%"


def explain(segment: str, numbers: dict) -> str:
    """The numbers that fired the rule, in the reader's language."""
    n = numbers
    if segment == "self_driven":
        return _("%(u)s of %(a)s answers without a reminder (%(share)s); %(on_time)s on time.") % {
            "u": n.get("unprompted_answers"), "a": n.get("answers"), "share": _pct(n.get("unprompted_share")),
            "on_time": _pct(n.get("on_time_rate"))}  # fmt: skip
    if segment == "fast_learner":
        return _("Memory grows faster than 3 in 4 colleagues; %(acc)s right the first time (n = %(n)s).") % {
            "acc": _pct(n.get("first_accuracy")), "n": n.get("first_attempts")}  # fmt: skip
    if segment == "laggard":
        text = _("%(weak)s of %(points)s learning points below 70%% (mean %(mean)s).") % {
            "weak": n.get("weak_points"), "points": n.get("points"), "mean": _pct(n.get("mean_r"))}  # fmt: skip
        if n.get("team_mean_r") is not None:
            text += " " + _("Team mean %(team)s.") % {"team": _pct(n.get("team_mean_r"))}
        return text
    if segment == "eager":
        return _("%(extra)s extra answers beyond the daily questions.") % {"extra": n.get("extra_answers")}
    if segment == "dropping_off":
        return _("On time fell from %(first)s to %(last)s over %(weeks)s weeks.") % {
            "first": _pct(n.get("first_week_rate")), "last": _pct(n.get("last_week_rate")),
            "weeks": n.get("weeks_with_data")}  # fmt: skip
    if segment == "refuser":
        if n.get("said_wont"):
            return _("Said they do not want to take part.")
        return _("%(n)s reminders in a row without a response; confirmed after a conversation.") % {
            "n": n.get("ignored_prompts")}  # fmt: skip
    return ""


def people_in_scope(organization: Organization):  # noqa: ANN201
    """Active employees who did not object (GDPR art. 21): the only people signals are computed for."""
    return (
        Employee.objects.filter(organization=organization, is_active=True)
        .exclude(pk__in=Objection.objects.values("employee"))
        .select_related("organization")
    )


@transaction.atomic
def segments_compute(*, organization: Organization, at: dt.datetime | None = None) -> int:
    """Compute today's snapshots for the organisation, overall and per training in follow-up; idempotent per
    day (a second run replaces the day's own snapshots). Thresholds: the organisation's overrides, else the
    documented defaults."""
    at = at or timezone.now()
    if not organization.signals_active:
        return 0
    people = list(people_in_scope(organization))
    thresholds = engine.Thresholds.from_dict(organization.segment_thresholds or {})
    SegmentSnapshot.objects.filter(employee__organization=organization, computed_at__date=at.date()).delete()
    followed = Training.objects.filter(
        organization=organization, learning_points__memory_states__started_at__gte=at - dt.timedelta(weeks=26)
    ).distinct()
    rows = []
    # Overall, and per training: a person can lag in Excel and lead in safety.
    for training in [None, *followed]:
        if training is None:
            cohort = people
        else:
            learners = set(
                MemoryState.objects.filter(learning_point__training=training).values_list(
                    "employee_id", flat=True
                )
            )
            cohort = [p for p in people if p.pk in learners]
        results = engine.classify_cohort(activities(employees=cohort, at=at, training=training), thresholds)
        rows += [
            SegmentSnapshot(
                employee_id=employee_id,
                training=training,
                segment=r.segment.value,
                rule=r.rule,
                numbers=r.numbers,
                period_start=r.period_start,
                period_end=r.period_end,
                computed_at=at,
            )  # fmt: skip
            for employee_id, found in results.items()
            for r in found
        ]
    SegmentSnapshot.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def latest(employee_ids) -> dict[int, list[SegmentSnapshot]]:  # noqa: ANN001
    """Each person's snapshots from their latest computation."""
    rows = list(
        SegmentSnapshot.objects.filter(employee_id__in=employee_ids)
        .select_related("training")
        .order_by("employee_id", "-computed_at", "training_id")
    )
    newest: dict[int, dt.datetime] = {}
    found: dict[int, list[SegmentSnapshot]] = {}
    for row in rows:
        newest.setdefault(row.employee_id, row.computed_at)
        if row.computed_at == newest[row.employee_id]:
            found.setdefault(row.employee_id, []).append(row)
    return found


def label_of(snapshot: SegmentSnapshot) -> str:
    """ "Needs support", or "Needs support · Excel voor gevorderden" for a training's own signal."""
    label = str(LABELS.get(snapshot.segment, snapshot.segment))
    return f"{label} · {snapshot.training.title}" if snapshot.training_id else label
