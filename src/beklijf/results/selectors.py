"""Scorecard reads: providers and trainers compared (L&D), and a provider's own scorecard, aggregated.

Sessions come from people/access.py; the maths is engine/scorecard.py (shrinkage, ranks, weight 0 for
reactions); the counts are outcomes.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beklijf.catalog.models import Provider, Trainer, Training
from beklijf.engine import scorecard as engine
from beklijf.engine.stats import MIN_ANSWERS, Proportion, proportion
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.results import outcomes
from beklijf.results.outcomes import Counts, SessionFacts

BY = ("provider", "trainer")


@dataclass
class ScoreRow:
    """One provider, trainer or training on a scorecard: the engine's row plus raw counts and intervals."""

    label: str
    score: engine.ProviderScore
    counts: Counts
    sessions: int
    learning_points: int = 0
    questions: int = 0
    follow_up_sessions: int = 0

    @property
    def retention_raw(self) -> Proportion:
        return proportion(self.counts.retention_correct, self.counts.retention_attempts)

    @property
    def application_raw(self) -> Proportion:
        return proportion(self.counts.applied, self.counts.checked)

    @property
    def application_30_raw(self) -> Proportion:
        return proportion(self.counts.applied_30, self.counts.checked_30)

    @property
    def self_application_raw(self) -> Proportion:
        return proportion(self.counts.self_applied, self.counts.self_checked)

    @property
    def too_few(self) -> bool:
        return self.score.too_few


def _group_key(fact: SessionFacts, by: str) -> int | None:
    return fact.provider_id if by == "provider" else fact.trainer_id


def _rows(
    facts: list[SessionFacts], by: str, labels: dict[int, str]
) -> tuple[engine.Scorecard, list[ScoreRow]]:
    grouped = [f for f in facts if _group_key(f, by) is not None]
    card = engine.scorecard([f.outcome(_group_key(f, by)) for f in grouped])
    counts: dict[int, Counts] = {}
    trainings: dict[int, set[int]] = {}
    follow_ups: dict[int, int] = {}
    for f in grouped:
        key = _group_key(f, by)
        follow_ups[key] = follow_ups.get(key, 0) + f.follow_up  # type: ignore[index]
        counts.setdefault(key, Counts()).add(f.counts)  # type: ignore[arg-type]
        trainings.setdefault(key, set()).add(f.training_id)  # type: ignore[arg-type]
    supplied = outcomes.support_supplied(training_ids={t for ts in trainings.values() for t in ts})
    rows = []
    for score in card.providers:
        key = score.provider_id
        rows.append(
            ScoreRow(
                label=labels.get(key, "?"),  # type: ignore[arg-type]
                score=score,
                counts=counts[key],  # type: ignore[index]
                sessions=score.sessions,
                learning_points=sum(supplied[t][0] for t in trainings[key]),  # type: ignore[index]
                questions=sum(supplied[t][1] for t in trainings[key]),  # type: ignore[index]
                follow_up_sessions=follow_ups[key],  # type: ignore[index]
            )
        )
    return card, rows


def comparison(*, actor: Actor, by: str, at: dt.datetime) -> dict:
    """Every provider (or trainer) of the organisation on one scorecard, for L&D admins."""
    if by not in BY:
        raise ValueError(by)
    facts = outcomes.session_facts(sessions=access.sessions_visible_to(actor), at=at)
    if by == "provider":
        labels = dict(access.providers_visible_to(actor).values_list("pk", "name"))
    else:
        labels = dict(
            Trainer.objects.filter(provider__in=access.providers_visible_to(actor)).values_list("pk", "name")
        )
    card, rows = _rows(facts, by, labels)
    return {"card": card, "rows": rows, "by": by}


@dataclass
class TrainingRow:
    training: Training
    counts: Counts
    sessions: int

    @property
    def too_few(self) -> bool:
        return self.counts.participants < engine.MIN_PARTICIPANTS

    @property
    def retention(self) -> Proportion:
        return proportion(self.counts.retention_correct, self.counts.retention_attempts)

    @property
    def application(self) -> Proportion:
        return proportion(self.counts.applied, self.counts.checked)

    @property
    def application_30(self) -> Proportion:
        return proportion(self.counts.applied_30, self.counts.checked_30)

    @property
    def drop_off(self) -> Proportion:
        return proportion(self.counts.dropped_off, self.counts.participants)


def provider_own(*, actor: Actor, at: dt.datetime) -> dict:
    """A provider's own scorecard: shrunk toward the organisation's mean, without names, nothing under 5.

    The organisation-wide sessions give the prior only; what is shown is the provider's own row, the
    organisation means (aggregates of every provider, never one other provider) and the provider's own
    trainings, each suppressed under MIN_PARTICIPANTS."""
    provider: Provider = actor.provider  # type: ignore[assignment]
    facts = outcomes.session_facts(sessions=access.sessions_for_aggregates(actor), at=at)
    card, rows = _rows(facts, "provider", {provider.pk: provider.name})
    own = next((r for r in rows if r.score.provider_id == provider.pk), None)
    trainings: dict[int, TrainingRow] = {}
    titles = {t.pk: t for t in access.trainings_visible_to(actor)}
    for f in facts:
        if f.provider_id == provider.pk and f.training_id in titles:
            row = trainings.setdefault(f.training_id, TrainingRow(titles[f.training_id], Counts(), 0))
            row.counts.add(f.counts)
            row.sessions += 1
    return {
        "provider": provider,
        "own": own,
        "card": card,
        "trainings": sorted(trainings.values(), key=lambda r: r.training.title),
        "min_participants": engine.MIN_PARTICIPANTS,
        "min_answers": MIN_ANSWERS,
    }
